"""The life of a deployment: entry on duty, extension within 24 months, the end (early, or with
the supervisor's assessment) and the end-of-service reminders. The certificate of an ended
service is `volex.deployments.certificates`."""

from __future__ import annotations

from datetime import date, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from volex.accounts.models import User
from volex.assignments.permissions import is_host_staff as is_assignment_host_staff
from volex.domain import duty_of_care as doc
from volex.domain.eligibility import last_allowed_end
from volex.notifications.models import Kind
from volex.notifications.services import notification_send_many
from volex.organizations.roles import supervised_organization_ids
from volex.selection.models import Application, Stage
from volex.volunteers.signals import announce_profile_changed

from .. import permissions, selectors
from ..errors import DeploymentError
from ..models import (
    Deployment,
    DeploymentExtension,
    DeploymentState,
    EarlyEndReason,
    PerformanceRating,
)
from ._shared import _lock, _refused, _url


@transaction.atomic
def deployment_start(
    *,
    application: Application,
    by: User,
    start_date: date | None = None,
    supervisor: User | None = None,
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
    if (
        supervisor is None
        and by is not None
        and by.is_authenticated
        and assignment.host_id in supervised_organization_ids(by)
    ):
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
    *, deployment: Deployment, by: User, new_end_date: date, reason: str = ""
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
    """The last day of an ending service; refused (`end_date`) before the entry on duty, as a
    service that has not started has nothing to end or certify."""
    today = timezone.localdate()
    if not deployment.has_started(today):
        raise _refused(
            "end_date",
            _(
                "The service starts on %(start)s and has not started yet: it cannot end before "
                "the entry on duty."
            )
            % {"start": deployment.start_date},
            DeploymentError.NOT_STARTED,
        )
    end = end_date or min(today, deployment.planned_end_date)
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
    *, deployment: Deployment, by: User, reason: str, end_date: date | None = None, note: str = ""
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
    by: User,
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
            recipients = list(selectors.programme_managers(deployment.assignment))
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
