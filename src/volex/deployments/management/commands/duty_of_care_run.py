"""Daily duty-of-care run: end-of-service reminders (90/60/15 days) and the clock-driven risk
rules (no check-in for 30 days at a hardship duty station). Safe to run more than once a day."""

from django.core.management.base import BaseCommand

from volex.deployments import services


class Command(BaseCommand):
    help = "Send end-of-service reminders and evaluate the duty-of-care risk rules."

    def handle(self, *args, **options):
        reminded = services.deployment_reminders_send()
        flagged = services.risks_sweep()
        self.stdout.write(f"reminders sent: {reminded}; new risk flags: {flagged}")
