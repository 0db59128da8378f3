"""An offer's life: made by the host, accepted or declined by the volunteer, expired or
recalled to the volunteer by the clock."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from volex.assignments.permissions import host_staff_users
from volex.domain.pipeline import Action, Actor
from volex.notifications.models import Kind
from volex.notifications.services import (
    notification_send,
    notification_send_many,
    notifications_mark_answered,
)

from ..errors import SelectionError
from ..models import (
    Application,
    OnboardingItem,
    Placement,
    Stage,
)
from .onboarding import checklist_for
from .stages import (
    OFFER_DAYS,
    REMIND_BEFORE,
    _advance,
    _params,
    _refused,
    _url,
    _when,
)

if TYPE_CHECKING:
    from volex.accounts.models import User


@transaction.atomic
def application_offer(
    *,
    application: Application,
    by: User,
    expires_at: datetime | None = None,
    reason: str = "",
    expected: str | None = None,
) -> Application:
    """Offer the position until `expires_at` (default: 14 days from now)."""
    now = timezone.now()
    expires_at = expires_at or now + timedelta(days=OFFER_DAYS)
    if expires_at <= now:
        raise _refused(
            "expires_at",
            _("The offer must expire in the future."),
            SelectionError.INVALID_EXPIRY,
        )
    _assignment, locked = _advance(
        application=application,
        action=Action.OFFER,
        by=by,
        reason=reason,
        expected=expected,
        fields={"offered_at": now, "offer_expires_at": expires_at, "offer_reminded_at": None},
    )
    notification_send(
        recipient=locked.volunteer.user,
        kind=Kind.OFFERED,
        params=_params(locked, expires=_when(expires_at)),
        url=_url(locked),
    )
    return locked


@transaction.atomic
def application_accept(
    *, application: Application, by: User, now: datetime | None = None
) -> Application:
    """Accept an offer: takes a position (never more than the assignment has) and opens the
    onboarding checklist."""
    assignment, locked = _advance(application=application, action=Action.ACCEPT, by=by, now=now)
    used = set(Placement.objects.filter(assignment=assignment).values_list("slot", flat=True))
    slot = next(n for n in range(1, assignment.positions + 1) if n not in used)
    Placement.objects.create(assignment=assignment, application=locked, slot=slot)
    _assignment, locked = _advance(
        application=locked,
        action=Action.START_ONBOARDING,
        by=None,
        actor=Actor.SYSTEM,
        reason=_("Offer accepted: the onboarding checklist is open."),
    )
    OnboardingItem.objects.bulk_create(
        OnboardingItem(application=locked, item=item) for item in checklist_for(assignment)
    )
    notification_send_many(
        recipients=host_staff_users(assignment),
        kind=Kind.OFFER_ACCEPTED,
        params=_params(locked),
        url=_url(locked),
    )
    _offer_answered(locked)
    return locked


# The messages that asked the volunteer to accept or decline this offer.
ASKING_FOR_AN_ANSWER = (Kind.OFFERED, Kind.OFFER_EXPIRING)


def _offer_answered(application: Application) -> None:
    """The offer's messages said "please accept or decline": once answered they are marked read,
    so the inbox no longer counts them as a pending request."""
    notifications_mark_answered(
        recipient=application.volunteer.user, kinds=ASKING_FOR_AN_ANSWER, url=_url(application)
    )


@transaction.atomic
def application_decline(*, application: Application, by: User, reason: str = "") -> Application:
    locked = _advance(application=application, action=Action.DECLINE, by=by, reason=reason)[1]
    _offer_answered(locked)
    return locked


@transaction.atomic
def application_expire_offer(
    *, application: Application, now: datetime | None = None
) -> Application:
    _assignment, locked = _advance(
        application=application,
        action=Action.EXPIRE,
        by=None,
        actor=Actor.SYSTEM,
        reason=_("The offer was neither accepted nor declined in time."),
        now=now,
    )
    notification_send(
        recipient=locked.volunteer.user,
        kind=Kind.OFFER_EXPIRED,
        params=_params(locked, expires=_when(locked.offer_expires_at)),
        url=_url(locked),
    )
    return locked


def offers_sweep(*, now: datetime | None = None) -> tuple[int, int]:
    """Expire offers past their date and remind volunteers of offers about to expire.
    Returns (expired, reminded). Run it every hour (`volex selection_sweep`)."""
    now = now or timezone.now()
    expired = 0
    for application in Application.objects.filter(stage=Stage.OFFERED, offer_expires_at__lte=now):
        try:
            application_expire_offer(application=application, now=now)
            expired += 1
        except ValidationError:
            continue  # accepted or declined meanwhile
    reminded = 0
    due = Application.objects.filter(
        stage=Stage.OFFERED,
        offer_expires_at__gt=now,
        offer_expires_at__lte=now + REMIND_BEFORE,
        offer_reminded_at__isnull=True,
    ).select_related("assignment__host", "volunteer__user")
    for application in due:
        with transaction.atomic():
            updated = Application.objects.filter(
                pk=application.pk, stage=Stage.OFFERED, offer_reminded_at__isnull=True
            ).update(offer_reminded_at=now)
            if updated:
                notification_send(
                    recipient=application.volunteer.user,
                    kind=Kind.OFFER_EXPIRING,
                    params=_params(application, expires=_when(application.offer_expires_at)),
                    url=_url(application),
                )
                reminded += 1
    return expired, reminded
