"""`volex seed --volunteers N --assignments M`: realistic synthetic data, in bulk."""

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connections
from django.db.migrations.executor import MigrationExecutor

from volex.seeding import seed
from volex.seeding.api import DEFAULT_BATCH_SIZE


class Command(BaseCommand):
    help = (
        "Generate realistic synthetic volunteers and assignments (names and languages fitting "
        "each nationality, skills fitting each occupation, assignments at real duty stations)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--volunteers", type=int, default=1000, help="volunteers to add")
        parser.add_argument("--assignments", type=int, default=100, help="assignments to add")
        parser.add_argument(
            "--seed", type=int, default=0, help="random seed (same seed, same data)"
        )
        parser.add_argument("--batch-size", type=int, default=DEFAULT_BATCH_SIZE)
        parser.add_argument(
            "--workers", type=int, default=2, help="parallel writers (PostgreSQL only)"
        )
        parser.add_argument("--database", default="default", help="database alias")
        parser.add_argument("--no-progress", action="store_true", help="hide the progress bar")

    def handle(self, *args, **options) -> None:
        for name in ("volunteers", "assignments", "batch_size"):
            if options[name] < (1 if name == "batch_size" else 0):
                self.stderr.write(f"--{name.replace('_', '-')} must be positive")
                raise SystemExit(2)
        # Seeding writes into every app's tables and reads the reference data the migrations
        # load, so it refuses an unmigrated database rather than migrate it itself: changing a
        # schema is a step the operator takes on purpose (on PostgreSQL it may be production's).
        executor = MigrationExecutor(connections[options["database"]])
        if executor.migration_plan(executor.loader.graph.leaf_nodes()):
            raise CommandError(
                "The database has unapplied migrations. Run `volex migrate` first.", returncode=2
            )
        report = seed(
            options["volunteers"],
            options["assignments"],
            rng_seed=options["seed"],
            progress=not options["no_progress"] and options["verbosity"] > 0,
            batch_size=options["batch_size"],
            using=options["database"],
            workers=options["workers"],
        )
        for line in report.lines():
            self.stdout.write(line)
