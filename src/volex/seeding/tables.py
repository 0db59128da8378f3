"""The tables a seeding run writes, with the columns it fills, taken from the models."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache


@dataclass(frozen=True)
class Table:
    name: str
    columns: tuple[str, ...]
    model: type

    def check(self) -> None:
        known = {f.column for f in self.model._meta.concrete_fields}
        missing = set(self.columns) - known
        if missing:
            raise LookupError(f"{self.name} has no column {sorted(missing)}")


def _table(model: type, *columns: str) -> Table:
    table = Table(model._meta.db_table, columns, model)
    table.check()
    return table


@cache
def tables() -> dict[str, Table]:
    from django.contrib.auth import get_user_model

    from volex.assignments.models import Assignment, AssignmentLanguage, AssignmentSkill
    from volex.volunteers.models import (
        Education,
        Volunteer,
        VolunteerLanguage,
        VolunteerSkill,
        WorkExperience,
    )

    timestamps = ("created_at", "updated_at")
    return {
        "user": _table(
            get_user_model(), "id", "password", "last_login", "is_superuser", "username",
            "first_name", "last_name", "email", "is_staff", "is_active", "date_joined",
            "preferred_language",
        ),
        "volunteer": _table(
            Volunteer, "id", *timestamps, "user_id", "birth_date", "gender",
            "residence_country_id", "headline", "summary", "occupation_id", "sectors",
            "eligible_categories", "available_from", "available_until", "consent_to_matching",
            "consent_to_matching_at", "consent_data_processing_at",
        ),
        "nationality": _table(Volunteer.nationalities.through, "volunteer_id", "country_id"),
        "heritage": _table(Volunteer.heritage_countries.through, "volunteer_id", "country_id"),
        "language": _table(VolunteerLanguage, "volunteer_id", "language_id", "level"),
        "skill": _table(VolunteerSkill, "volunteer_id", "skill_id", "level", "years"),
        "education": _table(
            Education, "volunteer_id", "level", "field_of_study", "institution", "year_completed"
        ),
        "experience": _table(
            WorkExperience, "volunteer_id", "title", "employer", "occupation_id", "country_id",
            "start_date", "end_date", "description",
        ),
        "assignment": _table(
            Assignment, "id", *timestamps, "created_by_id", "host_id", "title", "context",
            "tasks", "expected_results", "qualifications", "duty_station_id", "category",
            "positions", "start_date", "end_date", "sector", "occupation_id", "groups_reached",
            "state", "published_at", "application_deadline",
        ),
        "assignment_goal": _table(Assignment.sdg_goals.through, "assignment_id", "sdggoal_id"),
        "assignment_target": _table(
            Assignment.sdg_targets.through, "assignment_id", "sdgtarget_id"
        ),
        "assignment_skill": _table(
            AssignmentSkill, "assignment_id", "skill_id", "is_required", "min_level", "min_years"
        ),
        "assignment_language": _table(
            AssignmentLanguage, "assignment_id", "language_id", "min_level", "is_required"
        ),
    }  # fmt: skip
