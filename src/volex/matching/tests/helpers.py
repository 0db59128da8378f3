"""Test data for the matching tests, made through the real services where they exist."""

from __future__ import annotations

from datetime import date

from volex.assignments import services as assignment_services
from volex.assignments.models import AssignmentSkill
from volex.assignments.tests.factories import AssignmentFactory
from volex.reference.models import Skill
from volex.volunteers import services as volunteer_services
from volex.volunteers.tests.factories import VolunteerFactory


def skills(n: int) -> list[Skill]:
    """`n` skills from different ESCO groups, each with a sibling in its group."""
    chosen, roots = [], set()
    for skill in Skill.objects.filter(level__gte=2, root__isnull=False).order_by("pk"):
        if skill.root_id in roots:
            continue
        if not Skill.objects.filter(root_id=skill.root_id).exclude(pk=skill.pk).exists():
            continue
        roots.add(skill.root_id)
        chosen.append(skill)
        if len(chosen) == n:
            return chosen
    raise AssertionError("not enough skills in the reference data")


def sibling(skill: Skill) -> Skill:
    return Skill.objects.filter(root_id=skill.root_id, level__gte=2).exclude(pk=skill.pk).first()


def volunteer(*, skill_levels=(), languages=(), **kwargs):
    """A volunteer (factory) with skills [(skill, level, years)] and languages [(code, level)]."""
    made = VolunteerFactory(**kwargs)
    if skill_levels:
        volunteer_services.volunteer_skills_set(
            volunteer=made,
            skills=[
                volunteer_services.SkillEntry(s.pk, level, years)
                for s, level, years in skill_levels
            ],
        )
    if languages:
        volunteer_services.volunteer_languages_set(
            volunteer=made,
            languages=[volunteer_services.LanguageEntry(code, level) for code, level in languages],
        )
    return made


def assignment(*, host, required=(), desired=(), languages=(), publish=True, positions=1, **kwargs):
    """An assignment (factory) asking for `required` / `desired` skills (at intermediate)."""
    made = AssignmentFactory(host=host, publish=False, languages=languages, **kwargs)
    if positions != 1:  # the factory always makes one position
        type(made).objects.filter(pk=made.pk).update(positions=positions)
        made.refresh_from_db()
    for skill in required:
        AssignmentSkill.objects.create(assignment=made, skill=skill, is_required=True)
    for skill in desired:
        AssignmentSkill.objects.create(assignment=made, skill=skill, is_required=False)
    if publish:
        made = assignment_services.assignment_fast_track(assignment=made)
    return made


OLD = date(1940, 1, 1)
