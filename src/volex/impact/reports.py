"""Contribution reports: what volunteers gave over a period, valued the ILO way (ADR 0004).

`report_build(scope=...)` aggregates in the database (grouped queries, a constant number of them
whatever the rows: the approved hours are read in one statement for every breakdown, by
`_hour_cube`, from the summary of approved hours for whole months), then
values the few grouped rows with the pure `volex.domain.valuation` (replacement cost, FTE), each
wage looked up once per country, occupation and year. Nothing here loops over deployments or hour
records in Python.

A scope is a programme (an organization and its field offices), an organization alone, a
country of service or a mission (UN peace operation), over a period, seen by a user: a host
supervisor's report holds only their organizations' deployments, a programme manager's only those
of the organizations they manage, an administrator's everything.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from django.db import connection, transaction
from django.db.models import Case, CharField, Count, F, Q, QuerySet, Sum, Value, When
from django.db.models.functions import Coalesce, ExtractMonth, ExtractYear, Lower
from django.db.models.lookups import In
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from volex.assignments.models import Assignment
from volex.core.choices import Category, LeaveNoOneBehindGroup, Sector
from volex.deployments.models import (
    AgeGroup,
    ApprovedHoursMonth,
    Deployment,
    HourRecord,
    HourStatus,
    ResultReach,
    Sex,
    month_of,
)
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
from volex.reference.models import Country, PeaceOperation, SDGGoal, SDGTarget

from . import selectors

HOURS = Decimal("0.01")
FTE_PLACES = Decimal("0.01")
NONE_KEY = ""  # the key of "not given" rows (no SDG goal, no gender stated ...)


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

# Volunteers' gender is self-described text; these words count as a sex in reports.
FEMALE_WORDS = ("f", "female", "woman", "femme", "femenino", "mujer", "feminin", "féminin")
MALE_WORDS = ("m", "male", "man", "homme", "masculino", "hombre", "masculin")

# Age bands of volunteers (age on the first day of the period)
VOLUNTEER_AGE_BANDS: tuple[tuple[str, int, int | None], ...] = (
    ("under-25", 0, 25),
    ("25-34", 25, 35),
    ("35-44", 35, 45),
    ("45-54", 45, 55),
    ("55-64", 55, 65),
    ("65+", 65, None),
)


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

    def deployment_filter(self, prefix: str = "") -> Q:
        """The scope as a filter on deployments (`prefix`: the path to a deployment)."""
        p = prefix
        q = Q()
        if self.visible_organization_ids is not None:
            q &= Q(**{f"{p}assignment__host_id__in": sorted(self.visible_organization_ids)})
        if self.kind is ScopeKind.PROGRAMME:
            q &= Q(**{f"{p}assignment__host_id__in": sorted(programme_ids(self.organization))})
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
    found = {organization.pk}
    frontier = {organization.pk}
    while frontier:
        frontier = (
            set(Organization.objects.filter(parent_id__in=frontier).values_list("pk", flat=True))
            - found
        )
        found |= frontier
    return frozenset(found)


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

# The country of service: the deployment's duty station, else (online service) the host's country.
COUNTRY_OF_HOURS = Coalesce(
    "deployment__duty_station__country_id", "deployment__assignment__host__country_id"
)
COUNTRY_OF_DEPLOYMENT = Coalesce("duty_station__country_id", "assignment__host__country_id")
# The occupation of the work: the hour record's, else the assignment's occupation's unit group
# (in `_hour_cube`: COALESCE of the summary's or record's code and the deployment's `oi`).


def _age_expression(path: str, on: date):
    whens = []
    for key, low, high in VOLUNTEER_AGE_BANDS:
        # born after (on - high years) and on or before (on - low years)
        condition = Q(**{f"{path}__lte": _years_before(on, low)})
        if high is not None:
            condition &= Q(**{f"{path}__gt": _years_before(on, high)})
        whens.append(When(condition, then=Value(key)))
    return Case(*whens, default=Value(NONE_KEY), output_field=CharField())


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def _dimension(breakdown: Breakdown, scope: ReportScope, prefix: str):
    """The database expression of a breakdown's key, on hour records (`prefix` "deployment__")
    or on deployments (prefix "")."""
    p = prefix
    if breakdown is Breakdown.SDG_GOAL:
        return Coalesce(f"{p}assignment__sdg_goals__number", Value(0))
    if breakdown is Breakdown.SDG_TARGET:
        return Coalesce(f"{p}assignment__sdg_targets__code", Value(NONE_KEY))
    if breakdown is Breakdown.SECTOR:
        return Coalesce(f"{p}assignment__sector", Value(NONE_KEY))
    if breakdown is Breakdown.CATEGORY:
        return Coalesce(f"{p}assignment__category", Value(NONE_KEY))
    if breakdown is Breakdown.COUNTRY:
        return COUNTRY_OF_HOURS if p else COUNTRY_OF_DEPLOYMENT
    if breakdown is Breakdown.SEX:
        path = f"{p}volunteer__gender"
        gender = Lower(path)
        return Case(
            When(Q(**{f"{path}__isnull": True}) | Q(**{path: ""}), then=Value(NONE_KEY)),
            When(In(gender, FEMALE_WORDS), then=Value(Sex.FEMALE.value)),
            When(In(gender, MALE_WORDS), then=Value(Sex.MALE.value)),
            default=Value(Sex.OTHER.value),
            output_field=CharField(),
        )
    if breakdown is Breakdown.AGE_GROUP:
        return _age_expression(f"{p}volunteer__birth_date", scope.start)
    raise ValueError(breakdown)


def deployments_in_scope(scope: ReportScope) -> QuerySet[Deployment]:
    """Deployments in service at some time in the period, within the scope."""
    return Deployment.objects.filter(
        scope.deployment_filter(),
        start_date__lte=scope.end,
    ).filter(Q(end_date__isnull=True) | Q(end_date__gte=scope.start))


def approved_hours_in_scope(scope: ReportScope) -> QuerySet[HourRecord]:
    """Approved hour records whose period starts within the report's period, within the scope."""
    return HourRecord.objects.filter(
        scope.deployment_filter("deployment__"),
        status=HourStatus.APPROVED,
        period_start__gte=scope.start,
        period_start__lte=scope.end,
    )


