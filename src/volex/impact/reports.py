"""Contribution reports: what volunteers gave over a period, valued the ILO way (ADR 0004).

`report_build(scope=...)` aggregates in the database (six statements whatever the rows,
`volex.impact.report_cube`: the approved hours per assignment and month, and per volunteer
group, from the summary of approved hours for whole months; the deployments in service and
their distinct volunteers per breakdown key in four more; on PostgreSQL shared by two sessions
in one snapshot), then values the grouped rows with the pure
`volex.domain.valuation` (replacement cost, FTE), each wage looked up once per country,
occupation and year, and rolls the per-assignment rows up into the breakdowns keyed by the
assignment (sector, category, SDG goals and targets, country). Nothing here loops over
deployments or hour records in Python.

A scope is a programme (an organization and its field offices), an organization alone, a
country of service or a mission (UN peace operation), over a period, seen by a user: a host
supervisor's report holds only their organizations' deployments, a programme manager's only those
of the organizations they manage, an administrator's everything.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from functools import cached_property

from django.db import connection, transaction
from django.db.models import Q, QuerySet, Sum
from django.db.models.functions import Coalesce
from django.db.models.lookups import GreaterThanOrEqual
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from volex.assignments.models import Assignment
from volex.core.choices import Category, LeaveNoOneBehindGroup, Sector
from volex.core.snapshot import run_side_by_side, shared_snapshot
from volex.deployments.models import (
    AgeGroup,
    Deployment,
    HourRecord,
    HourStatus,
    ResultReach,
    Sex,
)
from volex.domain.people import sex_from_gender
from volex.domain.valuation import (
    DEFAULT_FULL_TIME_YEAR,
    FullTimeYear,
    MissingExchangeRateError,
    Money,
    Valuation,
    VolunteerWorkForm,
    WorkHours,
    replacement_cost,
)
from volex.organizations.models import Organization
from volex.organizations.selectors import organization_descendant_ids
from volex.reference.models import Country, PeaceOperation, SDGGoal, SDGTarget

from . import selectors
from .report_cube import (
    COUNTRY_OF_DEPLOYMENT,
    NONE_KEY,
    VOLUNTEER_AGE_BANDS,
    read_counts,
    report_statements,
    split_hours,
    whole_months,
)

FTE_PLACES = Decimal("0.01")


class ScopeKind(StrEnum):
    ALL = "all"
    PROGRAMME = "programme"  # an organization and its field offices
    ORGANIZATION = "organization"  # the organization alone
    COUNTRY = "country"  # the country of service
    MISSION = "mission"  # a UN peace operation

    @property
    def label(self) -> str:
        return str(SCOPE_LABELS[self])


SCOPE_LABELS = {
    ScopeKind.ALL: gettext_lazy("Everything you may see"),
    ScopeKind.PROGRAMME: gettext_lazy("Programme (an organization and its field offices)"),
    ScopeKind.ORGANIZATION: gettext_lazy("Organization"),
    ScopeKind.COUNTRY: gettext_lazy("Country of service"),
    ScopeKind.MISSION: gettext_lazy("Mission"),
}


class Breakdown(StrEnum):
    SDG_GOAL = "sdg_goal"
    SDG_TARGET = "sdg_target"
    SECTOR = "sector"
    CATEGORY = "category"
    COUNTRY = "country"
    SEX = "sex"
    AGE_GROUP = "age_group"
    FORM = "form"  # organization-based or direct (ILO)
    MONTH = "month"  # the trend

    @property
    def label(self) -> str:
        return str(BREAKDOWN_LABELS[self])


BREAKDOWN_LABELS = {
    Breakdown.SDG_GOAL: gettext_lazy("SDG goal"),
    Breakdown.SDG_TARGET: gettext_lazy("SDG target"),
    Breakdown.SECTOR: gettext_lazy("Sector"),
    Breakdown.CATEGORY: gettext_lazy("Category"),
    Breakdown.COUNTRY: gettext_lazy("Country of service"),
    Breakdown.SEX: gettext_lazy("Sex of the volunteer"),
    Breakdown.AGE_GROUP: gettext_lazy("Age group of the volunteer"),
    Breakdown.FORM: gettext_lazy("Organization-based or direct"),
    Breakdown.MONTH: gettext_lazy("Month"),
}


class ReportError(Exception):
    """A report asked for something it cannot show (an unknown organization, a bad period)."""


@dataclass(frozen=True)
class ReportScope:
    kind: ScopeKind
    start: date
    end: date
    organization: Organization | None = None
    country: Country | None = None
    mission: PeaceOperation | None = None
    # organizations whose deployments the viewer may see; None: all (administrators)
    visible_organization_ids: frozenset[int] | None = None
    currency: str | None = None  # None: the wages' own currency if they share one, else USD
    basis: FullTimeYear = DEFAULT_FULL_TIME_YEAR

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ReportError(_("The period ends before it starts."))
        needed = {
            ScopeKind.PROGRAMME: self.organization,
            ScopeKind.ORGANIZATION: self.organization,
            ScopeKind.COUNTRY: self.country,
            ScopeKind.MISSION: self.mission,
        }
        if self.kind in needed and needed[self.kind] is None:
            raise ReportError(_("Choose what the report is about."))

    @property
    def title(self) -> str:
        subject = {
            ScopeKind.ALL: lambda: _("All deployments you may see"),
            ScopeKind.PROGRAMME: lambda: _("Programme: %(name)s") % {"name": self.organization},
            ScopeKind.ORGANIZATION: lambda: str(self.organization),
            ScopeKind.COUNTRY: lambda: str(self.country),
            ScopeKind.MISSION: lambda: f"{self.mission.acronym}: {self.mission.name}",
        }[self.kind]()
        return _("%(subject)s, %(start)s to %(end)s") % {
            "subject": subject,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
        }

    @property
    def period_years(self) -> Decimal:
        """The period in years for FTE: whole months count as twelfths of a year, other
        periods as days ÷ 365 (a calendar year is exactly 1)."""
        months = _whole_months(self.start, self.end)
        if months is not None:
            return Decimal(months) / Decimal(12)
        return Decimal((self.end - self.start).days + 1) / Decimal(365)

    @cached_property
    def programme(self) -> frozenset[int]:
        """The programme's organizations (looked up once: every statement filters by them)."""
        return programme_ids(self.organization)

    def deployment_filter(self, prefix: str = "") -> Q:
        """The scope as a filter on deployments (`prefix`: the path to a deployment)."""
        p = prefix
        q = Q()
        if self.visible_organization_ids is not None:
            q &= Q(**{f"{p}assignment__host_id__in": sorted(self.visible_organization_ids)})
        if self.kind is ScopeKind.PROGRAMME:
            q &= Q(**{f"{p}assignment__host_id__in": sorted(self.programme)})
        elif self.kind is ScopeKind.ORGANIZATION:
            q &= Q(**{f"{p}assignment__host_id": self.organization.pk})
        elif self.kind is ScopeKind.COUNTRY:
            code = self.country.pk
            q &= Q(**{f"{p}duty_station__country_id": code}) | Q(
                **{f"{p}duty_station__isnull": True, f"{p}assignment__host__country_id": code}
            )
        elif self.kind is ScopeKind.MISSION:
            mission = self.mission.pk
            q &= (
                Q(**{f"{p}duty_station__peace_operation_id": mission})
                | Q(**{f"{p}assignment__host__peace_operation_id": mission})
                | Q(**{f"{p}assignment__host__parent__peace_operation_id": mission})
            )
        return q


