"""Who may read match results.

Ranked candidates of an assignment: staff of its host organization (host supervisors and
programme managers, down the organization tree) and administrators. The list carries no personal
data (no birth date, gender or nationality), whoever reads it. "Matches for me": the volunteer
only, for their own profile.
"""

from volex.assignments.permissions import is_host_staff
from volex.organizations.roles import is_administrator, is_programme_manager


def can_view_candidates(user, assignment) -> bool:
    return is_host_staff(user, assignment)


def can_open_volunteer_profiles(user) -> bool:
    """Whether links to the candidates' full profiles make sense for this user."""
    return is_administrator(user) or is_programme_manager(user)
