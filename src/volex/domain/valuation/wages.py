"""Wage tables and the lookup of the wage that values an hour of volunteer work.

The replacement cost of an hour is the hourly wage of a paid worker doing the same work in the
same country: the wage of the work's ISCO-08 occupation in the country of service. Wage statistics
rarely reach every unit group, so the lookup falls back up the hierarchy (unit group 2221 → minor
group 222 → sub-major group 22 → major group 2) and then to the country's default wage (a table
row with no occupation), and the match says which step it took (`WageMatch.fallback`).

Within the most specific level that has a wage, the wage of the year of the work is used; failing
that the latest earlier year, then the earliest later one (`WageMatch.year_differs`). Where that
year has the wage in several currencies, the reporting currency is preferred, else the first code.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum

from .isco import IscoLevel, isco_code, isco_lineage
from .money import Money, currency_code

__all__ = ["WageFallback", "WageMatch", "WageRate", "WageTable", "country_code"]

_COUNTRY = re.compile(r"^[A-Z]{2}$")


def country_code(value: str) -> str:
    """`value` as an upper-case ISO 3166-1 alpha-2 code (checked for form only)."""
    code = value.strip().upper() if isinstance(value, str) else ""
    if not _COUNTRY.match(code):
        raise ValueError(f"A country is an ISO 3166-1 alpha-2 code, not {value!r}")
    return code


class WageFallback(StrEnum):
    """Where the wage that valued an hour came from."""

    NONE = "none"  # the wage of the occupation's own ISCO-08 code
    MINOR_GROUP = "isco_minor_group"  # its 3-digit minor group
    SUB_MAJOR_GROUP = "isco_sub_major_group"  # its 2-digit sub-major group
    MAJOR_GROUP = "isco_major_group"  # its 1-digit major group
    COUNTRY_DEFAULT = "country_default"  # the country's wage for any occupation

    @property
    def label(self) -> str:
        return _FALLBACK_LABELS[self]


_FALLBACK_LABELS = {
    WageFallback.NONE: "wage of the occupation",
    WageFallback.MINOR_GROUP: "wage of the ISCO-08 minor group",
    WageFallback.SUB_MAJOR_GROUP: "wage of the ISCO-08 sub-major group",
    WageFallback.MAJOR_GROUP: "wage of the ISCO-08 major group",
    WageFallback.COUNTRY_DEFAULT: "country default wage",
}
_FALLBACK_OF_LEVEL = {
    IscoLevel.MINOR_GROUP: WageFallback.MINOR_GROUP,
    IscoLevel.SUB_MAJOR_GROUP: WageFallback.SUB_MAJOR_GROUP,
    IscoLevel.MAJOR_GROUP: WageFallback.MAJOR_GROUP,
}


@dataclass(frozen=True, slots=True)
class WageRate:
    """One row of a wage table: the hourly wage of ISCO-08 group `isco_code` (any level; None for
    the country's default wage) in `country` for `year`."""

    country: str
    isco_code: str | None
    hourly_wage: Money
    year: int
    source: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "country", country_code(self.country))
        if self.isco_code is not None:
            object.__setattr__(self, "isco_code", isco_code(self.isco_code))
        if not isinstance(self.hourly_wage, Money):
            raise TypeError("An hourly wage is Money (an amount with its currency)")
        if self.hourly_wage.amount <= 0:
            raise ValueError(f"An hourly wage must be positive, not {self.hourly_wage}")


@dataclass(frozen=True, slots=True)
class WageMatch:
    """The wage found for work in `country`, occupation `requested_isco`, in `year`."""

    rate: WageRate
    country: str
    requested_isco: str | None
    year: int

    @property
    def fallback(self) -> WageFallback:
        matched = self.rate.isco_code
        if matched is None:
            return WageFallback.COUNTRY_DEFAULT
        if matched == self.requested_isco:
            return WageFallback.NONE
        return _FALLBACK_OF_LEVEL[IscoLevel(len(matched))]

    @property
    def year_differs(self) -> bool:
        return self.rate.year != self.year

    def describe(self) -> str:
        """An English line for the notes of a report, naming each fallback taken."""
        wage = f"{self.rate.hourly_wage} an hour ({self.rate.year}"
        wage += f", {self.rate.source})" if self.rate.source else ")"
        work = f"{self.country}, {self.year}, ISCO-08 {self.requested_isco or 'not given'}"
        fallback = self.fallback
        if fallback is WageFallback.NONE:
            text = f"{work}: {fallback.label}, {wage}"
        elif fallback is WageFallback.COUNTRY_DEFAULT:
            text = f"{work}: no occupational wage; fell back to the {fallback.label}, {wage}"
        else:
            text = (
                f"{work}: no wage for {self.requested_isco}; fell back to the {fallback.label} "
                f"{self.rate.isco_code}, {wage}"
            )
        if self.year_differs:
            text += f"; no {self.year} wage, the {self.rate.year} wage was used"
        return text


class WageTable:
    """A wage table in memory, looked up by country, occupation and year."""

    def __init__(self, rates: Iterable[WageRate] = ()) -> None:
        self._rates: dict[tuple[str, str | None], list[WageRate]] = {}
        seen: set[tuple[str, str | None, str, int]] = set()
        for rate in rates:
            key = (rate.country, rate.isco_code, rate.hourly_wage.currency, rate.year)
            if key in seen:
                raise ValueError(
                    f"Two wages for {rate.country}, ISCO-08 {rate.isco_code or 'default'}, "
                    f"{rate.hourly_wage.currency}, {rate.year}"
                )
            seen.add(key)
            self._rates.setdefault((rate.country, rate.isco_code), []).append(rate)
        for group in self._rates.values():
            group.sort(key=lambda r: (r.year, r.hourly_wage.currency))
        self._size = len(seen)

    def __len__(self) -> int:
        return self._size

    def __iter__(self) -> Iterator[WageRate]:
        for group in self._rates.values():
            yield from group

    def lookup(
        self, *, country: str, isco_code: str | None, year: int, currency: str | None = None
    ) -> WageMatch | None:
        """The wage for work of ISCO-08 group `isco_code` (None: not known) in `country` in
        `year`, falling back up the hierarchy and then to the country default; None when the
        country has no wage at all. `currency` is preferred where a year has several."""
        country = country_code(country)
        currency = currency_code(currency) if currency else None
        codes: tuple[str | None, ...] = (*isco_lineage(isco_code), None) if isco_code else (None,)
        for code in codes:
            group = self._rates.get((country, code))
            if group:
                rate = _best(group, year, currency)
                return WageMatch(
                    rate=rate,
                    country=country,
                    requested_isco=codes[0],
                    year=year,
                )
        return None


def _best(group: list[WageRate], year: int, currency: str | None) -> WageRate:
    years = sorted({r.year for r in group})
    if year in years:
        chosen = year
    else:
        earlier = [y for y in years if y < year]
        chosen = earlier[-1] if earlier else years[0]
    of_year = [r for r in group if r.year == chosen]
    for rate in of_year:
        if rate.hourly_wage.currency == currency:
            return rate
    return of_year[0]
