"""The service itself (domain brief, "Deployment"): the deployment and what is recorded under it.

Hour records, check-ins and results belong to one deployment; risk flags come from the pure rules
in `volex.domain.duty_of_care`; roll-calls ask everyone deployed in a place whether they are safe.
State changes only through `volex.deployments.services`.
"""

import secrets
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q, Value
from django.db.models.functions import Cast, Round
from django.utils.dates import MONTHS
from django.utils.translation import gettext_lazy as _

from volex.core.choices import LeaveNoOneBehindGroup
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


class HourStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class HourRecord(TimeStampedModel):
    """Hours worked over a period (a week, or one day for short assignments).

    Approved records are locked: services refuse to change them."""

    deployment = models.ForeignKey(
        Deployment,
        verbose_name=_("deployment"),
        on_delete=models.CASCADE,
        related_name="hour_records",
    )
    period_start = models.DateField(_("from"))
    period_end = models.DateField(_("to"))
    hours = models.DecimalField(_("hours"), max_digits=5, decimal_places=2)
    activity = models.TextField(_("activity"))
    isco_group = models.ForeignKey(
        "reference.ISCOGroup",
        verbose_name=_("occupation of the work (ISCO-08)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=HourStatus.choices,
        default=HourStatus.SUBMITTED,
        db_index=True,
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    rejection_reason = models.TextField(_("reason for rejection"), blank=True)

    class Meta:
        verbose_name = _("hour record")
        verbose_name_plural = _("hour records")
        ordering = ["-period_start", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(hours__gt=0), name="hour_record_hours_positive"),
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")),
                name="hour_record_period_ordered",
            ),
            models.CheckConstraint(
                condition=Q(status__in=HourStatus.values), name="hour_record_status_valid"
            ),
            models.CheckConstraint(
                condition=~Q(status=HourStatus.REJECTED) | ~Q(rejection_reason=""),
                name="hour_record_rejection_has_reason",
            ),
        ]
        indexes = [
            models.Index(fields=["deployment", "period_start"]),
            models.Index(fields=["status", "period_start"]),
        ]

    def __str__(self) -> str:
        return f"{self.period_start}–{self.period_end}: {self.hours} h"


def month_of(day) -> int:
    """A day's month as YYYYMM (the unit in which summary cells are refreshed)."""
    return day.year * 100 + day.month


def hundredths_of(field: str = "hours") -> Cast:
    """A column of hours (two decimals) as whole hundredths of an hour, in the database; rounded
    before the cast because SQLite holds decimals as floats (0.29 × 100 = 28.999…)."""
    return Cast(Round(F(field) * Value(Decimal(100))), models.IntegerField())


MONTH_COLUMNS = tuple(f"hundredths_{month:02d}" for month in range(1, 13))


def _month_field(month: int) -> models.PositiveIntegerField:
    return models.PositiveIntegerField(MONTHS[month], default=0)