def _whole_months(start: date, end: date) -> int | None:
    if start.day != 1:
        return None
    following = date(end.year + (end.month == 12), end.month % 12 + 1, 1)
    if (following - end).days != 1:
        return None
    return (end.year - start.year) * 12 + end.month - start.month + 1


def programme_ids(organization: Organization) -> frozenset[int]:
    """The organization and its field offices (all levels below it)."""
    return organization_descendant_ids([organization.pk])


# --- results --------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReportRow:
    key: str
    label: str
    hours: Decimal
    fte: Decimal
    value: Money | None  # None where the report could not value (see `Report.value_error`)
    deployments: int | None = None  # None for the monthly trend
    volunteers: int | None = None

    @property
    def value_amount(self) -> Decimal | None:
        return self.value.amount if self.value is not None else None


@dataclass(frozen=True)
class ReachRow:
    key: str
    label: str
    people: int


@dataclass(frozen=True)
class Report:
    scope: ReportScope
    currency: str
    volunteers: int
    deployments: int
    hours: Decimal
    fte: Decimal
    value: Money | None
    value_error: str  # why no value was given (a missing exchange rate), else ""
    hours_not_valued: Decimal
    notes: tuple[str, ...]
    breakdowns: dict[Breakdown, tuple[ReportRow, ...]]
    people_reached: int
    reach: dict[str, tuple[ReachRow, ...]]  # "sex", "age_group", "disability", "group"
    fallback_hours: dict[str, Decimal] = field(default_factory=dict)

    @property
    def basis(self) -> str:
        return self.scope.basis.describe()

    def rows(self, breakdown: Breakdown | str) -> tuple[ReportRow, ...]:
        return self.breakdowns[Breakdown(breakdown)]


