"""Re-load the packaged reference data (idempotent: an upsert by natural key)."""

from __future__ import annotations

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import DEFAULT_DB_ALIAS
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from volex.reference.loading import SyncResult, load_reference_data

#: one progress step per table, in the order the loader reports them
STEPS = 8


class Command(BaseCommand):
    help = (
        "Create or update the reference data (countries, languages, SDGs, ISCO-08, ESCO "
        "occupations and skills, UN peace operations) from the files packaged with Volex. "
        "Safe to run again: rows keep their primary keys; rows gone from the sources are deleted "
        "unless something still refers to them."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--database", default=DEFAULT_DB_ALIAS, help="Database alias (default: default)."
        )

    def handle(self, *args, database: str, verbosity: int = 1, **options):
        console = Console(file=self.stdout, highlight=False, soft_wrap=True)
        quiet = verbosity == 0
        results: list[SyncResult]
        if quiet:
            results = load_reference_data(apps, using=database)
            return
        with Progress(
            TextColumn("[bold]{task.description}"),
            BarColumn(),
            TextColumn("{task.completed}/{task.total}"),
            TimeElapsedColumn(),
            console=console,
            transient=True,
        ) as progress:
            task = progress.add_task("Loading reference data", total=STEPS)

            def report(result: SyncResult) -> None:
                progress.update(task, advance=1, description=f"Loaded {result.label}")

            results = load_reference_data(apps, using=database, report=report)

        table = Table(title="Reference data")
        for column in ("table", "created", "updated", "unchanged", "deleted", "kept"):
            table.add_column(column, justify="left" if column == "table" else "right")
        for result in results:
            table.add_row(
                result.label,
                *(
                    str(value)
                    for value in (
                        result.created,
                        result.updated,
                        result.unchanged,
                        result.deleted,
                        result.kept,
                    )
                ),
            )
        console.print(table)
