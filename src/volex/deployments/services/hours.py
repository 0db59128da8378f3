"""Hours of service: the volunteer logs them, the supervisor approves or rejects them (one at a
time or a team's all at once). Every approval refreshes the summary (`hours_summary`) and
re-runs the risk rules (`duty_of_care`)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from volex.accounts.models import User
from volex.domain import duty_of_care as doc
from volex.notifications.models import Kind
from volex.notifications.services import notification_send

from .. import permissions
from ..errors import DeploymentError
from ..models import (
    Deployment,
    HourRecord,
    HourStatus,
    month_of,
)
from ._shared import _lock, _refused
from .duty_of_care import risks_evaluate
from .hours_summary import hours_summary_refresh


def _hours_error(violations: list[doc.HoursViolation]) -> ValidationError:
    errors: dict[str, list[ValidationError]] = {}
    for violation in violations:
        errors.setdefault(violation.field, []).append(
            ValidationError(_(violation.template) % violation.params, code=str(violation.rule))
        )
    return ValidationError(errors)


@transaction.atomic
def hours_record(
    *,
    deployment: Deployment,
    by: User,
    period_start: date,
    period_end: date,
    hours: Decimal,
    activity: str,
    isco_group_id: str | None = None,
    today: date | None = None,
) -> HourRecord:
    """The volunteer logs hours for a week (or a day); impossible entries are refused."""
    deployment = _lock(deployment)
    if not permissions.is_own(by, deployment):
        raise PermissionDenied(_("Only the volunteer logs their hours."))
    if not deployment.in_service:
        # The certificate states the approved hours of an ended service: they no longer change.
        raise _refused(
            "period_start",
            _("Hours are logged while the service lasts; this one has ended."),
            DeploymentError.NOT_IN_SERVICE,
        )
    others = HourRecord.objects.filter(deployment=deployment).exclude(status=HourStatus.REJECTED)
    violations = doc.check_hours(
        doc.HoursEntry(period_start=period_start, period_end=period_end, hours=Decimal(hours)),
        service_start=deployment.start_date,
        service_end=deployment.last_day,
        today=today or timezone.localdate(),
        other_periods=others.values_list("period_start", "period_end"),
    )
    if not activity.strip():
        violations.append(doc.HoursViolation(doc.HoursRule.NOT_POSITIVE, "activity"))
    if violations:
        error = _hours_error([v for v in violations if v.field != "activity"])
        if any(v.field == "activity" for v in violations):
            error = ValidationError(
                {
                    **error.error_dict,
                    "activity": [ValidationError(_("Describe the activity."), code="required")],
                }
            )
        raise error
    occupation = deployment.assignment.occupation
    if isco_group_id is None and occupation is not None:
        isco_group_id = occupation.isco_group_id
    return HourRecord.objects.create(
        deployment=deployment,
        period_start=period_start,
        period_end=period_end,
        hours=Decimal(hours),
        activity=activity.strip(),
        isco_group_id=isco_group_id or None,
    )


def _review_refusal(record: HourRecord) -> ValidationError | None:
    if record.status == HourStatus.APPROVED:
        return _refused("status", _("Approved hours are locked."), DeploymentError.LOCKED)
    if record.status != HourStatus.SUBMITTED:
        return _refused(
            "status",
            _("Only submitted hours can be reviewed (these are %(status)s).")
            % {"status": record.get_status_display()},
            DeploymentError.NOT_SUBMITTED,
        )
    return None


def _locked_record(record: HourRecord) -> HourRecord:
    return (
        HourRecord.objects.select_for_update(of=("self",))
        .select_related("deployment__assignment", "deployment__volunteer__user")
        .get(pk=record.pk)
    )


@transaction.atomic
def hours_approve(*, record: HourRecord, by: User, now: datetime | None = None) -> HourRecord:
    record = _locked_record(record)
    if not permissions.can_review_hours(by, record.deployment):
        raise PermissionDenied(_("You may not review these hours."))
    refusal = _review_refusal(record)
    if refusal is not None:
        raise refusal
    record.status = HourStatus.APPROVED
    record.reviewed_by = by
    record.reviewed_at = now or timezone.now()
    record.save(update_fields=["status", "reviewed_by", "reviewed_at", "updated_at"])
    hours_summary_refresh(cells=[(record.deployment_id, month_of(record.period_start))])
    risks_evaluate(deployment=record.deployment, now=now)
    return record


@transaction.atomic
def hours_reject(
    *, record: HourRecord, by: User, reason: str, now: datetime | None = None
) -> HourRecord:
    record = _locked_record(record)
    if not permissions.can_review_hours(by, record.deployment):
        raise PermissionDenied(_("You may not review these hours."))
    refusal = _review_refusal(record)
    if refusal is not None:
        raise refusal
    if not reason.strip():
        raise _refused(
            "reason", _("Say why the hours are rejected."), DeploymentError.REASON_REQUIRED
        )
    record.status = HourStatus.REJECTED
    record.rejection_reason = reason.strip()
    record.reviewed_by = by
    record.reviewed_at = now or timezone.now()
    record.save()
    notification_send(
        recipient=record.deployment.volunteer.user,
        kind=Kind.HOURS_REJECTED,
        params={
            "period": f"{record.period_start:%Y-%m-%d} – {record.period_end:%Y-%m-%d}",
            "reason": record.rejection_reason,
        },
        url=reverse("deployments:mine"),
    )
    return record


@dataclass(frozen=True)
class BulkRow:
    record_id: int
    ok: bool
    message: str = ""


class BulkRefused(Exception):
    """A bulk approval refused as a whole; `rows` says, for each record, why or that it was fine."""

    def __init__(self, rows: list[BulkRow]) -> None:
        super().__init__("bulk approval refused")
        self.rows = rows


@transaction.atomic
def hours_approve_bulk(
    *, record_ids: Iterable[int], by: User, now: datetime | None = None
) -> list[BulkRow]:
    """Approve the hours the supervisor ticked, all at once, or none: any refusal refuses all.
    An empty selection is refused by field (`record`): approving nothing is never a success."""
    ids = sorted(set(record_ids))
    if not ids:
        raise _refused("record", _("Tick the hours to approve."), DeploymentError.NOTHING_SELECTED)
    records = {
        record.pk: record
        for record in HourRecord.objects.select_for_update(of=("self",))
        .select_related("deployment__assignment", "deployment__volunteer")
        .filter(pk__in=ids)
    }
    rows: list[BulkRow] = []
    for pk in ids:
        record = records.get(pk)
        if record is None or not permissions.can_review_hours(by, record.deployment):
            rows.append(BulkRow(pk, False, _("Not found among the hours you review.")))
            continue
        refusal = _review_refusal(record)
        rows.append(BulkRow(pk, refusal is None, " ".join(refusal.messages) if refusal else ""))
    if not all(row.ok for row in rows):
        raise BulkRefused(rows)
    moment = now or timezone.now()
    HourRecord.objects.filter(pk__in=ids).update(
        status=HourStatus.APPROVED, reviewed_by=by, reviewed_at=moment, updated_at=moment
    )
    hours_summary_refresh(
        cells={(r.deployment_id, month_of(r.period_start)) for r in records.values()}
    )
    for deployment in {
        record.deployment_id: record.deployment for record in records.values()
    }.values():
        risks_evaluate(deployment=deployment, now=now)
    return rows
