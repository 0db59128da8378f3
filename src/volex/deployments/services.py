"""Every change to a deployment and what is recorded under it: atomic, validated, row-locked.

Rules come from `volex.domain` (the 24-month limit, the hour checks, the risk rules); this module
loads the facts, applies the rules, saves and notifies.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from volex.assignments.permissions import is_host_staff as is_assignment_host_staff
from volex.domain import duty_of_care as doc
from volex.domain.eligibility import last_allowed_end
from volex.notifications.models import Kind
from volex.notifications.services import notification_send, notification_send_many
from volex.organizations.models import Membership, MembershipRole
from volex.selection.models import Application, Stage
from volex.volunteers.signals import announce_profile_changed

from . import permissions, selectors
from .errors import DeploymentError
from .fetch import service_facts
from .models import (
    MONTH_COLUMNS,
    ApprovedHoursYear,
    CheckIn,
    Deployment,
    DeploymentExtension,
    DeploymentState,
    EarlyEndReason,
    FlagStatus,
    HourRecord,
    HourStatus,
    PerformanceRating,
    Result,
    ResultReach,
    RiskFlag,
    RiskRule,
    RollCall,
    RollCallAnswer,
    RollCallStatus,
    Safety,
    month_of,
)


def _refused(field: str, message: str, code: DeploymentError | str) -> ValidationError:
    return ValidationError({field: ValidationError(message, code=str(code))})


def _lock(deployment: Deployment) -> Deployment:
    return (
        Deployment.objects.select_for_update(of=("self",))
        .select_related("assignment", "volunteer", "duty_station")
        .get(pk=deployment.pk)
    )


def risk_config() -> doc.RiskConfig:
    """The risk thresholds, overridable with the `VOLEX_DUTY_OF_CARE` setting (a dict)."""
    overrides = dict(settings.VOLEX_DUTY_OF_CARE)
    if "max_weekly_hours" in overrides:
        overrides["max_weekly_hours"] = Decimal(str(overrides["max_weekly_hours"]))
    if "hardship_classes" in overrides:
        overrides["hardship_classes"] = frozenset(overrides["hardship_classes"])
    return doc.RiskConfig(**overrides)


def programme_managers(assignment):
    """Active programme managers of the host organization or of an organization above it."""
    from volex.accounts.models import User

    organization_ids = []
    organization = assignment.host
    while organization is not None:
        organization_ids.append(organization.pk)
        organization = organization.parent
    return User.objects.filter(
        pk__in=Membership.objects.filter(
            organization_id__in=organization_ids, role=MembershipRole.PROGRAMME_MANAGER
        ).values("user_id"),
        is_active=True,
    )


def _url(deployment: Deployment) -> str:
    return reverse("deployments:detail", args=[deployment.pk])


# --- Lifecycle -------------------------------------------------------------------------------


@transaction.atomic
def deployment_start(
    *,
    application: Application,
    by,
    start_date: date | None = None,
    supervisor=None,
) -> Deployment:
    """Entry on duty: a ready application becomes a deployment in service."""
    application = (
        Application.objects.select_for_update(of=("self",))
        .select_related("assignment", "assignment__host", "volunteer")
        .get(pk=application.pk)
    )
    assignment = application.assignment
    if not is_assignment_host_staff(by, assignment):
        raise PermissionDenied(_("You may not start this deployment."))
    if Deployment.objects.filter(application=application).exists():
        raise _refused(
            "application",
            _("This volunteer has already entered on duty."),
            DeploymentError.ALREADY_DEPLOYED,
        )
    if application.stage != Stage.READY:
        raise _refused(
            "application",
            _(
                "Only an application ready for entry on duty can start a deployment (it is %(stage)s)."
            )
            % {"stage": application.get_stage_display()},
            DeploymentError.NOT_READY,
        )
    if Deployment.objects.filter(
        volunteer=application.volunteer, state=DeploymentState.IN_SERVICE
    ).exists():
        raise _refused(
            "application",
            _("The volunteer is already in service on another assignment."),
            DeploymentError.IN_SERVICE_ELSEWHERE,
        )
    start = start_date or max(timezone.localdate(), assignment.start_date)
    planned_end = min(assignment.end_date, last_allowed_end(start))
    if planned_end < start:
        raise _refused(
            "start_date",
            _("The entry on duty must be on or before the end of the assignment (%(end)s).")
            % {"end": assignment.end_date},
            DeploymentError.END_OUT_OF_SERVICE,
        )
    if supervisor is None and by is not None and by.is_authenticated:
        from volex.organizations.roles import supervised_organization_ids

        if assignment.host_id in supervised_organization_ids(by):
            supervisor = by
    deployment = Deployment.objects.create(
        application=application,
        volunteer=application.volunteer,
        assignment=assignment,
        supervisor=supervisor,
        duty_station=assignment.duty_station,
        start_date=start,
        planned_end_date=planned_end,
    )
    _service_changed(deployment)
    return deployment


def _service_changed(deployment: Deployment) -> None:
    """The period the volunteer is committed to changed: matching reloads their facts (one
    assignment at a time, `matching.fetch.deployed_periods`) once this commits."""
    announce_profile_changed(deployment.volunteer_id)


@transaction.atomic
def deployment_extend(
    *, deployment: Deployment, by, new_end_date: date, reason: str = ""
) -> Deployment:
    """Move the planned end later, within 24 months of service in total."""
    deployment = _lock(deployment)
    if not permissions.can_manage_lifecycle(by, deployment):
        raise PermissionDenied(_("You may not extend this deployment."))
    if deployment.state != DeploymentState.IN_SERVICE:
        raise _refused(
            "new_end_date",
            _("Only a deployment in service can be extended."),
            DeploymentError.NOT_IN_SERVICE,
        )
    if new_end_date <= deployment.planned_end_date:
        raise _refused(
            "new_end_date",
            _("The new end date must be after the planned end (%(end)s).")
            % {"end": deployment.planned_end_date},
            DeploymentError.NOT_LATER,
        )
    limit = last_allowed_end(deployment.start_date)
    if new_end_date > limit:
        raise _refused(
            "new_end_date",
            _(
                "An assignment lasts at most 24 months, extensions included: the service that "
                "started on %(start)s can be extended to %(limit)s at the latest."
            )
            % {"start": deployment.start_date, "limit": limit},
            DeploymentError.BEYOND_24_MONTHS,
        )
    DeploymentExtension.objects.create(
        deployment=deployment,
        previous_end_date=deployment.planned_end_date,
        new_end_date=new_end_date,
        reason=reason.strip(),
        extended_by=by,
    )
    deployment.planned_end_date = new_end_date
    deployment.reminders_sent = []
    deployment.save(update_fields=["planned_end_date", "reminders_sent", "updated_at"])
    _service_changed(deployment)
    return deployment


def _end_date(deployment: Deployment, end_date: date | None) -> date:
    end = end_date or min(timezone.localdate(), deployment.planned_end_date)
    if end < deployment.start_date or end > deployment.planned_end_date:
        raise _refused(
            "end_date",
            _("The end date must fall within the service, from %(start)s to %(end)s.")
            % {"start": deployment.start_date, "end": deployment.planned_end_date},
            DeploymentError.END_OUT_OF_SERVICE,
        )
    return end


@transaction.atomic
def deployment_end_early(
    *, deployment: Deployment, by, reason: str, end_date: date | None = None, note: str = ""
) -> Deployment:
    deployment = _lock(deployment)
    if not permissions.can_manage_lifecycle(by, deployment):
        raise PermissionDenied(_("You may not end this deployment."))
    if deployment.state != DeploymentState.IN_SERVICE:
        raise _refused(
            "reason", _("The deployment has already ended."), DeploymentError.NOT_IN_SERVICE
        )
    if reason not in EarlyEndReason.values:
        raise _refused(
            "reason", _("Choose the reason for the early end."), DeploymentError.REASON_REQUIRED
        )
    deployment.end_date = _end_date(deployment, end_date)
    deployment.state = DeploymentState.ENDED_EARLY
    deployment.early_end_reason = reason
    deployment.end_note = note.strip()
    deployment.save()
    _service_changed(deployment)
    return deployment


@transaction.atomic
def deployment_complete(
    *,
    deployment: Deployment,
    by,
    rating: str,
    assessment: str,
    end_date: date | None = None,
) -> Deployment:
    """End of assignment, with the supervisor's performance assessment."""
    deployment = _lock(deployment)
    if not permissions.can_review_hours(by, deployment):
        raise PermissionDenied(_("Only the supervisor may assess and end this assignment."))
    if deployment.state != DeploymentState.IN_SERVICE:
        raise _refused(
            "assessment", _("The deployment has already ended."), DeploymentError.NOT_IN_SERVICE
        )
    errors = {}
    if rating not in PerformanceRating.values:
        errors["rating"] = ValidationError(_("Choose a rating."), code="required")
    if not assessment.strip():
        errors["assessment"] = ValidationError(
            _("Write the performance assessment."), code="required"
        )
    if errors:
        raise ValidationError(errors)
    deployment.end_date = _end_date(deployment, end_date)
    deployment.state = DeploymentState.ENDED
    deployment.performance_rating = rating
    deployment.performance_assessment = assessment.strip()
    deployment.assessed_by = by
    deployment.save()
    _service_changed(deployment)
    return deployment


