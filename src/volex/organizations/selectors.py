from collections.abc import Iterable

from django.db.models import QuerySet

from volex.domain.tree import ancestor_chain

from .models import Membership, Organization


def organization_get(*, slug: str) -> Organization | None:
    return (
        Organization.objects.select_related("country", "parent", "peace_operation")
        .prefetch_related("children")
        .filter(slug=slug)
        .first()
    )


def organization_members(organization: Organization) -> QuerySet[Membership]:
    return organization.memberships.select_related("user").order_by("role", "user__last_name")


# --- The organization tree: the one place that walks it ---------------------------------------


def organization_descendant_ids(root_ids: Iterable[int]) -> frozenset[int]:
    """The organizations `root_ids` and every one below them (field offices at all levels)."""
    found = set(root_ids)
    frontier = set(found)
    while frontier:
        frontier = (
            set(Organization.objects.filter(parent_id__in=frontier).values_list("pk", flat=True))
            - found
        )
        found |= frontier
    return frozenset(found)


def organization_parents() -> dict[int, int | None]:
    """Every organization's parent, in one query, for walks over many organizations."""
    return dict(Organization.objects.values_list("pk", "parent_id"))


def organization_ancestor_ids(organization_id: int) -> list[int]:
    """The organization, its parent, and so on up to the root."""
    return ancestor_chain(organization_id, organization_parents())
