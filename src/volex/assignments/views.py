from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from volex.core.pagination import paginate, querystring_without_page
from volex.organizations.models import Organization
from volex.organizations.roles import is_administrator, staff_organization_ids
from volex.reference.models import Country, Language, Skill
from volex.volunteers.selectors import volunteer_for_user

from . import services
from .forms import (
    AssignmentFilterForm,
    AssignmentForm,
    AssignmentLanguageFormSet,
    AssignmentSkillFormSet,
    CommentForm,
    assignment_values,
)
from .inputs import assignment_data
from .models import Assignment, AssignmentLanguage, AssignmentState
from .permissions import (
    can_duplicate_assignment,
    can_edit_assignment,
    can_publish_assignment,
    can_review_assignment,
    can_submit_assignment,
    is_host_staff,
    states_waiting_for,
)
from .rules import assignment_service, eligibility_errors, volunteer_candidate
from .selectors import (
    assignment_detail,
    assignment_list_for_organizations,
    assignment_public_list,
    occupation_suggestions,
)


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
    staff = is_host_staff(request.user, assignment)
    application = None
    if volunteer is not None:
        # The selection app keeps applications; this page reads the volunteer's own through the
        # relation it declares, so assignments need not import the app above it.
        application = assignment.applications.filter(volunteer=volunteer).first()
    return render(
        request,
        "assignments/detail.html",
        {
            "assignment": assignment,
            "eligibility": eligibility,
            "volunteer": volunteer,
            "application": application,
            "is_staff": staff,
            "can_edit": can_edit_assignment(request.user, assignment),
            "can_duplicate": can_duplicate_assignment(request.user, assignment),
            "can_submit": can_submit_assignment(request.user, assignment),
            "can_review": can_review_assignment(request.user, assignment),
            "events": assignment.events.select_related("actor") if staff else None,
        },
    )


