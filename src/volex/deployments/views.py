"""Deployment pages: the volunteer's own space, a deployment, the supervisor's team, the duty of
care board and the roll-call. Views parse and render; services decide."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from volex.core.pagination import paginate, querystring_without_page
from volex.selection.models import Application
from volex.volunteers.selectors import volunteer_for_user

from . import permissions, selectors, services
from .certificates import certificate_pdf
from .forms import (
    CheckInForm,
    CompleteForm,
    EndEarlyForm,
    ExtendForm,
    FollowUpForm,
    HoursForm,
    RejectForm,
    ResultForm,
    RollCallForm,
    StartForm,
)
from .models import HourRecord, RiskFlag, RollCallAnswer

BOARD_PAGE = 200


def _safe_next(request) -> str | None:
    """The page to go back to, if it is one of this site's (never an outside address)."""
    target = request.POST.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return None


def _refused(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


def _deployment(request, pk: int):
    deployment = selectors.deployment_detail(pk=pk)
    if deployment is None or not permissions.can_view_deployment(request.user, deployment):
        raise Http404
    return deployment


def _form_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            for item in errors:
                form.add_error(field if field in form.fields else None, item)
    else:
        form.add_error(None, error)


@login_required
def mine(request):
    volunteer = volunteer_for_user(request.user)
    if volunteer is None:
        raise Http404
    deployment = selectors.deployment_current(volunteer=volunteer)
    if deployment is None:
        return render(request, "deployments/mine.html", {"deployment": None})
    return _render_detail(request, deployment, template="deployments/mine.html")


def _render_detail(request, deployment, *, template="deployments/detail.html", **forms):
    user = request.user
    own = permissions.is_own(user, deployment)
    wellbeing = permissions.can_see_wellbeing(user, deployment)
    context = {
        "deployment": deployment,
        "own": own,
        "hours": selectors.hours_for_deployment(deployment=deployment)[:100],
        "results": deployment.results.prefetch_related("reach", "sdg_targets")[:50],
        "extensions": deployment.extensions.all(),
        "checkins": selectors.checkins_for_deployment(deployment=deployment)[:20]
        if wellbeing
        else None,
        "flags": selectors.flags_for_deployment(deployment=deployment) if wellbeing else None,
        "can_review": permissions.can_review_hours(user, deployment),
        "can_manage": permissions.can_manage_lifecycle(user, deployment),
        "can_follow_up": permissions.is_duty_of_care_manager(user, deployment),
        "in_service": deployment.in_service,
        # Ending (early or with the assessment) waits for the entry on duty (`_end_date`).
        "can_end": deployment.in_service and deployment.has_started(),
        "hours_form": forms.get("hours_form") or HoursForm(),
        "checkin_form": forms.get("checkin_form") or CheckInForm(),
        "result_form": forms.get("result_form") or ResultForm(),
        "extend_form": forms.get("extend_form") or ExtendForm(),
        "end_early_form": EndEarlyForm(),
        "complete_form": forms.get("complete_form") or CompleteForm(),
        "reject_form": RejectForm(),
        "follow_up_form": FollowUpForm(),
    }
    return render(request, template, context, status=400 if forms else 200)


@login_required
def detail(request, pk: int):
    return _render_detail(request, _deployment(request, pk))


@login_required
def start(request, application_pk: int):
    application = get_object_or_404(
        Application.objects.select_related("assignment__host", "volunteer__user"),
        pk=application_pk,
    )
    from volex.assignments.permissions import is_host_staff

    if not is_host_staff(request.user, application.assignment):
        raise PermissionDenied
    # Bound on every POST: the date may be left out (it defaults to today), so the POST can be empty.
    form = StartForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        try:
            deployment = services.deployment_start(
                application=application, by=request.user, start_date=form.cleaned_data["start_date"]
            )
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("Entry on duty recorded."))
            return redirect("deployments:detail", deployment.pk)
    return render(
        request,
        "deployments/start.html",
        {"application": application, "form": form},
        status=400 if form.errors else 200,
    )