def _hours(value) -> Decimal:
    if isinstance(value, float):  # SQLite sums decimals as floats: read the shortest repr
        value = str(value)
    return Decimal(value or 0).quantize(HOURS, rounding=ROUND_HALF_UP)


# The breakdowns read from the hour cube (`_hour_cube`), by the tag of their rows. "t" (the
# totals, by country, ISCO-08 code and year) also gives the country breakdown.
CUBE_KEYS = {
    "s": Breakdown.SECTOR,
    "c": Breakdown.CATEGORY,
    "x": Breakdown.SEX,
    "g": Breakdown.AGE_GROUP,
    "m": Breakdown.MONTH,
}
CUBE_TAGS = ("t", *CUBE_KEYS, "sdg_goal", "sdg_target")


def whole_months(scope: ReportScope) -> tuple[int, int] | None:
    """The first and last whole calendar months (YYYYMM) inside the period, if any: the months
    the report reads from the summary of approved hours instead of the records."""
    first = scope.start if scope.start.day == 1 else _next_month(scope.start)
    last_day = _next_month(scope.end) - timedelta(days=1)
    last = scope.end if scope.end == last_day else scope.end.replace(day=1) - timedelta(days=1)
    if first > last:
        return None
    return month_of(first), month_of(last)


def _next_month(day: date) -> date:
    return date(day.year + (day.month == 12), day.month % 12 + 1, 1)