def deployment_reminders_send(*, today: date | None = None) -> int:
    """Remind the supervisor and the programme managers 90, 60 and 15 days before the end."""
    today = today or timezone.localdate()
    sent = 0
    horizon = today + timedelta(days=max(doc.REMINDER_DAYS))
    candidates = Deployment.objects.filter(
        state=DeploymentState.IN_SERVICE, planned_end_date__lte=horizon
    ).values_list("pk", flat=True)
    for pk in candidates:
        with transaction.atomic():
            deployment = (
                Deployment.objects.select_for_update(of=("self",))
                .select_related("assignment__host", "volunteer__user", "supervisor")
                .get(pk=pk)
            )
            due = doc.reminders_due(
                planned_end=deployment.planned_end_date,
                today=today,
                already_sent=deployment.reminders_sent,
            )
            if not due:
                continue
            recipients = list(programme_managers(deployment.assignment))
            if deployment.supervisor is not None:
                recipients.append(deployment.supervisor)
            notification_send_many(
                recipients=recipients,
                kind=Kind.SERVICE_ENDING,
                params={
                    "volunteer": deployment.volunteer,
                    "assignment": deployment.assignment,
                    "end": deployment.planned_end_date,
                    "days": (deployment.planned_end_date - today).days,
                },
                url=_url(deployment),
            )
            deployment.reminders_sent = sorted({*deployment.reminders_sent, *due})
            deployment.save(update_fields=["reminders_sent"])
            sent += 1
    return sent


