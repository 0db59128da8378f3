"""Seeding speed: `volex seed` bulk writes against the naive per-row ORM `.save()`.

    python bench/seed.py [--volunteers 20000] [--baseline 300]

Seeds N volunteers into a fresh SQLite file and, if the PostgreSQL at $BENCH_PG_URL (default
postgresql://postgres@127.0.0.1:5432/postgres) is reachable, into a fresh database there; each
backend runs in its own process. The baseline saves the same kind of rows one `.save()` at a
time for a slice of volunteers, in the same run, and is extrapolated to N (labelled so).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

PG_ADMIN_URL = os.environ.get("BENCH_PG_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
JSON_COLUMNS = {"sectors", "eligible_categories", "groups_reached"}


def child(volunteers: int, baseline: int) -> dict:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "volex.settings.dev")
    import django

    django.setup()
    from django.core.management import call_command
    from django.utils import timezone

    from volex.seeding import seed
    from volex.seeding.reference import load_reference
    from volex.seeding.tables import tables
    from volex.seeding.volunteers import VolunteerFactory
    from volex.seeding.writer import writer_for

    call_command("migrate", verbosity=0)
    load_reference()  # warm the cache: both measurements exclude reading reference data
    report = seed(volunteers, 0, progress=False, rng_seed=1)
    # naive baseline: the same generator, every row through Model(...).save()
    writer = writer_for()
    factory = VolunteerFactory(
        load_reference(), seed=2, today=timezone.localdate(), now=timezone.now(),
        timestamps=writer.timestamps,
    )  # fmt: skip
    specs = tables()
    started = time.perf_counter()
    batch = factory.batch(
        0,
        writer.reserve_ids(specs["user"].name, baseline),
        writer.reserve_ids(specs["volunteer"].name, baseline),
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # naive datetimes given as text
        for key, rows in batch.rows.items():
            spec = specs[key]
            for row in rows:
                values = {
                    c: json.loads(v) if c in JSON_COLUMNS else v
                    for c, v in zip(spec.columns, row, strict=True)
                }
                spec.model(**values).save()
    naive_seconds = time.perf_counter() - started
    return {
        "backend": report.backend,
        "volunteers": report.volunteers,
        "seconds": report.volunteer_seconds,
        "rate": report.volunteers_per_second,
        "rows": sum(report.rows.values()),
        "baseline_slice": baseline,
        "baseline_seconds": naive_seconds,
        "baseline_rate": baseline / naive_seconds,
    }


def run_child(env: dict, volunteers: int, baseline: int) -> dict:
    command = [sys.executable, __file__, "--child", "--volunteers", str(volunteers),
               "--baseline", str(baseline)]  # fmt: skip
    done = subprocess.run(command, env={**os.environ, **env}, capture_output=True, text=True)
    if done.returncode:
        raise RuntimeError(done.stderr[-3000:])
    return json.loads(done.stdout.strip().splitlines()[-1])


def postgres_database() -> tuple[str, str] | None:
    try:
        import psycopg

        name = f"volex_bench_{os.getpid()}"
        with psycopg.connect(PG_ADMIN_URL, autocommit=True, connect_timeout=3) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return name, PG_ADMIN_URL.rsplit("/", 1)[0] + "/" + name
    except Exception as error:  # noqa: BLE001 - any failure means "not reachable"
        print(f"PostgreSQL skipped: {error}", file=sys.stderr)
        return None


def drop_postgres(name: str) -> None:
    import psycopg

    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--volunteers", type=int, default=20_000)
    parser.add_argument("--baseline", type=int, default=300, help="volunteers saved row by row")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.volunteers, args.baseline)))
        return
    results = []
    with tempfile.TemporaryDirectory() as home:
        sqlite = {"VOLEX_HOME": home, "DATABASE_URL": f"sqlite:///{Path(home) / 'bench.sqlite3'}"}
        results.append(run_child(sqlite, args.volunteers, args.baseline))
    pg = postgres_database()
    if pg:
        try:
            results.append(run_child({"DATABASE_URL": pg[1]}, args.volunteers, args.baseline))
        finally:
            drop_postgres(pg[0])
    header = (
        f"{'backend':<11} {'method':<44} {'volunteers':>10} {'seconds':>9} {'volunteers/s':>13}"
    )
    print(header)
    print("-" * len(header))
    for r in results:
        print(f"{r['backend']:<11} {'volex seed (bulk, all rows)':<44} {r['volunteers']:>10,} "
              f"{r['seconds']:>9.2f} {r['rate']:>13,.0f}")  # fmt: skip
        extrapolated = r["volunteers"] / r["baseline_rate"]
        label = f"naive ORM .save(), {r['baseline_slice']} measured, extrapolated"
        print(f"{'':<11} {label:<44} {r['volunteers']:>10,} {extrapolated:>9.2f} "
              f"{r['baseline_rate']:>13,.0f}")  # fmt: skip
        print(f"{'':<11} {'speed-up':<44} {r['rate'] / r['baseline_rate']:>34.0f}x")


if __name__ == "__main__":
    main()