def _hours_source(scope: ReportScope, *, summary: bool) -> tuple[str, tuple]:
    """The approved hours of the period as rows (deployment, ISCO-08 code of the record, month
    YYYYMM, year, hours): the summary (`ApprovedHoursMonth`) for the whole months inside the
    period, the hour records (counted by the day their period starts) for the partial months at
    its edges; `summary=False` reads the records only (the reference the tests compare with)."""
    months = whole_months(scope) if summary else None
    records = HourRecord.objects.filter(
        status=HourStatus.APPROVED, period_start__gte=scope.start, period_start__lte=scope.end
    )
    parts = []
    whole_period = False
    if months is not None:
        first, last = months
        whole_period = (scope.start, scope.end) == (_month_start(first), _month_last(last))
        records = records.filter(
            Q(period_start__lt=_month_start(first)) | Q(period_start__gte=_month_after(last))
        )
        parts.append(
            ApprovedHoursMonth.objects.filter(month__gte=first, month__lte=last)
            .order_by()
            .annotate(
                r_d=F("deployment_id"),
                r_i=F("isco_group_id"),
                r_m=F("month"),
                r_y=F("month") / 100,
                r_h=F("hours"),
            )
            .values_list("r_d", "r_i", "r_m", "r_y", "r_h")
            .query.sql_with_params()
        )
    if not whole_period:  # partial months at an edge, or no whole month at all
        parts.append(
            records.order_by()
            .annotate(
                r_d=F("deployment_id"),
                r_i=F("isco_group_id"),
                r_m=ExtractYear("period_start") * 100 + ExtractMonth("period_start"),
                r_y=ExtractYear("period_start"),
                r_h=F("hours"),
            )
            .values_list("r_d", "r_i", "r_m", "r_y", "r_h")
            .query.sql_with_params()
        )
    return (
        " UNION ALL ".join(sql for sql, _params in parts),
        tuple(param for _sql, params in parts for param in params),
    )


