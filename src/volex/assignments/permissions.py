"""Object permissions for assignments, shared by the web views, the API and other apps.

The staff of an assignment are the host supervisors and programme managers of its host
organization or of an organization above it (roles reach down the tree), and administrators.
`host_staff_role` answers for one user and `host_staff_users` lists them all (to notify them):
every other check of "who is staff of this assignment" calls one of these two.
"""

from __future__ import annotations

from django.db.models import QuerySet

from volex.accounts.models import User
from volex.organizations.models import Membership, MembershipRole
from volex.organizations.roles import (
    is_administrator,
    managed_organization_ids,
    staff_organization_ids,
    supervised_organization_ids,
)
from volex.organizations.selectors import organization_ancestor_ids

from .models import Assignment, AssignmentState

EDITABLE_STATES = frozenset(
    {AssignmentState.DRAFT, AssignmentState.RETURNED, AssignmentState.PUBLISHED}
)
SUBMITTABLE_STATES = frozenset({AssignmentState.DRAFT, AssignmentState.RETURNED})
PUBLIC_STATES = frozenset(
    {AssignmentState.PUBLISHED, AssignmentState.CLOSED, AssignmentState.FILLED}
)
STAFF_ROLES = (MembershipRole.HOST_SUPERVISOR, MembershipRole.PROGRAMME_MANAGER)


def host_staff_role(user, assignment: Assignment) -> MembershipRole | None:
    """The role `user` holds over `assignment`'s host: programme manager (administrators count as
    one), host supervisor, or None for everyone else."""
    if user is None or not user.is_authenticated:
        return None
    if is_administrator(user) or assignment.host_id in managed_organization_ids(user):
        return MembershipRole.PROGRAMME_MANAGER
    if assignment.host_id in supervised_organization_ids(user):
        return MembershipRole.HOST_SUPERVISOR
    return None


def host_staff_users(assignment: Assignment) -> QuerySet[User]:
    """The active users holding a staff role on the host or an organization above it (the same
    people `host_staff_role` answers for, administrators aside)."""
    return User.objects.filter(
        pk__in=Membership.objects.filter(
            organization_id__in=organization_ancestor_ids(assignment.host_id),
            role__in=STAFF_ROLES,
        ).values("user_id"),
        is_active=True,
    )


def is_host_staff(user, assignment: Assignment) -> bool:
    """Supervisors and programme managers of the host (or of an organization above it)."""
    return host_staff_role(user, assignment) is not None


def can_edit_assignment(user, assignment: Assignment) -> bool:
    if assignment.state not in EDITABLE_STATES:
        return False
    return is_host_staff(user, assignment)


def can_duplicate_assignment(user, assignment: Assignment) -> bool:
    return is_host_staff(user, assignment)


def can_submit_assignment(user, assignment: Assignment) -> bool:
    return assignment.state in SUBMITTABLE_STATES and is_host_staff(user, assignment)


def can_review_assignment(user, assignment: Assignment) -> bool:
    """Approving or returning a submitted description: the programme's managers decide."""
    return assignment.state == AssignmentState.SUBMITTED and can_publish_assignment(
        user, assignment
    )


def can_create_assignment_for(user, organization) -> bool:
    return is_administrator(user) or organization.pk in staff_organization_ids(user)


def can_publish_assignment(user, assignment: Assignment) -> bool:
    """Publishing commits a programme's resources: programme managers and administrators only."""
    return host_staff_role(user, assignment) == MembershipRole.PROGRAMME_MANAGER


def states_waiting_for(user) -> tuple[AssignmentState, ...]:
    """The states in which an assignment waits for `user` to act: a submitted description for
    who decides on it (programme managers, administrators), a returned or draft one for the
    supervisors who write it."""
    states: list[AssignmentState] = []
    if is_administrator(user) or managed_organization_ids(user):
        states.append(AssignmentState.SUBMITTED)
    if supervised_organization_ids(user):
        states += [AssignmentState.RETURNED, AssignmentState.DRAFT]
    return tuple(states)
