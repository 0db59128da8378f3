"""Who may read match results.

Ranked candidates of an assignment: staff of its host organization (host supervisors and
programme managers, down the organization tree) and administrators. The list carries no personal
data (no birth date, gender or nationality), whoever reads it. "Matches for me": the volunteer
only, for their own profile.
"""

from volex.organizations.roles import is_administrator, is_programme_manager, staff_organization_ids


def can_view_candidates(user, assignment) -> bool:
    if user is None or not user.is_authenticated:
        return False
    return is_administrator(user) or assignment.host_id in staff_organization_ids(user)


def can_open_volunteer_profiles(user) -> bool:
    """Whether links to the candidates' full profiles make sense for this user."""
    return is_administrator(user) or is_programme_manager(user)
