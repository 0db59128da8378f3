"""Reads of the impact app: wage tables and exchange rates as the domain's lookups (one query
each), and the lists behind the pages."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import QuerySet

from volex.domain.valuation import (
    DEFAULT_BASE_CURRENCY,
    ExchangeRates,
    Money,
    WageTable,
)
from volex.domain.valuation import ExchangeRate as DomainExchangeRate
from volex.domain.valuation import (
    WageRate as DomainWageRate,
)

from .models import ExchangeRate, WageRate, WageTableImport


def wage_table(*, countries: Iterable[str] | None = None) -> WageTable:
    """The wage table (of `countries`, or all) as `volex.domain.valuation.WageTable`: one query."""
    rows = WageRate.objects.all()
    if countries is not None:
        rows = rows.filter(country_id__in=list(countries))
    return WageTable(
        DomainWageRate(
            country=country,
            isco_code=isco,
            hourly_wage=Money(wage, currency),
            year=year,
            source=source,
        )
        for country, isco, currency, wage, year, source in rows.order_by().values_list(
            "country_id", "isco_group_id", "currency", "hourly_wage", "year", "source"
        )
    )


def exchange_rates(*, base: str = DEFAULT_BASE_CURRENCY) -> ExchangeRates:
    """The exchange rates against `base`, every currency and year: one query."""
    rows = (
        ExchangeRate.objects.filter(base_currency=base)
        .order_by()
        .values_list("currency", "year", "units_per_base", "source")
    )
    return ExchangeRates(
        (
            DomainExchangeRate(currency, year, rate, base=base, source=source)
            for currency, year, rate, source in rows
        ),
        base=base,
    )


def wage_rate_list(
    *, country: str | None = None, year: int | None = None, isco: str | None = None
) -> QuerySet[WageRate]:
    """Wage rates for the list page, filtered; an ISCO code matches its group and those below."""
    rows = WageRate.objects.select_related("country", "isco_group")
    if country:
        rows = rows.filter(country_id=country)
    if year:
        rows = rows.filter(year=year)
    if isco:
        rows = rows.filter(isco_group__code__startswith=isco)
    return rows.order_by("country__name", "isco_group_id", "-year", "currency")


def wage_import_list() -> QuerySet[WageTableImport]:
    return WageTableImport.objects.select_related("uploaded_by").order_by("-created_at")


def exchange_rate_list() -> QuerySet[ExchangeRate]:
    return ExchangeRate.objects.order_by("base_currency", "currency", "-year")
