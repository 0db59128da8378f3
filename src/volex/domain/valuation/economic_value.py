"""The economic value of volunteer work, the ILO way.

`replacement_cost` values each hour at the market wage of a paid worker doing the same work
(the ISCO-08 occupation of the work, in the country of service: ILO Manual on the Measurement of
Volunteer Work, 2011, ch. 5); `opportunity_cost` values it at the volunteer's own wage, the
alternative view. Both return a `Valuation` that keeps every line, the wage and the fallback it
used, the exchange rates it used and the hours it could not value, so that a report can state its
basis. Amounts stay exact until `Valuation.total` rounds once to the currency's minor unit.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from .fte import as_hours
from .isco import isco_code as checked_isco_code
from .money import (
    ExchangeRate,
    ExchangeRates,
    MissingExchangeRateError,
    Money,
    currency_code,
    money_sum,
)
from .wages import WageFallback, WageMatch, WageTable, country_code

__all__ = [
    "Gap",
    "GapReason",
    "ValuationMethod",
    "Valuation",
    "ValuedLine",
    "WorkHours",
    "opportunity_cost",
    "replacement_cost",
    "value_of_hours",
]


class ValuationMethod(StrEnum):
    REPLACEMENT_COST = "replacement_cost"
    OPPORTUNITY_COST = "opportunity_cost"

    @property
    def label(self) -> str:
        if self is ValuationMethod.REPLACEMENT_COST:
            return (
                "replacement cost: hours × the hourly wage of a paid worker in the same "
                "occupation (ISCO-08) in the country of service"
            )
        return "opportunity cost: hours × the volunteer's own hourly wage"


class GapReason(StrEnum):
    NO_WAGE = "no_wage"  # the wage table has nothing for the country
    NO_OWN_WAGE = "no_own_wage"  # opportunity cost: the volunteer's wage is not known


@dataclass(frozen=True, slots=True)
class WorkHours:
    """Hours of volunteer work to value: `hours` in `country` (of service) in `year`, in the
    ISCO-08 occupation `isco_code` (None when not known). `own_wage` is the volunteer's hourly
    wage, for the opportunity-cost view. `group` is the caller's key (an SDG goal, a sector ...):
    `Valuation.by_group` adds values up by it."""

    hours: Decimal
    country: str
    year: int
    isco_code: str | None = None
    own_wage: Money | None = None
    group: Hashable = field(default=())

    def __post_init__(self) -> None:
        object.__setattr__(self, "hours", as_hours(self.hours))
        object.__setattr__(self, "country", country_code(self.country))
        if self.isco_code is not None:
            object.__setattr__(self, "isco_code", checked_isco_code(self.isco_code))


@dataclass(frozen=True, slots=True)
class ValuedLine:
    work: WorkHours
    hourly_wage: Money  # in the wage's own currency
    value: Money  # hours × wage, in the wage's currency, exact
    reported: Money  # the value in the reporting currency, exact
    match: WageMatch | None  # the wage table's match (None for opportunity cost)

    @property
    def fallback(self) -> WageFallback | None:
        return self.match.fallback if self.match else None


@dataclass(frozen=True, slots=True)
class Gap:
    """Hours that could not be valued, and why."""

    work: WorkHours
    reason: GapReason


@dataclass(frozen=True, slots=True)
class Valuation:
    method: ValuationMethod
    currency: str
    lines: tuple[ValuedLine, ...]
    gaps: tuple[Gap, ...]
    exchange_rates: tuple[ExchangeRate, ...]  # the rates the conversions used

    @property
    def exact_total(self) -> Money:
        return money_sum((line.reported for line in self.lines), currency=self.currency)

    @property
    def total(self) -> Money:
        """The value of the valued hours, rounded once to the currency's minor unit."""
        return self.exact_total.rounded()

    @property
    def hours_valued(self) -> Decimal:
        return sum((line.work.hours for line in self.lines), Decimal(0))

    @property
    def hours_not_valued(self) -> Decimal:
        return sum((gap.work.hours for gap in self.gaps), Decimal(0))

    @property
    def hours(self) -> Decimal:
        return self.hours_valued + self.hours_not_valued

    def by_group(self) -> dict[Hashable, Money]:
        """Value per `WorkHours.group`, each rounded once."""
        totals: dict[Hashable, Money] = {}
        for line in self.lines:
            key = line.work.group
            totals[key] = totals.get(key, Money.zero(self.currency)) + line.reported
        return {key: total.rounded() for key, total in totals.items()}

    def hours_by_fallback(self) -> dict[WageFallback, Decimal]:
        """Hours valued at each kind of wage (replacement cost), the fallbacks named."""
        hours: dict[WageFallback, Decimal] = {}
        for line in self.lines:
            if line.match is not None:
                kind = line.match.fallback
                hours[kind] = hours.get(kind, Decimal(0)) + line.work.hours
        return hours

    def notes(self) -> tuple[str, ...]:
        """English lines stating the basis of the figure: method, currency, every fallback
        taken, the exchange rates used and the hours left unvalued."""
        lines = [f"Method: {self.method.label}.", f"Currency: {self.currency}."]
        seen: set[str] = set()
        for line in self.lines:
            if line.match is not None and (
                line.match.fallback is not WageFallback.NONE or line.match.year_differs
            ):
                text = line.match.describe()
                if text not in seen:
                    seen.add(text)
                    lines.append(f"Fallback: {text}.")
        for rate in self.exchange_rates:
            source = f" ({rate.source})" if rate.source else ""
            lines.append(
                f"Exchange rate {rate.year}: {rate.per_base.normalize():f} {rate.currency} "
                f"per {rate.base}{source}."
            )
        if self.gaps:
            lines.append(f"Hours not valued: {self.hours_not_valued.normalize():f}.")
        return tuple(lines)


