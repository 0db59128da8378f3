from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SelectionConfig(AppConfig):
    name = "volex.selection"
    label = "selection"
    verbose_name = _("Selection")

    def ready(self) -> None:
        # Matching, below this app, keeps volunteers off assignments that overlap offers accepted.
        from volex.matching.commitments import register_commitment_source

        from .selectors import accepted_offer_periods

        register_commitment_source(accepted_offer_periods)