def _month_start(month: int) -> date:
    return date(month // 100, month % 100, 1)


def _month_after(month: int) -> date:
    return _next_month(_month_start(month))


def _month_last(month: int) -> date:
    return _month_after(month) - timedelta(days=1)


def _hour_cube(scope: ReportScope, *, summary: bool = True) -> dict[object, list]:
    """Every breakdown's (key, country, ISCO-08 code, year, hours) from ONE statement.

    The approved hours (`_hours_source`: the summary for whole months, the records for the
    partial ones) are grouped per (deployment, ISCO-08 code, year) first, without a join; those
    groups are joined to the deployments in scope (every breakdown key computed once per
    deployment) and grouped into two small results: by (assignment, country, code, year) and by
    (sex, age group, country, code, year); the trend groups the hour rows by (month, country,
    code, year). Every breakdown is then a grouping of those small results: the totals, sector,
    category and the SDG goals and targets (an assignment with several counts under each) from
    the first, sex and age group from the second. Plain GROUP BY and UNION ALL only: the same
    statement on SQLite and PostgreSQL (where the hour rows are read in place, in parallel, and
    the deployments' keys computed once). Returns {"t": totals, Breakdown.X: rows}."""
    hours_sql, hours_params = _hours_source(scope, summary=summary)
    deployments = (
        Deployment.objects.filter(scope.deployment_filter())
        .order_by()
        .annotate(
            k_id=F("pk"),
            k_a=F("assignment_id"),
            k_x=_dimension(Breakdown.SEX, scope, ""),
            k_g=_dimension(Breakdown.AGE_GROUP, scope, ""),
            k_country=COUNTRY_OF_DEPLOYMENT,
            k_oi=F("assignment__occupation__isco_group_id"),
        )
        .values_list("k_id", "k_a", "k_x", "k_g", "k_country", "k_oi")
    )
    dep_sql, dep_params = deployments.query.sql_with_params()
    assignments_sql, assignments_params = (
        Assignment.objects.annotate(
            k_s=Coalesce("sector", Value(NONE_KEY)), k_c=Coalesce("category", Value(NONE_KEY))
        )
        .order_by()
        .values_list("pk", "k_s", "k_c")
        .query.sql_with_params()
    )
    goals_sql, goals_params = (
        Assignment.objects.annotate(k=Coalesce("sdg_goals__number", Value(0)))
        .order_by()
        .values_list("pk", "k")
        .query.sql_with_params()
    )
    targets_sql, targets_params = (
        Assignment.objects.annotate(k=Coalesce("sdg_targets__code", Value(NONE_KEY)))
        .order_by()
        .values_list("pk", "k")
        .query.sql_with_params()
    )
    # PostgreSQL materializes a CTE read more than once: not the hour rows (read where they
    # are, in parallel), but the deployments' keys and the small groupings
    postgresql = connection.vendor == "postgresql"
    inline = "NOT MATERIALIZED " if postgresql else ""
    # the deployments' keys computed once (five joins), then one hash join per hour row
    once = "MATERIALIZED " if postgresql else ""
    isco = "COALESCE(hrs.i, dep.oi)"
    sql = (
        f"WITH hrs (d, i, m, y, h) AS {inline}({hours_sql}), "
        f"dep (id, a, kx, kg, c, oi) AS {once}({dep_sql}), "
        # per deployment first (no join: the summary's rows alone), then the deployments' keys
        f"gd (d, i, y, h) AS (SELECT d, i, y, SUM(h) FROM hrs GROUP BY d, i, y), "
        f"gk (a, kx, kg, c, i, y, h) AS (SELECT dep.a, dep.kx, dep.kg, dep.c, "
        f"COALESCE(gd.i, dep.oi), gd.y, gd.h FROM gd INNER JOIN dep ON dep.id = gd.d), "
        f"ga (a, c, i, y, h) AS (SELECT a, c, i, y, SUM(h) FROM gk GROUP BY a, c, i, y), "
        f"gv (kx, kg, c, i, y, h) AS (SELECT kx, kg, c, i, y, SUM(h) FROM gk "
        f"GROUP BY kx, kg, c, i, y), "
        # the trend: by month, country and occupation (the country is the deployment's)
        f"gm (m, c, i, y, h) AS (SELECT hrs.m, dep.c, {isco}, hrs.y, SUM(hrs.h) "
        f"FROM hrs INNER JOIN dep ON dep.id = hrs.d GROUP BY hrs.m, dep.c, {isco}, hrs.y), "
        f"asg (aid, ks, kc) AS ({assignments_sql}), "
        f"goal_of (aid, k) AS ({goals_sql}), "
        f"target_of (aid, k) AS ({targets_sql}) "
        f"SELECT 't' AS tag, NULL AS tk, CAST(NULL AS INTEGER) AS nk, c, i, y, SUM(h) "
        f"FROM ga GROUP BY c, i, y "
        f"UNION ALL SELECT 's', o.ks, NULL, u.c, u.i, u.y, SUM(u.h) "
        f"FROM ga u INNER JOIN asg o ON o.aid = u.a GROUP BY o.ks, u.c, u.i, u.y "
        f"UNION ALL SELECT 'c', o.kc, NULL, u.c, u.i, u.y, SUM(u.h) "
        f"FROM ga u INNER JOIN asg o ON o.aid = u.a GROUP BY o.kc, u.c, u.i, u.y "
        f"UNION ALL SELECT 'x', kx, NULL, c, i, y, SUM(h) FROM gv GROUP BY kx, c, i, y "
        f"UNION ALL SELECT 'g', kg, NULL, c, i, y, SUM(h) FROM gv GROUP BY kg, c, i, y "
        f"UNION ALL SELECT 'm', NULL, m, c, i, y, h FROM gm "
        f"UNION ALL SELECT 'sdg_goal', NULL, o.k, u.c, u.i, u.y, SUM(u.h) "
        f"FROM ga u INNER JOIN goal_of o ON o.aid = u.a GROUP BY o.k, u.c, u.i, u.y "
        f"UNION ALL SELECT 'sdg_target', o.k, NULL, u.c, u.i, u.y, SUM(u.h) "
        f"FROM ga u INNER JOIN target_of o ON o.aid = u.a GROUP BY o.k, u.c, u.i, u.y"
    )
    params = (
        *hours_params,
        *dep_params,
        *assignments_params,
        *goals_params,
        *targets_params,
    )
    found: dict[object, list] = {"t": []}
    found.update({breakdown: [] for breakdown in Breakdown})
    sdg = {"sdg_goal": Breakdown.SDG_GOAL, "sdg_target": Breakdown.SDG_TARGET}
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for tag, text, number, country, isco, year, hours in cursor.fetchall():
            row_hours = _hours(hours)
            year = int(year)
            if tag == "t":
                found["t"].append((NONE_KEY, country, isco, year, row_hours))
                found[Breakdown.COUNTRY].append((country, country, isco, year, row_hours))
            elif tag == "m":
                found[Breakdown.MONTH].append((int(number), country, isco, year, row_hours))
            elif tag == "sdg_goal":
                found[Breakdown.SDG_GOAL].append((int(number), country, isco, year, row_hours))
            else:
                breakdown = CUBE_KEYS.get(tag) or sdg[tag]
                found[breakdown].append((text, country, isco, year, row_hours))
    # the database returns groups in any order: the valuation's notes list them in this one
    found["t"].sort(key=lambda row: (row[1] or "", row[2] or "", row[3]))
    return found


def _grouped_deployments(scope: ReportScope, key) -> dict[object, tuple[int, int]]:
    """key → (deployments, volunteers): one grouped query on deployments."""
    rows = (
        deployments_in_scope(scope)
        .annotate(k=key)
        .order_by()
        .values_list("k")
        .annotate(d=Count("pk", distinct=True), v=Count("volunteer_id", distinct=True))
    )
    return {k: (d, v) for k, d, v in rows}


# --- building ---------------------------------------------------------------------------------


class _Valuer:
    """Values grouped hours, remembering the valuation of the totals for the notes. The wage of
    each (country, ISCO-08 code, year) is looked up once per report, not once per grouped row."""

    def __init__(self, scope: ReportScope, countries: set[str]) -> None:
        self.wages = selectors.wage_table(countries=countries)
        currencies = {rate.hourly_wage.currency for rate in self.wages}
        self.currency = scope.currency or (currencies.pop() if len(currencies) == 1 else "USD")
        self.rates = selectors.exchange_rates()
        self.error = ""
        self._wage_of: dict[tuple[str, str | None, int], Money | None] = {}

    def value(self, grouped) -> Valuation | None:
        """The full valuation (lines, fallbacks, rates used) of the totals."""
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

    def by_key(self, grouped) -> dict[object, Money] | None:
        """Value per key of a breakdown's grouped rows, each rounded once: the same figures as
        `replacement_cost(...).by_group()`, without building a valuation line per row."""
        totals: dict[object, Decimal] = {}
        try:
            for k, c, i, y, h in grouped:
                if not (h > 0 and c):
                    continue
                wage = self._wage(c, i, y)
                if wage is None:  # no wage for the country: hours not valued
                    continue
                amount = wage.amount * h
                if wage.currency != self.currency:
                    amount = self.rates.convert(
                        Money(amount, wage.currency), to=self.currency, year=y
                    ).amount
                totals[k] = totals.get(k, Decimal(0)) + amount
        except MissingExchangeRateError as error:
            self._missing(error)
            return None
        return {k: Money(amount, self.currency).rounded() for k, amount in totals.items()}

    def _wage(self, country: str, isco: str | None, year: int) -> Money | None:
        key = (country, isco, year)
        if key not in self._wage_of:
            match = self.wages.lookup(
                country=country, isco_code=isco, year=year, currency=self.currency
            )
            self._wage_of[key] = match.rate.hourly_wage if match is not None else None
        return self._wage_of[key]

    def _missing(self, error: MissingExchangeRateError) -> None:
        self.error = _(
            "No value: wages in %(source)s cannot be added to %(target)s without an "
            "exchange rate for %(year)s. Enter the rate, or report in %(source)s."
        ) % {"source": error.currency, "target": error.to, "year": error.year}


def report_build(*, scope: ReportScope, summary: bool = True) -> Report:
    """The whole report: totals, breakdowns, trend and people reached, with its notes.
    `summary=False` reads every approved hour record instead of the summary of approved hours
    for the whole months (the same figures, slower: the reference the tests compare with)."""
    with transaction.atomic():
        _tune_session()
        return _report(scope, summary=summary)


# PostgreSQL settings for the report's transaction only (ADR 0004): the cube's hash tables and
# the deployment counts' sorts fit in memory instead of spilling to disk (EXPLAIN ANALYZE at
# 10 M records: hash batches and external merges with the default 4 MB), and no JIT (the
# planner's over-estimated groups made it compile 270 functions for about 5 s of the report).
REPORT_SETTINGS = {"jit": "off", "work_mem": "256MB"}


def _tune_session() -> None:
    if connection.vendor != "postgresql":
        return
    calls = ", ".join("set_config(%s, %s, true)" for _name in REPORT_SETTINGS)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {calls}", [item for pair in REPORT_SETTINGS.items() for item in pair]
        )


