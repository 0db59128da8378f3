"""Selection pages: apply, my applications, the host's candidate list, the application page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from volex.assignments.models import Assignment
from volex.assignments.permissions import is_host_staff
from volex.assignments.rules import assignment_service, eligibility_errors, volunteer_candidate
from volex.assignments.selectors import assignment_detail
from volex.core.pagination import paginate, querystring_without_page
from volex.domain.pipeline import Actor, allowed_actions
from volex.matching.permissions import can_view_candidates
from volex.volunteers.models import Volunteer
from volex.volunteers.permissions import can_view_volunteer
from volex.volunteers.selectors import volunteer_for_user

from . import inputs, services
from .forms import ApplyForm, AssessForm, InviteForm, OfferForm, OnboardingForm, ReasonForm
from .models import Application, Stage
from .permissions import actors_on, can_see_candidate_personal_data, staff_actor
from .ranking import candidate_list
from .selectors import (
    application_detail,
    application_list_for_volunteer,
    application_of,
    invitation_list_for_volunteer,
)


def _own_volunteer(request) -> Volunteer:
    volunteer = volunteer_for_user(request.user)
    if volunteer is None:
        raise PermissionDenied
    return volunteer


def _refused(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


@login_required
def apply(request, pk: int):
    """The apply form. An assignment the volunteer can see but that takes no applications gets
    the selection service's refusal on the page, as the API gives it."""
    volunteer = _own_volunteer(request)
    assignment = assignment_detail(user=request.user, pk=pk)
    if assignment is None:
        raise Http404
    existing = application_of(volunteer=volunteer, assignment=assignment)
    if existing is not None:
        messages.info(request, _("You have already applied to this assignment."))
        return redirect("selection:application", existing.pk)
    form = ApplyForm(request.POST or None)
    try:
        services.ensure_open_for_applications(assignment)
    except ValidationError as error:
        closed = error.messages
    else:
        closed = []
    if request.method == "POST" and not closed and form.is_valid():
        try:
            application = services.application_apply(
                volunteer=volunteer,
                assignment=assignment,
                motivation=form.cleaned_data["motivation"],
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(request, _("Your application is sent."))
            return redirect("selection:application", application.pk)
    eligibility = eligibility_errors(assignment_service(assignment), volunteer_candidate(volunteer))
    return render(
        request,
        "selection/apply.html",
        {"assignment": assignment, "form": form, "eligibility": eligibility, "closed": closed},
    )


@login_required
def my_applications(request):
    volunteer = _own_volunteer(request)
    page = paginate(request, application_list_for_volunteer(volunteer=volunteer), per_page=50)
    return render(
        request,
        "selection/mine.html",
        {
            "page": page,
            "querystring": querystring_without_page(request),
            "invitations": invitation_list_for_volunteer(volunteer=volunteer)[:20],
        },
    )


@login_required
def pipeline(request, pk: int):
    """The host's view of an assignment: ranked candidates (applicants and suggestions)."""
    assignment = get_object_or_404(Assignment.objects.select_related("host"), pk=pk)
    if staff_actor(request.user, assignment) is None:
        raise PermissionDenied
    candidates = candidate_list(assignment=assignment)
    # The volunteer page's own rule, per row: a manager opens only the talent pool's profiles.
    profile_ids = {
        row.volunteer.pk
        for row in candidates.rows
        if can_view_volunteer(request.user, row.volunteer)
    }
    stages = {}
    ready = set()
    for row in candidates.rows:
        if row.application is not None:
            stages[row.application.stage] = stages.get(row.application.stage, 0) + 1
            if row.application.stage == Stage.READY:
                ready.add(row.application.pk)
    started = dict(
        Application.objects.filter(pk__in=ready, deployment__isnull=False).values_list(
            "pk", "deployment__pk"
        )
    )
    return render(
        request,
        "selection/pipeline.html",
        {
            "assignment": assignment,
            "candidates": candidates,
            "stage_counts": [(label, stages.get(value, 0)) for value, label in Stage.choices],
            "taken": assignment.placements.count(),
            "profile_ids": profile_ids,
            "can_view_ranking": can_view_candidates(request.user, assignment),
            # Ready volunteers lead to entry on duty (host staff only), or to their service.
            "can_start": is_host_staff(request.user, assignment),
            "to_start": ready - started.keys(),
            "started": started,
        },
    )


@login_required
@require_POST
def invite(request, pk: int):
    assignment = get_object_or_404(Assignment, pk=pk)
    if staff_actor(request.user, assignment) is None:
        raise PermissionDenied
    form = InviteForm(request.POST)
    if form.is_valid():
        volunteer = get_object_or_404(
            Volunteer.objects.select_related("user"), pk=form.cleaned_data["volunteer"]
        )
        try:
            services.invitation_create(
                assignment=assignment,
                volunteer=volunteer,
                by=request.user,
                message=form.cleaned_data["message"],
            )
        except ValidationError as error:
            _refused(request, error)
        else:
            messages.success(
                request, _("%(name)s is invited to apply.") % {"name": volunteer.display_name}
            )
    return redirect("selection:pipeline", assignment.pk)


def _application_or_404(request, pk: int):
    application = application_detail(pk=pk)
    if application is None or not actors_on(request.user, application):
        raise Http404
    return application


@login_required
def application_page(request, pk: int):
    application = _application_or_404(request, pk)
    actors = actors_on(request.user, application)
    actions = {
        a.value for actor in actors for a in allowed_actions(application.domain_stage, actor)
    }
    staff = bool(actors - {Actor.VOLUNTEER})
    # The deployment app sits above selection: its row is reached by the reverse relation only.
    deployment = getattr(application, "deployment", None)
    checklist = services.checklist_for(application.assignment)
    return render(
        request,
        "selection/application.html",
        {
            "application": application,
            "actions": actions,
            "is_staff": staff,
            "is_volunteer": Actor.VOLUNTEER in actors,
            "show_personal": can_see_candidate_personal_data(request.user, application.assignment),
            "assess_form": AssessForm(),
            "offer_form": OfferForm(),
            "onboarding_form": OnboardingForm(items=checklist),
            "checklist": [i for i in application.onboarding_items.all() if i.item in checklist],
            "deployment": deployment,
            # Entry on duty is the host staff's (`deployment_start` refuses anyone else).
            "can_start": application.stage == Stage.READY
            and deployment is None
            and is_host_staff(request.user, application.assignment),
            "offer_open": application.stage == Stage.OFFERED
            and application.offer_expires_at
            and application.offer_expires_at > timezone.now(),
        },
    )


SIMPLE_ACTIONS = {
    "longlist": services.application_longlist,
    "shortlist": services.application_shortlist,
    "prefer": services.application_prefer,
    "reject": services.application_reject,
}
VOLUNTEER_ACTIONS = {
    "withdraw": services.application_withdraw,
    "decline": services.application_decline,
}
DONE = {
    "longlist": gettext_lazy("The application is longlisted."),
    "shortlist": gettext_lazy("The application is shortlisted."),
    "prefer": gettext_lazy("The candidate is marked preferred."),
    "reject": gettext_lazy("The application is marked not selected."),
    "withdraw": gettext_lazy("Your application is withdrawn."),
    "decline": gettext_lazy("You declined the offer."),
    "accept": gettext_lazy("You accepted the offer. Welcome on board!"),
    "assess": gettext_lazy("The assessment is recorded."),
    "offer": gettext_lazy("The offer is sent."),
    "onboarding": gettext_lazy("The checklist is updated."),
}


@login_required
@require_POST
def application_action(request, pk: int, action: str):
    application = _application_or_404(request, pk)
    expected = request.POST.get("expected") or None
    reason_form = ReasonForm(request.POST)
    reason = reason_form.cleaned_data.get("reason", "") if reason_form.is_valid() else ""
    try:
        if action in SIMPLE_ACTIONS:
            SIMPLE_ACTIONS[action](
                application=application, by=request.user, reason=reason, expected=expected
            )
        elif action in VOLUNTEER_ACTIONS:
            VOLUNTEER_ACTIONS[action](application=application, by=request.user, reason=reason)
        elif action == "accept":
            services.application_accept(application=application, by=request.user)
        elif action == "assess":
            form = AssessForm(request.POST)
            if not form.is_valid():
                raise ValidationError(form.errors.as_data())
            inputs.assessment_record(
                form.cleaned_data, application=application, by=request.user, expected=expected
            )
        elif action == "offer":
            form = OfferForm(request.POST)
            if not form.is_valid():
                raise ValidationError(form.errors.as_data())
            inputs.offer_make(
                form.cleaned_data, application=application, by=request.user, expected=expected
            )
        elif action == "onboarding":
            form = OnboardingForm(
                request.POST, items=services.checklist_for(application.assignment)
            )
            if not form.is_valid():
                raise ValidationError(form.errors.as_data())
            inputs.onboarding_item_set(form.cleaned_data, application=application, by=request.user)
        else:
            raise Http404
    except ValidationError as error:
        _refused(request, error)
    else:
        messages.success(request, DONE[action])
    return redirect("selection:application", application.pk)
