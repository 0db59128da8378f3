"""Writing a description of assignment (what it says, where and when) and its duty station;
every write validates before saving and announces the change."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from volex.core.choices import LeaveNoOneBehindGroup

from ..errors import AssignmentError
from ..models import (
    Assignment,
    AssignmentEvent,
    AssignmentLanguage,
    AssignmentSkill,
    AssignmentState,
    DutyStation,
)
from ..permissions import EDITABLE_STATES
from ..rules import ensure_rules_met, service_facts
from ..signals import announce_assignment_changed

if TYPE_CHECKING:
    from volex.accounts.models import User
    from volex.organizations.models import Organization


@dataclass(frozen=True)
class SkillNeed:
    skill_id: int
    is_required: bool = True
    min_level: str = "intermediate"
    min_years: int = 0


@dataclass(frozen=True)
class LanguageNeed:
    language_id: str
    min_level: str
    is_required: bool = True


@dataclass(frozen=True)
class AssignmentData:
    """Everything a description of assignment says, as a service takes it."""

    title: str
    category: str
    sector: str
    start_date: date
    end_date: date
    duty_station: DutyStation | None = None
    positions: int = 1
    context: str = ""
    tasks: str = ""
    expected_results: str = ""
    qualifications: str = ""
    occupation_id: int | None = None
    application_deadline: date | None = None
    groups_reached: Sequence[str] = ()
    sdg_goal_ids: Sequence[int] = ()
    sdg_target_ids: Sequence[str] = ()
    skills: Sequence[SkillNeed] = field(default_factory=tuple)
    languages: Sequence[LanguageNeed] = field(default_factory=tuple)


@transaction.atomic
def duty_station_get_or_create(
    *,
    country_id: str,
    place: str,
    hardship_class: str = "A",
    is_family: bool = True,
    peace_operation_id: int | None = None,
    latitude: Decimal | None = None,
    longitude: Decimal | None = None,
) -> DutyStation:
    station, created = DutyStation.objects.get_or_create(
        country_id=country_id,
        place=place.strip(),
        defaults={
            "hardship_class": hardship_class,
            "is_family": is_family,
            "peace_operation_id": peace_operation_id,
            "latitude": latitude,
            "longitude": longitude,
        },
    )
    if created:
        station.full_clean()
    return station


def _validate(data: AssignmentData) -> None:
    errors: dict[str, list[str]] = {}
    if not data.title.strip():
        errors.setdefault("title", []).append(_("A title is required."))
    if data.positions < 1:
        errors.setdefault("positions", []).append(_("An assignment has at least one position."))
    unknown = [g for g in data.groups_reached if g not in LeaveNoOneBehindGroup.values]
    if unknown:
        errors.setdefault("groups_reached", []).append(
            _("Unknown group(s): %s.") % ", ".join(unknown)
        )
    if data.application_deadline and data.application_deadline > data.start_date:
        errors.setdefault("application_deadline", []).append(
            _("The application deadline must be on or before the start date.")
        )
    if errors:
        raise ValidationError(errors)
    ensure_rules_met(
        service_facts(
            category=data.category,
            country_code=data.duty_station.country_id if data.duty_station else None,
            start_date=data.start_date,
            end_date=data.end_date,
        )
    )


def _write(assignment: Assignment, data: AssignmentData) -> Assignment:
    for name in (
        "title",
        "category",
        "sector",
        "start_date",
        "end_date",
        "duty_station",
        "positions",
        "context",
        "tasks",
        "expected_results",
        "qualifications",
        "occupation_id",
        "application_deadline",
    ):
        setattr(assignment, name, getattr(data, name))
    assignment.groups_reached = list(dict.fromkeys(data.groups_reached))
    assignment.full_clean(exclude=["host", "created_by"])
    assignment.save()
    assignment.sdg_goals.set(data.sdg_goal_ids)
    assignment.sdg_targets.set(data.sdg_target_ids)  # type: ignore[arg-type]  # str keys
    assignment.skills.all().delete()
    AssignmentSkill.objects.bulk_create(
        AssignmentSkill(
            assignment=assignment,
            skill_id=s.skill_id,
            is_required=s.is_required,
            min_level=s.min_level,
            min_years=s.min_years,
        )
        for s in data.skills
    )
    assignment.languages.all().delete()
    AssignmentLanguage.objects.bulk_create(
        AssignmentLanguage(
            assignment=assignment,
            language_id=lang.language_id,
            min_level=lang.min_level,
            is_required=lang.is_required,
        )
        for lang in data.languages
    )
    announce_assignment_changed(assignment.pk)
    return assignment


@transaction.atomic
def assignment_create(
    *, host: Organization, created_by: User | None, data: AssignmentData
) -> Assignment:
    _validate(data)
    assignment = _write(Assignment(host=host, created_by=created_by), data)
    AssignmentEvent.objects.create(
        assignment=assignment, actor=created_by, to_state=AssignmentState.DRAFT
    )
    return assignment


@transaction.atomic
def assignment_update(
    *, assignment: Assignment, data: AssignmentData, by: User | None = None
) -> Assignment:
    locked = Assignment.objects.select_for_update().get(pk=assignment.pk)
    if locked.state not in EDITABLE_STATES:
        raise ValidationError(
            {
                "state": ValidationError(
                    _("A %(state)s assignment can no longer be edited.")
                    % {"state": locked.get_state_display().lower()},
                    code=AssignmentError.NOT_EDITABLE,
                )
            }
        )
    _validate(data)
    return _write(locked, data)


@transaction.atomic
def assignment_duplicate(*, assignment: Assignment, created_by: User | None) -> Assignment:
    """A new draft with everything the original says; its title marks it as a copy."""
    original = (
        Assignment.objects.select_related("duty_station")
        .prefetch_related("skills", "languages", "sdg_goals", "sdg_targets")
        .get(pk=assignment.pk)
    )
    copy = Assignment.objects.get(pk=original.pk)
    copy.pk = None
    copy.id = None
    copy._state.adding = True
    copy.title = (_("%(title)s (copy)") % {"title": original.title})[:200]
    copy.state = AssignmentState.DRAFT
    copy.published_at = None
    copy.created_by = created_by
    copy.save()
    copy.sdg_goals.set(original.sdg_goals.all())
    copy.sdg_targets.set(original.sdg_targets.all())
    AssignmentSkill.objects.bulk_create(
        AssignmentSkill(
            assignment=copy,
            skill_id=s.skill_id,
            is_required=s.is_required,
            min_level=s.min_level,
            min_years=s.min_years,
        )
        for s in original.skills.all()
    )
    AssignmentLanguage.objects.bulk_create(
        AssignmentLanguage(
            assignment=copy,
            language_id=lang.language_id,
            min_level=lang.min_level,
            is_required=lang.is_required,
        )
        for lang in original.languages.all()
    )
    AssignmentEvent.objects.create(
        assignment=copy,
        actor=created_by,
        to_state=AssignmentState.DRAFT,
        comment=_("Duplicated from #%(pk)s.") % {"pk": original.pk},
    )
    return copy
