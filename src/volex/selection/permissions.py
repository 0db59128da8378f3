"""Who may do what in selection, shared by the web views and the API.

Personal data (date of birth, gender, nationalities, heritage, residence) is never shown to host
supervisors on candidate and application pages: the platform checks the category rules itself at
apply time (and the engine filters suggestions by them), so no decision of theirs needs it.
Programme managers and administrators see it (eligibility, duty of care), as on profile pages.
"""

from __future__ import annotations

from volex.assignments.permissions import host_staff_role
from volex.domain.pipeline import Actor
from volex.organizations.models import MembershipRole

_ACTORS = {
    MembershipRole.PROGRAMME_MANAGER: Actor.PROGRAMME,
    MembershipRole.HOST_SUPERVISOR: Actor.HOST,
}


def staff_actor(user, assignment) -> Actor | None:
    """The role `user` holds towards `assignment`'s selection (its staff role), or None."""
    role = host_staff_role(user, assignment)
    return None if role is None else _ACTORS[role]


def actors_on(user, application) -> frozenset[Actor]:
    actors: set[Actor] = set()
    if user is not None and user.is_authenticated:
        if application.volunteer.user_id == user.pk:
            actors.add(Actor.VOLUNTEER)
        staff = staff_actor(user, application.assignment)
        if staff is not None:
            actors.add(staff)
    return frozenset(actors)


def can_see_candidate_personal_data(user, assignment) -> bool:
    return staff_actor(user, assignment) is Actor.PROGRAMME
