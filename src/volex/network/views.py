from django.http import Http404
from django.shortcuts import render

from volex.assignments.selectors import AssignmentFilters, assignment_public_list
from volex.core.pagination import paginate
from volex.organizations.models import VerificationStatus
from volex.organizations.roles import is_administrator, staff_organization_ids
from volex.organizations.selectors import organization_get, organization_members

from .selectors import organization_public_list


def organization_list(request):
    page = paginate(request, organization_public_list(), per_page=50)
    return render(request, "organizations/list.html", {"page": page})


def organization_detail(request, slug: str):
    organization = organization_get(slug=slug)
    if organization is None:
        raise Http404
    is_staff = is_administrator(request.user) or organization.pk in staff_organization_ids(
        request.user
    )
    # An unverified organization is not public: only its own staff and administrators see it.
    if organization.verification_status != VerificationStatus.VERIFIED and not is_staff:
        raise Http404
    assignments = assignment_public_list(AssignmentFilters(organization=organization.pk))[:20]
    return render(
        request,
        "organizations/detail.html",
        {
            "organization": organization,
            "assignments": assignments,
            "members": organization_members(organization) if is_staff else None,
        },
    )
