"""Writes for duty stations and assignments. Every state change is checked here, under a row
lock, so that two people acting at once get one success and one clear refusal."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from volex.core.choices import LeaveNoOneBehindGroup

from .errors import AssignmentError
from .models import (
    Assignment,
    AssignmentEvent,
    AssignmentLanguage,
    AssignmentSkill,
    AssignmentState,
    DutyStation,
)
from .permissions import EDITABLE_STATES
from .rules import ensure_rules_met, service_facts
from .signals import announce_assignment_changed

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
    assignment.sdg_targets.set(data.sdg_target_ids)
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


S = AssignmentState
# The workflow of a description of assignment:
# draft → submitted → (returned → submitted)* → approved → published → closed | filled | cancelled.
TRANSITIONS: dict[str, frozenset[str]] = {
    S.DRAFT: frozenset({S.SUBMITTED, S.CANCELLED}),
    S.SUBMITTED: frozenset({S.APPROVED, S.RETURNED, S.CANCELLED}),
    S.RETURNED: frozenset({S.SUBMITTED, S.CANCELLED}),
    S.APPROVED: frozenset({S.PUBLISHED, S.CANCELLED}),
    S.PUBLISHED: frozenset({S.CLOSED, S.FILLED, S.CANCELLED}),
    S.CLOSED: frozenset({S.FILLED, S.CANCELLED}),
    S.FILLED: frozenset(),
    S.CANCELLED: frozenset(),
}
# A supervisor writes while the description is a draft or was returned; once published it can
# still be corrected (typos, a later deadline) by its own staff.


@transaction.atomic
def _transition(
    *,
    assignment: Assignment,
    to: str,
    expected: str | None = None,
    by: User | None = None,
    comment: str = "",
) -> Assignment:
    locked = Assignment.objects.select_for_update().get(pk=assignment.pk)
    if expected is not None and locked.state != expected:
        raise ValidationError(
            {
                "state": ValidationError(
                    _("Someone else changed this assignment first: it is now %(state)s.")
                    % {"state": locked.get_state_display().lower()},
                    code=AssignmentError.STALE,
                )
            }
        )
    if to not in TRANSITIONS[locked.state]:
        raise ValidationError(
            {
                "state": ValidationError(
                    _("A %(from)s assignment cannot become %(to)s.")
                    % {
                        "from": locked.get_state_display().lower(),
                        "to": AssignmentState(to).label.lower(),
                    },
                    code=AssignmentError.ILLEGAL_TRANSITION,
                )
            }
        )
    if to in (AssignmentState.SUBMITTED, AssignmentState.PUBLISHED):
        ensure_rules_met(
            service_facts(
                category=locked.category,
                country_code=locked.duty_station.country_id if locked.duty_station_id else None,
                start_date=locked.start_date,
                end_date=locked.end_date,
            )
        )
    if to == AssignmentState.PUBLISHED:
        locked.published_at = timezone.now()
    AssignmentEvent.objects.create(
        assignment=locked, actor=by, from_state=locked.state, to_state=to, comment=comment
    )
    locked.state = to
    locked.save(update_fields=["state", "published_at", "updated_at"])
    announce_assignment_changed(locked.pk)
    return locked


def assignment_submit(
    *,
    assignment: Assignment,
    by: User | None = None,
    comment: str = "",
    expected: str | None = None,
) -> Assignment:
    """A supervisor sends the description to the programme for approval."""
    return _transition(
        assignment=assignment, to=S.SUBMITTED, expected=expected, by=by, comment=comment
    )


def assignment_return(
    *, assignment: Assignment, by: User | None = None, comment: str, expected: str | None = None
) -> Assignment:
    """A programme manager sends the description back with what to change."""
    if not comment.strip():
        raise ValidationError(
            {
                "comment": ValidationError(
                    _("Say what should change before returning the assignment."),
                    code=AssignmentError.COMMENT_REQUIRED,
                )
            }
        )
    return _transition(
        assignment=assignment, to=S.RETURNED, expected=expected, by=by, comment=comment
    )


@transaction.atomic
def assignment_approve(
    *,
    assignment: Assignment,
    by: User | None = None,
    comment: str = "",
    publish: bool = True,
    expected: str | None = None,
) -> Assignment:
    """A programme manager approves the description; approved assignments are published
    at once unless `publish=False` (then `assignment_publish` does it later)."""
    approved = _transition(
        assignment=assignment, to=S.APPROVED, expected=expected, by=by, comment=comment
    )
    if publish:
        return _transition(assignment=approved, to=S.PUBLISHED, by=by)
    return approved


def assignment_publish(
    *, assignment: Assignment, expected: str | None = None, by: User | None = None
) -> Assignment:
    return _transition(assignment=assignment, to=S.PUBLISHED, expected=expected, by=by)


def assignment_close(
    *, assignment: Assignment, expected: str | None = None, by: User | None = None
) -> Assignment:
    return _transition(assignment=assignment, to=S.CLOSED, expected=expected, by=by)


def assignment_mark_filled(
    *, assignment: Assignment, expected: str | None = None, by: User | None = None
) -> Assignment:
    return _transition(assignment=assignment, to=S.FILLED, expected=expected, by=by)


def assignment_cancel(
    *,
    assignment: Assignment,
    expected: str | None = None,
    by: User | None = None,
    comment: str = "",
) -> Assignment:
    return _transition(
        assignment=assignment, to=S.CANCELLED, expected=expected, by=by, comment=comment
    )


@transaction.atomic
def assignment_fast_track(*, assignment: Assignment, by: User | None = None) -> Assignment:
    """Submit, approve and publish a draft in one go (demo data, tests and imports)."""
    submitted = assignment_submit(assignment=assignment, by=by)
    return assignment_approve(assignment=submitted, by=by)
