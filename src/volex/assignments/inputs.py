"""The input mapping of the assignment writes, shared by the edit page and the API.

Both speak the words of the API's `AssignmentInput`: the form's cleaned data is put in those words
by `volex.assignments.forms.assignment_values`, the serializer's validated data already is. An
update keeps every field it is not given, so a form or a request that leaves a field out (the
page has no occupation field; a PATCH names one field) never erases it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

from . import services
from .models import Assignment, DutyStation
from .services import AssignmentData, LanguageNeed, SkillNeed

# Fields whose value goes to `AssignmentData` as it is, under the same name.
_PLAIN = (
    "title",
    "category",
    "sector",
    "start_date",
    "end_date",
    "positions",
    "context",
    "tasks",
    "expected_results",
    "qualifications",
    "application_deadline",
    "groups_reached",
)


def assignment_data_of(assignment: Assignment) -> AssignmentData:
    """What `assignment` says now, as a service takes it."""
    return AssignmentData(
        **{name: getattr(assignment, name) for name in _PLAIN},
        duty_station=assignment.duty_station,
        occupation_id=assignment.occupation_id,
        sdg_goal_ids=[goal.pk for goal in assignment.sdg_goals.all()],
        sdg_target_ids=[target.pk for target in assignment.sdg_targets.all()],
        skills=[
            SkillNeed(s.skill_id, s.is_required, s.min_level, s.min_years)
            for s in assignment.skills.all()
        ],
        languages=[
            LanguageNeed(lang.language_id, lang.min_level, lang.is_required)
            for lang in assignment.languages.all()
        ],
    )


def _station(values: Mapping[str, Any] | None) -> DutyStation | None:
    if not values:
        return None
    return services.duty_station_get_or_create(
        country_id=str(values["country"]).upper(),
        place=values["place"],
        hardship_class=values.get("hardship_class", "A"),
        is_family=values.get("is_family", True),
    )


def assignment_data(
    values: Mapping[str, Any], *, current: Assignment | None = None
) -> AssignmentData:
    """`AssignmentData` from `values` (the words of `AssignmentInput`). With `current`, every field
    missing from `values` keeps what `current` says; without, it takes its default."""
    given: dict[str, Any] = {name: values[name] for name in _PLAIN if name in values}
    if "duty_station" in values:
        given["duty_station"] = _station(values["duty_station"])
    if "occupation" in values:
        given["occupation_id"] = values["occupation"]
    if "sdg_goals" in values:
        given["sdg_goal_ids"] = list(values["sdg_goals"])
    if "sdg_targets" in values:
        given["sdg_target_ids"] = list(values["sdg_targets"])
    if "skills" in values:
        given["skills"] = [
            SkillNeed(
                skill_id=s["skill"],
                is_required=s.get("is_required", True),
                min_level=s.get("min_level", "intermediate"),
                min_years=s.get("min_years", 0),
            )
            for s in values["skills"]
        ]
    if "languages" in values:
        given["languages"] = [
            LanguageNeed(
                language_id=lang["language"],
                min_level=lang["min_level"],
                is_required=lang.get("is_required", True),
            )
            for lang in values["languages"]
        ]
    if current is None:
        return AssignmentData(**given)
    return dataclasses.replace(assignment_data_of(current), **given)