class ManageFilterForm(forms.Form):
    """The state filter of the manage list (a plain GET form)."""

    state = forms.ChoiceField(
        label=gettext_lazy("State"),
        choices=[("", gettext_lazy("Every state")), *AssignmentState.choices],
        required=False,
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
    form = ManageFilterForm(request.GET or None)
    state = form.cleaned_data["state"] if form.is_valid() else ""
    assignments = assignment_list_for_organizations(
        organization_ids, state=state, first_states=states_waiting_for(request.user)
    )
    page = paginate(request, assignments, per_page=50)
    return render(
        request,
        "assignments/manage.html",
        {"form": form, "page": page, "querystring": querystring_without_page(request)},
        status=400 if form.errors else 200,
    )


# --- Writing and reviewing descriptions of assignment ----------------------------------------------


def _host_choices(user):
    if is_administrator(user):
        return Organization.objects.all()
    return Organization.objects.filter(pk__in=staff_organization_ids(user))


def _initial(assignment: Assignment) -> dict:
    station = assignment.duty_station
    return {
        "title": assignment.title,
        "context": assignment.context,
        "tasks": assignment.tasks,
        "expected_results": assignment.expected_results,
        "qualifications": assignment.qualifications,
        "category": assignment.category,
        "sector": assignment.sector,
        "country": station.country_id if station else None,
        "place": station.place if station else "",
        "hardship_class": station.hardship_class if station else "A",
        "is_family": station.is_family if station else True,
        "positions": assignment.positions,
        "start_date": assignment.start_date,
        "end_date": assignment.end_date,
        "application_deadline": assignment.application_deadline,
        "sdg_goals": list(assignment.sdg_goals.all()),
        "sdg_targets": ", ".join(t.code for t in assignment.sdg_targets.all()),
        "groups_reached": assignment.groups_reached,
        "occupation": assignment.occupation.title if assignment.occupation else "",
    }


def _editor(request, *, assignment: Assignment | None):
    hosts = _host_choices(request.user)
    if request.method == "POST":
        form = AssignmentForm(request.POST)
        languages = AssignmentLanguageFormSet(request.POST, prefix="lang")
        skills = AssignmentSkillFormSet(request.POST, prefix="skill")
        host_id = request.POST.get("host")
        if form.is_valid() and languages.is_valid() and skills.is_valid():
            try:
                with transaction.atomic():
                    data = assignment_data(
                        assignment_values(form, languages, skills), current=assignment
                    )
                    if assignment is None:
                        host = hosts.filter(pk=host_id).first() if host_id else hosts.first()
                        if host is None:
                            raise PermissionDenied
                        saved = services.assignment_create(
                            host=host, created_by=request.user, data=data
                        )
                    else:
                        saved = services.assignment_update(
                            assignment=assignment, data=data, by=request.user
                        )
            except ValidationError as error:
                for field, errors in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                messages.success(request, _("The assignment is saved."))
                return redirect("assignments:detail", saved.pk)
    else:
        form = AssignmentForm(initial=_initial(assignment) if assignment else None)
        languages = AssignmentLanguageFormSet(
            prefix="lang",
            initial=[
                {"language": al.language.name, "level": al.min_level, "is_required": al.is_required}
                for al in (assignment.languages.all() if assignment else [])
            ],
        )
        skills = AssignmentSkillFormSet(
            prefix="skill",
            initial=[
                {
                    "skill": s.skill.title,
                    "level": s.min_level,
                    "years": s.min_years,
                    "is_required": s.is_required,
                }
                for s in (assignment.skills.all() if assignment else [])
            ],
        )
    return render(
        request,
        "assignments/edit.html",
        {
            "form": form,
            "languages": languages,
            "skills": skills,
            "assignment": assignment,
            "hosts": hosts if assignment is None else None,
            "language_options": Language.objects.filter(is_common=True).values_list(
                "name", flat=True
            ),
            "skill_options": Skill.objects.order_by("title")
            .values_list("title", flat=True)
            .distinct()[:5000],
        },
    )


@login_required
def assignment_create_view(request):
    if not _host_choices(request.user).exists():
        raise PermissionDenied
    return _editor(request, assignment=None)


def _visible(request, pk: int) -> Assignment:
    assignment = assignment_detail(user=request.user, pk=pk)
    if assignment is None:
        raise Http404
    return assignment


@login_required
def assignment_edit_view(request, pk: int):
    assignment = _visible(request, pk)
    if not can_edit_assignment(request.user, assignment):
        raise PermissionDenied
    return _editor(request, assignment=assignment)


def _refused(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


@login_required
@require_POST
def assignment_duplicate_view(request, pk: int):
    assignment = _visible(request, pk)
    if not can_duplicate_assignment(request.user, assignment):
        raise PermissionDenied
    copy = services.assignment_duplicate(assignment=assignment, created_by=request.user)
    messages.success(request, _("A copy is saved as a draft: edit it, then submit it."))
    return redirect("assignments:edit", copy.pk)


@login_required
@require_POST
def assignment_submit_view(request, pk: int):
    assignment = _visible(request, pk)
    if not is_host_staff(request.user, assignment):
        raise PermissionDenied
    form = CommentForm(request.POST)
    form.is_valid()
    try:
        services.assignment_submit(
            assignment=assignment,
            by=request.user,
            comment=form.cleaned_data.get("comment", ""),
            expected=request.POST.get("expected") or None,
        )
    except ValidationError as error:
        _refused(request, error)
    else:
        messages.success(request, _("The assignment is submitted for approval."))
    return redirect("assignments:detail", assignment.pk)


@login_required
@require_POST
def assignment_review_view(request, pk: int, decision: str):
    assignment = _visible(request, pk)
    if not can_publish_assignment(request.user, assignment):
        raise PermissionDenied
    form = CommentForm(request.POST)
    form.is_valid()
    comment = form.cleaned_data.get("comment", "")
    expected = request.POST.get("expected") or None
    try:
        if decision == "approve":
            services.assignment_approve(
                assignment=assignment, by=request.user, comment=comment, expected=expected
            )
            messages.success(request, _("The assignment is approved and published."))
        else:
            services.assignment_return(
                assignment=assignment, by=request.user, comment=comment, expected=expected
            )
            messages.success(request, _("The assignment is returned to its authors."))
    except ValidationError as error:
        _refused(request, error)
    return redirect("assignments:detail", assignment.pk)


@login_required
def occupation_options(request):
    """The `<option>`s of the occupation field's suggestions, for the text typed so far (htmx)."""
    if not (is_administrator(request.user) or staff_organization_ids(request.user)):
        raise PermissionDenied
    titles = occupation_suggestions(request.GET.get("occupation", ""))
    return render(request, "assignments/partials/occupation_options.html", {"titles": titles})