def _report(scope: ReportScope, *, summary: bool) -> Report:
    cube = _hour_cube(scope, summary=summary)
    totals = cube["t"]
    countries = {c for _k, c, _i, _y, _h in totals if c}
    valuer = _Valuer(scope, countries)
    total_valuation = valuer.value(totals)
    hours = sum((h for *_rest, h in totals), Decimal(0))
    counts = deployments_in_scope(scope).aggregate(
        d=Count("pk", distinct=True), v=Count("volunteer_id", distinct=True)
    )
    breakdowns: dict[Breakdown, tuple[ReportRow, ...]] = {}
    for breakdown in Breakdown:
        if breakdown is Breakdown.FORM:
            continue
        breakdowns[breakdown] = _breakdown_rows(scope, breakdown, cube[breakdown], valuer)
    breakdowns[Breakdown.FORM] = _form_rows(
        scope, hours, total_valuation, counts["d"], counts["v"], valuer.currency
    )
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
        volunteers=counts["v"],
        deployments=counts["d"],
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


def _fte(hours: Decimal, scope: ReportScope, years: Decimal | None = None) -> Decimal:
    years = scope.period_years if years is None else years
    return (hours / (scope.basis.hours * years)).quantize(FTE_PLACES, rounding=ROUND_HALF_UP)


