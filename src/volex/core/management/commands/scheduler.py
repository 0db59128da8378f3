import time

from django.core.management.base import BaseCommand

from volex.core.schedule import PERIODIC_JOBS, jobs_run_due


class Command(BaseCommand):
    help = (
        "Run the periodic jobs (offer expiry, duty-of-care reminders and risk rules) when due: "
        "in a loop, or once with --once (for cron)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Run what is due, then stop.")
        parser.add_argument("--interval", type=float, default=60.0, help="Seconds between checks.")

    def handle(self, *args, **options):
        names = ", ".join(f"{job.name} every {job.every}" for job in PERIODIC_JOBS)
        self.stdout.write(f"Periodic jobs: {names}")
        while True:
            for row in jobs_run_due():
                status = "FAILED" if row.failed else "done"
                self.stdout.write(f"{row.name}: {status}: {row.last_outcome}")
            if options["once"]:
                return
            time.sleep(options["interval"])
