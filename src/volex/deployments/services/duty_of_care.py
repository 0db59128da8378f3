"""Duty of care: the volunteer's check-ins, the risk rules run over them
(`volex.domain.duty_of_care`, thresholds from `VOLEX_DUTY_OF_CARE`) and the follow-up of the
flags they raise."""

from __future__ import annotations

from dataclasses import fields
from datetime import datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from volex.accounts.models import User
from volex.domain import duty_of_care as doc
from volex.notifications.models import Kind
from volex.notifications.services import notification_send_many

from .. import permissions, selectors
from ..errors import DeploymentError
from ..fetch import service_facts
from ..models import (
    CheckIn,
    Deployment,
    DeploymentState,
    FlagStatus,
    RiskFlag,
    RiskRule,
    Safety,
)
from ._shared import _lock, _refused, _url


def risk_config() -> doc.RiskConfig:
    """The risk thresholds, overridable with the `VOLEX_DUTY_OF_CARE` setting (a dict, from the
    environment's JSON: lists become sets, numbers the types `RiskConfig` holds)."""
    overrides = dict(settings.VOLEX_DUTY_OF_CARE)
    unknown = sorted(set(overrides) - {field.name for field in fields(doc.RiskConfig)})
    if unknown:  # refused with its name, not a TypeError on every check-in
        raise ImproperlyConfigured(f"VOLEX_DUTY_OF_CARE has unknown keys: {', '.join(unknown)}.")
    if "max_weekly_hours" in overrides:
        overrides["max_weekly_hours"] = Decimal(str(overrides["max_weekly_hours"]))
    if "hardship_classes" in overrides:
        overrides["hardship_classes"] = frozenset(overrides["hardship_classes"])
    if "enabled" in overrides:
        overrides["enabled"] = frozenset(doc.RuleCode(code) for code in overrides["enabled"])
    return doc.RiskConfig(**overrides)


@transaction.atomic
def checkin_submit(
    *,
    deployment: Deployment,
    by: User,
    wellbeing: int,
    workload: int,
    safety: str,
    note: str = "",
    wants_to_talk: bool = False,
    now: datetime | None = None,
) -> CheckIn:
    deployment = _lock(deployment)
    if not permissions.is_own(by, deployment):
        raise PermissionDenied(_("Only the volunteer checks in."))
    if not deployment.in_service:
        raise _refused(
            "wellbeing",
            _("Check-ins are for volunteers in service."),
            DeploymentError.NOT_IN_SERVICE,
        )
    errors = {}
    for field, value in (("wellbeing", wellbeing), ("workload", workload)):
        if not isinstance(value, int) or not 1 <= value <= 5:
            errors[field] = ValidationError(_("Choose a value from 1 to 5."), code="range")
    if safety not in Safety.values:
        errors["safety"] = ValidationError(_("Choose how safe you feel."), code="invalid")
    if errors:
        raise ValidationError(errors)
    checkin = CheckIn.objects.create(
        deployment=deployment,
        submitted_at=now or timezone.now(),
        wellbeing=wellbeing,
        workload=workload,
        safety=safety,
        note=note.strip(),
        wants_to_talk=wants_to_talk,
    )
    risks_evaluate(deployment=deployment, now=now)
    return checkin


def risks_evaluate(*, deployment: Deployment, now: datetime | None = None) -> list[RiskFlag]:
    """Run the risk rules over the deployment; raise (and notify) one flag per new episode."""
    now = now or timezone.now()
    deployment = Deployment.objects.select_related(
        "duty_station", "assignment__host", "volunteer__user"
    ).get(pk=deployment.pk)
    risks = doc.assess_risks(service_facts(deployment), now=now, config=risk_config())
    known = set(RiskFlag.objects.filter(deployment=deployment).values_list("rule", "evidence"))
    raised = []
    for risk in risks:
        if (str(risk.rule), risk.evidence) in known:
            continue
        try:
            with transaction.atomic():
                flag = RiskFlag.objects.create(
                    deployment=deployment,
                    rule=risk.rule,
                    evidence=risk.evidence,
                    raised_at=now,
                    details=risk.message,
                )
        except IntegrityError:  # raised by a concurrent evaluation
            continue
        raised.append(flag)
        notification_send_many(
            recipients=selectors.programme_managers(deployment.assignment),
            kind=Kind.RISK_FLAG,
            params={
                "volunteer": deployment.volunteer,
                "assignment": deployment.assignment,
                "rule": RiskRule(flag.rule).label,
                "details": flag.details,
            },
            url=_url(deployment),
        )
    return raised


def risks_sweep(*, now: datetime | None = None) -> int:
    """Evaluate every deployment in service (the silence rule needs the clock, not an event)."""
    total = 0
    for deployment in Deployment.objects.filter(state=DeploymentState.IN_SERVICE).iterator():
        with transaction.atomic():
            total += len(risks_evaluate(deployment=deployment, now=now))
    return total


@transaction.atomic
def flag_follow_up(
    *, flag: RiskFlag, by: User, notes: str, status: str = FlagStatus.FOLLOWED_UP
) -> RiskFlag:
    flag = (
        RiskFlag.objects.select_for_update(of=("self",))
        .select_related("deployment__assignment", "deployment__volunteer")
        .get(pk=flag.pk)
    )
    if not permissions.is_duty_of_care_manager(by, flag.deployment):
        raise PermissionDenied(_("Only the programme's managers follow up risk flags."))
    if status not in (FlagStatus.FOLLOWED_UP, FlagStatus.CLOSED):
        raise _refused("status", _("Choose followed up or closed."), "invalid")
    if not notes.strip():
        raise _refused("notes", _("Write what was done."), DeploymentError.REASON_REQUIRED)
    stamp = timezone.now()
    entry = f"[{stamp:%Y-%m-%d %H:%M}] {notes.strip()}"
    flag.follow_up = f"{flag.follow_up}\n{entry}".strip()
    flag.status = status
    flag.followed_up_by = by
    flag.followed_up_at = stamp
    flag.save()
    return flag
