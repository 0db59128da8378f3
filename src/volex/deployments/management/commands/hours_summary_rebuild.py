"""Recompute the summary of approved hours (per deployment, year and ISCO-08 code, by month)
from the hour records, for loaders that write records without the services (COPY, imports)."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand

from volex.deployments.services import hours_summary_rebuild


class Command(BaseCommand):
    help = (
        "Recompute the summary of approved hours that the contribution reports read "
        "(ADR 0004) from the hour records, in one transaction. The hour services keep it "
        "up to date; run this after loading hour records in bulk without them."
    )

    def handle(self, *args, **options):
        started = time.perf_counter()
        rows = hours_summary_rebuild()
        seconds = time.perf_counter() - started
        self.stdout.write(f"Summary of approved hours rebuilt: {rows:,} rows in {seconds:.1f} s.")
