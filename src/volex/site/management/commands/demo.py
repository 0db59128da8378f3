import os
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from volex.core.server import serve
from volex.site.demo import DEMO_LOGINS, DEMO_PASSWORD, demo_loaded, load_demo


class Command(BaseCommand):
    help = "Set up the embedded database with a realistic demo programme and serve the web app."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--volunteers", type=int, default=400, help="Synthetic volunteers.")
        parser.add_argument("--assignments", type=int, default=80, help="Synthetic assignments.")
        parser.add_argument("--no-serve", action="store_true", help="Load the data and stop.")

    def handle(self, *args, **options):
        database = settings.DATABASES["default"]
        self.stdout.write(f"Database: {database['ENGINE'].rsplit('.', 1)[-1]} {database['NAME']}")
        if database["ENGINE"].endswith("sqlite3"):  # VOLEX_HOME may name a folder not made yet
            Path(database["NAME"]).parent.mkdir(parents=True, exist_ok=True)
        self.stdout.write("Migrating (reference data: countries, languages, SDGs, ISCO, ESCO)...")
        call_command("migrate", interactive=False, verbosity=0)
        if demo_loaded():
            self.stdout.write("Demo programme already loaded.")
        else:
            self.stdout.write("Loading the demo programme...")
            load_demo(volunteers=options["volunteers"], assignments=options["assignments"])
        call_command("collectstatic", interactive=False, verbosity=0)
        url = f"http://{options['host']}:{options['port']}/"
        # e-mails link to the demo itself; the worker and scheduler children inherit the variable
        settings.VOLEX_BASE_URL = os.environ["VOLEX_BASE_URL"] = url.rstrip("/")
        self.stdout.write(self.style.SUCCESS(f"\nVolex demo: {url}"))
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
        for role, email in DEMO_LOGINS:
            self.stdout.write(f"  {role:<38} {email}")
        self.stdout.write(f"API docs: {url}api/docs/   Admin: {url}admin/\n")
        if not options["no_serve"]:
            serve(host=options["host"], port=options["port"], workers=2, with_worker=True)
