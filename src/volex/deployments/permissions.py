"""Who may do what to a deployment, shared by the web views, the API and the services.

- the volunteer: their own service (log hours, results, check-ins; see their own flags);
- host staff (supervisors and programme managers of the host organization, or above it): the
  service record (hours, results, lifecycle); supervisors approve hours;
- programme managers of the host and administrators: duty of care (check-ins, flags, the board
  with personal data, roll-calls).
"""

from __future__ import annotations

from volex.assignments import permissions as assignments_permissions
from volex.organizations.roles import (
    is_administrator,
    managed_organization_ids,
    staff_organization_ids,
)


def is_own(user, deployment) -> bool:
    return bool(user and user.is_authenticated and deployment.volunteer.user_id == user.pk)


def is_host_staff(user, deployment) -> bool:
    return assignments_permissions.is_host_staff(user, deployment.assignment)


def is_duty_of_care_manager(user, deployment) -> bool:
    return is_administrator(user) or deployment.assignment.host_id in managed_organization_ids(user)


def can_view_deployment(user, deployment) -> bool:
    return is_own(user, deployment) or is_host_staff(user, deployment)


def can_review_hours(user, deployment) -> bool:
    """The supervisor of the deployment, supervisors of the host, and the programme's managers."""
    if deployment.supervisor_id == getattr(user, "pk", None):
        return True
    return is_host_staff(user, deployment)


def can_manage_lifecycle(user, deployment) -> bool:
    return is_host_staff(user, deployment)


def can_see_wellbeing(user, deployment) -> bool:
    """Check-ins and flags are health and security data: the volunteer and duty-of-care roles."""
    return is_own(user, deployment) or is_duty_of_care_manager(user, deployment)


def can_view_board(user) -> bool:
    return is_administrator(user) or bool(staff_organization_ids(user))


def can_see_board_personal_data(user) -> bool:
    return is_administrator(user) or bool(managed_organization_ids(user))


def can_start_roll_call(user) -> bool:
    return is_administrator(user) or bool(managed_organization_ids(user))
