"""The deployment itself: entry on duty to the end of service, and its extensions."""

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from volex.core.models import TimeStampedModel
from volex.domain import duty_of_care
from volex.domain.service import last_day_of_service


class DeploymentState(models.TextChoices):
    IN_SERVICE = "in_service", _("In service")
    ENDED = "ended", _("Ended")
    ENDED_EARLY = "ended_early", _("Ended early")


class EarlyEndReason(models.TextChoices):
    RESIGNATION = "resignation", _("Resignation")
    MEDICAL = "medical", _("Medical")
    SECURITY_EVACUATION = "security_evacuation", _("Security evacuation")
    MISCONDUCT = "misconduct", _("Misconduct")
    PROGRAMME_ENDED = "programme_ended", _("Programme ended")


class PerformanceRating(models.TextChoices):
    OUTSTANDING = "outstanding", _("Outstanding")
    FULLY_MET = "fully_met", _("Fully met expectations")
    PARTLY_MET = "partly_met", _("Partly met expectations")
    NOT_MET = "not_met", _("Did not meet expectations")


class Deployment(TimeStampedModel):
    """A volunteer's service on an assignment, from entry on duty to the end of assignment."""

    application = models.OneToOneField(
        "selection.Application",
        verbose_name=_("application"),
        on_delete=models.PROTECT,
        related_name="deployment",
    )
    volunteer = models.ForeignKey(
        "volunteers.Volunteer",
        verbose_name=_("volunteer"),
        on_delete=models.PROTECT,
        related_name="deployments",
    )
    assignment = models.ForeignKey(
        "assignments.Assignment",
        verbose_name=_("assignment"),
        on_delete=models.PROTECT,
        related_name="deployments",
    )
    supervisor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("supervisor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="supervised_deployments",
    )
    duty_station = models.ForeignKey(
        "assignments.DutyStation",
        verbose_name=_("duty station"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="deployments",
        help_text=_("Empty for online service."),
    )
    start_date = models.DateField(_("entry on duty"))
    planned_end_date = models.DateField(_("planned end date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)
    state = models.CharField(
        _("state"),
        max_length=16,
        choices=DeploymentState.choices,
        default=DeploymentState.IN_SERVICE,
        db_index=True,
    )
    early_end_reason = models.CharField(
        _("reason for the early end"), max_length=24, choices=EarlyEndReason.choices, blank=True
    )
    end_note = models.TextField(_("note on the end of service"), blank=True)
    performance_rating = models.CharField(
        _("performance"), max_length=16, choices=PerformanceRating.choices, blank=True
    )
    performance_assessment = models.TextField(_("performance assessment"), blank=True)
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assessed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reminders_sent = models.JSONField(
        _("end-of-service reminders sent"),
        default=list,
        blank=True,
        help_text=_("Days before the end for which a reminder was sent (90, 60, 15)."),
    )
    checkin_interval_days = models.PositiveSmallIntegerField(
        _("check-in every (days)"), default=duty_of_care.DEFAULT_CHECKIN_INTERVAL_DAYS
    )

    class Meta:
        verbose_name = _("deployment")
        verbose_name_plural = _("deployments")
        ordering = ["-start_date", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(state__in=DeploymentState.values), name="deployment_state_valid"
            ),
            models.CheckConstraint(
                condition=Q(planned_end_date__gte=F("start_date")),
                name="deployment_planned_end_after_start",
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="deployment_end_after_start",
            ),
            models.CheckConstraint(
                condition=Q(state=DeploymentState.IN_SERVICE, end_date__isnull=True)
                | (~Q(state=DeploymentState.IN_SERVICE) & Q(end_date__isnull=False)),
                name="deployment_end_date_matches_state",
            ),
            models.CheckConstraint(
                condition=(Q(state=DeploymentState.ENDED_EARLY) & ~Q(early_end_reason=""))
                | (~Q(state=DeploymentState.ENDED_EARLY) & Q(early_end_reason="")),
                name="deployment_early_end_has_reason",
            ),
        ]
        indexes = [
            models.Index(fields=["state", "duty_station"]),
            models.Index(fields=["volunteer", "state"]),
        ]

    def __str__(self) -> str:
        return f"{self.volunteer} – {self.assignment}"

    @property
    def last_day(self) -> date:
        """The last day of service: the actual end once ended, else the planned end."""
        return last_day_of_service(planned_end=self.planned_end_date, end=self.end_date)

    @property
    def in_service(self) -> bool:
        """Hours and check-ins are taken while the service lasts (`hours_record`,
        `checkin_submit`); the pages offer them on the same condition."""
        return self.state == DeploymentState.IN_SERVICE

    def has_started(self, today: date | None = None) -> bool:
        """True from the entry on duty on. Before it the service can be neither ended nor
        certified (`deployment_end_early`, `deployment_complete`, `certifiable`)."""
        return (today or timezone.localdate()) >= self.start_date

    @property
    def certifiable(self) -> bool:
        """An ended service that has started: a certificate states service that took place."""
        return self.state != DeploymentState.IN_SERVICE and self.has_started()


class DeploymentExtension(models.Model):
    """One extension of a deployment: the history of its planned end date."""

    deployment = models.ForeignKey(
        Deployment,
        verbose_name=_("deployment"),
        on_delete=models.CASCADE,
        related_name="extensions",
    )
    previous_end_date = models.DateField(_("previous end date"))
    new_end_date = models.DateField(_("new end date"))
    reason = models.TextField(_("reason"), blank=True)
    extended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("extended by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        verbose_name = _("extension")
        verbose_name_plural = _("extensions")
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(new_end_date__gt=F("previous_end_date")),
                name="extension_moves_end_later",
            )
        ]

    def __str__(self) -> str:
        return f"{self.previous_end_date} → {self.new_end_date}"
