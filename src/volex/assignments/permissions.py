"""Object permissions for assignments, shared by the web views and the API."""

from volex.core.roles import (
    is_administrator,
    managed_organization_ids,
    staff_organization_ids,
)

from .models import AssignmentState

PUBLIC_STATES = frozenset(
    {AssignmentState.PUBLISHED, AssignmentState.CLOSED, AssignmentState.FILLED}
)


def can_view_assignment(user, assignment) -> bool:
    if assignment.state in PUBLIC_STATES:
        return True
    return is_administrator(user) or assignment.host_id in staff_organization_ids(user)


def can_edit_assignment(user, assignment) -> bool:
    if assignment.state in (AssignmentState.CANCELLED, AssignmentState.FILLED):
        return False
    return is_administrator(user) or assignment.host_id in staff_organization_ids(user)


def can_create_assignment_for(user, organization) -> bool:
    return is_administrator(user) or organization.pk in staff_organization_ids(user)


def can_publish_assignment(user, assignment) -> bool:
    """Publishing commits a programme's resources: programme managers and administrators only."""
    return is_administrator(user) or assignment.host_id in managed_organization_ids(user)
