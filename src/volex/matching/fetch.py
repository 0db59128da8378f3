"""Fetch: volunteer profiles and assignments from the database into the engine's plain data.

Profiles load in batches (by ranges of primary keys, or by a list of ids) with one `values_list`
query per table: volunteers (with the occupation's title), nationalities, countries of heritage,
languages, skills, education, work experience, and one per registered source of committed
periods (`commitments`: deployments in service, offers accepted): nine queries per batch whatever
its size, never one per profile. The skill taxonomy is read
once (`SkillTaxonomy`) to give each skill its ESCO group and labels. The group is the skill's
broader ESCO group (`Skill.parent`): the top-level roots ("skills", "knowledge", ...) are so
broad that sharing one says nothing.

Deployments: `ProfileFacts.deployed` holds the periods a volunteer is already committed to
(`deployed_periods`), as the apps that know them register them (`commitments`): deployments in
service, to their end or planned end (`deployments`), and offers accepted but not yet started,
the assignment's dates (`selection`). The engine's "not deployed elsewhere" rule excludes a
volunteer from an assignment whose period overlaps one of them: one assignment at a time.

`profile_facts_from_orm` builds the same facts from ORM objects, row by row: it is the reference
the tests compare the batch path with, and the naive path of `bench/matching_batch.py`. Its
committed periods come from the same registered sources (for that one volunteer): matching
knows no deployment or application model to read them from otherwise.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Model, QuerySet
from django.utils import timezone, translation

from volex.assignments.models import Assignment, AssignmentLanguage, AssignmentSkill
from volex.core.choices import Sector
from volex.domain.categories import Category
from volex.domain.cefr import CEFRLevel
from volex.domain.matching.types import (
    AssignmentNeeds,
    Gender,
    LanguageNeed,
    Period,
    ProfileFacts,
    SkillFact,
    SkillNeed,
)
from volex.domain.people import sex_from_gender
from volex.reference.models import Skill
from volex.volunteers.models import (
    Education,
    EducationLevel,
    Volunteer,
    VolunteerLanguage,
    VolunteerSkill,
    WorkExperience,
)

from .commitments import VolunteerScope, committed_periods

SKILL_LEVELS = {"basic": 1, "intermediate": 2, "advanced": 3, "expert": 4}
DEFAULT_BATCH = 20_000
ID_CHUNK = 5_000  # ids per IN (...) clause


def gender_of(text: str) -> Gender | None:
    """The self-described gender reduced to what programme targets count (None: not given)."""
    return sex_from_gender(text)


def availability(start: date | None, end: date | None) -> Period | None:
    if start is None and end is None:
        return None
    return Period(start or date.min, end or date.max)


def deployed_periods(
    ids: Sequence[int] | None, lo: int = 0, hi: int = 0
) -> dict[int, tuple[Period, ...]]:
    """The periods each volunteer (of `ids`, else of the pk range lo-hi) is committed to, from
    every registered source (`commitments`): one query per source whatever the number of
    volunteers."""
    return committed_periods(VolunteerScope(ids, lo, hi))


@dataclass(frozen=True)
class SkillInfo:
    group_id: str | None
    label: str
    group_label: str
    narrower: frozenset[str] = frozenset()  # every skill below this one, at any depth


def _narrower(edges: list[tuple[int, int | None]]) -> dict[int, frozenset[str]]:
    """Skill id -> the ids (as text) of every skill below it, from (skill, parent) pairs."""
    children: dict[int, list[int]] = defaultdict(list)
    for pk, parent in edges:
        if parent is not None:
            children[parent].append(pk)
    found: dict[int, frozenset[str]] = {}

    def below(pk: int, path: frozenset[int]) -> frozenset[str]:
        if pk not in found:
            ids: set[str] = set()
            for child in children.get(pk, ()):
                if child not in path:  # a cycle in bad reference data ends here
                    ids.add(str(child))
                    ids |= below(child, path | {child})
            found[pk] = frozenset(ids)
        return found[pk]

    for pk, _parent in edges:
        below(pk, frozenset({pk}))
    return found


class SkillTaxonomy:
    """The reference skills, read once: id -> its ESCO group (parent), the skills below it and
    the labels."""

    def __init__(self) -> None:
        self._info: dict[int, SkillInfo] | None = None

    @property
    def info(self) -> dict[int, SkillInfo]:
        """Read on first use (one query), so that making a taxonomy costs nothing."""
        if self._info is None:
            rows = list(Skill.objects.values_list("pk", "parent_id", "title"))
            titles = {pk: title for pk, _parent, title in rows}
            narrower = _narrower([(pk, parent) for pk, parent, _title in rows])
            self._info = {
                pk: SkillInfo(
                    group_id=str(parent) if parent is not None else None,
                    label=title,
                    group_label=titles.get(parent, "") if parent is not None else "",
                    narrower=narrower.get(pk, frozenset()),
                )
                for pk, parent, title in rows
            }
        return self._info

    def fact(self, skill_id: int, level: str, years: float) -> SkillFact:
        info = self.info.get(skill_id) or SkillInfo(None, str(skill_id), "")
        return SkillFact(
            skill_id=str(skill_id),
            group_id=info.group_id,
            level=SKILL_LEVELS.get(level, 2),
            years=float(years),
            label=info.label,
            group_label=info.group_label,
        )

    def need(self, skill_id: int, min_level: str) -> SkillNeed:
        info = self.info.get(skill_id) or SkillInfo(None, str(skill_id), "")
        return SkillNeed(
            skill_id=str(skill_id),
            group_id=info.group_id,
            min_level=SKILL_LEVELS.get(min_level, 1),
            label=info.label,
            group_label=info.group_label,
            narrower=info.narrower,
        )


@dataclass(frozen=True)
class ProfileRecord:
    """A profile's facts for the engine, and what only the adapter uses."""

    volunteer_id: int
    facts: ProfileFacts
    categories: frozenset[str]  # the categories the volunteer chose; empty: any
    headline: str
    display_name: str


