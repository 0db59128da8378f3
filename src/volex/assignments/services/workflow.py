"""The workflow of a description of assignment. Every state change is checked here, under a row
lock, so that two people acting at once get one success and one clear refusal."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..errors import AssignmentError
from ..models import (
    Assignment,
    AssignmentEvent,
    AssignmentState,
)
from ..rules import ensure_rules_met, service_facts
from ..signals import announce_assignment_changed

if TYPE_CHECKING:
    from volex.accounts.models import User


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
                country_code=locked.duty_station.country_id if locked.duty_station else None,
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
