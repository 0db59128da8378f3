from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render

from volex.core.pagination import paginate, querystring_without_page
from volex.core.roles import is_administrator, staff_organization_ids
from volex.reference.models import Country, Language
from volex.volunteers.selectors import volunteer_for_user

from .forms import AssignmentFilterForm
from .models import Assignment, AssignmentLanguage, AssignmentState
from .permissions import can_edit_assignment
from .rules import assignment_service, eligibility_errors, volunteer_candidate
from .selectors import assignment_detail, assignment_list_for_organizations, assignment_public_list


def _filter_form(request) -> AssignmentFilterForm:
    published = Assignment.objects.filter(state=AssignmentState.PUBLISHED)
    countries = Country.objects.filter(duty_stations__assignments__in=published).distinct()
    languages = Language.objects.filter(
        pk__in=AssignmentLanguage.objects.filter(assignment__in=published).values("language_id")
    )
    return AssignmentFilterForm(request.GET or None, countries=countries, languages=languages)


def assignment_list(request):
    form = _filter_form(request)
    page = paginate(request, assignment_public_list(form.filters()), per_page=20)
    context = {"form": form, "page": page, "querystring": querystring_without_page(request)}
    template = "assignments/partials/results.html" if request.htmx else "assignments/list.html"
    return render(request, template, context)


def assignment_detail_view(request, pk: int):
    assignment = assignment_detail(user=request.user, pk=pk)
    if assignment is None:
        raise Http404
    eligibility = None
    volunteer = volunteer_for_user(request.user)
    if volunteer is not None:
        eligibility = eligibility_errors(
            assignment_service(assignment), volunteer_candidate(volunteer)
        )
    return render(
        request,
        "assignments/detail.html",
        {
            "assignment": assignment,
            "eligibility": eligibility,
            "can_edit": can_edit_assignment(request.user, assignment),
        },
    )


@login_required
def assignment_manage(request):
    """The assignments of the organizations a supervisor or programme manager works for."""
    if is_administrator(request.user):
        organization_ids = Assignment.objects.values("host_id")
    else:
        organization_ids = staff_organization_ids(request.user)
        if not organization_ids:
            raise PermissionDenied
    page = paginate(request, assignment_list_for_organizations(organization_ids), per_page=50)
    return render(
        request,
        "assignments/manage.html",
        {"page": page, "querystring": querystring_without_page(request)},
    )
