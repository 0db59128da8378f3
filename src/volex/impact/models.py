"""Wage tables and exchange rates that value volunteer hours (ILO replacement-cost method), and
the record of each wage-table import. The valuation itself is pure: `volex.domain.valuation`."""

from decimal import Decimal

import pycountry
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from volex.core.models import TimeStampedModel
from volex.domain.valuation import minor_units

#: the years a wage or exchange rate may be for
MIN_YEAR = 1950
MAX_YEAR = 2100


def validate_currency(value: str) -> None:
    """An ISO 4217 alphabetic code that pycountry knows."""
    if not isinstance(value, str) or pycountry.currencies.get(alpha_3=value) is None:
        raise ValidationError(
            _("%(value)s is not an ISO 4217 currency code."),
            code="bad_currency",
            params={"value": value},
        )


def _currency_field(verbose_name, **kwargs) -> models.CharField:
    return models.CharField(
        verbose_name,
        max_length=3,
        validators=[validate_currency],
        help_text=_("ISO 4217 code, for example USD, KES or XAF."),
        **kwargs,
    )


def _year_field() -> models.PositiveSmallIntegerField:
    return models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(MIN_YEAR), MaxValueValidator(MAX_YEAR)]
    )


class WageRate(TimeStampedModel):
    """The hourly wage of a paid worker in an ISCO-08 group (at any level) in a country and year;
    with no group, the country's default wage, used when no occupational wage fits."""

    country = models.ForeignKey(
        "reference.Country",
        verbose_name=_("country"),
        on_delete=models.PROTECT,
        related_name="wage_rates",
    )
    isco_group = models.ForeignKey(
        "reference.ISCOGroup",
        verbose_name=_("ISCO-08 group"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="wage_rates",
        help_text=_("Any level, from a major group to a unit group. Empty: the country default."),
    )
    currency = _currency_field(_("currency"))
    hourly_wage = models.DecimalField(_("hourly wage"), max_digits=14, decimal_places=4)
    year = _year_field()
    source = models.CharField(
        _("source"), max_length=255, help_text=_("Where the figure comes from, for reports.")
    )
    wage_import = models.ForeignKey(
        "impact.WageTableImport",
        verbose_name=_("import"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="wage_rates",
        help_text=_("The import that last wrote this row."),
    )

    class Meta:
        ordering = ["country_id", "isco_group_id", "-year", "currency"]
        verbose_name = _("wage rate")
        verbose_name_plural = _("wage rates")
        constraints = [
            models.UniqueConstraint(
                fields=["country", "isco_group", "currency", "year"],
                name="impact_wagerate_unique_group_currency_year",
            ),
            # NULLs are distinct in a unique constraint: the country default needs its own
            models.UniqueConstraint(
                fields=["country", "currency", "year"],
                condition=Q(isco_group__isnull=True),
                name="impact_wagerate_unique_default_currency_year",
            ),
            models.CheckConstraint(
                condition=Q(hourly_wage__gt=Decimal(0)), name="impact_wagerate_wage_positive"
            ),
            models.CheckConstraint(
                condition=Q(year__gte=MIN_YEAR, year__lte=MAX_YEAR),
                name="impact_wagerate_year_range",
            ),
        ]

    @property
    def hourly_wage_text(self) -> str:
        """The wage to the currency's minor unit, without the code: "27.20", "9,500" (UGX)."""
        places = minor_units(self.currency)
        return f"{self.hourly_wage.quantize(Decimal(1).scaleb(-places)):,.{places}f}"

    def __str__(self) -> str:
        group = self.isco_group_id or _("default")
        return f"{self.country_id} {group} {self.year}: {self.hourly_wage} {self.currency}"


class ExchangeRate(TimeStampedModel):
    """`units_per_base` units of `currency` buy one unit of `base_currency` over `year` (an
    annual average, as the World Bank's "official exchange rate, LCU per US$")."""

    currency = _currency_field(_("currency"))
    base_currency = _currency_field(_("base currency"), default="USD")
    year = _year_field()
    units_per_base = models.DecimalField(
        _("units per base unit"),
        max_digits=20,
        decimal_places=8,
        help_text=_("How many units of the currency one unit of the base currency buys."),
    )
    source = models.CharField(_("source"), max_length=255)

    class Meta:
        ordering = ["base_currency", "currency", "-year"]
        verbose_name = _("exchange rate")
        verbose_name_plural = _("exchange rates")
        constraints = [
            models.UniqueConstraint(
                fields=["currency", "base_currency", "year"],
                name="impact_exchangerate_unique_currency_base_year",
            ),
            models.CheckConstraint(
                condition=Q(units_per_base__gt=Decimal(0)), name="impact_exchangerate_positive"
            ),
            models.CheckConstraint(
                condition=~Q(currency=F("base_currency")), name="impact_exchangerate_not_self"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year}: {self.units_per_base} {self.currency} / {self.base_currency}"


class ImportStatus(models.TextChoices):
    SUCCEEDED = "succeeded", _("Succeeded")
    FAILED = "failed", _("Failed")


class WageTableImport(TimeStampedModel):
    """One upload of a wage table: who, when, which file, and its per-row report. A failed import
    is recorded too, with no wage saved."""

    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    file_name = models.CharField(_("file name"), max_length=255)
    rows = models.PositiveIntegerField(_("rows"), default=0)
    created = models.PositiveIntegerField(_("rows created"), default=0)
    updated = models.PositiveIntegerField(_("rows updated"), default=0)
    status = models.CharField(_("status"), max_length=10, choices=ImportStatus.choices)
    report = models.JSONField(
        _("report"),
        default=list,
        blank=True,
        help_text=_('One entry per problem: {"row", "field", "code", "message", "value"}.'),
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("wage table import")
        verbose_name_plural = _("wage table imports")
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=ImportStatus.values), name="impact_wageimport_status_valid"
            )
        ]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.get_status_display()})"
