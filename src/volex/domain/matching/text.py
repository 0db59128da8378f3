"""The text an encoder reads for a profile and for an assignment.

Both texts are built the same way, from structured fields first (occupation or title, skills with
their ESCO group labels, experience, education, languages) and the free text last, so that a
profile and an assignment about the same work share words. Labels are deduplicated and the order
is stable, so the same facts always give the same text.
"""

from __future__ import annotations

from collections.abc import Iterable

from .types import AssignmentNeeds, ProfileFacts, SkillFact, SkillNeed

_LEVELS = {1: "basic", 2: "intermediate", 3: "advanced", 4: "expert"}


def _unique(items: Iterable[str]) -> list[str]:
    kept: list[str] = []
    seen: set[str] = set()
    for item in items:
        item = " ".join(item.split())
        if item and item.lower() not in seen:
            seen.add(item.lower())
            kept.append(item)
    return kept


def _skill_labels(skills: Iterable[SkillFact | SkillNeed]) -> list[str]:
    labels: list[str] = []
    for skill in skills:
        label = skill.label or skill.skill_id
        labels.append(f"{label} ({skill.group_label})" if skill.group_label else label)
    return _unique(labels)


def _sentence(prefix: str, items: list[str]) -> str:
    return f"{prefix}: {', '.join(items)}." if items else ""


def profile_text(profile: ProfileFacts) -> str:
    """The text of a volunteer's profile: occupation, skills, experience, education, free text."""
    skills = sorted(profile.skills, key=lambda s: (-s.level, -s.years, s.label or s.skill_id))
    languages = sorted(profile.languages.items(), key=lambda item: (-item[1].rank, item[0]))
    parts = [
        f"{profile.occupation.strip()}." if profile.occupation.strip() else "",
        _sentence("Skills", _skill_labels(skills)),
        (
            f"{profile.experience_years:g} years of experience."
            if profile.experience_years > 0
            else ""
        ),
        f"Education: {profile.education.strip()}." if profile.education.strip() else "",
        _sentence("Languages", [f"{code} {level.value}" for code, level in languages]),
        " ".join(profile.summary.split()),
    ]
    return " ".join(part for part in parts if part)


def assignment_text(needs: AssignmentNeeds) -> str:
    """The text of an assignment: title, sector, required then desired skills, languages, text."""
    parts = [
        f"{needs.title.strip()}." if needs.title.strip() else "",
        f"Sector: {needs.sector.strip()}." if needs.sector.strip() else "",
        _sentence("Required skills", _skill_labels(needs.required_skills)),
        _sentence("Desired skills", _skill_labels(needs.desired_skills)),
        (
            f"{needs.min_experience_years:g} years of experience."
            if needs.min_experience_years > 0
            else ""
        ),
        _sentence("Languages", [f"{n.code} {n.min_level.value}" for n in needs.languages]),
        " ".join(needs.description.split()),
    ]
    return " ".join(part for part in parts if part)
