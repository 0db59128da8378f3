"""Who may do what in selection, shared by the web views and the API.

Personal data (date of birth, gender, nationalities, heritage, residence) is never shown to host
supervisors on candidate and application pages: the platform checks the category rules itself at
apply time (and the engine filters suggestions by them), so no decision of theirs needs it.
Programme managers and administrators see it (eligibility, duty of care), as on profile pages.
"""

from __future__ import annotations

from volex.domain.pipeline import Actor
from volex.organizations.roles import (
    is_administrator,
    managed_organization_ids,
    supervised_organization_ids,
)


def staff_actor(user, assignment) -> Actor | None:
    """The role `user` holds towards `assignment`'s selection, or None."""
    if user is None or not user.is_authenticated:
        return None
    if is_administrator(user) or assignment.host_id in managed_organization_ids(user):
        return Actor.PROGRAMME
    if assignment.host_id in supervised_organization_ids(user):
        return Actor.HOST
    return None


def actors_on(user, application) -> frozenset[Actor]:
    actors: set[Actor] = set()
    if user is not None and user.is_authenticated:
        if application.volunteer.user_id == user.pk:
            actors.add(Actor.VOLUNTEER)
        staff = staff_actor(user, application.assignment)
        if staff is not None:
            actors.add(staff)
    return frozenset(actors)


def can_manage_selection(user, assignment) -> bool:
    return staff_actor(user, assignment) is not None


def can_view_application(user, application) -> bool:
    return bool(actors_on(user, application))


def can_see_candidate_personal_data(user, assignment) -> bool:
    return staff_actor(user, assignment) is Actor.PROGRAMME
