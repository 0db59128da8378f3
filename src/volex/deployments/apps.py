from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeploymentsConfig(AppConfig):
    name = "volex.deployments"
    label = "deployments"
    verbose_name = _("Deployments")

    def ready(self) -> None:
        # Matching, below this app, keeps volunteers off assignments that overlap deployments in service.
        from volex.matching.commitments import register_commitment_source

        from .selectors import deployment_periods_in_service

        register_commitment_source(deployment_periods_in_service)
