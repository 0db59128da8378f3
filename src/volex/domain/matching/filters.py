"""Hard rules as vectorised masks over `ProfileColumns`, and the reasons one profile is excluded.

Every mask is a boolean array over the store's rows (True: the profile passes). `why_excluded`
gives, for one profile, the same decisions in words; a property test checks that both agree.

Availability: by default a volunteer must be available for the whole assignment period
(`min_availability_share=1.0`), because a deployment runs from its first to its last day and a
volunteer available for a week of a year-long assignment cannot take it. A programme that takes
partial availability lowers the share; any value above 0 requires at least that share of the
period's days (and at least one day) inside the volunteer's availability window. A profile with no
window is treated as always available.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum

import numpy as np

from ..categories import SCOPE, Scope, age_bounds
from ..eligibility import MESSAGES, _, check_rules, check_service
from .columns import OPEN_END, OPEN_START, ProfileColumns
from .types import AssignmentNeeds, LanguageNeed, MatchingInputError, Period, Phrase, ProfileFacts


class Filter(StrEnum):
    ACTIVE = "active"
    CONSENT = "consent"
    ELIGIBILITY = "eligibility"
    LANGUAGES = "languages"
    AVAILABILITY = "availability"
    NOT_DEPLOYED = "not_deployed"


PHRASES: dict[Filter, str] = {
    Filter.ACTIVE: _("The profile is withdrawn from matching."),
    Filter.CONSENT: _("The volunteer has not consented to be matched."),
    Filter.LANGUAGES: _("%(language)s %(level)s required, has %(has)s."),
    Filter.AVAILABILITY: _(
        "Available %(available)s; the assignment runs %(period)s (%(share)s%% of it needed)."
    ),
    Filter.NOT_DEPLOYED: _("Already deployed %(deployed)s, during the assignment period."),
}


@dataclass(frozen=True)
class FilterOptions:
    min_availability_share: float = 1.0  # see module doc; 1.0: available for the whole period
    require_consent: bool = True

    def __post_init__(self) -> None:
        if not 0.0 <= self.min_availability_share <= 1.0:
            raise MatchingInputError("min_availability_share must be between 0 and 1")


@dataclass(frozen=True)
class FilterResult:
    """The rows that pass every filter, and how many rows each filter excluded on its own."""

    mask: np.ndarray
    excluded: dict[Filter, int] = field(default_factory=dict)

    @property
    def count(self) -> int:
        return int(self.mask.sum())

    def reason_if_empty(self) -> str | None:
        if self.count:
            return None
        if not len(self.mask):
            return "the pool is empty"
        worst = ", ".join(f"{name.value}: {n}" for name, n in self.excluded.items() if n)
        return f"no profile passes the hard filters (excluded by {worst})"


def _rows(columns: ProfileColumns, rows: np.ndarray | None) -> np.ndarray:
    return np.arange(len(columns)) if rows is None else rows


def eligibility_mask(
    columns: ProfileColumns, needs: AssignmentNeeds, rows: np.ndarray | None = None
) -> np.ndarray:
    """`eligibility.check_rules(needs.service, candidate) == []`, for every row at once."""
    rows = _rows(columns, rows)
    service = needs.service
    if check_service(service):
        return np.zeros(len(rows), dtype=bool)
    min_age, max_age = age_bounds(service.category)
    start = service.start_date
    month_day = start.month * 100 + start.day
    birth = columns.birth_key[rows]
    # age_on(birth, start) >= a  <=>  (birth year, month, day) <= (start year - a, month, day)
    ok: np.ndarray = (birth > 0) & (birth <= (start.year - min_age) * 10000 + month_day)
    if max_age is not None:
        ok &= birth > (start.year - max_age - 1) * 10000 + month_day
    scope = SCOPE[service.category]
    if service.country is None or scope is Scope.ONLINE:
        return ok
    country = columns.countries.get(service.country)
    n = len(columns)
    if scope is Scope.INTERNATIONAL:
        ok &= ~columns.nationalities.rows_with("country", country, n)[rows]
    elif scope is Scope.NATIONAL:
        ok &= columns.nationalities.rows_with("country", country, n)[rows]
    elif scope is Scope.DIASPORA:
        ok &= columns.heritage.rows_with("country", country, n)[rows]
    else:
        ok &= (columns.residence[rows] == country) if country >= 0 else False
    return ok


def language_mask(
    columns: ProfileColumns, languages: Sequence[LanguageNeed], rows: np.ndarray | None = None
) -> np.ndarray:
    """Every required language at its minimum CEFR level (desired ones only score)."""
    rows = _rows(columns, rows)
    ok = np.ones(len(rows), dtype=bool)
    for need in languages:
        if need.required:
            column = columns.languages.get(need.code)
            if column < 0:
                return np.zeros(len(rows), dtype=bool)
            ok &= columns.language_levels[rows, column] >= need.min_level.rank
    return ok


def needed_days(period: Period, share: float) -> int:
    return max(1, math.ceil(share * period.days - 1e-9))


def availability_mask(
    columns: ProfileColumns, period: Period, share: float = 1.0, rows: np.ndarray | None = None
) -> np.ndarray:
    """At least `share` of the period's days (and one day) inside the availability window."""
    rows = _rows(columns, rows)
    first = np.maximum(columns.available_start[rows].astype(np.int64), period.start.toordinal())
    last = np.minimum(columns.available_end[rows].astype(np.int64), period.end.toordinal())
    enough: np.ndarray = (last - first + 1) >= needed_days(period, share)
    return enough


