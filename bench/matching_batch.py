"""Candidates for one assignment: the batch path against a naive per-row scorer over ORM objects.

    .venv/bin/python bench/matching_batch.py [--volunteers 20000] [--slice 300] [--repeat 5]

Seeds N volunteers and some assignments (`volex.seeding.seed`) into a fresh SQLite file (or the
database of $DATABASE_URL with --use-database-url), encodes every profile (`volex match reindex`),
then ranks the candidates of published assignments two ways, in the same run:

- naive: for each profile, load it through the ORM (`volunteer_get`, its relations prefetched
  per profile), build its facts row by row (`fetch.profile_facts_from_orm`), read its embedding
  row, apply the hard rules (`filters.why_excluded`) and score it (`scoring.score_profile`), then
  sort. Measured on a slice of profiles and EXTRAPOLATED to N (labelled so);
- batch: `services.candidates_for_assignment(force=True)` over the warm in-memory index
  (vectorised filters, blocked top-k, scoring of the shortlist, explanations of the top 50,
  stored run); the one-off index load is printed separately.

Issue 3 asks the batch path to be at least 100 times faster.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--volunteers", type=int, default=20_000)
    parser.add_argument("--assignments", type=int, default=50)
    parser.add_argument("--slice", type=int, default=300, help="profiles scored the naive way")
    parser.add_argument("--repeat", type=int, default=5, help="assignments ranked (median)")
    parser.add_argument("--k", type=int, default=50)
    parser.add_argument(
        "--use-database-url", action="store_true", help="use $DATABASE_URL as it is (no seeding)"
    )
    args = parser.parse_args()
    if not args.use_database_url:
        home = tempfile.mkdtemp(prefix="volex-bench-")
        os.environ["VOLEX_HOME"] = home
        os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "volex.settings.dev")
    import django

    django.setup()
    import numpy as np
    from django.core.management import call_command

    from volex.assignments.models import Assignment, AssignmentState
    from volex.domain.matching.filters import why_excluded
    from volex.domain.matching.scoring import score_profile
    from volex.matching.fetch import SkillTaxonomy, fetch_assignment, profile_facts_from_orm
    from volex.matching.index import profile_index
    from volex.matching.models import ProfileEmbedding
    from volex.matching.services import (
        ProgrammeRules,
        assignment_query,
        candidates_for_assignment,
    )
    from volex.matching.store import current_encoder, reindex_profiles
    from volex.volunteers.models import Volunteer
    from volex.volunteers.selectors import volunteer_get

    rows: list[tuple[str, str, str]] = []
    if not args.use_database_url:
        started = time.perf_counter()
        call_command("migrate", verbosity=0)
        from volex.seeding import seed

        seed(args.volunteers, args.assignments, progress=False)
        rows.append(("setup: migrate + seed", f"{time.perf_counter() - started:.1f} s", ""))
    n = Volunteer.objects.count()
    name, _encoder = current_encoder()
    started = time.perf_counter()
    report = reindex_profiles(batch_size=5_000)
    seconds = time.perf_counter() - started
    rows.append(
        (
            f"reindex ({name})",
            f"{seconds:.1f} s",
            f"{report.encoded:,} encoded, {(report.encoded + report.unchanged) / seconds:,.0f}/s",
        )
    )
    from django.db import connection

    if connection.vendor == "sqlite":  # as a web process would find it, not mid-WAL
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    started = time.perf_counter()
    index = profile_index()
    rows.append(("index load (one-off)", f"{time.perf_counter() - started:.2f} s", f"{n:,} rows"))

    assignments = list(
        Assignment.objects.filter(state=AssignmentState.PUBLISHED).order_by("pk")[: args.repeat]
    )
    batch_times = []
    for assignment in assignments:
        started = time.perf_counter()
        result = candidates_for_assignment(assignment=assignment, k=args.k, force=True)
        batch_times.append(time.perf_counter() - started)
    batch = statistics.median(batch_times)
    rows.append(
        (
            "batch: candidates_for_assignment",
            f"{batch * 1000:.1f} ms",
            f"median of {len(batch_times)}; last: {result.run.eligible_count:,} eligible",
        )
    )

    # The naive way, on a slice of profiles, for the first assignment.
    assignment = assignments[0]
    taxonomy = SkillTaxonomy()
    needs = fetch_assignment(assignment.pk, taxonomy=taxonomy)
    weights, options = ProgrammeRules.load().for_host(assignment.host_id)
    query, _version = assignment_query(needs, assignment.pk)
    ids = list(Volunteer.objects.order_by("pk").values_list("pk", flat=True)[: args.slice])
    started = time.perf_counter()
    scored = []
    for pk in ids:
        volunteer = volunteer_get(pk=pk)
        facts = profile_facts_from_orm(volunteer)
        stored = ProfileEmbedding.objects.get(volunteer_id=pk, encoder=name)
        similarity = float(stored.as_array().astype(np.float32) @ query)
        if why_excluded(needs, facts, options):
            continue
        scored.append((score_profile(needs, facts, similarity, weights).total, pk))
    scored.sort(reverse=True)
    naive_slice = time.perf_counter() - started
    naive = naive_slice / len(ids) * n
    rows.append(
        ("naive: per-row ORM scorer", f"{naive_slice:.2f} s", f"measured on {len(ids):,} profiles")
    )
    rows.append(
        (f"naive: extrapolated to {n:,}", f"{naive:.1f} s", "EXTRAPOLATED (per-row time x N)")
    )
    rows.append(("ratio naive / batch", f"{naive / batch:,.0f}x", "target >= 100x"))
    del index

    width = max(len(r[0]) for r in rows)
    print(f"Volex matching: one assignment over {n:,} profiles (k={args.k})")
    print(f"{'step'.ljust(width)}  {'time':>12}  notes")
    for step, value, note in rows:
        print(f"{step.ljust(width)}  {value:>12}  {note}")


if __name__ == "__main__":
    main()
