"""Building a contribution report (ADR 0004): `report_build(scope=...)` runs the report's
statements (`volex.impact.report_cube`: six whatever the rows, on PostgreSQL shared by two
sessions in one snapshot), values the grouped hours (`volex.impact.report_valuing`) and rolls
the per-assignment rows up into the breakdowns keyed by the assignment (sector, category, SDG
goals and targets, country) and the per-volunteer rows into sex and age group, then adds the
people reached (`volex.impact.report_reach`) and the notes that state the report's basis.
Nothing here loops over deployments or hour records in Python.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import connection, transaction
from django.utils.translation import gettext as _

from volex.assignments.models import Assignment
from volex.core.choices import Category, Sector
from volex.core.snapshot import run_side_by_side, shared_snapshot
from volex.deployments.models import Sex
from volex.domain.people import sex_from_gender
from volex.domain.valuation import Money, Valuation, VolunteerWorkForm
from volex.reference.models import Country, SDGGoal, SDGTarget

from .report_cube import (
    NONE_KEY,
    VOLUNTEER_AGE_BANDS,
    Rows,
    read_counts,
    report_statements,
    split_hours,
)
from .report_reach import people_reached
from .report_results import Breakdown, Report, ReportRow
from .report_scope import ReportScope, deployments_in_scope
from .report_valuing import NO_WAGES, Cell, HoursRow, Tally, Valuer, Wages, fte, hours_of, money


def sex_of(gender: str | None) -> str:
    """The sex a volunteer's self-described gender reads as in reports (NONE_KEY: not given)."""
    sex = sex_from_gender(gender)
    return NONE_KEY if sex is None else sex.value


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

    valuer: Valuer
    cells: dict[Cell, int]  # (country, code, year) → hundredths
    totals: list[HoursRow]  # the cells as (key, country, code, year, hours) for the valuation
    total_valuation: Valuation | None
    wages: Wages
    by_assignment: dict[Breakdown, Tally]
    by_month: Rows  # (country, code, year, hundredths, hundredths of each month)


def _value_hours(scope: ReportScope, rows: Rows) -> _ValuedHours:
    by_assignment, by_month = split_hours(rows)
    cells = {(c, i, y): h for c, i, y, h, _months in by_month}
    valuer = Valuer(scope, {c for c, _i, _y in cells if c})
    # in a fixed order, not the database's: the valuation's notes list fallbacks as met
    totals: list[HoursRow] = [
        (NONE_KEY, c, i, y, hours_of(cells[c, i, y]))
        for c, i, y in sorted(cells, key=lambda cell: (cell[0] or "", cell[1] or "", cell[2]))
    ]
    total_valuation = valuer.value(totals)
    wages = valuer.hourly(total_valuation) if total_valuation is not None else NO_WAGES
    # per (assignment, country) first, then every breakdown keyed by the assignment or country
    posts = Tally.of(by_assignment, wages)
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
    hours = hours_of(sum(cells.values()))
    people = counts["people"]  # (gender as stated, age group) → (deployments, volunteers)
    deployments = sum(d for d, _v in people.values())
    volunteers = sum(v for _d, v in people.values())
    tallies = dict(valued_hours.by_assignment)
    by_volunteer = Tally.of(
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
    reach_total, reach = people_reached(scope)
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
        fte=fte(hours, scope),
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


def _counts_by(
    counts: dict[Any, tuple[int, int]], key_of: Callable[[Any], Hashable]
) -> dict[object, tuple[int, int]]:
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
    sector: dict[int, str] = {}
    category: dict[int, str] = {}
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


def _breakdown_rows(
    scope: ReportScope,
    breakdown: Breakdown,
    tally: Tally,
    counts: dict[object, tuple[int, int]],
    wages: Wages,
    currency: str,
    valued: bool,
) -> tuple[ReportRow, ...]:
    keys = set(tally.hours) | set(counts)
    labels = _labels(breakdown, keys)
    rows = []
    for key in keys:
        d, v = counts.get(key, (0, 0))
        hours = hours_of(tally.hours.get(key, 0))
        rows.append(
            ReportRow(
                key=str(key) if key not in (None, 0) else NONE_KEY,
                label=labels.get(key) or _("Not given"),
                hours=hours,
                fte=fte(hours, scope),
                value=money(tally.value.get(key), wages, currency, valued),
                deployments=d,
                volunteers=v,
            )
        )
    if breakdown in (Breakdown.COUNTRY,):
        rows.sort(key=lambda r: (-r.hours, r.label))  # a ranked list
    else:
        rows.sort(key=lambda r: (r.key == NONE_KEY, _sort_key(breakdown, r.key), r.label))
    return tuple(rows)


def _sort_key(breakdown: Breakdown, key: str) -> tuple[int | str, ...]:
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
    scope: ReportScope, by_month: Rows, wages: Wages, currency: str, valued: bool
) -> tuple[ReportRow, ...]:
    """The trend: hours, FTE and value per calendar month of the period."""
    tally = Tally.of(
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
        hours = hours_of(tally.hours.get(k, 0))
        rows.append(
            ReportRow(
                key=f"{year:04d}-{month:02d}",
                label=f"{year:04d}-{month:02d}",
                hours=hours,
                fte=fte(hours, scope, Decimal(1) / Decimal(12)),
                value=money(tally.value.get(k), wages, currency, valued),
            )
        )
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return tuple(rows)


def _form_rows(
    scope: ReportScope,
    hours: Decimal,
    valuation: Valuation | None,
    deployments: int,
    volunteers: int,
    currency: str,
) -> tuple[ReportRow, ...]:
    """The ILO's two forms of volunteer work: all of Volex's is organization-based."""
    zero = Money.zero(currency) if valuation is not None else None
    return (
        ReportRow(
            key=VolunteerWorkForm.ORGANIZATION_BASED.value,
            label=_("Organization-based"),
            hours=hours,
            fte=fte(hours, scope),
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


def _labels(breakdown: Breakdown, keys: set[Any]) -> dict[object, str]:
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