# --- the queries ------------------------------------------------------------------------------


# The last day of service of a deployment, in the database: `volex.domain.service`'s rule.
LAST_DAY_OF_SERVICE = Coalesce("end_date", "planned_end_date")


def in_service_during(start: date, end: date) -> Q:
    """Deployments serving on at least one day from `start` to `end`: the database form of
    `volex.domain.service.serves_during` (to the recorded end, else the planned end)."""
    return Q(start_date__lte=end) & Q(GreaterThanOrEqual(LAST_DAY_OF_SERVICE, start))


def deployments_in_scope(scope: ReportScope) -> QuerySet[Deployment]:
    """Deployments in service at some time in the period, within the scope."""
    return Deployment.objects.filter(
        scope.deployment_filter(), in_service_during(scope.start, scope.end)
    )


def approved_hours_in_scope(scope: ReportScope) -> QuerySet[HourRecord]:
    """Approved hour records whose period starts within the report's period, within the scope."""
    return HourRecord.objects.filter(
        scope.deployment_filter("deployment__"),
        status=HourStatus.APPROVED,
        period_start__gte=scope.start,
        period_start__lte=scope.end,
    )


def sex_of(gender: str | None) -> str:
    """The sex a volunteer's self-described gender reads as in reports (NONE_KEY: not given)."""
    sex = sex_from_gender(gender)
    return NONE_KEY if sex is None else sex.value


def _hours(hundredths: int) -> Decimal:
    return Decimal(hundredths).scaleb(-2)


# --- building ---------------------------------------------------------------------------------


class _Valuer:
    """Values hours: the full valuation (lines, fallbacks, rates used) of the totals through the
    domain's `replacement_cost`, and the hourly rate in the report's currency of each (country,
    ISCO-08 code, year) for the breakdowns, each looked up once per report."""

    def __init__(self, scope: ReportScope, countries: set[str]) -> None:
        self.wages = selectors.wage_table(countries=countries)
        currencies = {rate.hourly_wage.currency for rate in self.wages}
        self.currency = scope.currency or (currencies.pop() if len(currencies) == 1 else "USD")
        self.rates = selectors.exchange_rates()
        self.error = ""

    def value(self, grouped) -> Valuation | None:
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

    def hourly(self, valuation: Valuation) -> _Wages:
        """The hourly wage in the report's currency of each (country, code, year) that the
        totals' valuation matched (cells it could not value are absent)."""
        found: dict[tuple, Decimal] = {}
        for line in valuation.lines:
            work = line.work
            wage = self.rates.convert(line.hourly_wage, to=self.currency, year=work.year)
            found[(work.country, work.isco_code, work.year)] = wage.amount
        return _Wages(found)

    def _missing(self, error: MissingExchangeRateError) -> None:
        self.error = _(
            "No value: wages in %(source)s cannot be added to %(target)s without an "
            "exchange rate for %(year)s. Enter the rate, or report in %(source)s."
        ) % {"source": error.currency, "target": error.to, "year": error.year}


class _Wages:
    """Hourly wages per (country, code, year) as integers in units of 10^-places, so that
    the per-row products and sums are plain (exact) integer arithmetic."""

    def __init__(self, wages: dict[tuple, Decimal]) -> None:
        exponents = [wage.normalize().as_tuple().exponent for wage in wages.values()]
        self.places = max([0, *(-e for e in exponents if isinstance(e, int))])
        self.scaled = {cell: int(wage.scaleb(self.places)) for cell, wage in wages.items()}

    def amount(self, scaled_hundredths: int | None) -> Decimal | None:
        """A sum of hundredths × scaled wage as an amount."""
        if scaled_hundredths is None:
            return None
        return Decimal(scaled_hundredths).scaleb(-self.places - 2)