def experience_years(periods: Sequence[tuple[date, date | None]], today: date) -> float:
    """Years covered by the union of work periods (an open period runs to `today`)."""
    spans = sorted((start, min(end or today, today)) for start, end in periods)
    days = 0
    current_start: date | None = None
    current_end: date | None = None
    for start, end in spans:
        if end < start:
            continue
        if current_end is None or start > current_end:
            if current_start is not None and current_end is not None:
                days += (current_end - current_start).days
            current_start, current_end = start, end
        else:
            current_end = max(current_end, end)
    if current_start is not None and current_end is not None:
        days += (current_end - current_start).days
    return round(days / 365.25, 1)


def _education_labels() -> dict[str, str]:
    """The levels' English labels (the text an encoder reads does not depend on the visitor)."""
    with translation.override("en"):
        return {value: str(label) for value, label in EducationLevel.choices}


def _education_text(rows: Sequence[tuple[str, str]], labels: dict[str, str] | None = None) -> str:
    labels = labels or _education_labels()
    return "; ".join(f"{labels.get(level, level)}, {field}" for level, field in rows)


def _summary(headline: str, summary: str, titles: Sequence[str]) -> str:
    parts = [headline.strip(), summary.strip()]
    if titles:
        parts.append("Work experience: " + ", ".join(dict.fromkeys(titles)) + ".")
    return " ".join(p for p in parts if p)


def _related(
    model: type[Model], ids: Sequence[int] | None, lo: int, hi: int, *fields: str
) -> QuerySet[Any, Any]:
    return VolunteerScope(ids, lo, hi).filter(model.objects.values_list("volunteer_id", *fields))


def _through(field: str, ids: Sequence[int] | None, lo: int, hi: int) -> dict[int, set[str]]:
    through = getattr(Volunteer, field).through
    out: dict[int, set[str]] = defaultdict(set)
    for volunteer_id, country in _related(through, ids, lo, hi, "country_id"):
        out[volunteer_id].add(country)
    return out


_VOLUNTEER_FIELDS = (
    "pk",
    "birth_date",
    "gender",
    "residence_country_id",
    "available_from",
    "available_until",
    "consent_to_matching",
    "headline",
    "summary",
    "occupation__title",
    "eligible_categories",
    "user__first_name",
    "user__last_name",
    "user__username",
)


