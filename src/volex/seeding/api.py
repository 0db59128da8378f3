"""`seed()`: the Python entry point of `volex seed` and of the demo loader."""

from __future__ import annotations

import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db import connections, transaction
from django.utils import timezone

from .assignments import AssignmentFactory, Station
from .organizations import ensure_organizations
from .places import ensure_duty_stations
from .progress import progress_bar
from .reference import load_reference
from .tables import tables
from .volunteers import Batch, VolunteerFactory
from .writer import Writer, writer_for

DEFAULT_BATCH_SIZE = 5_000
SURGE_THRESHOLD = 20  # runs with at least this many assignments include the two famous surges


@dataclass
class SeedReport:
    backend: str
    volunteers: int = 0
    assignments: int = 0
    rows: Counter = field(default_factory=Counter)  # rows written per table
    organizations_created: int = 0
    duty_stations_created: int = 0
    volunteer_seconds: float = 0.0
    assignment_seconds: float = 0.0
    seconds: float = 0.0

    @property
    def volunteers_per_second(self) -> float:
        return self.volunteers / self.volunteer_seconds if self.volunteer_seconds else 0.0

    def lines(self) -> list[str]:
        lines = [
            f"Backend: {self.backend}",
            f"Volunteers: {self.volunteers:,} in {self.volunteer_seconds:.2f} s "
            f"({self.volunteers_per_second:,.0f} volunteers/s, all their rows included)",
            f"Assignments: {self.assignments:,} in {self.assignment_seconds:.2f} s",
            f"Organizations created: {self.organizations_created}; "
            f"duty stations created: {self.duty_stations_created}",
        ]
        lines += [f"  {table}: {count:,} rows" for table, count in sorted(self.rows.items())]
        lines.append(f"Total: {self.seconds:.2f} s")
        return lines


def _write(writer: Writer, batch: Batch, report: SeedReport) -> None:
    """One batch's rows, inside the caller's transaction."""
    specs = tables()
    writer.begin()
    written = []
    for key, rows in batch.rows.items():
        spec = specs[key]
        report.rows[spec.name] += writer.insert(spec.name, spec.columns, rows)
        if rows:
            keys = [row[0] for row in rows]  # the id, or the owner's id (first column)
            written.append((spec, min(keys), max(keys)))
    writer.verify(written)


def _reserve(writer: Writer, size: int) -> tuple[list[int], list[int]]:
    specs = tables()
    return (
        writer.reserve_ids(specs["user"].name, size),
        writer.reserve_ids(specs["volunteer"].name, size),
    )


def _write_volunteers(using: str, factory: VolunteerFactory, index: int, size: int) -> Counter:
    """One batch on this thread's own connection, in its own transaction (parallel writers)."""
    report = SeedReport(backend="")
    try:
        writer = writer_for(using)
        with transaction.atomic(using=using):
            _write(writer, factory.batch(index, *_reserve(writer, size)), report)
    finally:
        connections[using].close()
    return report.rows


def _volunteers(writer, factory, total, batch_size, workers, report, advance) -> None:
    """Write the volunteers batch by batch. A PostgreSQL connection works on one core: where ids
    come from sequences and no transaction is open around the run, `workers` connections write
    batches side by side, each in its own transaction. Otherwise (SQLite, or a caller's
    transaction such as a test's) batches go one after the other on the caller's connection."""
    sizes = [min(batch_size, total - first) for first in range(0, total, batch_size)]
    using = writer.using
    parallel = workers > 1 and writer.ids_from_sequences and not writer.connection.in_atomic_block
    if not parallel:
        for index, size in enumerate(sizes):
            with transaction.atomic(using=using):
                _write(writer, factory.batch(index, *_reserve(writer, size)), report)
            advance(size)
        return
    with ThreadPoolExecutor(max_workers=workers) as pool:
        window = workers + 1  # batches in flight: bounded memory
        futures = {}
        for index, size in enumerate(sizes):
            futures[index] = pool.submit(_write_volunteers, using, factory, index, size)
            if len(futures) >= window:
                done = min(futures)
                report.rows.update(futures.pop(done).result())
                advance(sizes[done])
        for done in sorted(futures):
            report.rows.update(futures[done].result())
            advance(sizes[done])


def seed(
    volunteers: int,
    assignments: int,
    *,
    rng_seed: int = 0,
    progress: bool = True,
    batch_size: int = DEFAULT_BATCH_SIZE,
    using: str = "default",
    workers: int = 2,
    today: date | None = None,
    now: datetime | None = None,
) -> SeedReport:
    """Add `volunteers` synthetic volunteers (with their users, nationalities, languages, skills,
    education and experience) and `assignments` assignments to the database `using`.

    The same `rng_seed` (and `today`) gives the same data; the database may already hold rows.
    Reference data must be loaded (the migrations do it)."""
    started = time.perf_counter()
    now = now or timezone.now()
    today = today or timezone.localdate(now)
    writer = writer_for(using)
    report = SeedReport(backend=writer.vendor)
    ref = load_reference(using)
    specs = tables()
    with progress_bar(progress) as bar:
        if volunteers:
            factory = VolunteerFactory(
                ref, seed=rng_seed, today=today, now=now, timestamps=writer.timestamps
            )
            task = bar.add_task("Volunteers", total=volunteers, unit="volunteers")
            begun = time.perf_counter()

            def advance(size: int) -> None:
                report.volunteers += size
                bar.advance(task, size)

            _volunteers(writer, factory, volunteers, batch_size, workers, report, advance)
            report.volunteer_seconds = time.perf_counter() - begun
        if assignments:
            begun = time.perf_counter()
            stations_raw, report.duty_stations_created = ensure_duty_stations(using)
            hosts, report.organizations_created = ensure_organizations(using)
            stations = [
                Station(s.pk, s.country_id, s.place, s.hardship_class, s.is_family,
                        s.peace_operation_id)
                for s in stations_raw
            ]  # fmt: skip
            factory = AssignmentFactory(
                ref, stations, hosts, seed=rng_seed, today=today, now=now,
                timestamps=writer.timestamps, surges=assignments >= SURGE_THRESHOLD,
            )  # fmt: skip
            task = bar.add_task("Assignments", total=assignments, unit="assignments")
            for index, first in enumerate(range(0, assignments, batch_size)):
                size = min(batch_size, assignments - first)
                with transaction.atomic(using=using):
                    ids = writer.reserve_ids(specs["assignment"].name, size)
                    _write(writer, factory.batch(index, ids, first), report)
                report.assignments += size
                bar.advance(task, size)
            report.assignment_seconds = time.perf_counter() - begun
    report.seconds = time.perf_counter() - started
    return report