NO_WAGES = _Wages({})


class _Tally:
    """Hours (hundredths) and their value (hundredths × scaled hourly wage, `_Wages`) per key
    of a breakdown; values are added exactly and rounded once per key when the row is built."""

    def __init__(self) -> None:
        self.hours: dict[object, int] = {}
        self.value: dict[object, int] = {}

    @classmethod
    def of(cls, rows, wages: _Wages) -> _Tally:
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

    def rolled_up(self, keys_of) -> _Tally:
        """The tally by other keys: `keys_of(key)` gives the keys a key counts under."""
        rolled = _Tally()
        hours, value = rolled.hours, rolled.value
        for key, hundredths in self.hours.items():
            amount = self.value.get(key)
            for other in keys_of(key):
                hours[other] = hours.get(other, 0) + hundredths
                if amount is not None:
                    value[other] = value.get(other, 0) + amount
        return rolled


def report_build(*, scope: ReportScope, summary: bool = True) -> Report:
    """The whole report: totals, breakdowns, trend and people reached, with its notes.
    `summary=False` reads every approved hour record instead of the summary of approved hours
    for the whole months (the same figures, slower: the reference the tests compare with)."""
    outermost = not connection.in_atomic_block
    with transaction.atomic():
        snapshot = shared_snapshot(REPORT_SETTINGS, outermost=outermost)
        return _report(scope, summary=summary, snapshot=snapshot)


# PostgreSQL settings for the report's transaction only (ADR 0004): the groupings' hash tables
# fit in memory instead of spilling to disk, and no JIT (the planner's over-estimated groups
# made it compile hundreds of functions for seconds).
REPORT_SETTINGS = {"jit": "off", "work_mem": "256MB"}


@dataclass(frozen=True)
class _ValuedHours:
    """The approved hours per assignment and month, valued: what the report computes as soon as
    their statement's rows arrive, in the session that read them."""

    valuer: _Valuer
    cells: dict[tuple, int]  # (country, code, year) → hundredths
    totals: list[tuple]  # the cells as (key, country, code, year, hours) for the valuation
    total_valuation: Valuation | None
    wages: _Wages
    by_assignment: dict[Breakdown, _Tally]
    by_month: list


def _value_hours(scope: ReportScope, rows: list[tuple]) -> _ValuedHours:
    by_assignment, by_month = split_hours(rows)
    cells = {(c, i, y): h for c, i, y, h, _months in by_month}
    valuer = _Valuer(scope, {c for c, _i, _y in cells if c})
    # in a fixed order, not the database's: the valuation's notes list fallbacks as met
    totals = [
        (NONE_KEY, c, i, y, _hours(cells[c, i, y]))
        for c, i, y in sorted(cells, key=lambda cell: (cell[0] or "", cell[1] or "", cell[2]))
    ]
    total_valuation = valuer.value(totals)
    wages = valuer.hourly(total_valuation) if total_valuation is not None else NO_WAGES
    # per (assignment, country) first, then every breakdown keyed by the assignment or country
    posts = _Tally.of(by_assignment, wages)
    assignments = _assignment_keys()
    tallies = {
        Breakdown.SECTOR: posts.rolled_up(lambda k: (assignments.sector[k[0]],)),
        Breakdown.CATEGORY: posts.rolled_up(lambda k: (assignments.category[k[0]],)),
        Breakdown.SDG_GOAL: posts.rolled_up(lambda k: assignments.goals.get(k[0], (0,))),
        Breakdown.SDG_TARGET: posts.rolled_up(lambda k: assignments.targets.get(k[0], (NONE_KEY,))),
        Breakdown.COUNTRY: posts.rolled_up(lambda k: (k[1],)),
    }
    return _ValuedHours(valuer, cells, totals, total_valuation, wages, tallies, by_month)


