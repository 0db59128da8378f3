"""The contribution report's statements (ADR 0004): what the database adds up for a scope and
a period. Six independent statements whatever the rows (`report_statements`):

- the approved hours, in hundredths of an hour, per (assignment, country, ISCO-08 code, year)
  and per (country, code, year) with the hours of each month, then per (volunteer's stated
  gender, age group, country, code, year). Read from the summary of approved hours
  (`deployments.ApprovedHoursYear`) for the whole months of the period and from the hour
  records only for the partial months at its edges, without a join to the deployments: the
  summary's rows carry the assignment, volunteer and duty station;
- the deployments in service in the period and their distinct volunteers per key of every
  breakdown, a few keys per statement.

Every breakdown of the report is a small roll-up of those rows (`volex.impact.report_building`),
where the hours are valued (`volex.impact.report_valuing`). Plain GROUP BY and UNION ALL: the same statements on SQLite and PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db import connection
from django.db.models import F, Q, QuerySet, Value
from django.db.models.functions import Coalesce

from volex.assignments.models import Assignment, DutyStation
from volex.deployments.models import (
    MONTH_COLUMNS,
    ApprovedHoursYear,
    Deployment,
    HourRecord,
    month_of,
)
from volex.deployments.selectors import approved_hours_by_year
from volex.volunteers.models import Volunteer

from .report_scope import ReportScope, approved_hours_in_scope

# a statement's parameters, and the rows it returns
Params = tuple[Any, ...]
Rows = list[tuple[Any, ...]]

NONE_KEY = ""  # the key of "not given" rows (no SDG goal, no gender stated ...)

# Age bands of volunteers (age on the first day of the period)
VOLUNTEER_AGE_BANDS: tuple[tuple[str, int, int | None], ...] = (
    ("under-25", 0, 25),
    ("25-34", 25, 35),
    ("35-44", 35, 45),
    ("45-54", 45, 55),
    ("55-64", 55, 65),
    ("65+", 65, None),
)

# The country of service: the deployment's duty station, else (online service) the host's country.
COUNTRY_OF_DEPLOYMENT = Coalesce("duty_station__country_id", "assignment__host__country_id")

MONTHS = len(MONTH_COLUMNS)


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def _age_group_sql(column: str, on: date) -> tuple[str, list[object]]:
    """The age band on day `on` of the birth dates in `column`, as SQL (NONE_KEY: none given):
    born after (on − high years) and on or before (on − low years)."""
    parts: list[str] = []
    params: list[object] = []
    for key, low, high in VOLUNTEER_AGE_BANDS:
        condition = f"{column} <= %s"
        params.append(_years_before(on, low))
        if high is not None:
            condition += f" AND {column} > %s"
            params.append(_years_before(on, high))
        parts.append(f"WHEN {condition} THEN %s")
        params.append(key)
    return f"CASE {' '.join(parts)} ELSE %s END", [*params, NONE_KEY]


# --- which months come from the summary -----------------------------------------------------


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


def _month_start(month: int) -> date:
    return date(month // 100, month % 100, 1)


def _month_after(month: int) -> date:
    return _next_month(_month_start(month))


SOURCE_COLUMNS = ("r_a", "r_v", "r_s", "r_i", "r_y", "r_h", *(f"r_{m:02d}" for m in range(1, 13)))


def _summary_part(scope: ReportScope, year: int, months: range) -> tuple[str, Params]:
    """The summary's rows of one year, keeping the hours of `months` (1-12) only."""
    chosen = [MONTH_COLUMNS[m - 1] for m in months]
    if len(chosen) == MONTHS:
        total = F("hundredths")
    else:
        total = sum((F(column) for column in chosen[1:]), F(chosen[0]))
    by_month = {
        f"r_{m:02d}": F(MONTH_COLUMNS[m - 1]) if m in months else Value(0) for m in range(1, 13)
    }
    rows = (
        ApprovedHoursYear.objects.filter(scope.deployment_filter(), year=year)
        .order_by()
        .annotate(
            r_a=F("assignment_id"),
            r_v=F("volunteer_id"),
            r_s=F("duty_station_id"),
            r_i=F("isco_group_id"),
            r_y=F("year"),
            r_h=total,
            **by_month,
        )
        .values_list(*SOURCE_COLUMNS)
    )
    return rows.query.sql_with_params()


