"""What the deployment services share: the field error they refuse with, the row lock, the link."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.urls import reverse

from ..errors import DeploymentError
from ..models import Deployment


def _refused(field: str, message: str, code: DeploymentError | str) -> ValidationError:
    return ValidationError({field: ValidationError(message, code=str(code))})


def _lock(deployment: Deployment) -> Deployment:
    return (
        Deployment.objects.select_for_update(of=("self",))
        .select_related("assignment", "volunteer", "duty_station")
        .get(pk=deployment.pk)
    )


def _url(deployment: Deployment) -> str:
    return reverse("deployments:detail", args=[deployment.pk])
