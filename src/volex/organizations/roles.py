"""Who a user is to an organization. Every permission check in Volex starts here.

Roles are held per organization (a membership) and reach down the organization tree: a programme
manager of a mission also manages its field offices. Results are cached on the user object for the
length of a request.
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser

from .models import Membership, MembershipRole
from .selectors import organization_descendant_ids


def organization_ids(user, role: str) -> frozenset[int]:
    """Ids of the organizations (and their descendants) where `user` holds `role`."""
    if user is None or isinstance(user, AnonymousUser) or not user.is_authenticated:
        return frozenset()
    cache = user.__dict__.setdefault("_volex_role_cache", {})
    if role not in cache:
        roots = set(
            Membership.objects.filter(user=user, role=role).values_list(
                "organization_id", flat=True
            )
        )
        cache[role] = organization_descendant_ids(roots) if roots else frozenset()
    return cache[role]


def supervised_organization_ids(user) -> frozenset[int]:
    return organization_ids(user, MembershipRole.HOST_SUPERVISOR)


def managed_organization_ids(user) -> frozenset[int]:
    return organization_ids(user, MembershipRole.PROGRAMME_MANAGER)


def is_administrator(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active and user.is_staff)


def is_programme_manager(user) -> bool:
    return bool(managed_organization_ids(user))


def is_volunteer(user) -> bool:
    return bool(user and user.is_authenticated and hasattr(user, "volunteer"))


def staff_organization_ids(user) -> frozenset[int]:
    """Organizations whose non-public work (drafts, members) the user may see."""
    return supervised_organization_ids(user) | managed_organization_ids(user)
