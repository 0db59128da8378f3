"""What the candidate pipeline and the matches for a volunteer return: plain frozen dataclasses,
with no personal data (birth date, gender, nationality) in them."""

from __future__ import annotations

from dataclasses import dataclass

from volex.domain.matching.types import COMPONENTS, Phrase, ScoreComponents

from .explanations import phrases_from_json
from .models import MatchCandidate, MatchRun


def components_json(components: ScoreComponents) -> dict[str, float]:
    """Every score component and the total, rounded as they are stored and shown."""
    return {name: round(float(getattr(components, name)), 6) for name in (*COMPONENTS, "total")}


@dataclass(frozen=True)
class CandidateResult:
    volunteer_id: int
    rank: int
    score: float
    components: dict[str, float]
    explanation: str
    phrases: tuple[Phrase, ...]
    display_name: str = ""
    headline: str = ""
    eligible: bool = True

    @classmethod
    def from_model(cls, candidate: MatchCandidate) -> CandidateResult:
        volunteer = candidate.volunteer
        return cls(
            volunteer_id=candidate.volunteer_id,
            rank=candidate.rank,
            score=candidate.score,
            components=dict(candidate.components),
            explanation=candidate.explanation,
            phrases=phrases_from_json(candidate.phrases),
            display_name=volunteer.display_name,
            headline=volunteer.headline,
        )


@dataclass(frozen=True)
class MatchRunResult:
    run: MatchRun  # not saved (no pk) when a read found nothing to match: see `services`
    candidates: tuple[CandidateResult, ...]
    reused: bool = False

    @property
    def reason(self) -> str:
        return str(self.run.reason)

    @property
    def eligible_count(self) -> int:
        return int(self.run.eligible_count)


@dataclass(frozen=True)
class AssignmentMatch:
    assignment_id: int
    rank: int
    score: float
    components: dict[str, float]
    explanation: str
    phrases: tuple[Phrase, ...]
    eligible: bool = True
