"""`volex allocate --assignments ID,ID | --published [--k 50] [--targets T ...]`."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError, CommandParser

from volex.assignments.models import Assignment, AssignmentState
from volex.domain.matching.types import MatchingInputError
from volex.matching.allocation import allocation_run


class Command(BaseCommand):
    help = (
        "Allocate volunteers to many assignments at once, optimally (min-cost flow; with "
        "programme targets, a MIP), and store the run. Targets: gender:female>=0.5, "
        "nationality:KE<=0.3, nationality:*<=0.3."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        which = parser.add_mutually_exclusive_group(required=True)
        which.add_argument("--assignments", help="comma-separated assignment ids")
        which.add_argument("--published", action="store_true", help="every published assignment")
        parser.add_argument("--k", type=int, default=50, help="candidates per assignment")
        parser.add_argument("--targets", nargs="*", default=[], help="programme targets")
        parser.add_argument("--show", type=int, default=20, help="assignments to print")

    def handle(self, *args, **options) -> None:
        if options["published"]:
            assignments = list(
                Assignment.objects.filter(state=AssignmentState.PUBLISHED).order_by("pk")
            )
        else:
            try:
                ids = [int(x) for x in options["assignments"].split(",") if x.strip()]
            except ValueError as error:
                raise CommandError("--assignments takes ids separated by commas") from error
            found = {a.pk: a for a in Assignment.objects.filter(pk__in=ids)}
            unknown = [str(i) for i in ids if i not in found]
            if unknown:
                raise CommandError(f"No assignment {', '.join(unknown)}.")
            assignments = [found[i] for i in dict.fromkeys(ids)]
        if not assignments:
            raise CommandError("No assignment to allocate.")
        try:
            outcome = allocation_run(
                assignments=assignments, k=options["k"], targets=options["targets"]
            )
        except MatchingInputError as error:
            raise CommandError(str(error)) from error
        run = outcome.run
        self.stdout.write(
            f"Allocation run {run.pk} ({run.method}): {run.filled:,} of {run.positions:,} "
            f"positions filled from {run.volunteer_count:,} volunteers ({run.edge_count:,} "
            f"candidate edges) in {run.seconds:.2f} s"
        )
        self.stdout.write(f"{'':<28}{'objective':>12}")
        self.stdout.write(f"{'optimum' + (' with targets' if run.target_costs else ''):<28}"
                          f"{run.objective:>12.4f}")  # fmt: skip
        if run.unconstrained_objective is not None:
            self.stdout.write(
                f"{'optimum without targets':<28}{run.unconstrained_objective:>12.4f}"
            )
        self.stdout.write(f"{'greedy baseline':<28}{run.greedy_objective:>12.4f}")
        for cost in run.target_costs:
            self.stdout.write(f"  target {cost['target']}: costs {cost['cost']:.4f} alone")
        if run.reason:
            self.stdout.write(f"Notes: {run.reason}")
        results = run.results.select_related("assignment").order_by("assignment_id")
        for result in results[: options["show"]]:
            self.stdout.write(
                f"  #{result.assignment_id} {result.assignment.title[:40]:<40} "
                f"{result.filled}/{result.positions}  {result.volunteer_ids[:10]}"
            )