def _report(scope: ReportScope, *, summary: bool, snapshot: str | None) -> Report:
    statements = report_statements(
        scope,
        deployments_in_scope(scope),
        summary=summary,
        read_hours=lambda rows: _value_hours(scope, rows),
    )
    valued_hours, by_volunteer_rows, *counted = run_side_by_side(
        statements, snapshot=snapshot, settings=REPORT_SETTINGS
    )
    counts = read_counts(*counted)
    valuer, cells, wages = valued_hours.valuer, valued_hours.cells, valued_hours.wages
    total_valuation, totals = valued_hours.total_valuation, valued_hours.totals
    valued = total_valuation is not None
    hours = _hours(sum(cells.values()))
    people = counts["people"]  # (gender as stated, age group) → (deployments, volunteers)
    deployments = sum(d for d, _v in people.values())
    volunteers = sum(v for _d, v in people.values())
    tallies = dict(valued_hours.by_assignment)
    by_volunteer = _Tally.of(
        (((g, kg), c, i, y, h) for g, kg, c, i, y, h in by_volunteer_rows), wages
    )
    tallies[Breakdown.SEX] = by_volunteer.rolled_up(lambda k: (sex_of(k[0]),))
    tallies[Breakdown.AGE_GROUP] = by_volunteer.rolled_up(lambda k: (k[1],))
    breakdown_counts = {
        Breakdown.SECTOR: counts["sector"],
        Breakdown.CATEGORY: counts["category"],
        Breakdown.SDG_GOAL: counts["sdg_goal"],
        Breakdown.SDG_TARGET: counts["sdg_target"],
        Breakdown.COUNTRY: counts["country"],
        Breakdown.SEX: _counts_by(people, lambda key: sex_of(key[0])),
        Breakdown.AGE_GROUP: _counts_by(people, lambda key: key[1]),
    }

    breakdowns: dict[Breakdown, tuple[ReportRow, ...]] = {
        breakdown: _breakdown_rows(
            scope, breakdown, tally, breakdown_counts[breakdown], wages, valuer.currency, valued
        )
        for breakdown, tally in tallies.items()
    }
    breakdowns[Breakdown.MONTH] = _month_rows(
        scope, valued_hours.by_month, wages, valuer.currency, valued
    )
    breakdowns[Breakdown.FORM] = _form_rows(
        scope, hours, total_valuation, deployments, volunteers, valuer.currency
    )
    breakdowns = {breakdown: breakdowns[breakdown] for breakdown in Breakdown}
    reach_total, reach = _reach(scope)
    notes = [_("Full-time equivalents: %(basis)s.") % {"basis": scope.basis.describe()}]
    notes.append(
        _("Period: %(years)s of a year for the FTE.")
        % {"years": f"{scope.period_years.quantize(Decimal('0.0001')).normalize():f}"}
    )
    notes.append(
        _(
            "Volunteer work is counted as the ILO defines it: approved hours only. Every "
            "deployment in Volex is through a host organization, so all of it is "
            "organization-based; direct volunteering is not recorded here."
        )
    )
    notes.append(
        _(
            "An assignment serving several SDG goals or targets counts under each: those "
            "breakdowns add up to more than the total."
        )
    )
    if total_valuation is not None:
        notes.extend(total_valuation.notes())
    if valuer.error:
        notes.append(valuer.error)
    return Report(
        scope=scope,
        currency=valuer.currency,
        volunteers=volunteers,
        deployments=deployments,
        hours=hours,
        fte=_fte(hours, scope),
        value=total_valuation.total if total_valuation is not None else None,
        value_error=valuer.error,
        hours_not_valued=(
            total_valuation.hours_not_valued
            + sum((h for _k, c, _i, _y, h in totals if not c), Decimal(0))
            if total_valuation is not None
            else hours
        ),
        notes=tuple(notes),
        breakdowns=breakdowns,
        people_reached=reach_total,
        reach=reach,
        fallback_hours=(
            {str(k): v for k, v in total_valuation.hours_by_fallback().items()}
            if total_valuation is not None
            else {}
        ),
    )


def _counts_by(counts: dict, key_of) -> dict[object, tuple[int, int]]:
    """(deployments, volunteers) added up by `key_of(key)`: for keys that partition them."""
    found: dict[object, tuple[int, int]] = {}
    for key, (d, v) in counts.items():
        before = found.get(key_of(key), (0, 0))
        found[key_of(key)] = (before[0] + d, before[1] + v)
    return found


@dataclass(frozen=True)
class _AssignmentKeys:
    sector: dict[int, str]
    category: dict[int, str]
    goals: dict[int, tuple[int, ...]]
    targets: dict[int, tuple[str, ...]]


