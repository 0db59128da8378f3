from django.core.management.base import BaseCommand

from volex.selection.services import offers_sweep


class Command(BaseCommand):
    help = "Expire offers past their date and remind volunteers of offers about to expire."

    def handle(self, *args, **options):
        expired, reminded = offers_sweep()
        self.stdout.write(f"{expired} offer(s) expired, {reminded} reminder(s) sent.")