# --- Hours -----------------------------------------------------------------------------------


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
    by,
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
    if isco_group_id is None and deployment.assignment.occupation_id:
        isco_group_id = deployment.assignment.occupation.isco_group_id
    return HourRecord.objects.create(
        deployment=deployment,
        period_start=period_start,
        period_end=period_end,
        hours=Decimal(hours),
        activity=activity.strip(),
        isco_group_id=isco_group_id or None,
    )


# --- The summary of approved hours (ADR 0004) -----------------------------------------------
# `ApprovedHoursYear` holds the approved hours per (deployment, year the record's period starts
# in, ISCO-08 code of the record), by month, in hundredths of an hour. Every change of which
# hours are approved recomputes the (deployment, year) rows it touches from the records,
# set-based, in the same transaction: the summary is exact by construction (no running
# increments to drift). `hours_summary_rebuild` recomputes it all.

SUMMARY_COLUMNS = (
    "deployment_id", "assignment_id", "volunteer_id", "duty_station_id", "year", "isco_group_id",
    "hundredths", *MONTH_COLUMNS,
)  # fmt: skip


def _summary_insert(records: QuerySet[HourRecord]) -> None:
    sql, params = selectors.approved_hours_by_year(records).query.sql_with_params()
    table = connection.ops.quote_name(ApprovedHoursYear._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {table} ({', '.join(SUMMARY_COLUMNS)}) {sql}", params)


@transaction.atomic(savepoint=False)
def hours_summary_refresh(*, cells: Iterable[tuple[int, int]]) -> None:
    """Recompute the summary for the cells (deployment id, YYYYMM month) whose hours changed:
    the (deployment, year) rows holding them, from the hour records, with one DELETE and one
    INSERT … SELECT whatever the number of cells. Call it inside the transaction that changed
    the records (it joins it); it locks the deployments so that concurrent refreshes of a row
    queue and each sees the records the other committed."""
    by_year: dict[int, set[int]] = {}
    for deployment_id, month in cells:
        by_year.setdefault(month // 100, set()).add(deployment_id)
    if not by_year:
        return
    _lock_deployments(set().union(*by_year.values()))
    in_summary, in_records = Q(), Q()
    for year, ids in sorted(by_year.items()):
        in_summary |= Q(year=year, deployment_id__in=sorted(ids))
        in_records |= Q(
            period_start__gte=date(year, 1, 1),
            period_start__lt=date(year + 1, 1, 1),
            deployment_id__in=sorted(ids),
        )
    ApprovedHoursYear.objects.filter(in_summary).delete()
    _summary_insert(HourRecord.objects.filter(in_records))


@transaction.atomic(savepoint=False)
def hours_summary_refresh_deployments(*, deployment_ids: Iterable[int]) -> None:
    """Recompute every summary row of these deployments: after a change of what the rows copy
    from them (assignment, volunteer, duty station)."""
    ids = sorted(set(deployment_ids))
    if not ids:
        return
    _lock_deployments(ids)
    ApprovedHoursYear.objects.filter(deployment_id__in=ids).delete()
    _summary_insert(HourRecord.objects.filter(deployment_id__in=ids))


def _lock_deployments(ids: Iterable[int]) -> None:
    list(
        Deployment.objects.select_for_update()
        .filter(pk__in=sorted(ids))
        .order_by("pk")
        .values_list("pk", flat=True)
    )


@transaction.atomic
def hours_summary_rebuild() -> int:
    """Recompute the whole summary from the hour records (after bulk loads that bypass the
    services: COPY, imports, the benchmark); returns its number of rows."""
    ApprovedHoursYear.objects.all().delete()
    _summary_insert(HourRecord.objects.all())
    return ApprovedHoursYear.objects.count()


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
def hours_approve(*, record: HourRecord, by, now: datetime | None = None) -> HourRecord:
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
def hours_reject(*, record: HourRecord, by, reason: str, now: datetime | None = None) -> HourRecord:
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

    def __init__(self, rows: list[BulkRow]):
        super().__init__("bulk approval refused")
        self.rows = rows


@transaction.atomic
def hours_approve_bulk(
    *, record_ids: Iterable[int], by, now: datetime | None = None
) -> list[BulkRow]:
    """Approve a supervisor's team's hours all at once, or none: any refusal refuses all."""
    ids = sorted(set(record_ids))
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
    if not ids or not all(row.ok for row in rows):
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


# --- Results ---------------------------------------------------------------------------------


@transaction.atomic
def result_record(
    *,
    deployment: Deployment,
    by,
    description: str,
    date: date,
    output: str = "",
    sdg_target_codes: Iterable[str] = (),
    reach: Iterable[Mapping[str, object]] = (),
) -> Result:
    deployment = _lock(deployment)
    if not (permissions.is_own(by, deployment) or permissions.can_review_hours(by, deployment)):
        raise PermissionDenied(_("You may not record results for this service."))
    if not description.strip():
        raise _refused("description", _("Describe the result."), "required")
    if date < deployment.start_date or date > max(deployment.last_day, timezone.localdate()):
        raise _refused(
            "date",
            _("The date must fall within the service, from %(start)s.")
            % {"start": deployment.start_date},
            DeploymentError.END_OUT_OF_SERVICE,
        )
    rows = [
        ResultReach(
            sex=row.get("sex") or "unknown",
            age_group=row.get("age_group") or "unknown",
            with_disability=bool(row.get("with_disability")),
            group=row.get("group") or "",
            people=int(row.get("people") or 0),
        )
        for row in reach
    ]
    for index, row in enumerate(rows):
        try:
            row.full_clean(exclude=["result"])
        except ValidationError as error:
            raise ValidationError(
                {f"reach[{index}].{field}": errs for field, errs in error.error_dict.items()}
            ) from None
        if row.people <= 0:
            raise _refused(f"reach[{index}].people", _("Count at least one person."), "min")
    result = Result.objects.create(
        deployment=deployment,
        description=description.strip(),
        output=output.strip(),
        date=date,
    )
    codes = list(sdg_target_codes)
    if codes:
        from volex.reference.models import SDGTarget

        found = list(SDGTarget.objects.filter(code__in=codes))
        if len(found) != len(set(codes)):
            raise _refused("sdg_targets", _("Unknown SDG target."), "invalid")
        result.sdg_targets.set(found)
    for row in rows:
        row.result = result
    ResultReach.objects.bulk_create(rows)
    return result


# --- Check-ins and risk flags ----------------------------------------------------------------


@transaction.atomic
def checkin_submit(
    *,
    deployment: Deployment,
    by,
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
    if deployment.state != DeploymentState.IN_SERVICE:
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
            recipients=programme_managers(deployment.assignment),
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
    *, flag: RiskFlag, by, notes: str, status: str = FlagStatus.FOLLOWED_UP
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


# --- Roll-calls ------------------------------------------------------------------------------


@transaction.atomic
def roll_call_start(
    *,
    by,
    country_id: str | None = None,
    duty_station_id: int | None = None,
    peace_operation_id: int | None = None,
    message: str = "",
) -> RollCall:
    """Ask everyone in service in a country, duty station or mission whether they are safe."""
    from .selectors import deployments_in_scope

    if not permissions.can_start_roll_call(by):
        raise PermissionDenied(_("Only programme managers start a roll-call."))
    if not (country_id or duty_station_id or peace_operation_id):
        raise _refused("country", _("Choose a country, a duty station or a mission."), "required")
    deployments = list(
        deployments_in_scope(
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