def _assignment_keys() -> _AssignmentKeys:
    """The breakdown keys of the assignments (one query each)."""
    sector, category = {}, {}
    # the assignments whose hours are reported, read whole: a list of thousands of ids as
    # parameters costs more than the rows it saves
    for pk, s, c in Assignment.objects.values_list("pk", "sector", "category"):
        sector[pk], category[pk] = s or NONE_KEY, c or NONE_KEY
    goals: dict[int, tuple[int, ...]] = {}
    for pk, number in Assignment.sdg_goals.through.objects.values_list(
        "assignment_id", "sdggoal_id"
    ):
        goals[pk] = (*goals.get(pk, ()), number)
    targets: dict[int, tuple[str, ...]] = {}
    for pk, code in Assignment.sdg_targets.through.objects.values_list(
        "assignment_id", "sdgtarget_id"
    ):
        targets[pk] = (*targets.get(pk, ()), code)
    return _AssignmentKeys(sector, category, goals, targets)


def _fte(hours: Decimal, scope: ReportScope, years: Decimal | None = None) -> Decimal:
    years = scope.period_years if years is None else years
    return (hours / (scope.basis.hours * years)).quantize(FTE_PLACES, rounding=ROUND_HALF_UP)


def _money(value: int | None, wages: _Wages, currency: str, valued: bool) -> Money | None:
    """A row's value: its exact sum of hundredths × scaled wage, rounded once; None when the
    report could not value (a missing rate), zero when nothing of it had a wage."""
    if not valued:
        return None
    if value is None:
        return Money.zero(currency)
    return Money(wages.amount(value), currency).rounded()


def _breakdown_rows(
    scope: ReportScope,
    breakdown: Breakdown,
    tally: _Tally,
    counts: dict[object, tuple[int, int]],
    wages: _Wages,
    currency: str,
    valued: bool,
) -> tuple[ReportRow, ...]:
    keys = set(tally.hours) | set(counts)
    labels = _labels(breakdown, keys)
    rows = []
    for key in keys:
        d, v = counts.get(key, (0, 0))
        hours = _hours(tally.hours.get(key, 0))
        rows.append(
            ReportRow(
                key=str(key) if key not in (None, 0) else NONE_KEY,
                label=labels.get(key) or _("Not given"),
                hours=hours,
                fte=_fte(hours, scope),
                value=_money(tally.value.get(key), wages, currency, valued),
                deployments=d,
                volunteers=v,
            )
        )
    if breakdown in (Breakdown.COUNTRY,):
        rows.sort(key=lambda r: (-r.hours, r.label))  # a ranked list
    else:
        rows.sort(key=lambda r: (r.key == NONE_KEY, _sort_key(breakdown, r.key), r.label))
    return tuple(rows)


def _sort_key(breakdown: Breakdown, key: str):
    if breakdown is Breakdown.SDG_GOAL:
        return (int(key) if key else 99,)
    if breakdown is Breakdown.SDG_TARGET:
        goal, _sep, target = key.partition(".")
        return (int(goal) if goal.isdigit() else 99, len(target), target)
    if breakdown is Breakdown.AGE_GROUP:
        order = [band for band, _low, _high in VOLUNTEER_AGE_BANDS]
        return (order.index(key) if key in order else 99,)
    return (key,)


def _month_rows(
    scope: ReportScope, by_month: list, wages: _Wages, currency: str, valued: bool
) -> tuple[ReportRow, ...]:
    """The trend: hours, FTE and value per calendar month of the period."""
    tally = _Tally.of(
        (
            (y * 100 + number, c, i, y, hundredths)
            for c, i, y, _h, months in by_month
            for number, hundredths in enumerate(months, start=1)
            if hundredths
        ),
        wages,
    )
    rows = []
    year, month = scope.start.year, scope.start.month
    while (year, month) <= (scope.end.year, scope.end.month):
        k = year * 100 + month
        hours = _hours(tally.hours.get(k, 0))
        rows.append(
            ReportRow(
                key=f"{year:04d}-{month:02d}",
                label=f"{year:04d}-{month:02d}",
                hours=hours,
                fte=_fte(hours, scope, Decimal(1) / Decimal(12)),
                value=_money(tally.value.get(k), wages, currency, valued),
            )
        )
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return tuple(rows)