def _records_part(records: QuerySet[HourRecord]) -> tuple[str, Params]:
    """Approved hour records as rows of the same shape: the summary's rows computed from them
    (`approved_hours_by_year`, what the summary's refresh inserts), without the deployment."""
    sql, params = approved_hours_by_year(records).query.sql_with_params()
    columns = ["s_a", "s_v", "s_s", "s_i", "s_y", "s_h", *(f"s_{m:02d}" for m in range(1, 13))]
    return f"SELECT {', '.join(columns)} FROM ({sql}) records", params


def hours_source(scope: ReportScope, *, summary: bool) -> tuple[str, Params]:
    """The approved hours of the period in scope as rows (assignment, volunteer, duty station,
    ISCO-08 code of the record, year, hundredths, hundredths of each month): the summary for
    the whole months inside the period, the records (counted by the day their period starts)
    for the partial months at its edges; `summary=False` reads the records only (the reference
    the tests compare with)."""
    months = whole_months(scope) if summary else None
    records = approved_hours_in_scope(scope)
    parts = []
    covered = False
    if months is not None:
        first, last = months
        for year in range(first // 100, last // 100 + 1):
            low = first % 100 if year == first // 100 else 1
            high = last % 100 if year == last // 100 else 12
            parts.append(_summary_part(scope, year, range(low, high + 1)))
        covered = (scope.start, scope.end) == (
            _month_start(first),
            _month_after(last) - timedelta(days=1),
        )
        records = records.filter(
            Q(period_start__lt=_month_start(first)) | Q(period_start__gte=_month_after(last))
        )
    if not covered:  # partial months at an edge, or no whole month at all
        parts.append(_records_part(records))
    return (
        " UNION ALL ".join(sql for sql, _params in parts),
        tuple(param for _sql, params in parts for param in params),
    )


# --- the statements --------------------------------------------------------------------------


@dataclass(frozen=True)
class Statement:
    sql: str
    params: Params
    read: Callable[[Rows], object] | None = None  # its rows → the result kept


# The deployment counts' tags. "people" is keyed by (gender as stated, age group): it gives the
# totals, the sex and the age group (a volunteer has one of each, so their counts add up).
COUNT_TAGS = ("people", "sector", "category", "country", "sdg_goal", "sdg_target")


def report_statements(
    scope: ReportScope,
    deployments: QuerySet[Deployment],
    *,
    summary: bool = True,
    read_hours: Callable[[Rows], object] | None = None,
) -> list[Statement]:
    """The report's statements, independent of each other (so that PostgreSQL may share them
    out between two sessions, `volex.core.snapshot`), the longest first: the approved hours per
    assignment and month (`split_hours` reads them; `read_hours`, if given, in the session that
    fetched them), the approved hours per volunteer group (rows (gender as stated, age group,
    country, code, year, hundredths)), then the deployments counted per key, a few keys each
    (`read_counts` reads them all)."""
    hours = _HourStatements(scope, summary=summary)
    counts = _CountStatements(scope, deployments)
    by_assignment = hours.by_assignment_and_month()
    return [
        Statement(by_assignment.sql, by_assignment.params, read_hours),
        hours.by_volunteer(),
        counts.of("people", "sector"),
        counts.of("category", "country"),
        counts.of("sdg_target"),
        counts.of("sdg_goal"),
    ]


def split_hours(rows: Rows) -> tuple[Rows, Rows]:
    """The hours per assignment: ((assignment, country), country, code, year, hundredths), and
    per month: (country, code, year, hundredths, hundredths of each month 1-12)."""
    by_assignment, by_month = [], []
    for tag, a, c, i, y, h, per_month in rows:
        if tag == "a":
            by_assignment.append(((a, c), c, i, y, h))
        else:
            months = tuple(int(n) for n in per_month.split(","))
            by_month.append((c, i, int(y), int(h), months))
    return by_assignment, by_month


def read_counts(*results: Rows) -> dict[str, dict[object, tuple[int, int]]]:
    """tag → key → (deployments, distinct volunteers) from the counting statements' rows."""
    counts: dict[str, dict[object, tuple[int, int]]] = {tag: {} for tag in COUNT_TAGS}
    for rows in results:
        for tag, text, age, number, d, v in rows:
            key = (text, age) if tag == "people" else number if tag == "sdg_goal" else text
            counts[tag][key] = (int(d), int(v))
    return counts


def _keys_sql(start: date) -> tuple[str, list[object]]:
    """The keys the hour rows take from what they point to, each one small relation (OFFSET 0:
    one hash join per hour row, not one per table behind it): the assignments' host country
    and occupation's ISCO-08 unit group, the duty stations' countries, the volunteers' gender
    as stated and age group on `start`."""
    assignments, a_params = (
        Assignment.objects.order_by()
        .annotate(k_c=F("host__country_id"), k_o=F("occupation__isco_group_id"))
        .values_list("pk", "k_c", "k_o")
        .query.sql_with_params()
    )
    stations, s_params = (
        DutyStation.objects.order_by().values_list("pk", "country_id").query.sql_with_params()
    )
    age_sql, age_params = _age_group_sql("birth_date", start)
    table = connection.ops.quote_name(Volunteer._meta.db_table)
    volunteers = f"SELECT id, gender, {age_sql} FROM {table}"
    keep = " LIMIT -1 OFFSET 0" if connection.vendor == "sqlite" else " OFFSET 0"
    return (
        f"ak (id, hc, oi) AS ({assignments}{keep}), sk (id, c) AS ({stations}{keep}), "
        f"vk (id, g, kg) AS ({volunteers}{keep})",
        [*a_params, *s_params, *age_params],
    )


# inlined on PostgreSQL (each use planned with its own estimates, the rows read where they
# lie); SQLite inlines what it can by itself
def _inline() -> str:
    return "NOT MATERIALIZED " if connection.vendor == "postgresql" else ""


def _once() -> str:
    return "MATERIALIZED " if connection.vendor == "postgresql" else ""


KEYED = "INNER JOIN ak ON ak.id = {0}.a LEFT OUTER JOIN sk ON sk.id = {0}.s"
COUNTRY = "COALESCE(sk.c, ak.hc)"  # of service: the duty station's, else (online) the host's
ISCO = "COALESCE({0}.i, ak.oi)"  # the hour record's ISCO-08 group, else the assignment's


class _HourStatements:
    """The approved hours of the scope and period. Country of service = the duty station's,
    else (online) the host's; occupation = the hour record's ISCO-08 group, else the
    assignment occupation's unit group."""

    def __init__(self, scope: ReportScope, *, summary: bool) -> None:
        source_sql, source_params = hours_source(scope, summary=summary)
        keys_sql, keys_params = _keys_sql(scope.start)
        months = ", ".join(f"m{m:02d}" for m in range(1, 13))
        self.with_ = (
            f"WITH src (a, v, s, i, y, h, {months}) AS {_inline()}({source_sql}), {keys_sql}"
        )
        self.params = (*source_params, *keys_params)

    def by_assignment_and_month(self) -> Statement:
        """Grouped first by what the hour rows carry (assignment, duty station, ISCO-08 code
        of the record, year), without a join; only those groups take their keys, once
        (materialized on PostgreSQL, read by both branches): rows 'a' per (assignment,
        country, code, year) and 'm' per (country, code, year) with the twelve months' hours
        as one text column (so that the other rows stay narrow)."""
        sums = ", ".join(f"SUM(m{m:02d}) AS m{m:02d}" for m in range(1, 13))
        months = ", ".join(f"m{m:02d}" for m in range(1, 13))
        trend = " || ',' || ".join(f"CAST(SUM(m{m:02d}) AS TEXT)" for m in range(1, 13))
        sql = (
            f"{self.with_}, ga (a, c, i, y, h, {months}) AS {_once()}(SELECT g.a, {COUNTRY}, "
            f"{ISCO.format('g')}, g.y, g.h, {months} FROM (SELECT a, s, i, y, SUM(h) AS h, "
            f"{sums} FROM src GROUP BY a, s, i, y) g {KEYED.format('g')}) "
            f"SELECT 'a', a, c, i, y, h, NULL FROM ga "
            f"UNION ALL SELECT 'm', NULL, c, i, y, CAST(SUM(h) AS BIGINT), {trend} "
            f"FROM ga GROUP BY c, i, y"
        )
        return Statement(sql, self.params)

    def by_volunteer(self) -> Statement:
        """Per (volunteer's gender as stated, age group on the first day of the period,
        country, code, year): the report reads the gender as a sex."""
        sql = (
            f"{self.with_} SELECT vk.g, vk.kg, {COUNTRY}, {ISCO.format('src')}, src.y, "
            f"SUM(src.h) FROM src {KEYED.format('src')} INNER JOIN vk ON vk.id = src.v "
            f"GROUP BY 1, 2, 3, 4, 5"
        )
        return Statement(sql, self.params)


class _CountStatements:
    """The deployments in service in the period (in scope) and their distinct volunteers per
    breakdown key, a few keys per statement (small enough to share out between two sessions).
    Distinct volunteers are counted in two hash groupings (per key and volunteer, then per
    key), not by sorting."""

    def __init__(self, scope: ReportScope, deployments: QuerySet[Deployment]) -> None:
        dep_sql, dep_params = (
            deployments.order_by()
            .values_list("volunteer_id", "assignment_id", "duty_station_id")
            .query.sql_with_params()
        )
        keys_sql, keys_params = _keys_sql(scope.start)
        # inlined: a scan of the deployments costs less than writing them aside and reading
        # them back, in statements of one or two keys
        self.with_ = f"WITH dep (v, a, s) AS {_inline()}({dep_sql}), {keys_sql}"
        self.params = (*dep_params, *keys_params)

    def of(self, *tags: str) -> Statement:
        """One statement counting per the keys of `tags` (COUNT_TAGS)."""
        tables = {
            "asg": Assignment.objects.annotate(
                k_s=Coalesce("sector", Value(NONE_KEY)),
                k_c=Coalesce("category", Value(NONE_KEY)),
            ).values_list("pk", "k_s", "k_c"),
            "goal_of": Assignment.objects.annotate(
                k=Coalesce("sdg_goals__number", Value(0))
            ).values_list("pk", "k"),
            "target_of": Assignment.objects.annotate(
                k=Coalesce("sdg_targets__code", Value(NONE_KEY))
            ).values_list("pk", "k"),
        }
        columns = {"asg": "aid, ks, kc", "goal_of": "aid, k", "target_of": "aid, k"}
        branches = {
            "people": (
                "SELECT 'people', vk.g, vk.kg, CAST(NULL AS INTEGER), SUM(x.n), COUNT(*) "
                "FROM (SELECT v, COUNT(*) AS n FROM dep GROUP BY v) x "
                "INNER JOIN vk ON vk.id = x.v GROUP BY vk.g, vk.kg",
                None,
            ),
            "sector": (self._per_key("sector", "o.ks", "asg"), "asg"),
            "category": (self._per_key("category", "o.kc", "asg"), "asg"),
            "country": (
                self._per_key("country", COUNTRY, None, joined=KEYED.format("dep")),
                None,
            ),
            "sdg_goal": (self._per_key("sdg_goal", "o.k", "goal_of", goal=True), "goal_of"),
            "sdg_target": (self._per_key("sdg_target", "o.k", "target_of"), "target_of"),
        }
        needed = sorted({branches[tag][1] for tag in tags} - {None})
        ctes, params = [self.with_], list(self.params)
        for name in needed:
            sql, table_params = tables[name].order_by().query.sql_with_params()
            ctes.append(f"{name} ({columns[name]}) AS ({sql})")
            params.extend(table_params)
        union = " UNION ALL ".join(branches[tag][0] for tag in tags)
        return Statement(f"{', '.join(ctes)} {union}", tuple(params))

    @staticmethod
    def _per_key(
        tag: str, key: str, table: str | None, *, joined: str = "", goal: bool = False
    ) -> str:
        if table is not None:
            joined = f"INNER JOIN {table} o ON o.aid = dep.a"
        text, number = ("NULL", "k") if goal else ("k", "NULL")
        return (
            f"SELECT '{tag}', {text}, NULL, {number}, SUM(n), COUNT(*) FROM "
            f"(SELECT {key} AS k, dep.v AS v, COUNT(*) AS n FROM dep {joined} GROUP BY 1, 2) x "
            f"GROUP BY k"
        )
