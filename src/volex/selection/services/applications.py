"""A volunteer applies to an assignment, and withdraws the application."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from volex.assignments.models import Assignment, AssignmentState
from volex.assignments.permissions import host_staff_users
from volex.assignments.rules import assignment_service, ensure_rules_met, volunteer_candidate
from volex.domain.pipeline import Action, Actor
from volex.notifications.models import Kind
from volex.notifications.services import notification_send_many
from volex.volunteers.models import Volunteer

from ..errors import SelectionError
from ..models import (
    ActionChoice,
    Application,
    Invitation,
    Placement,
    Stage,
)
from .stages import (
    _advance,
    _params,
    _record,
    _refused,
    _url,
)

if TYPE_CHECKING:
    from volex.accounts.models import User


def ensure_open_for_applications(assignment: Assignment) -> None:
    """Refuse, by a `ValidationError` on `assignment`, an assignment that takes no applications:
    not published, or past its application deadline. The one rule the apply page (before and on
    posting) and the API answer with."""
    if assignment.state != AssignmentState.PUBLISHED:
        raise _refused(
            "assignment",
            _("This assignment is not open for applications."),
            SelectionError.ASSIGNMENT_NOT_OPEN,
        )
    if assignment.application_deadline and timezone.localdate() > assignment.application_deadline:
        raise _refused(
            "assignment",
            _("Applications closed on %(date)s.")
            % {"date": formats.date_format(assignment.application_deadline)},
            SelectionError.DEADLINE_PASSED,
        )


@transaction.atomic
def application_apply(
    *, volunteer: Volunteer, assignment: Assignment, motivation: str = ""
) -> Application:
    """A volunteer applies; the category rules are checked now, with their messages."""
    locked = Assignment.objects.select_for_update().get(pk=assignment.pk)
    ensure_open_for_applications(locked)
    if Application.objects.filter(assignment=locked, volunteer=volunteer).exists():
        raise _refused(
            "assignment",
            _("You have already applied to this assignment."),
            SelectionError.ALREADY_APPLIED,
        )
    volunteer = (
        Volunteer.objects.prefetch_related("nationalities", "heritage_countries")
        .select_related("user")
        .get(pk=volunteer.pk)
    )
    ensure_rules_met(assignment_service(locked), volunteer_candidate(volunteer))
    motivation = motivation.strip()
    if len(motivation) > 2000:
        raise _refused(
            "motivation",
            _("Keep the motivation under 2,000 characters."),
            "max_length",
        )
    try:
        with transaction.atomic():
            application = Application.objects.create(
                assignment=locked,
                volunteer=volunteer,
                motivation=motivation,
                invited=Invitation.objects.filter(assignment=locked, volunteer=volunteer).exists(),
            )
    except IntegrityError:
        raise _refused(
            "assignment",
            _("You have already applied to this assignment."),
            SelectionError.ALREADY_APPLIED,
        ) from None
    _record(
        application,
        action=ActionChoice.APPLY,
        from_stage="",
        to_stage=Stage.APPLIED,
        by=volunteer.user,
        actor=Actor.VOLUNTEER,
        reason=_("Applied."),
    )
    notification_send_many(
        recipients=host_staff_users(locked),
        kind=Kind.APPLICATION_RECEIVED,
        params=_params(application),
        url=_url(application),
    )
    return application


@transaction.atomic
def application_withdraw(*, application: Application, by: User, reason: str = "") -> Application:
    """The volunteer withdraws; a position they held is freed."""
    _assignment, locked = _advance(
        application=application, action=Action.WITHDRAW, by=by, reason=reason
    )
    Placement.objects.filter(application=locked).delete()
    return locked
