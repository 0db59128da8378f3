"""The onboarding checklist of an accepted offer."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from volex.domain import pipeline
from volex.domain.pipeline import Action, Actor

from ..errors import SelectionError
from ..models import (
    Application,
    ChecklistItem,
    ItemStatus,
    OnboardingItem,
    Stage,
)
from ..permissions import staff_actor
from .stages import (
    _advance,
    _lock,
    _refused,
)

if TYPE_CHECKING:
    from volex.accounts.models import User
    from volex.assignments.models import Assignment


def checklist_for(assignment: Assignment) -> tuple[str, ...]:
    """The checklist items that apply to `assignment`, in order: the domain's rule
    (`pipeline.checklist_items`) for an assignment with or without a duty station (online)."""
    return tuple(
        item.value
        for item in pipeline.checklist_items(at_duty_station=assignment.duty_station_id is not None)
    )


@transaction.atomic
def onboarding_item_update(
    *,
    application: Application,
    item: str,
    status: str,
    by: User,
    status_date: date | None = None,
    notes: str = "",
) -> OnboardingItem:
    """Set one checklist item; when every item is done the volunteer is ready for entry on duty."""
    assignment, locked = _lock(application)
    if staff_actor(by, assignment) is None:
        raise PermissionDenied(_("You may not update this onboarding checklist."))
    if locked.stage != Stage.ONBOARDING:
        raise _refused(
            "stage",
            _("The checklist can be updated only while the application is in onboarding."),
            SelectionError.NOT_ONBOARDING,
        )
    errors = {}
    if item not in ChecklistItem.values:
        errors["item"] = ValidationError(_("Unknown checklist item."), code="invalid")
    elif item not in checklist_for(assignment):
        errors["item"] = ValidationError(
            _("This item does not apply to an online assignment."), code="not_applicable"
        )
    if status not in ItemStatus.values:
        errors["status"] = ValidationError(_("Unknown status."), code="invalid")
    if errors:
        raise ValidationError(errors)
    row = OnboardingItem.objects.select_for_update().get(application=locked, item=item)
    row.status = status
    row.status_date = status_date or timezone.localdate()
    row.notes = notes.strip()[:300]
    row.updated_by = by
    row.save()
    statuses = {
        pipeline.ChecklistItem(r.item): pipeline.ItemStatus(r.status)
        for r in OnboardingItem.objects.filter(application=locked)
    }
    if pipeline.checklist_complete(
        statuses, at_duty_station=assignment.duty_station_id is not None
    ):
        _advance(
            application=locked,
            action=Action.COMPLETE_ONBOARDING,
            by=None,
            actor=Actor.SYSTEM,
            reason=_("Every onboarding item is done: ready for entry on duty."),
        )
    return row
