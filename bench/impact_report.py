"""Contribution report speed on PostgreSQL: `report_build` (grouped queries in the database)
against computing the same figures in Python from the ORM rows, on the same data, in one run.

    python bench/impact_report.py [--deployments 25000] [--hours 1000000] [--runs 5]

Full size of issue 6 (250,000 deployments, 10,000,000 hour records; about 15-25 min of seeding):

    python bench/impact_report.py --deployments 250000 --hours 10000000

Seeds a fresh database on the PostgreSQL at $BENCH_PG_URL (default
postgresql://postgres@127.0.0.1:5432/postgres): volunteers and assignments with `volex seed`,
then applications, deployments and hour records with COPY (psycopg 3): each record inside its
deployment's service, 90 % approved, 1 in 5 naming an occupation (the volunteer's second kind of
work), a USD country-default wage for every country and a few occupational wages. The COPY
bypasses the hour services, so the summary of approved hours is rebuilt as bulk loaders must
(`hours_summary_rebuild`, timed on its own line); VACUUM ANALYZE. Then times the admin's report
over calendar 2024 (median of --runs, every run printed), counts its queries, times the same
report read from the hour records only (no summary) and checks it is identical, and runs the
Python baseline over the ORM rows: over the whole year, or above 2,000,000 records over March
only, scaled to the year by the approved records' ratio and labelled "extrapolated" (its figures
are checked against the report over March). The database (named volex_bench_impact_<pid>) is
dropped at the end unless --keep or --seed-only is given; `--reuse NAME` measures again on a
database kept before (migrated first).

The timed runs start outside a transaction, as the web views and the API do: on PostgreSQL the
report then shares its statements between two sessions in one snapshot (`volex.core.snapshot`).
The query count comes from a run inside a transaction, where one session runs them all.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from datetime import date
from decimal import Decimal

PG_ADMIN_URL = os.environ.get("BENCH_PG_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
NOW = "2024-12-31 12:00:00+00"
CHUNK = 200_000


def create_database() -> tuple[str, str]:
    import psycopg

    name = f"volex_bench_impact_{os.getpid()}"
    with psycopg.connect(PG_ADMIN_URL, autocommit=True, connect_timeout=5) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return name, PG_ADMIN_URL.rsplit("/", 1)[0] + "/" + name


def drop_database(name: str) -> None:
    import psycopg

    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _copy(cursor, table: str, columns: list[str], lines) -> int:
    count = 0
    with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
        buffer: list[str] = []
        for line in lines:
            buffer.append(line)
            count += 1
            if len(buffer) >= CHUNK:
                copy.write("".join(buffer))
                buffer.clear()
        if buffer:
            copy.write("".join(buffer))
    return count


def seed(deployments: int, hours: int) -> dict[str, float]:
    import numpy as np
    from django.db import connection, transaction

    from volex.assignments.models import Assignment
    from volex.deployments.models import Deployment, HourRecord
    from volex.impact.models import WageRate
    from volex.reference.models import ISCOGroup
    from volex.seeding import seed as volex_seed
    from volex.selection.models import Application
    from volex.volunteers.models import Volunteer

    timings = {}
    started = time.perf_counter()
    volunteers = max(2_000, deployments // 4)
    assignments = max(200, deployments // 50)
    volex_seed(volunteers, assignments, progress=False, rng_seed=7)
    timings["volex seed (volunteers, assignments)"] = time.perf_counter() - started

    started = time.perf_counter()
    rng = np.random.default_rng(11)
    volunteer_ids = np.array(Volunteer.objects.values_list("pk", flat=True))
    rows = list(Assignment.objects.values_list("pk", "duty_station_id"))
    assignment_ids = np.array([pk for pk, _s in rows])
    stations = dict(rows)
    # distinct (assignment, volunteer) pairs: volunteer i serves assignments i, i+k, ...
    pair = np.arange(deployments)
    chosen_v = volunteer_ids[pair % len(volunteer_ids)]
    chosen_a = assignment_ids[(pair // len(volunteer_ids) + pair * 7919) % len(assignment_ids)]
    pairs = {(int(a), int(v)) for a, v in zip(chosen_a, chosen_v, strict=True)}
    pairs_list = sorted(pairs)
    n = len(pairs_list)
    start_days = rng.integers(0, 540, size=n)  # entry on duty from 2023-01-01 over 18 months
    base = date(2023, 1, 1).toordinal()
    with transaction.atomic(), connection.cursor() as django_cursor:
        cursor = django_cursor.cursor
        cursor.execute(f"SELECT coalesce(max(id), 0) FROM {Application._meta.db_table}")
        first_application = cursor.fetchone()[0] + 1
        cursor.execute(f"SELECT coalesce(max(id), 0) FROM {Deployment._meta.db_table}")
        first_deployment = cursor.fetchone()[0] + 1
        _copy(
            cursor,
            Application._meta.db_table,
            ["id", "created_at", "updated_at", "assignment_id", "volunteer_id", "stage",
             "motivation", "invited"],
            (
                f"{first_application + i}\t{NOW}\t{NOW}\t{a}\t{v}\tready\t\tf\n"
                for i, (a, v) in enumerate(pairs_list)
            ),
        )  # fmt: skip

        def deployment_lines():
            for i, (a, v) in enumerate(pairs_list):
                start = date.fromordinal(base + int(start_days[i]))
                end = date.fromordinal(base + int(start_days[i]) + 364)
                station = stations[a]
                yield (
                    f"{first_deployment + i}\t{NOW}\t{NOW}\t{first_application + i}\t{v}\t{a}\t"
                    f"\\N\t{station if station else chr(92) + 'N'}\t{start}\t{end}\t\\N\t"
                    f"in_service\t\t\t\t\t\\N\t[]\t14\n"
                )

        _copy(
            cursor,
            Deployment._meta.db_table,
            ["id", "created_at", "updated_at", "application_id", "volunteer_id", "assignment_id",
             "supervisor_id", "duty_station_id", "start_date", "planned_end_date", "end_date",
             "state", "early_end_reason", "end_note", "performance_rating",
             "performance_assessment", "assessed_by_id", "reminders_sent",
             "checkin_interval_days"],
            deployment_lines(),
        )  # fmt: skip
        isco = list(ISCOGroup.objects.filter(level=4).values_list("code", flat=True)[:40])

        # Each record lies inside its deployment's service (the hour services refuse others),
        # in 2024 where the service reaches it; 1 in 5 names an occupation: the volunteer's
        # second kind of work (one per deployment), the others leave it to the assignment's.
        second = rng.integers(0, len(isco), size=n)
        year_start = date(2024, 1, 1).toordinal() - base  # days after 2023-01-01
        low = np.maximum(start_days, year_start)
        high = np.minimum(start_days + 364, year_start + 365)
        outside = low > high  # served only in 2023: records in its own service
        low[outside], high[outside] = start_days[outside], start_days[outside] + 364

        def hour_lines():
            done = 0
            while done < hours:
                size = min(CHUNK, hours - done)
                dep = rng.integers(0, n, size=size)
                day = low[dep] + (rng.random(size) * (high[dep] - low[dep] + 1)).astype(int)
                amount = rng.integers(1, 161, size=size) / 4  # 0.25 to 40 h
                status = rng.random(size)
                named = rng.random(size) < 0.2
                for j in range(size):
                    period = date.fromordinal(base + int(day[j]))
                    s = status[j]
                    state, reason = (
                        ("approved", "") if s < 0.9
                        else ("submitted", "") if s < 0.97 else ("rejected", "Not this week")
                    )  # fmt: skip
                    c = isco[second[dep[j]]] if named[j] else "\\N"
                    yield (
                        f"{NOW}\t{NOW}\t{first_deployment + int(dep[j])}\t{period}\t{period}\t"
                        f"{amount[j]:.2f}\tField work\t{c}\t{state}\t{reason}\n"
                    )
                done += size

        _copy(
            cursor,
            HourRecord._meta.db_table,
            ["created_at", "updated_at", "deployment_id", "period_start", "period_end", "hours",
             "activity", "isco_group_id", "status", "rejection_reason"],
            hour_lines(),
        )  # fmt: skip
    timings["COPY applications, deployments, hour records"] = time.perf_counter() - started

    # one USD default wage per country of service, and occupational wages for a few groups
    countries = set(
        Deployment.objects.values_list("duty_station__country_id", flat=True).distinct()
    ) | set(Deployment.objects.values_list("assignment__host__country_id", flat=True).distinct())
    countries.discard(None)
    wages = [
        WageRate(
            country_id=c,
            isco_group=None,
            currency="USD",
            hourly_wage=Decimal("8.50"),
            year=2024,
            source="Benchmark",
        )  # fmt: skip
        for c in sorted(countries)
    ]
    wages += [
        WageRate(
            country_id=c,
            isco_group_id=g,
            currency="USD",
            hourly_wage=Decimal(12 + i),
            year=2024,
            source="Benchmark",
        )  # fmt: skip
        for c in sorted(countries)
        for i, g in enumerate(("2", "22", "221", "2221"))
    ]
    WageRate.objects.bulk_create(wages)

    # the COPY bypassed the hour services: rebuild the summary of approved hours as a bulk loader
    # must (`volex hours_summary_rebuild`), then VACUUM so its covering index is read alone
    from volex.deployments.services import hours_summary_rebuild

    started = time.perf_counter()
    summary_rows = hours_summary_rebuild()
    timings[f"hours_summary_rebuild ({summary_rows:,} summary rows)"] = (
        time.perf_counter() - started
    )
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    timings["VACUUM ANALYZE"] = time.perf_counter() - started
    return timings


def python_baseline(scope) -> dict:
    """The same figures computed in Python over the ORM rows of every approved hour record."""
    from volex.deployments.models import HourRecord, HourStatus
    from volex.domain.valuation import WorkHours, replacement_cost
    from volex.impact import selectors
    from volex.impact.reports import (
        approved_hours_in_scope,  # noqa: F401
        deployments_in_scope,
    )

    records = (
        HourRecord.objects.filter(
            status=HourStatus.APPROVED,
            period_start__gte=scope.start,
            period_start__lte=scope.end,
        )
        .select_related(
            "deployment__duty_station",
            "deployment__assignment__host",
            "deployment__assignment__occupation",
        )  # fmt: skip
        .iterator(chunk_size=20_000)
    )
    hours = Decimal(0)
    by_month: dict[str, Decimal] = {}
    by_sector: dict[str, Decimal] = {}
    work = []
    for record in records:
        deployment = record.deployment
        assignment = deployment.assignment
        country = (
            deployment.duty_station.country_id
            if deployment.duty_station_id
            else assignment.host.country_id
        )
        isco = record.isco_group_id or (
            assignment.occupation.isco_group_id if assignment.occupation_id else None
        )
        hours += record.hours
        month = f"{record.period_start:%Y-%m}"
        by_month[month] = by_month.get(month, Decimal(0)) + record.hours
        by_sector[assignment.sector] = by_sector.get(assignment.sector, Decimal(0)) + record.hours
        work.append(
            WorkHours(
                hours=record.hours, country=country, year=record.period_start.year, isco_code=isco
            )  # fmt: skip
        )
    valuation = replacement_cost(
        work, wages=selectors.wage_table(), currency="USD",
        exchange_rates=selectors.exchange_rates(),
    )  # fmt: skip
    deployments = list(deployments_in_scope(scope).values_list("pk", "volunteer_id"))
    return {
        "hours": hours,
        "value": valuation.total,
        "by_month": by_month,
        "by_sector": by_sector,
        "deployments": len(deployments),
        "volunteers": len({v for _d, v in deployments}),
    }


def _same(baseline: dict, report) -> bool:
    from volex.impact.reports import Breakdown

    return (
        baseline["hours"] == report.hours
        and baseline["value"] == report.value
        and baseline["deployments"] == report.deployments
        and baseline["volunteers"] == report.volunteers
        and all(baseline["by_month"].get(r.key, 0) == r.hours for r in report.rows(Breakdown.MONTH))
        and all(
            baseline["by_sector"].get(r.key, 0) == r.hours for r in report.rows(Breakdown.SECTOR)
        )
    )


def measure(runs: int, baseline_slice: bool) -> dict:
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext

    from volex.deployments.models import HourRecord, HourStatus
    from volex.impact.reports import ReportScope, ScopeKind, report_build

    scope = ReportScope(
        kind=ScopeKind.ALL, start=date(2024, 1, 1), end=date(2024, 12, 31), currency="USD"
    )
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        report = report_build(scope=scope)
        times.append(time.perf_counter() - started)
    # counted in one session: inside a transaction the report runs its statements one after the
    # other on the caller's connection (the timed runs share them between two sessions)
    with transaction.atomic(), CaptureQueriesContext(connection) as queries:
        report_build(scope=scope)
    # the same report read from the hour records only (no summary), once
    started = time.perf_counter()
    raw = report_build(scope=scope, summary=False)
    raw_seconds = time.perf_counter() - started
    same_raw = raw == report
    # the Python baseline: over the whole year, or over one month (March 2024) and scaled by the
    # year's approved records ÷ the month's (labelled "extrapolated")
    factor = 1.0
    baseline_scope, checked = scope, report
    if baseline_slice:
        baseline_scope = ReportScope(
            kind=ScopeKind.ALL, start=date(2024, 3, 1), end=date(2024, 3, 31), currency="USD"
        )
        checked = report_build(scope=baseline_scope)
        approved = HourRecord.objects.filter(status=HourStatus.APPROVED)
        year = approved.filter(period_start__gte=scope.start, period_start__lte=scope.end)
        month = approved.filter(
            period_start__gte=baseline_scope.start, period_start__lte=baseline_scope.end
        )
        factor = year.count() / max(1, month.count())
    started = time.perf_counter()
    baseline = python_baseline(baseline_scope)
    baseline_seconds = (time.perf_counter() - started) * factor
    return {
        "times": times,
        "median": statistics.median(times),
        "queries": len(queries),
        "statements": len(
            [
                q
                for q in queries.captured_queries
                if not q["sql"].startswith(
                    (
                        "BEGIN",
                        "COMMIT",
                        "SAVEPOINT",
                        "RELEASE",
                        "SELECT set_config(",
                        "SET TRANSACTION",
                        "SELECT pg_export_snapshot()",
                    )
                )
            ]
        ),
        "raw_seconds": raw_seconds,
        "same_raw": same_raw,
        "baseline_seconds": baseline_seconds,
        "baseline_slice": baseline_slice,
        "baseline_factor": factor,
        "same": _same(baseline, checked),
        "report": report,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--deployments", type=int, default=25_000)
    parser.add_argument("--hours", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keep", action="store_true", help="keep the benchmark database")
    parser.add_argument(
        "--seed-only", action="store_true", help="seed, keep the database and stop (to profile)"
    )
    parser.add_argument(
        "--baseline",
        choices=("auto", "full", "slice"),
        default="auto",
        help="Python baseline over the whole year, or over March only and extrapolated "
        "(auto: the slice above 2,000,000 hour records)",
    )
    parser.add_argument(
        "--reuse",
        metavar="DATABASE",
        help="measure on a database seeded before (--seed-only) instead of seeding one; kept",
    )
    args = parser.parse_args()
    if args.reuse:
        name, url = args.reuse, PG_ADMIN_URL.rsplit("/", 1)[0] + "/" + args.reuse
        args.keep = True
    else:
        name, url = create_database()
    print(f"Database: {name}", file=sys.stderr)
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "volex.settings.dev")
    try:
        import django

        django.setup()
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        timings = {} if args.reuse else seed(args.deployments, args.hours)
        from django.db import connection

        from volex.deployments.models import Deployment, HourRecord

        print(f"Seeded: {Deployment.objects.count():,} deployments, "
              f"{HourRecord.objects.count():,} hour records ({connection.vendor})")  # fmt: skip
        for label, seconds in timings.items():
            print(f"  {label}: {seconds:.1f} s")
        if args.seed_only:
            args.keep = True
            return
        slice_ = args.baseline == "slice" or (args.baseline == "auto" and args.hours > 2_000_000)
        result = measure(args.runs, slice_)
        report = result["report"]
        print(f"Report: {report.hours:,} approved hours, {report.fte} FTE, value {report.value}, "
              f"{report.deployments:,} deployments, {report.volunteers:,} volunteers")  # fmt: skip
        header = f"{'method':<52} {'seconds':>9} {'queries':>8}"
        print(header)
        print("-" * len(header))
        runs = ", ".join(f"{t:.2f}" for t in result["times"])
        print(f"{'report_build (grouped in the database), median':<52} "
              f"{result['median']:>9.2f} {result['queries']:>8}   runs: {runs}")  # fmt: skip
        print(f"  queries: {result['queries']} = {result['statements']} statements + the "
              f"transaction's control (savepoint, its settings, release)")  # fmt: skip
        print(f"{'report_build from the hour records only, 1 run':<52} "
              f"{result['raw_seconds']:>9.2f} {'':>8}   "
              f"same report: {'yes' if result['same_raw'] else 'NO'}")  # fmt: skip
        if result["baseline_slice"]:
            label = (
                f"Python over the ORM rows (March, x{result['baseline_factor']:.2f} extrapolated)"
            )
        else:
            label = "Python over the ORM rows (baseline, 1 run)"
        print(f"{label:<52} {result['baseline_seconds']:>9.2f} {'':>8}")
        print(f"speed-up: {result['baseline_seconds'] / result['median']:.1f}x; "
              f"same figures as the baseline"
              f"{' (report over March)' if result['baseline_slice'] else ''}: "
              f"{'yes' if result['same'] else 'NO'}")  # fmt: skip
    finally:
        if not args.keep:
            from django.db import connections

            connections.close_all()
            drop_database(name)


if __name__ == "__main__":
    main()
