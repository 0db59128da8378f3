"""`volex match reindex` and `volex match assignment ID [--k 50] [--explain]`."""

from __future__ import annotations

import sys
import time

from django.core.management.base import BaseCommand, CommandError, CommandParser
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from volex.assignments.models import Assignment
from volex.domain.matching.types import MatchingInputError
from volex.matching.index import profile_index
from volex.matching.services import candidates_for_assignment
from volex.matching.store import (
    assignment_embeddings_update,
    current_encoder,
    reindex_profiles,
)
from volex.volunteers.models import Volunteer


class Command(BaseCommand):
    help = "Matching: rebuild the embeddings (reindex) or rank the candidates of one assignment."

    def add_arguments(self, parser: CommandParser) -> None:
        commands = parser.add_subparsers(dest="action", required=True)
        reindex = commands.add_parser("reindex", help="encode every profile and assignment")
        reindex.add_argument("--batch-size", type=int, default=5_000)
        reindex.add_argument(
            "--force", action="store_true", help="encode again even where the text is unchanged"
        )
        reindex.add_argument("--no-progress", action="store_true")
        one = commands.add_parser("assignment", help="rank the candidates of one assignment")
        one.add_argument("assignment_id", type=int)
        one.add_argument("--k", type=int, default=50)
        one.add_argument("--explain", action="store_true", help="print each explanation")
        one.add_argument("--force", action="store_true", help="run again, do not reuse a run")

    def handle(self, *args, **options) -> None:
        if options["action"] == "reindex":
            self.reindex(options)
        else:
            self.assignment(options)

    def reindex(self, options) -> None:
        if options["batch_size"] < 1:
            raise CommandError("--batch-size must be positive")
        name, _encoder = current_encoder()
        total = Volunteer.objects.count()
        started = time.perf_counter()
        show = not options["no_progress"] and options["verbosity"] > 0
        progress = Progress(
            TextColumn("[bold]{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[rate]}"),
            TimeElapsedColumn(),
            console=Console(file=sys.stderr),
            disable=not show,
        )
        with progress:
            task = progress.add_task("Profiles", total=total, rate="")

            def advance(size: int) -> None:
                progress.advance(task, size)
                done = progress.tasks[0].completed
                elapsed = time.perf_counter() - started
                progress.update(task, rate=f"{done / elapsed:,.0f} profiles/s" if elapsed else "")

            report = reindex_profiles(
                batch_size=options["batch_size"], force=options["force"], progress=advance
            )
        seconds = time.perf_counter() - started
        ids = list(Assignment.objects.values_list("pk", flat=True))
        assignments = assignment_embeddings_update(ids, force=options["force"])
        self.stdout.write(
            f"Encoder {name}: {report.encoded:,} profiles encoded, {report.unchanged:,} unchanged "
            f"in {seconds:.1f} s ({(report.encoded + report.unchanged) / max(seconds, 1e-9):,.0f}"
            f" profiles/s); assignments: {assignments.encoded:,} encoded, "
            f"{assignments.unchanged:,} unchanged."
        )

    def assignment(self, options) -> None:
        if options["k"] < 1:
            raise CommandError("--k must be at least 1")
        assignment = Assignment.objects.filter(pk=options["assignment_id"]).first()
        if assignment is None:
            raise CommandError(f"No assignment {options['assignment_id']}.")
        started = time.perf_counter()
        profile_index()
        loaded = time.perf_counter() - started
        try:
            result = candidates_for_assignment(
                assignment=assignment, k=options["k"], force=options["force"]
            )
        except MatchingInputError as error:
            raise CommandError(str(error)) from error
        run = result.run
        self.stdout.write(
            f"{assignment.title} (#{assignment.pk}): "
            f"{f'run {run.pk}' if run.pk else 'empty, not stored'}"
            f"{' (reused)' if result.reused else ''}, pool {run.pool_size:,}, "
            f"eligible {run.eligible_count:,}, {len(result.candidates)} candidates; "
            f"index ready in {loaded:.2f} s, match in {run.seconds * 1000:.0f} ms"
        )
        if run.excluded:
            excluded = ", ".join(f"{name}: {n:,}" for name, n in run.excluded.items() if n)
            if excluded:
                self.stdout.write(f"Excluded by: {excluded}")
        if not result.candidates:
            self.stdout.write(f"No candidate: {run.reason}")
            return
        self.stdout.write(f"{'rank':>4}  {'score':>5}  {'volunteer':>9}  name")
        for c in result.candidates:
            self.stdout.write(f"{c.rank:>4}  {c.score:5.3f}  {c.volunteer_id:>9}  {c.display_name}")
            if options["explain"]:
                self.stdout.write(f"{'':>22}{c.explanation}")