def value_of_hours(hours: Decimal | int, hourly_wage: Money) -> Money:
    """`hours` × `hourly_wage`, exact: 100 hours at 27.20 an hour is 2,720.00."""
    return hourly_wage * as_hours(hours)


class _Converter:
    def __init__(self, currency: str, rates: ExchangeRates | None) -> None:
        self.currency = currency
        self.rates = rates
        self.used: dict[tuple[str, int], ExchangeRate] = {}

    def __call__(self, value: Money, year: int) -> Money:
        if value.currency == self.currency:
            return value
        if self.rates is None:
            raise MissingExchangeRateError(value.currency, self.currency, year)
        for rate in self.rates.rates_for(value.currency, self.currency, year):
            self.used[(rate.currency, rate.year)] = rate
        return self.rates.convert(value, to=self.currency, year=year)

    def rates_used(self) -> tuple[ExchangeRate, ...]:
        return tuple(self.used[key] for key in sorted(self.used))


def replacement_cost(
    work: Iterable[WorkHours],
    *,
    wages: WageTable,
    currency: str,
    exchange_rates: ExchangeRates | None = None,
) -> Valuation:
    """Value `work` at the wage of its occupation in its country (falling back up the ISCO-08
    hierarchy, then to the country default), in `currency`. Wages in another currency are
    converted at the rate of the year of the work; with no such rate this raises
    `MissingExchangeRateError` rather than mix currencies."""
    currency = currency_code(currency)
    convert = _Converter(currency, exchange_rates)
    lines: list[ValuedLine] = []
    gaps: list[Gap] = []
    for item in work:
        match = wages.lookup(
            country=item.country, isco_code=item.isco_code, year=item.year, currency=currency
        )
        if match is None:
            gaps.append(Gap(item, GapReason.NO_WAGE))
            continue
        value = value_of_hours(item.hours, match.rate.hourly_wage)
        lines.append(
            ValuedLine(
                work=item,
                hourly_wage=match.rate.hourly_wage,
                value=value,
                reported=convert(value, item.year),
                match=match,
            )
        )
    return Valuation(
        method=ValuationMethod.REPLACEMENT_COST,
        currency=currency,
        lines=tuple(lines),
        gaps=tuple(gaps),
        exchange_rates=convert.rates_used(),
    )


def opportunity_cost(
    work: Iterable[WorkHours], *, currency: str, exchange_rates: ExchangeRates | None = None
) -> Valuation:
    """Value `work` at each volunteer's own hourly wage (`WorkHours.own_wage`); hours without it
    are left unvalued (`GapReason.NO_OWN_WAGE`)."""
    currency = currency_code(currency)
    convert = _Converter(currency, exchange_rates)
    lines: list[ValuedLine] = []
    gaps: list[Gap] = []
    for item in work:
        if item.own_wage is None:
            gaps.append(Gap(item, GapReason.NO_OWN_WAGE))
            continue
        value = value_of_hours(item.hours, item.own_wage)
        lines.append(
            ValuedLine(
                work=item,
                hourly_wage=item.own_wage,
                value=value,
                reported=convert(value, item.year),
                match=None,
            )
        )
    return Valuation(
        method=ValuationMethod.OPPORTUNITY_COST,
        currency=currency,
        lines=tuple(lines),
        gaps=tuple(gaps),
        exchange_rates=convert.rates_used(),
    )
