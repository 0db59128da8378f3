"""Import a wage table from a CSV or XLSX file, all or nothing, and print its report."""

from __future__ import annotations

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from volex.impact.sample import load_sample_wages
from volex.impact.services import COLUMNS, wage_table_import


class Command(BaseCommand):
    help = (
        "Import a wage table (CSV or XLSX with the columns "
        + ", ".join(COLUMNS)
        + "). Nothing is saved unless every row is valid; each problem is listed with its row, "
        "column and reason. Rows already in the table are updated. --sample loads the "
        "illustrative sample table of the demo (with its exchange rates) instead."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", help="Path of the .csv or .xlsx file.")
        parser.add_argument("--user", help="Username to record as the uploader.")
        parser.add_argument(
            "--sample", action="store_true", help="Load the illustrative sample wage table."
        )

    def handle(self, *args, file=None, user=None, sample=False, **options):
        uploader = None
        if user:
            try:
                uploader = get_user_model().objects.get(username=user)
            except get_user_model().DoesNotExist as error:
                raise CommandError(f"No user {user!r}.") from error
        if sample:
            loaded = load_sample_wages(uploaded_by=uploader)
            report = loaded.wages
            self.stdout.write(f"Exchange rates loaded: {loaded.exchange_rates}")
        else:
            if not file:
                raise CommandError("Give the FILE to import, or --sample.")
            path = Path(file)
            if not path.is_file():
                raise CommandError(f"No file {file}.")
            with path.open("rb") as handle:
                report = wage_table_import(file=handle, uploaded_by=uploader, file_name=path.name)
        if not report.ok:
            for problem in report.problems:
                value = f" [{problem.value}]" if problem.value else ""
                column = problem.field or "-"
                self.stderr.write(f"row {problem.row}, {column}{value}: {problem.message}")
            raise CommandError(
                f"Nothing imported: {len(report.problems)} problem(s) in {report.rows} row(s)."
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported {report.rows} row(s): {report.created} new, {report.updated} updated, "
                f"{report.unchanged} unchanged."
            )
        )