class ApprovedHoursYear(models.Model):
    """Approved hours per (deployment, calendar year, ISCO-08 code of the record), with the
    hours of each month of the year beside the year's total: the summary the contribution
    reports read for the whole months of a period (ADR 0004) instead of the hour records. A
    record counts in the month its period starts in.

    Hours are kept in hundredths of an hour (hour records have two decimals), as integers: the
    reports sum hundreds of thousands of these rows, and integers add exactly on SQLite and
    twice as fast as decimals on PostgreSQL. One row per year, not per month, so that a report
    over a year reads a few rows per deployment whatever the number of months.

    The deployment's assignment, volunteer and duty station are copied onto the row so that a
    report groups and filters the rows without joining 250,000 deployments; whoever changes
    them on a deployment refreshes its rows (the deployment admin does).

    It lives here, beside the hour records, because the hour services maintain it in the same
    transaction as every change of which hours are approved (`services.hours_summary_refresh`);
    reports (volex.impact) only read it. Loaders that write hour records in bulk without the
    services (COPY, imports) rebuild it with `volex hours_summary_rebuild`."""

    deployment = models.ForeignKey(
        Deployment, verbose_name=_("deployment"), on_delete=models.CASCADE, related_name="+"
    )
    assignment = models.ForeignKey(
        "assignments.Assignment",
        verbose_name=_("assignment"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    volunteer = models.ForeignKey(
        "volunteers.Volunteer",
        verbose_name=_("volunteer"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    duty_station = models.ForeignKey(
        "assignments.DutyStation",
        verbose_name=_("duty station"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    isco_group = models.ForeignKey(
        "reference.ISCOGroup",
        verbose_name=_("occupation of the work (ISCO-08)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    hundredths = models.PositiveIntegerField(_("approved hours in the year (hundredths)"))
    # the year's hours by month, in hundredths: MONTH_COLUMNS
    hundredths_01 = _month_field(1)
    hundredths_02 = _month_field(2)
    hundredths_03 = _month_field(3)
    hundredths_04 = _month_field(4)
    hundredths_05 = _month_field(5)
    hundredths_06 = _month_field(6)
    hundredths_07 = _month_field(7)
    hundredths_08 = _month_field(8)
    hundredths_09 = _month_field(9)
    hundredths_10 = _month_field(10)
    hundredths_11 = _month_field(11)
    hundredths_12 = _month_field(12)

    class Meta:
        verbose_name = _("approved hours in a year")
        verbose_name_plural = _("approved hours by year")
        constraints = [
            models.UniqueConstraint(
                fields=["deployment", "year", "isco_group"],
                condition=Q(isco_group__isnull=False),
                name="approved_hours_year_unique",
            ),
            models.UniqueConstraint(
                fields=["deployment", "year"],
                condition=Q(isco_group__isnull=True),
                name="approved_hours_year_unique_no_isco",
            ),
        ]
        indexes = [models.Index(fields=["year", "assignment"], name="approved_hours_year_scope")]

    def __str__(self) -> str:
        return f"{self.year}: {self.hours} h"

    @property
    def hours(self) -> Decimal:
        return Decimal(self.hundredths) / 100


class Result(TimeStampedModel):
    """An output of the service and the people it reached."""

    deployment = models.ForeignKey(
        Deployment, verbose_name=_("deployment"), on_delete=models.CASCADE, related_name="results"
    )
    description = models.TextField(_("description"))
    output = models.CharField(_("output"), max_length=300, blank=True)
    sdg_targets = models.ManyToManyField(
        "reference.SDGTarget", verbose_name=_("SDG targets"), related_name="+", blank=True
    )
    date = models.DateField(_("date"))

    class Meta:
        verbose_name = _("result")
        verbose_name_plural = _("results")
        ordering = ["-date", "-pk"]

    def __str__(self) -> str:
        return self.output or self.description[:60]


class Sex(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")
    OTHER = "other", _("Other")
    UNKNOWN = "unknown", _("Unknown")


class AgeGroup(models.TextChoices):
    CHILDREN = "0-14", _("0–14")
    YOUTH = "15-24", _("15–24")
    ADULTS = "25-64", _("25–64")
    OLDER = "65+", _("65 and over")
    UNKNOWN = "unknown", _("Unknown")


class ResultReach(models.Model):
    """People reached by a result, in one cell of the disaggregation."""

    result = models.ForeignKey(
        Result, verbose_name=_("result"), on_delete=models.CASCADE, related_name="reach"
    )
    sex = models.CharField(_("sex"), max_length=8, choices=Sex.choices, default=Sex.UNKNOWN)
    age_group = models.CharField(
        _("age group"), max_length=8, choices=AgeGroup.choices, default=AgeGroup.UNKNOWN
    )
    with_disability = models.BooleanField(_("with a disability"), default=False)
    group = models.CharField(
        _("group left behind"), max_length=24, choices=LeaveNoOneBehindGroup.choices, blank=True
    )
    people = models.PositiveIntegerField(_("people"))

    class Meta:
        verbose_name = _("people reached")
        verbose_name_plural = _("people reached")
        constraints = [
            models.CheckConstraint(condition=Q(people__gt=0), name="result_reach_people_positive"),
            models.CheckConstraint(condition=Q(sex__in=Sex.values), name="result_reach_sex_valid"),
            models.CheckConstraint(
                condition=Q(age_group__in=AgeGroup.values), name="result_reach_age_group_valid"
            ),
            models.CheckConstraint(
                condition=Q(group="") | Q(group__in=LeaveNoOneBehindGroup.values),
                name="result_reach_group_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.people} ({self.sex}, {self.age_group})"


class Safety(models.TextChoices):
    SAFE = duty_of_care.Safety.SAFE, _("I feel safe")
    CONCERNED = duty_of_care.Safety.CONCERNED, _("I am concerned")
    UNSAFE = duty_of_care.Safety.UNSAFE, _("I feel unsafe")


class CheckIn(models.Model):
    """A periodic well-being check-in. Health and security details: personal data."""

    deployment = models.ForeignKey(
        Deployment, verbose_name=_("deployment"), on_delete=models.CASCADE, related_name="checkins"
    )
    submitted_at = models.DateTimeField(_("submitted at"), db_index=True)
    wellbeing = models.PositiveSmallIntegerField(_("well-being (1–5)"))
    workload = models.PositiveSmallIntegerField(_("workload (1–5)"))
    safety = models.CharField(_("safety"), max_length=12, choices=Safety.choices)
    note = models.TextField(_("anything else"), blank=True)
    wants_to_talk = models.BooleanField(_("I would like to talk to someone"), default=False)

    class Meta:
        verbose_name = _("check-in")
        verbose_name_plural = _("check-ins")
        ordering = ["-submitted_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(wellbeing__gte=1, wellbeing__lte=5), name="checkin_wellbeing_range"
            ),
            models.CheckConstraint(
                condition=Q(workload__gte=1, workload__lte=5), name="checkin_workload_range"
            ),
            models.CheckConstraint(
                condition=Q(safety__in=Safety.values), name="checkin_safety_valid"
            ),
        ]
        indexes = [models.Index(fields=["deployment", "-submitted_at"])]

    def __str__(self) -> str:
        return f"{self.deployment_id} @ {self.submitted_at:%Y-%m-%d}"


class RiskRule(models.TextChoices):
    LONG_HOURS = duty_of_care.RuleCode.LONG_HOURS, _("Long hours several weeks running")
    LOW_WELLBEING = duty_of_care.RuleCode.LOW_WELLBEING, _("Low well-being in a row")
    SILENCE = duty_of_care.RuleCode.SILENCE, _("No check-in at a hardship duty station")
    UNSAFE = duty_of_care.RuleCode.UNSAFE, _("Feels unsafe")


class FlagStatus(models.TextChoices):
    OPEN = "open", _("Open")
    FOLLOWED_UP = "followed_up", _("Followed up")
    CLOSED = "closed", _("Closed")


class RiskFlag(models.Model):
    """A volunteer flagged at risk by a duty-of-care rule; the programme manager follows up."""

    deployment = models.ForeignKey(
        Deployment, verbose_name=_("deployment"), on_delete=models.CASCADE, related_name="flags"
    )
    rule = models.CharField(_("rule"), max_length=24, choices=RiskRule.choices)
    raised_at = models.DateTimeField(_("raised at"), db_index=True)
    evidence = models.CharField(
        _("evidence"),
        max_length=64,
        help_text=_("What the rule saw (a week, a check-in): one flag per episode."),
    )
    details = models.TextField(_("details"), blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=FlagStatus.choices, default=FlagStatus.OPEN
    )
    follow_up = models.TextField(_("follow-up notes"), blank=True)
    followed_up_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("followed up by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    followed_up_at = models.DateTimeField(_("followed up at"), null=True, blank=True)

    class Meta:
        verbose_name = _("risk flag")
        verbose_name_plural = _("risk flags")
        ordering = ["-raised_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(rule__in=RiskRule.values), name="risk_flag_rule"),
            models.CheckConstraint(
                condition=Q(status__in=FlagStatus.values), name="risk_flag_status_valid"
            ),
            # One flag per episode: re-evaluating the rules never piles up duplicates, nor
            # reopens a flag the manager closed, even when two check-ins race.
            models.UniqueConstraint(
                fields=["deployment", "rule", "evidence"], name="risk_flag_one_per_episode"
            ),
        ]
        indexes = [models.Index(fields=["deployment", "status"])]

    def __str__(self) -> str:
        return f"{self.get_rule_display()} ({self.get_status_display()})"


class RollCall(models.Model):
    """An emergency roll-call: everyone deployed in a country, duty station or mission answers."""

    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("started by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    started_at = models.DateTimeField(_("started at"), auto_now_add=True)
    message = models.TextField(_("message"), blank=True)
    country = models.ForeignKey(
        "reference.Country",
        verbose_name=_("country"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    duty_station = models.ForeignKey(
        "assignments.DutyStation",
        verbose_name=_("duty station"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    peace_operation = models.ForeignKey(
        "reference.PeaceOperation",
        verbose_name=_("mission"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("roll-call")
        verbose_name_plural = _("roll-calls")
        ordering = ["-started_at", "-pk"]

    def __str__(self) -> str:
        return f"{_('Roll-call')} {self.started_at:%Y-%m-%d %H:%M}"


class RollCallStatus(models.TextChoices):
    SAFE = "safe", _("Safe")
    NEED_HELP = "need_help", _("Need help")


def _new_token() -> str:
    return secrets.token_urlsafe(24)


class RollCallAnswer(models.Model):
    """One volunteer's line in a roll-call; empty `answer` means not answered yet."""

    roll_call = models.ForeignKey(
        RollCall, verbose_name=_("roll-call"), on_delete=models.CASCADE, related_name="answers"
    )
    deployment = models.ForeignKey(
        Deployment, verbose_name=_("deployment"), on_delete=models.CASCADE, related_name="+"
    )
    token = models.CharField(_("token"), max_length=64, unique=True, default=_new_token)
    answer = models.CharField(
        _("answer"), max_length=12, choices=RollCallStatus.choices, blank=True
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    class Meta:
        verbose_name = _("roll-call answer")
        verbose_name_plural = _("roll-call answers")
        constraints = [
            models.UniqueConstraint(
                fields=["roll_call", "deployment"], name="roll_call_one_line_per_deployment"
            ),
            models.CheckConstraint(
                condition=Q(answer="") | Q(answer__in=RollCallStatus.values),
                name="roll_call_answer_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.deployment_id}: {self.answer or '—'}"
