"""Reads of the public directory."""

from django.db.models import Count, Q, QuerySet

from volex.assignments.models import AssignmentState
from volex.organizations.models import Organization, VerificationStatus


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