def not_deployed_mask(
    columns: ProfileColumns, period: Period, rows: np.ndarray | None = None
) -> np.ndarray:
    """No deployment of the volunteer overlaps the period."""
    busy = columns.busy
    overlapping = (busy.column("start") <= period.end.toordinal()) & (
        busy.column("end") >= period.start.toordinal()
    )
    owners = busy.owner.data[overlapping]
    free = np.ones(len(columns), dtype=bool)
    free[owners[owners >= 0]] = False
    return free if rows is None else free[rows]


def hard_filter(
    columns: ProfileColumns,
    needs: AssignmentNeeds,
    options: FilterOptions | None = None,
    rows: np.ndarray | None = None,
) -> FilterResult:
    """All hard rules for `needs`; cheap masks first, and the count each one excludes."""
    options = options or FilterOptions()
    rows = _rows(columns, rows)
    masks: dict[Filter, np.ndarray] = {Filter.ACTIVE: columns.active[rows]}
    if options.require_consent:
        masks[Filter.CONSENT] = columns.consent[rows]
    masks[Filter.ELIGIBILITY] = eligibility_mask(columns, needs, rows)
    masks[Filter.LANGUAGES] = language_mask(columns, needs.languages, rows)
    masks[Filter.AVAILABILITY] = availability_mask(
        columns, needs.period, options.min_availability_share, rows
    )
    masks[Filter.NOT_DEPLOYED] = not_deployed_mask(columns, needs.period, rows)
    mask = np.ones(len(rows), dtype=bool)
    for m in masks.values():
        mask &= m
    return FilterResult(mask, {name: int((~m).sum()) for name, m in masks.items()})


def _describe(period: Period | None) -> str:
    return "at any time" if period is None else f"{period.start} to {period.end}"


def why_excluded(
    needs: AssignmentNeeds,
    profile: ProfileFacts,
    options: FilterOptions | None = None,
    active: bool = True,
) -> tuple[Phrase, ...]:
    """Every hard rule `profile` breaks for `needs`, in words; () if it passes them all."""
    options = options or FilterOptions()
    phrases: list[Phrase] = []
    if not active:
        phrases.append(Phrase(PHRASES[Filter.ACTIVE]))
    if options.require_consent and not profile.consent_to_match:
        phrases.append(Phrase(PHRASES[Filter.CONSENT]))
    for violation in check_rules(needs.service, profile.candidate):
        phrases.append(Phrase(MESSAGES[violation.rule], violation.params))
    for need in needs.languages:
        has = profile.languages.get(need.code)
        if need.required and (has is None or has.rank < need.min_level.rank):
            params = {"language": need.code, "level": need.min_level.value}
            phrases.append(
                Phrase(PHRASES[Filter.LANGUAGES], {**params, "has": has.value if has else "none"})
            )
    window = profile.available
    first, last = OPEN_START, OPEN_END
    if window is not None:
        first, last = window.start.toordinal(), window.end.toordinal()
    overlap = min(last, needs.period.end.toordinal()) - max(first, needs.period.start.toordinal())
    share = options.min_availability_share
    if overlap + 1 < needed_days(needs.period, share):
        params = {"available": _describe(window), "period": _describe(needs.period)}
        phrases.append(
            Phrase(PHRASES[Filter.AVAILABILITY], {**params, "share": round(share * 100)})
        )
    for deployed in profile.deployed:
        if deployed.overlaps(needs.period):
            phrases.append(Phrase(PHRASES[Filter.NOT_DEPLOYED], {"deployed": _describe(deployed)}))
    return tuple(phrases)
