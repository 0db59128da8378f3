"""Object permissions for assignments, shared by the web views and the API."""

from volex.organizations.roles import (
    is_administrator,
    managed_organization_ids,
    staff_organization_ids,
)

from .models import AssignmentState

EDITABLE_STATES = frozenset(
    {AssignmentState.DRAFT, AssignmentState.RETURNED, AssignmentState.PUBLISHED}
)
SUBMITTABLE_STATES = frozenset({AssignmentState.DRAFT, AssignmentState.RETURNED})
PUBLIC_STATES = frozenset(
    {AssignmentState.PUBLISHED, AssignmentState.CLOSED, AssignmentState.FILLED}
)


def can_view_assignment(user, assignment) -> bool:
    if assignment.state in PUBLIC_STATES:
        return True
    return is_administrator(user) or assignment.host_id in staff_organization_ids(user)


def is_host_staff(user, assignment) -> bool:
    """Supervisors and programme managers of the host (or of an organization above it)."""
    return is_administrator(user) or assignment.host_id in staff_organization_ids(user)


def can_edit_assignment(user, assignment) -> bool:
    if assignment.state not in EDITABLE_STATES:
        return False
    return is_host_staff(user, assignment)


def can_duplicate_assignment(user, assignment) -> bool:
    return is_host_staff(user, assignment)


def can_submit_assignment(user, assignment) -> bool:
    return assignment.state in SUBMITTABLE_STATES and is_host_staff(user, assignment)


def can_review_assignment(user, assignment) -> bool:
    """Approving or returning a submitted description: the programme's managers decide."""
    return assignment.state == AssignmentState.SUBMITTED and can_publish_assignment(
        user, assignment
    )


def can_create_assignment_for(user, organization) -> bool:
    return is_administrator(user) or organization.pk in staff_organization_ids(user)


def can_publish_assignment(user, assignment) -> bool:
    """Publishing commits a programme's resources: programme managers and administrators only."""
    return is_administrator(user) or assignment.host_id in managed_organization_ids(user)