def _build(
    volunteers: list[tuple[Any, ...]],
    ids: Sequence[int] | None,
    taxonomy: SkillTaxonomy,
    today: date,
) -> list[ProfileRecord]:
    if not volunteers:
        return []
    lo, hi = volunteers[0][0], volunteers[-1][0]
    nationalities = _through("nationalities", ids, lo, hi)
    heritage = _through("heritage_countries", ids, lo, hi)
    languages: dict[int, dict[str, CEFRLevel]] = defaultdict(dict)
    for vid, code, level in _related(VolunteerLanguage, ids, lo, hi, "language_id", "level"):
        languages[vid][code] = CEFRLevel(level)
    skills: dict[int, list[SkillFact]] = defaultdict(list)
    for vid, skill, level, years in _related(
        VolunteerSkill, ids, lo, hi, "skill_id", "level", "years"
    ).order_by("volunteer_id", "skill_id"):
        skills[vid].append(taxonomy.fact(skill, level, years))
    education: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for vid, level, field in _related(Education, ids, lo, hi, "level", "field_of_study").order_by(
        "volunteer_id", "-year_completed", "pk"
    ):
        education[vid].append((level, field))
    work: dict[int, list[tuple[date, date | None]]] = defaultdict(list)
    titles: dict[int, list[str]] = defaultdict(list)
    for vid, title, start, end in _related(
        WorkExperience, ids, lo, hi, "title", "start_date", "end_date"
    ).order_by("volunteer_id", "-start_date", "pk"):
        work[vid].append((start, end))
        titles[vid].append(title)
    deployed = deployed_periods(ids, lo, hi)
    labels = _education_labels()
    records = []
    for row in volunteers:
        (vid, birth, gender, residence, a_from, a_until, consent, headline, summary, occupation,
         categories, first, last, username) = row  # fmt: skip
        years = experience_years(work.get(vid, ()), today)
        if not years and skills.get(vid):
            years = float(max(s.years for s in skills[vid]))
        facts = ProfileFacts(
            profile_id=str(vid),
            birth_date=birth,
            gender=gender_of(gender),
            nationalities=frozenset(nationalities.get(vid, ())),
            heritage_countries=frozenset(heritage.get(vid, ())),
            residence_country=residence,
            languages=languages.get(vid, {}),
            skills=tuple(skills.get(vid, ())),
            experience_years=years,
            available=availability(a_from, a_until),
            deployed=deployed.get(vid, ()),
            consent_to_match=bool(consent),
            occupation=occupation or "",
            education=_education_text(education.get(vid, ()), labels),
            summary=_summary(headline, summary, titles.get(vid, ())),
        )
        name = f"{first} {last}".strip() or username
        records.append(ProfileRecord(vid, facts, frozenset(categories or ()), headline, name))
    return records


def fetch_profiles(
    volunteer_ids: Iterable[int] | None = None,
    *,
    batch_size: int = DEFAULT_BATCH,
    taxonomy: SkillTaxonomy | None = None,
    today: date | None = None,
) -> Iterator[list[ProfileRecord]]:
    """Profiles in batches: every volunteer (by ranges of pk) or those of `volunteer_ids`."""
    taxonomy = taxonomy or SkillTaxonomy()
    today = today or timezone.localdate()
    if volunteer_ids is not None:
        wanted = sorted(set(volunteer_ids))
        for start in range(0, len(wanted), ID_CHUNK):
            chunk = wanted[start : start + ID_CHUNK]
            rows = list(
                Volunteer.objects.filter(pk__in=chunk)
                .order_by("pk")
                .values_list(*_VOLUNTEER_FIELDS)
            )
            yield _build(rows, chunk, taxonomy, today)
        return
    last = 0
    while True:
        rows = list(
            Volunteer.objects.filter(pk__gt=last)
            .order_by("pk")
            .values_list(*_VOLUNTEER_FIELDS)[:batch_size]
        )
        if not rows:
            return
        last = rows[-1][0]
        yield _build(rows, None, taxonomy, today)
        if len(rows) < batch_size:
            return


def fetch_profile_records(
    volunteer_ids: Iterable[int],
    *,
    taxonomy: SkillTaxonomy | None = None,
    today: date | None = None,
) -> dict[int, ProfileRecord]:
    """The records of `volunteer_ids`, by volunteer id (missing ids are left out)."""
    batches = fetch_profiles(volunteer_ids, taxonomy=taxonomy, today=today)
    return {r.volunteer_id: r for batch in batches for r in batch}


def profile_facts_from_orm(volunteer: Volunteer, today: date | None = None) -> ProfileFacts:
    """The facts of one volunteer from its ORM object and relations, row by row (reference)."""
    today = today or timezone.localdate()
    skills = []
    for entry in sorted(volunteer.skills.all(), key=lambda s: s.skill_id):
        parent = entry.skill.parent
        skills.append(
            SkillFact(
                skill_id=str(entry.skill_id),
                group_id=str(entry.skill.parent_id) if entry.skill.parent_id is not None else None,
                level=SKILL_LEVELS[entry.level],
                years=float(entry.years),
                label=entry.skill.title,
                group_label=parent.title if parent is not None else "",
            )
        )
    work = sorted(volunteer.experience.all(), key=lambda w: (w.start_date, w.pk), reverse=True)
    years = experience_years([(w.start_date, w.end_date) for w in work], today)
    if not years and skills:
        years = max(s.years for s in skills)
    education = sorted(volunteer.education.all(), key=lambda e: (-(e.year_completed or 0), e.pk))
    return ProfileFacts(
        profile_id=str(volunteer.pk),
        birth_date=volunteer.birth_date,
        gender=gender_of(volunteer.gender),
        nationalities=frozenset(c.pk for c in volunteer.nationalities.all()),
        heritage_countries=frozenset(c.pk for c in volunteer.heritage_countries.all()),
        residence_country=volunteer.residence_country_id,
        languages={
            entry.language_id: CEFRLevel(entry.level) for entry in volunteer.languages.all()
        },
        skills=tuple(skills),
        experience_years=years,
        available=availability(volunteer.available_from, volunteer.available_until),
        deployed=committed_periods(VolunteerScope([volunteer.pk])).get(volunteer.pk, ()),
        consent_to_match=volunteer.consent_to_matching,
        occupation=volunteer.occupation.title if volunteer.occupation_id else "",
        education=_education_text([(e.level, e.field_of_study) for e in education]),
        summary=_summary(volunteer.headline, volunteer.summary, [w.title for w in work]),
    )


