"""Roll-calls: in an emergency, ask everyone in service in a place whether they are safe."""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from volex.accounts.models import User
from volex.notifications.models import Kind
from volex.notifications.services import notification_send

from .. import permissions, selectors
from ..models import (
    RollCall,
    RollCallAnswer,
    RollCallStatus,
)
from ._shared import _refused


@transaction.atomic
def roll_call_start(
    *,
    by: User,
    country_id: str | None = None,
    duty_station_id: int | None = None,
    peace_operation_id: int | None = None,
    message: str = "",
) -> RollCall:
    """Ask everyone in service in a country, duty station or mission whether they are safe."""
    if not permissions.can_start_roll_call(by):
        raise PermissionDenied(_("Only programme managers start a roll-call."))
    if not (country_id or duty_station_id or peace_operation_id):
        raise _refused("country", _("Choose a country, a duty station or a mission."), "required")
    deployments = list(
        selectors.deployments_in_scope(
            user=by,
            country_id=country_id,
            duty_station_id=duty_station_id,
            peace_operation_id=peace_operation_id,
        ).select_related("volunteer__user", "duty_station__country")
    )
    if not deployments:
        raise _refused("country", _("Nobody you manage is in service there."), "empty")
    roll_call = RollCall.objects.create(
        started_by=by,
        message=message.strip(),
        country_id=country_id or None,
        duty_station_id=duty_station_id or None,
        peace_operation_id=peace_operation_id or None,
    )
    answers = RollCallAnswer.objects.bulk_create(
        [RollCallAnswer(roll_call=roll_call, deployment=d) for d in deployments]
    )
    scope = str(roll_call.duty_station or roll_call.peace_operation or roll_call.country or "")
    for deployment, answer in zip(deployments, answers, strict=True):
        notification_send(
            recipient=deployment.volunteer.user,
            kind=Kind.ROLL_CALL,
            params={"scope": scope, "message": roll_call.message},
            url=reverse("deployments:roll-call-answer", args=[answer.token]),
        )
    return roll_call


@transaction.atomic
def roll_call_answer(*, token: str, answer: str, now: datetime | None = None) -> RollCallAnswer:
    """Answer from the link: the token is the volunteer's key to their own line only."""
    row = RollCallAnswer.objects.select_for_update().filter(token=token).first()
    if row is None:
        raise PermissionDenied(_("This roll-call link is not valid."))
    if answer not in RollCallStatus.values:
        raise _refused("answer", _("Answer safe or need help."), "invalid")
    row.answer = answer
    row.answered_at = now or timezone.now()
    row.save(update_fields=["answer", "answered_at"])
    return row
