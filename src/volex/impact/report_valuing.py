"""Valuing a report's grouped hours (ADR 0004): the full valuation of the totals through the
pure `volex.domain.valuation` (replacement cost), each wage looked up once per country,
occupation and year, then the breakdowns' values added exactly in integers and rounded once per
row; FTE over the scope's period and basis."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.utils.translation import gettext as _

from volex.domain.valuation import (
    MissingExchangeRateError,
    Money,
    Valuation,
    WorkHours,
    replacement_cost,
)

from . import selectors
from .report_scope import ReportScope

FTE_PLACES = Decimal("0.01")

# (country of service, ISCO-08 code, year): what a wage is looked up by
Cell = tuple[str | None, str | None, int]
# (breakdown key, country, ISCO-08 code, year, hours): what the totals' valuation values
HoursRow = tuple[object, str | None, str | None, int, Decimal]
# (breakdown key, country, ISCO-08 code, year, hundredths of an hour): what a tally adds up
HundredthsRow = tuple[Any, str | None, str | None, int, int]


def hours_of(hundredths: int) -> Decimal:
    """Hours from hundredths of an hour (what the statements add up)."""
    return Decimal(hundredths).scaleb(-2)


class Valuer:
    """Values hours: the full valuation (lines, fallbacks, rates used) of the totals through the
    domain's `replacement_cost`, and the hourly rate in the report's currency of each (country,
    ISCO-08 code, year) for the breakdowns, each looked up once per report."""

    def __init__(self, scope: ReportScope, countries: set[str]) -> None:
        self.wages = selectors.wage_table(countries=countries)
        currencies = {rate.hourly_wage.currency for rate in self.wages}
        self.currency = scope.currency or (currencies.pop() if len(currencies) == 1 else "USD")
        self.rates = selectors.exchange_rates()
        self.error = ""

    def value(self, grouped: Iterable[HoursRow]) -> Valuation | None:
        """The full valuation of the totals: rows (key, country, code, year, hours)."""
        work = [
            WorkHours(hours=h, country=c, year=int(y), isco_code=i, group=k)
            for k, c, i, y, h in grouped
            if h > 0 and c
        ]
        try:
            return replacement_cost(
                work, wages=self.wages, currency=self.currency, exchange_rates=self.rates
            )
        except MissingExchangeRateError as error:
            self._missing(error)
            return None

    def hourly(self, valuation: Valuation) -> Wages:
        """The hourly wage in the report's currency of each (country, code, year) that the
        totals' valuation matched (cells it could not value are absent)."""
        found: dict[Cell, Decimal] = {}
        for line in valuation.lines:
            work = line.work
            wage = self.rates.convert(line.hourly_wage, to=self.currency, year=work.year)
            found[(work.country, work.isco_code, work.year)] = wage.amount
        return Wages(found)

    def _missing(self, error: MissingExchangeRateError) -> None:
        self.error = _(
            "No value: wages in %(source)s cannot be added to %(target)s without an "
            "exchange rate for %(year)s. Enter the rate, or report in %(source)s."
        ) % {"source": error.currency, "target": error.to, "year": error.year}


class Wages:
    """Hourly wages per (country, code, year) as integers in units of 10^-places, so that
    the per-row products and sums are plain (exact) integer arithmetic."""

    def __init__(self, wages: dict[Cell, Decimal]) -> None:
        exponents = [wage.normalize().as_tuple().exponent for wage in wages.values()]
        self.places = max([0, *(-e for e in exponents if isinstance(e, int))])
        self.scaled = {cell: int(wage.scaleb(self.places)) for cell, wage in wages.items()}

    def amount(self, scaled_hundredths: int | None) -> Decimal | None:
        """A sum of hundredths × scaled wage as an amount."""
        if scaled_hundredths is None:
            return None
        return Decimal(scaled_hundredths).scaleb(-self.places - 2)


NO_WAGES = Wages({})


class Tally:
    """Hours (hundredths) and their value (hundredths × scaled hourly wage, `Wages`) per key
    of a breakdown; values are added exactly and rounded once per key when the row is built."""

    def __init__(self) -> None:
        self.hours: dict[object, int] = {}
        self.value: dict[object, int] = {}

    @classmethod
    def of(cls, rows: Iterable[HundredthsRow], wages: Wages) -> Tally:
        """Rows (key, country, code, year, hundredths) as a tally by key: the one loop over
        the grouped rows, so kept plain."""
        tally = cls()
        hours, value = tally.hours, tally.value
        hours_get, value_get, wage_of = hours.get, value.get, wages.scaled.get
        for key, c, i, y, h in rows:
            hours[key] = hours_get(key, 0) + h
            wage = wage_of((c, i, y))
            if wage is not None:
                value[key] = value_get(key, 0) + wage * h
        return tally

    def rolled_up(self, keys_of: Callable[[Any], Iterable[object]]) -> Tally:
        """The tally by other keys: `keys_of(key)` gives the keys a key counts under."""
        rolled = Tally()
        hours, value = rolled.hours, rolled.value
        for key, hundredths in self.hours.items():
            amount = self.value.get(key)
            for other in keys_of(key):
                hours[other] = hours.get(other, 0) + hundredths
                if amount is not None:
                    value[other] = value.get(other, 0) + amount
        return rolled


def fte(hours: Decimal, scope: ReportScope, years: Decimal | None = None) -> Decimal:
    """Full-time equivalents of `hours` over the scope's period (or `years`) and basis."""
    years = scope.period_years if years is None else years
    return (hours / (scope.basis.hours * years)).quantize(FTE_PLACES, rounding=ROUND_HALF_UP)


def money(value: int | None, wages: Wages, currency: str, valued: bool) -> Money | None:
    """A row's value: its exact sum of hundredths × scaled wage, rounded once; None when the
    report could not value (a missing rate), zero when nothing of it had a wage."""
    if not valued:
        return None
    if value is None:
        return Money.zero(currency)
    return Money(wages.amount(value), currency).rounded()
