"""Hours of volunteer work as full-time equivalents (FTE).

One FTE is the hours a full-time paid worker works in a year; the default year is 40 hours a week
× 52 weeks = 2,080 hours, and a report states the year it used (`FullTimeYear.describe`). The
State of the World's Volunteerism Report 2018 reads "over 1 billion volunteers equal 109 million
full-time-equivalent workers" this way.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

__all__ = [
    "DEFAULT_FULL_TIME_YEAR",
    "FullTimeEquivalents",
    "FullTimeYear",
    "as_hours",
    "full_time_equivalents",
]


def as_hours(value: Decimal | int | float) -> Decimal:
    """`value` as non-negative Decimal hours (a float is read through its shortest repr)."""
    if isinstance(value, bool) or not isinstance(value, Decimal | int | float):
        raise TypeError(f"Hours must be a number, not {type(value).__name__}")
    hours = Decimal(str(value)) if isinstance(value, float) else Decimal(value)
    if not hours.is_finite() or hours < 0:
        raise ValueError(f"Hours must be a finite number of zero or more, not {value}")
    return hours


def _positive(value: Decimal | int, what: str) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, Decimal | int):
        raise TypeError(f"{what} must be a Decimal or an int")
    number = Decimal(value)
    if not number.is_finite() or number <= 0:
        raise ValueError(f"{what} must be positive, not {value}")
    return number


@dataclass(frozen=True, slots=True)
class FullTimeYear:
    """The working year of one full-time worker: `hours_per_week` × `weeks_per_year`."""

    hours_per_week: Decimal = Decimal(40)
    weeks_per_year: Decimal = Decimal(52)

    def __post_init__(self) -> None:
        object.__setattr__(self, "hours_per_week", _positive(self.hours_per_week, "Hours per week"))
        object.__setattr__(self, "weeks_per_year", _positive(self.weeks_per_year, "Weeks per year"))
        if self.hours_per_week > 168 or self.weeks_per_year > 53:
            raise ValueError("A full-time year has at most 168 hours a week and 53 weeks")

    @property
    def hours(self) -> Decimal:
        return self.hours_per_week * self.weeks_per_year

    def describe(self) -> str:
        return (
            f"1 FTE = {self.hours_per_week.normalize():f} hours a week × "
            f"{self.weeks_per_year.normalize():f} weeks = {self.hours.normalize():,f} hours a year"
        )


DEFAULT_FULL_TIME_YEAR = FullTimeYear()


@dataclass(frozen=True, slots=True)
class FullTimeEquivalents:
    """`hours` worked over `period_years` equal `fte` full-time workers of `basis`."""

    hours: Decimal
    fte: Decimal
    basis: FullTimeYear
    period_years: Decimal

    def rounded(self, places: int = 2) -> Decimal:
        return self.fte.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)

    def __str__(self) -> str:
        return f"{self.rounded():f} FTE ({self.basis.describe()})"


def full_time_equivalents(
    hours: Decimal | int | float | Iterable[Decimal | int | float],
    *,
    basis: FullTimeYear = DEFAULT_FULL_TIME_YEAR,
    period_years: Decimal | int = 1,
) -> FullTimeEquivalents:
    """FTE of `hours` (a total, or the hours of many records) worked over `period_years` (1 for a
    year, Decimal("0.25") for a quarter): hours ÷ (the basis's hours a year × years)."""
    if isinstance(hours, Decimal | int | float):
        total = as_hours(hours)
    else:
        total = sum((as_hours(h) for h in hours), Decimal(0))
    years = _positive(period_years, "A period")
    return FullTimeEquivalents(
        hours=total, fte=total / (basis.hours * years), basis=basis, period_years=years
    )