def _form_rows(scope, hours, valuation, deployments, volunteers, currency):
    zero = Money.zero(currency) if valuation is not None else None
    return (
        ReportRow(
            key=VolunteerWorkForm.ORGANIZATION_BASED.value,
            label=_("Organization-based"),
            hours=hours,
            fte=_fte(hours, scope),
            value=valuation.total if valuation is not None else None,
            deployments=deployments,
            volunteers=volunteers,
        ),
        ReportRow(
            key=VolunteerWorkForm.DIRECT.value,
            label=_("Direct (not recorded in Volex)"),
            hours=Decimal("0.00"),
            fte=Decimal("0.00"),
            value=zero,
            deployments=0,
            volunteers=0,
        ),
    )


def _labels(breakdown: Breakdown, keys: set) -> dict[object, str]:
    present = [k for k in keys if k not in (None, NONE_KEY, 0)]
    if breakdown is Breakdown.SDG_GOAL:
        return {
            goal.number: _("Goal %(number)s: %(title)s")
            % {"number": goal.number, "title": goal.localized_short_title}
            for goal in SDGGoal.objects.filter(number__in=present)
        }
    if breakdown is Breakdown.SDG_TARGET:
        return {
            t.code: f"{t.code} {t.localized_title}"
            for t in SDGTarget.objects.filter(code__in=present)
        }
    if breakdown is Breakdown.COUNTRY:
        return {c.code: c.localized_name for c in Country.objects.filter(code__in=present)}
    if breakdown is Breakdown.SECTOR:
        return {k: str(Sector(k).label) for k in present if k in Sector.values}
    if breakdown is Breakdown.CATEGORY:
        return {k: str(Category(k).label) for k in present if k in Category.values}
    if breakdown is Breakdown.SEX:
        return {k: str(Sex(k).label) for k in present if k in Sex.values}
    if breakdown is Breakdown.AGE_GROUP:
        names = {"under-25": _("Under 25"), "65+": _("65 and over")}
        return {k: names.get(k, k.replace("-", "–")) for k in present}
    return {}


REACH_DIMENSIONS = ("sex", "age_group", "disability", "group")


def _reach(scope: ReportScope) -> tuple[int, dict[str, tuple[ReachRow, ...]]]:
    """People reached by results dated in the period: one grouped query, rolled up by each
    disaggregation (the grouped cells are few: sex × age group × disability × group)."""
    cells = (
        ResultReach.objects.filter(
            scope.deployment_filter("result__deployment__"),
            result__date__gte=scope.start,
            result__date__lte=scope.end,
        )
        .order_by()
        .values_list("sex", "age_group", "with_disability", "group")
        .annotate(p=Sum("people"))
    )
    totals: dict[str, dict[str, int]] = {name: {} for name in REACH_DIMENSIONS}
    grand = 0
    for sex, age, disability, group, people in cells:
        grand += people
        for name, key in zip(
            REACH_DIMENSIONS,
            (sex, age, "yes" if disability else "no", group or NONE_KEY),
            strict=True,
        ):
            totals[name][key] = totals[name].get(key, 0) + people
    labels = {
        "sex": {k: str(v) for k, v in Sex.choices},
        "age_group": {k: str(v) for k, v in AgeGroup.choices},
        "disability": {"yes": _("With a disability"), "no": _("No disability recorded")},
        "group": {k: str(v) for k, v in LeaveNoOneBehindGroup.choices},
    }
    orders = {
        "sex": list(Sex.values),
        "age_group": list(AgeGroup.values),
        "disability": ["yes", "no"],
        "group": [*LeaveNoOneBehindGroup.values, NONE_KEY],
    }
    reach = {
        name: tuple(
            ReachRow(key, labels[name].get(key) or _("No group given"), totals[name][key])
            for key in orders[name]
            if key in totals[name]
        )
        for name in REACH_DIMENSIONS
    }
    return grand, reach


def reach_labels() -> dict[str, str]:
    return {
        "sex": _("People reached by sex"),
        "age_group": _("People reached by age group"),
        "disability": _("People reached with a disability"),
        "group": _("People reached by group left behind"),
    }


def month_key(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


__all__ = [
    "COUNTRY_OF_DEPLOYMENT",
    "NONE_KEY",
    "Breakdown",
    "ReachRow",
    "Report",
    "ReportError",
    "ReportRow",
    "ReportScope",
    "ScopeKind",
    "approved_hours_in_scope",
    "deployments_in_scope",
    "programme_ids",
    "report_build",
    "sex_of",
    "whole_months",
]
