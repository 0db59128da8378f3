from django.core.management import call_command
from django.core.management.base import BaseCommand

from volex.core.server import serve


class Command(BaseCommand):
    help = "Serve Volex under gunicorn against the configured DATABASE_URL (static files by whitenoise)."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--workers", type=int, default=2)
        parser.add_argument(
            "--no-worker",
            action="store_true",
            help="Do not run the task worker and the scheduler of periodic jobs.",
        )
        parser.add_argument("--no-migrate", action="store_true")

    def handle(self, *args, **options):
        if not options["no_migrate"]:
            call_command("migrate", interactive=False, verbosity=0)
        call_command("collectstatic", interactive=False, verbosity=0)
        self.stdout.write(f"Volex is served at http://{options['host']}:{options['port']}/")
        serve(
            host=options["host"],
            port=options["port"],
            workers=options["workers"],
            with_worker=not options["no_worker"],
        )