def _post_action(request, pk: int, form_class, action, success: str, form_key: str = ""):
    deployment = _deployment(request, pk)
    form = form_class(request.POST)
    if form.is_valid():
        try:
            action(deployment, form.cleaned_data)
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, success)
            return redirect(_safe_next(request) or deployment_url(deployment, request))
    if form_key:
        return _render_detail(
            request,
            deployment,
            template="deployments/mine.html"
            if permissions.is_own(request.user, deployment)
            else "deployments/detail.html",
            **{form_key: form},
        )
    _refused(request, ValidationError(list(form.errors.values())))
    return redirect(deployment_url(deployment, request))


def deployment_url(deployment, request) -> str:
    if permissions.is_own(request.user, deployment):
        return reverse("deployments:mine")
    return reverse("deployments:detail", args=[deployment.pk])


@login_required
@require_POST
def log_hours(request, pk: int):
    return _post_action(
        request,
        pk,
        HoursForm,
        lambda d, data: services.hours_record(deployment=d, by=request.user, **data),
        _("Hours recorded; your supervisor will review them."),
        "hours_form",
    )


@login_required
@require_POST
def check_in(request, pk: int):
    return _post_action(
        request,
        pk,
        CheckInForm,
        lambda d, data: services.checkin_submit(deployment=d, by=request.user, **data),
        _("Thank you for checking in."),
        "checkin_form",
    )


@login_required
@require_POST
def add_result(request, pk: int):
    def record(deployment, data):
        codes = [c.strip() for c in data["sdg_targets"].split(",") if c.strip()]
        services.result_record(
            deployment=deployment,
            by=request.user,
            description=data["description"],
            output=data["output"],
            date=data["date"],
            sdg_target_codes=codes,
            reach=[
                {
                    key: data[key]
                    for key in ("sex", "age_group", "with_disability", "group", "people")
                }
            ],
        )

    return _post_action(request, pk, ResultForm, record, _("Result recorded."), "result_form")


@login_required
@require_POST
def extend(request, pk: int):
    return _post_action(
        request,
        pk,
        ExtendForm,
        lambda d, data: services.deployment_extend(deployment=d, by=request.user, **data),
        _("Deployment extended."),
        "extend_form",
    )


@login_required
@require_POST
def end_early(request, pk: int):
    return _post_action(
        request,
        pk,
        EndEarlyForm,
        lambda d, data: services.deployment_end_early(deployment=d, by=request.user, **data),
        _("Deployment ended."),
    )


@login_required
@require_POST
def complete(request, pk: int):
    return _post_action(
        request,
        pk,
        CompleteForm,
        lambda d, data: services.deployment_complete(deployment=d, by=request.user, **data),
        _("Assignment ended; the certificate of service is ready."),
        "complete_form",
    )