# Assignments


def _sector_label(code: str) -> str:
    with translation.override("en"):
        return str(dict(Sector.choices).get(code, code))


_ASSIGNMENT_FIELDS = (
    "pk",
    "category",
    "duty_station__country_id",
    "start_date",
    "end_date",
    "positions",
    "title",
    "context",
    "tasks",
    "expected_results",
    "qualifications",
    "sector",
)


def fetch_assignment_needs(
    assignment_ids: Iterable[int] | None = None,
    *,
    states: Sequence[str] | None = None,
    taxonomy: SkillTaxonomy | None = None,
) -> dict[int, AssignmentNeeds]:
    """The needs of assignments (by ids, or every assignment in `states`): three queries per
    chunk of ids, whatever their number."""
    taxonomy = taxonomy or SkillTaxonomy()
    queryset = Assignment.objects.all()
    if assignment_ids is not None:
        ids = sorted(set(assignment_ids))
        chunks = [ids[i : i + ID_CHUNK] for i in range(0, len(ids), ID_CHUNK)]
    else:
        chunks = [None]
    if states is not None:
        queryset = queryset.filter(state__in=list(states))
    out: dict[int, AssignmentNeeds] = {}
    for chunk in chunks:
        rows = queryset if chunk is None else queryset.filter(pk__in=chunk)
        rows_list = list(rows.order_by("pk").values_list(*_ASSIGNMENT_FIELDS))
        if not rows_list:
            continue
        selected = [r[0] for r in rows_list] if chunk is not None else None
        skills_qs = AssignmentSkill.objects.all()
        langs_qs = AssignmentLanguage.objects.all()
        if selected is not None:
            skills_qs = skills_qs.filter(assignment_id__in=selected)
            langs_qs = langs_qs.filter(assignment_id__in=selected)
        else:
            skills_qs = skills_qs.filter(assignment__in=rows)
            langs_qs = langs_qs.filter(assignment__in=rows)
        required: dict[int, list[SkillNeed]] = defaultdict(list)
        desired: dict[int, list[SkillNeed]] = defaultdict(list)
        min_years: dict[int, float] = defaultdict(float)
        for aid, skill, is_required, level, years in skills_qs.order_by(
            "assignment_id", "skill_id"
        ).values_list("assignment_id", "skill_id", "is_required", "min_level", "min_years"):
            (required if is_required else desired)[aid].append(taxonomy.need(skill, level))
            if is_required:
                min_years[aid] = max(min_years[aid], float(years))
        languages: dict[int, list[LanguageNeed]] = defaultdict(list)
        for aid, code, level, is_required in langs_qs.order_by(
            "assignment_id", "language_id"
        ).values_list("assignment_id", "language_id", "min_level", "is_required"):
            languages[aid].append(LanguageNeed(code, CEFRLevel(level), bool(is_required)))
        for (aid, category, country, start, end, positions, title, context, tasks, results,
             qualifications, sector) in rows_list:  # fmt: skip
            description = "\n".join(
                part.strip() for part in (tasks, qualifications, results, context) if part.strip()
            )
            out[aid] = AssignmentNeeds(
                assignment_id=str(aid),
                category=Category(category),
                country=country,
                period=Period(start, max(start, end)),
                positions=positions,
                title=title,
                description=description,
                sector=_sector_label(sector),
                required_skills=tuple(required.get(aid, ())),
                desired_skills=tuple(desired.get(aid, ())),
                languages=tuple(languages.get(aid, ())),
                min_experience_years=min_years.get(aid, 0.0),
            )
    return out


def fetch_assignment(assignment_id: int, taxonomy: SkillTaxonomy | None = None) -> AssignmentNeeds:
    needs = fetch_assignment_needs([assignment_id], taxonomy=taxonomy)
    if assignment_id not in needs:
        raise Assignment.DoesNotExist(assignment_id)
    return needs[assignment_id]
