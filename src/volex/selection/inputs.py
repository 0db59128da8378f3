"""One input mapping for each selection step that both the page and the API take: an assessment,
an offer, an item of the onboarding checklist. The page's form and the API's serializer validate
the shape of what was sent; these functions turn the validated values into the service call, so
the two cannot drift apart (a field the page sends and the API forgets, a default one of them
sets)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, time
from typing import TYPE_CHECKING, Any

from django.utils import timezone

from . import services
from .models import Application, Assessment, OnboardingItem

if TYPE_CHECKING:
    from volex.accounts.models import User


def assessment_record(
    values: Mapping[str, Any], *, application: Application, by: User, expected: str | None
) -> Assessment:
    return services.application_assess(
        application=application,
        by=by,
        kind=values["kind"],
        score=values["score"],
        notes=values.get("notes") or "",
        assessed_on=values.get("assessed_on"),
        expected=expected,
    )


def offer_expiry(values: Mapping[str, Any]) -> datetime | None:
    """When the offer expires: the end of the day the page names (`expires_on`), or the moment
    the API names (`expires_at`); None for the programme's default."""
    day: date | None = values.get("expires_on")
    if day is not None:
        return timezone.make_aware(datetime.combine(day, time(23, 59, 59)))
    expires_at: datetime | None = values.get("expires_at")
    return expires_at


def offer_make(
    values: Mapping[str, Any], *, application: Application, by: User, expected: str | None
) -> Application:
    return services.application_offer(
        application=application,
        by=by,
        expires_at=offer_expiry(values),
        reason=values.get("reason") or "",
        expected=expected,
    )


def onboarding_item_set(
    values: Mapping[str, Any], *, application: Application, by: User
) -> OnboardingItem:
    return services.onboarding_item_update(
        application=application,
        by=by,
        item=values["item"],
        status=values["status"],
        status_date=values.get("status_date"),
        notes=values.get("notes") or "",
    )