def _breakdown_rows(
    scope: ReportScope, breakdown: Breakdown, grouped: list, valuer: _Valuer
) -> tuple[ReportRow, ...]:
    if breakdown is Breakdown.MONTH:
        return _month_rows(scope, grouped, valuer)
    counts = _grouped_deployments(scope, _dimension(breakdown, scope, ""))
    by_key = valuer.by_key(grouped)
    values = by_key or {}
    hours: dict[object, Decimal] = {}
    for k, _c, _i, _y, h in grouped:
        hours[k] = hours.get(k, Decimal(0)) + h
    keys = set(hours) | set(counts)
    labels = _labels(breakdown, keys)
    rows = []
    for key in keys:
        d, v = counts.get(key, (0, 0))
        value = values.get(key)
        if value is None and by_key is not None:
            value = Money.zero(valuer.currency)
        rows.append(
            ReportRow(
                key=str(key) if key not in (None, 0) else NONE_KEY,
                label=labels.get(key) or _("Not given"),
                hours=hours.get(key, Decimal("0.00")),
                fte=_fte(hours.get(key, Decimal(0)), scope),
                value=value,
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


def _month_rows(scope: ReportScope, grouped: list, valuer: _Valuer) -> tuple[ReportRow, ...]:
    """The trend: hours, FTE and value per calendar month of the period."""
    by_key = valuer.by_key(grouped)
    values = by_key or {}
    hours: dict[int, Decimal] = {}
    for k, _c, _i, _y, h in grouped:
        hours[int(k)] = hours.get(int(k), Decimal(0)) + h
    rows = []
    year, month = scope.start.year, scope.start.month
    while (year, month) <= (scope.end.year, scope.end.month):
        k = year * 100 + month
        value = values.get(k, Money.zero(valuer.currency) if by_key is not None else None)
        rows.append(
            ReportRow(
                key=f"{year:04d}-{month:02d}",
                label=f"{year:04d}-{month:02d}",
                hours=hours.get(k, Decimal("0.00")),
                fte=_fte(hours.get(k, Decimal(0)), scope, Decimal(1) / Decimal(12)),
                value=value,
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
]
