"""Hours of volunteer work: the records volunteers log, and the yearly summary reports read."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q, Value
from django.db.models.functions import Cast, Round
from django.utils.dates import MONTHS
from django.utils.translation import gettext_lazy as _

from volex.core.models import TimeStampedModel

from .service import Deployment


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
