"""The host's decisions on an application: longlist, shortlist, assess, prefer, reject."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from volex.domain.pipeline import Action
from volex.notifications.models import Kind
from volex.notifications.services import notification_send

from ..errors import SelectionError
from ..models import (
    Application,
    Assessment,
    AssessmentKind,
)
from .stages import (
    _advance,
    _params,
    _url,
)

if TYPE_CHECKING:
    from volex.accounts.models import User


def application_longlist(
    *,
    application: Application,
    by: User,
    reason: str = "",
    expected: str | None = None,
) -> Application:
    return _advance(
        application=application, action=Action.LONGLIST, by=by, reason=reason, expected=expected
    )[1]


@transaction.atomic
def application_shortlist(
    *,
    application: Application,
    by: User,
    reason: str = "",
    expected: str | None = None,
) -> Application:
    _assignment, locked = _advance(
        application=application, action=Action.SHORTLIST, by=by, reason=reason, expected=expected
    )
    notification_send(
        recipient=locked.volunteer.user,
        kind=Kind.SHORTLISTED,
        params=_params(locked),
        url=_url(locked),
    )
    return locked


@transaction.atomic
def application_assess(
    *,
    application: Application,
    by: User,
    kind: str,
    score: int,
    notes: str = "",
    assessed_on: date | None = None,
    expected: str | None = None,
) -> Assessment:
    """Record an interview, a test or a desk review (score 0-100) and mark the stage assessed."""
    errors = {}
    if kind not in AssessmentKind.values:
        errors["kind"] = ValidationError(
            _("Choose interview, test or desk review."), code="invalid"
        )
    if not isinstance(score, int) or not 0 <= score <= 100:
        errors["score"] = ValidationError(
            _("The score is a whole number from 0 to 100."), code=SelectionError.INVALID_SCORE
        )
    if errors:
        raise ValidationError(errors)
    label = AssessmentKind(kind).label
    _assignment, locked = _advance(
        application=application,
        action=Action.ASSESS,
        by=by,
        reason=_("%(kind)s, score %(score)s.") % {"kind": label, "score": score},
        expected=expected,
    )
    return Assessment.objects.create(
        application=locked,
        kind=kind,
        score=score,
        notes=notes.strip(),
        assessed_on=assessed_on or timezone.localdate(),
        assessed_by=by,
    )


def application_prefer(
    *,
    application: Application,
    by: User,
    reason: str = "",
    expected: str | None = None,
) -> Application:
    return _advance(
        application=application, action=Action.PREFER, by=by, reason=reason, expected=expected
    )[1]


@transaction.atomic
def application_reject(
    *,
    application: Application,
    by: User,
    reason: str = "",
    expected: str | None = None,
) -> Application:
    _assignment, locked = _advance(
        application=application, action=Action.REJECT, by=by, reason=reason, expected=expected
    )
    notification_send(
        recipient=locked.volunteer.user,
        kind=Kind.NOT_SELECTED,
        params=_params(locked, message=reason),
        url=_url(locked),
    )
    return locked
