"""A host invites a suggested talent-pool volunteer to apply."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from volex.assignments.models import Assignment, AssignmentState
from volex.notifications.models import Kind
from volex.notifications.services import notification_send
from volex.volunteers.models import Volunteer

from ..errors import SelectionError
from ..models import (
    Application,
    Invitation,
)
from ..permissions import staff_actor
from .stages import (
    _refused,
)

if TYPE_CHECKING:
    from volex.accounts.models import User


@transaction.atomic
def invitation_create(
    *, assignment: Assignment, volunteer: Volunteer, by: User, message: str = ""
) -> Invitation:
    """A host invites a suggested talent-pool volunteer to apply."""
    locked = Assignment.objects.select_for_update().select_related("host").get(pk=assignment.pk)
    if staff_actor(by, locked) is None:
        raise PermissionDenied(_("You may not invite volunteers to this assignment."))
    if locked.state != AssignmentState.PUBLISHED:
        raise _refused(
            "assignment",
            _("Only a published assignment takes applications."),
            SelectionError.ASSIGNMENT_NOT_OPEN,
        )
    if not volunteer.consent_to_matching:
        raise _refused(
            "volunteer",
            _("This volunteer has not agreed to be suggested to host organizations."),
            SelectionError.NOT_IN_TALENT_POOL,
        )
    if Application.objects.filter(assignment=locked, volunteer=volunteer).exists():
        raise _refused(
            "volunteer",
            _("This volunteer has already applied."),
            SelectionError.ALREADY_APPLIED,
        )
    if Invitation.objects.filter(assignment=locked, volunteer=volunteer).exists():
        raise _refused(
            "volunteer",
            _("This volunteer is already invited."),
            SelectionError.ALREADY_INVITED,
        )
    invitation = Invitation.objects.create(
        assignment=locked, volunteer=volunteer, invited_by=by, message=message.strip()
    )
    notification_send(
        recipient=volunteer.user,
        kind=Kind.INVITED,
        params={
            "assignment": locked.title,
            "host": locked.host.name,
            "message": invitation.message,
        },
        url=f"/selection/assignments/{locked.pk}/apply/",
    )
    return invitation
