"""Plain data that crosses the boundary of the matching engine (frozen dataclasses)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from ..categories import Category
from ..cefr import CEFRLevel
from ..eligibility import Candidate, Service
from ..people import Sex


class MatchingInputError(ValueError):
    """Input the engine cannot match on (an empty assignment, contradictory targets...)."""


# Programme targets count genders the way reports do: one reduction, in `volex.domain.people`.
Gender = Sex


@dataclass(frozen=True)
class Period:
    """Days of service or of availability, both ends included."""

    start: date
    end: date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise MatchingInputError(f"period ends ({self.end}) before it starts ({self.start})")

    def overlaps(self, other: Period) -> bool:
        return self.start <= other.end and other.start <= self.end

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


@dataclass(frozen=True)
class SkillFact:
    """A skill of a volunteer: a taxonomy id, its group (ESCO skill group), level 1-4, years."""

    skill_id: str
    group_id: str | None = None
    level: int = 2  # 1 basic, 2 intermediate, 3 advanced, 4 expert
    years: float = 0.0
    label: str = ""
    group_label: str = ""


@dataclass(frozen=True)
class SkillNeed:
    """A skill an assignment asks for, at a minimum level (1-4). `narrower`: the skills below it
    in the taxonomy, any of which shows it (ESCO: a need for the group "working with computers"
    is met by "accessing and analysing digital data", one of its skills)."""

    skill_id: str
    group_id: str | None = None
    min_level: int = 1
    label: str = ""
    group_label: str = ""
    narrower: frozenset[str] = frozenset()

    def is_shown_by(self, skill_id: str) -> bool:
        """Whether holding `skill_id` shows this skill: it is this skill or one below it."""
        return skill_id == self.skill_id or skill_id in self.narrower

    @property
    def name(self) -> str:
        return self.label or self.skill_id


@dataclass(frozen=True)
class LanguageNeed:
    """A language an assignment asks for; a required one filters, a desired one scores."""

    code: str
    min_level: CEFRLevel
    required: bool = True


@dataclass(frozen=True)
class ProfileFacts:
    """What the engine knows about one volunteer's profile."""

    profile_id: str
    birth_date: date | None = None
    gender: Gender | None = None
    nationalities: frozenset[str] = frozenset()
    heritage_countries: frozenset[str] = frozenset()
    residence_country: str | None = None
    languages: Mapping[str, CEFRLevel] = field(default_factory=dict)
    skills: tuple[SkillFact, ...] = ()
    experience_years: float = 0.0
    available: Period | None = None  # None: no window given, treated as always available
    deployed: tuple[Period, ...] = ()  # deployments accepted or under way
    consent_to_match: bool = False
    occupation: str = ""
    education: str = ""
    summary: str = ""  # free text written by the volunteer

    @property
    def candidate(self) -> Candidate:
        """The facts the category rules look at (`volex.domain.eligibility`)."""
        return Candidate(
            birth_date=self.birth_date,
            nationalities=self.nationalities,
            heritage_countries=self.heritage_countries,
            residence_country=self.residence_country,
        )


@dataclass(frozen=True)
class AssignmentNeeds:
    """What an assignment asks for."""

    assignment_id: str
    category: Category
    country: str | None
    period: Period
    positions: int = 1
    title: str = ""
    description: str = ""
    sector: str = ""
    required_skills: tuple[SkillNeed, ...] = ()
    desired_skills: tuple[SkillNeed, ...] = ()
    languages: tuple[LanguageNeed, ...] = ()
    min_experience_years: float = 0.0

    @property
    def service(self) -> Service:
        return Service(self.category, self.country, self.period.start, self.period.end)

    @property
    def is_empty(self) -> bool:
        """Nothing to match on: no skill and no text."""
        no_text = not (self.title.strip() or self.description.strip())
        return no_text and not self.required_skills and not self.desired_skills


@dataclass(frozen=True)
class MatchWeights:
    """Weights of the score components, set per programme; the total is their weighted mean."""

    semantic: float = 0.35
    required_skills: float = 0.30
    desired_skills: float = 0.10
    languages: float = 0.10
    experience: float = 0.05
    preference: float = 0.10
    group_credit: float = 0.5  # credit for a skill of the same ESCO group as the one required
    experience_target_years: float = 5.0  # years that give full credit when none is required

    def __post_init__(self) -> None:
        values = self.as_dict()
        if any(v < 0 for v in values.values()) or sum(values.values()) <= 0:
            raise MatchingInputError("weights must be non-negative and not all zero")
        if not 0.0 <= self.group_credit <= 1.0:
            raise MatchingInputError("group_credit must be between 0 and 1")
        if self.experience_target_years <= 0:
            raise MatchingInputError("experience_target_years must be positive")

    def as_dict(self) -> dict[str, float]:
        """The component weights by component name (the order of `COMPONENTS`)."""
        return {name: float(getattr(self, name)) for name in COMPONENTS}


COMPONENTS = (
    "semantic",
    "required_skills",
    "desired_skills",
    "languages",
    "experience",
    "preference",
)


@dataclass(frozen=True)
class ScoreComponents:
    """One candidate's score: every component in [0, 1] and their weighted mean."""

    semantic: float
    required_skills: float
    desired_skills: float
    languages: float
    experience: float
    preference: float
    total: float


@dataclass(frozen=True)
class Phrase:
    """A sentence of an explanation: an English template (marked for translation) and params."""

    template: str
    params: Mapping[str, object] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return self.template % dict(self.params)


@dataclass(frozen=True)
class Explanation:
    """Why a profile ranks where it does (or why it is excluded), in words."""

    profile_id: str
    eligible: bool
    components: ScoreComponents | None
    phrases: tuple[Phrase, ...]

    @property
    def text(self) -> str:
        return "; ".join(phrase.text for phrase in self.phrases)