@login_required
def certificate(request, pk: int):
    deployment = _deployment(request, pk)
    if not deployment.certifiable:
        raise Http404
    response = HttpResponse(certificate_pdf(deployment), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="certificate-{deployment.pk}.pdf"'
    return response


def _record(request, pk: int) -> HourRecord:
    record = HourRecord.objects.select_related("deployment__assignment").filter(pk=pk).first()
    if record is None or not permissions.can_view_deployment(request.user, record.deployment):
        raise Http404
    return record


@login_required
@require_POST
def approve_hours(request, pk: int):
    record = _record(request, pk)
    try:
        services.hours_approve(record=record, by=request.user)
        messages.success(request, _("Hours approved."))
    except ValidationError as error:
        _refused(request, error)
    return redirect(_safe_next(request) or "deployments:team")


@login_required
@require_POST
def reject_hours(request, pk: int):
    record = _record(request, pk)
    try:
        services.hours_reject(record=record, by=request.user, reason=request.POST.get("reason", ""))
        messages.success(request, _("Hours returned to the volunteer."))
    except ValidationError as error:
        _refused(request, error)
    return redirect(_safe_next(request) or "deployments:team")


@login_required
def team(request):
    if not (permissions.can_view_board(request.user)):
        raise PermissionDenied
    report = None
    if request.method == "POST":
        ids = [int(x) for x in request.POST.getlist("record") if x.isdigit()]
        try:
            services.hours_approve_bulk(record_ids=ids, by=request.user)
        except ValidationError as error:
            _refused(request, error)
            return redirect("deployments:team")
        except services.BulkRefused as refused:
            report = refused.rows
            messages.error(request, _("Nothing was approved: see the refused rows."))
        else:
            messages.success(
                request,
                ngettext(
                    "%(count)s hour record approved.", "%(count)s hour records approved.", len(ids)
                )
                % {"count": len(ids)},
            )
            return redirect("deployments:team")
    page = paginate(request, selectors.hours_to_review(user=request.user), per_page=100)
    return render(
        request,
        "deployments/team.html",
        {"page": page, "report": report, "querystring": querystring_without_page(request)},
        status=400 if report else 200,
    )


def _scope(request) -> dict:
    station = request.GET.get("station", "")
    mission = request.GET.get("mission", "")
    return {
        "country_id": (request.GET.get("country") or "").upper()[:2] or None,
        "duty_station_id": int(station) if station.isdigit() else None,
        "peace_operation_id": int(mission) if mission.isdigit() else None,
    }


@login_required
def board(request):
    if not permissions.can_view_board(request.user):
        raise PermissionDenied
    scope = _scope(request)
    personal = permissions.can_see_board_personal_data(request.user)
    roll_call = (
        selectors.roll_call_latest(user=request.user, **scope)
        if personal and any(scope.values())
        else None
    )
    rows = selectors.board_rows(
        user=request.user, roll_call=roll_call, with_personal_data=personal, **scope
    )
    page = paginate(request, rows, per_page=BOARD_PAGE)
    return render(
        request,
        "deployments/board.html",
        {
            "page": page,
            "summary": selectors.board_summary(rows=rows),
            "personal": personal,
            "scope": scope,
            "roll_call": roll_call,
            "roll_call_counts": selectors.roll_call_counts(roll_call=roll_call)
            if roll_call
            else None,
            "can_start_roll_call": personal and any(scope.values()),
            "places": selectors.board_places(),
            "roll_call_form": RollCallForm(),
            "querystring": querystring_without_page(request),
        },
    )


@login_required
@require_POST
def roll_call_start(request):
    if not permissions.can_start_roll_call(request.user):
        raise PermissionDenied
    scope = _scope(request)
    form = RollCallForm(request.POST)
    form.is_valid()
    try:
        roll_call = services.roll_call_start(
            by=request.user, message=form.cleaned_data.get("message", ""), **scope
        )
        asked = roll_call.answers.count()
        messages.success(
            request,
            ngettext(
                "Roll-call started: %(count)s volunteer asked.",
                "Roll-call started: %(count)s volunteers asked.",
                asked,
            )
            % {"count": asked},
        )
    except ValidationError as error:
        _refused(request, error)
    return redirect(f"{reverse('deployments:board')}?{request.GET.urlencode()}")


def roll_call_answer(request, token: str):
    """Opened from the link in the message: no log-in needed, the token is the key."""
    row = (
        RollCallAnswer.objects.select_related("roll_call", "deployment__volunteer__user")
        .filter(token=token)
        .first()
    )
    if row is None:
        raise Http404
    if request.method == "POST":
        try:
            services.roll_call_answer(token=token, answer=request.POST.get("answer", ""))
        except ValidationError as error:
            _refused(request, error)
        else:
            messages.success(request, _("Thank you: your answer was recorded."))
            return redirect("deployments:roll-call-answer", token)
    return render(request, "deployments/roll_call_answer.html", {"row": row})


@login_required
@require_POST
def follow_up(request, pk: int):
    flag = get_object_or_404(RiskFlag.objects.select_related("deployment__assignment"), pk=pk)
    if not permissions.is_duty_of_care_manager(request.user, flag.deployment):
        raise Http404
    form = FollowUpForm(request.POST)
    if form.is_valid():
        try:
            services.flag_follow_up(flag=flag, by=request.user, **form.cleaned_data)
            messages.success(request, _("Follow-up recorded."))
        except ValidationError as error:
            _refused(request, error)
    else:
        _refused(request, ValidationError(list(form.errors.values())))
    return redirect("deployments:detail", flag.deployment_id)
