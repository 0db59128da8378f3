from django.db.models import Count, Q, QuerySet

from volex.assignments.models import AssignmentState

from .models import Membership, Organization, VerificationStatus


def organization_public_list() -> QuerySet[Organization]:
    return (
        Organization.objects.filter(verification_status=VerificationStatus.VERIFIED)
        .select_related("country", "parent")
        .annotate(
            open_assignments=Count(
                "assignments", filter=Q(assignments__state=AssignmentState.PUBLISHED)
            )
        )
        .order_by("name")
    )


def organization_get(*, slug: str) -> Organization | None:
    return (
        Organization.objects.select_related("country", "parent", "peace_operation")
        .prefetch_related("children")
        .filter(slug=slug)
        .first()
    )


def organization_members(organization: Organization) -> QuerySet[Membership]:
    return organization.memberships.select_related("user").order_by("role", "user__last_name")
