"""The duty-of-care job, which the scheduler runs every hour (`duty_of_care` in
`volex.core.schedule.PERIODIC_JOBS`): end-of-service reminders (90/60/15 days before the planned
end) and the clock-driven risk rules (no check-in for 30 days at a hardship duty station). Safe
to run as often as wanted: a reminder goes out once per deployment, a flag once per episode."""

from django.core.management.base import BaseCommand

from volex.deployments import services


class Command(BaseCommand):
    help = (
        "Send end-of-service reminders and evaluate the duty-of-care risk rules "
        "(the scheduler runs it every hour)."
    )

    def handle(self, *args, **options):
        reminded = services.deployment_reminders_send()
        flagged = services.risks_sweep()
        self.stdout.write(f"reminders sent: {reminded}; new risk flags: {flagged}")
