"""The selection API: one view per operation, the same object permissions as the web pages."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import generics, status
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from volex.assignments.models import Assignment
from volex.assignments.selectors import assignment_detail
from volex.selection import inputs, services
from volex.selection.permissions import actors_on, staff_actor
from volex.selection.ranking import candidate_list
from volex.selection.selectors import (
    application_detail,
    application_list_for_assignment,
    application_list_for_volunteer,
    invitation_list_for_volunteer,
)
from volex.volunteers.models import Volunteer
from volex.volunteers.selectors import volunteer_for_user

from .serializers import (
    ApplicationDetailOutput,
    ApplicationOutput,
    ApplyInput,
    AssessInput,
    AssessmentOutput,
    InvitationOutput,
    InviteInput,
    OfferInput,
    OnboardingInput,
    OnboardingItemOutput,
    ReasonInput,
    SelectionCandidateOutput,
)


def _own_volunteer(request) -> Volunteer:
    volunteer = volunteer_for_user(request.user)
    if volunteer is None:
        raise PermissionDenied
    return volunteer


def _managed_assignment(request, pk: int) -> Assignment:
    assignment = assignment_detail(user=request.user, pk=pk)
    if assignment is None:
        raise Http404
    if staff_actor(request.user, assignment) is None:
        raise PermissionDenied
    return assignment


def _application(request, pk: int):
    application = application_detail(pk=pk)
    if application is None or not actors_on(request.user, application):
        raise Http404
    return application


def _detail(pk: int) -> Response:
    return Response(ApplicationDetailOutput(application_detail(pk=pk)).data)


class ApplyApi(APIView):
    """Apply to a published assignment (volunteers); eligibility is checked now."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=ApplyInput, responses={201: ApplicationDetailOutput})
    def post(self, request, pk: int):
        volunteer = _own_volunteer(request)
        assignment = assignment_detail(user=request.user, pk=pk)
        if assignment is None:  # one the caller cannot see; the service refuses the rest
            raise Http404
        data = ApplyInput(data=request.data)
        data.is_valid(raise_exception=True)
        application = services.application_apply(
            volunteer=volunteer,
            assignment=assignment,
            motivation=data.validated_data.get("motivation", ""),
        )
        return Response(
            ApplicationDetailOutput(application_detail(pk=application.pk)).data,
            status=status.HTTP_201_CREATED,
        )


class MyApplicationsApi(generics.ListAPIView):
    """The signed-in volunteer's applications with their stage."""

    serializer_class = ApplicationOutput
    permission_classes = [IsAuthenticated]

    def get_queryset(self):
        return application_list_for_volunteer(volunteer=_own_volunteer(self.request))


class MyInvitationsApi(generics.ListAPIView):
    serializer_class = InvitationOutput
    permission_classes = [IsAuthenticated]

    def get_queryset(self):
        return invitation_list_for_volunteer(volunteer=_own_volunteer(self.request))


class AssignmentApplicationsApi(generics.ListAPIView):
    """Every application to an assignment (its host's staff)."""

    serializer_class = ApplicationOutput
    permission_classes = [IsAuthenticated]

    def get_queryset(self):
        assignment = _managed_assignment(self.request, self.kwargs["pk"])
        return application_list_for_assignment(assignment=assignment)


class AssignmentCandidatesApi(generics.ListAPIView):
    """Ranked candidates from the matching engine (applicants and suggested volunteers), with
    the explanation in words. No personal data."""

    serializer_class = SelectionCandidateOutput
    permission_classes = [IsAuthenticated]

    def get_queryset(self):
        assignment = _managed_assignment(self.request, self.kwargs["pk"])
        return list(candidate_list(assignment=assignment).rows)


class InviteApi(APIView):
    """Invite a suggested volunteer to apply."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=InviteInput, responses={201: InvitationOutput})
    def post(self, request, pk: int):
        assignment = _managed_assignment(request, pk)
        data = InviteInput(data=request.data)
        data.is_valid(raise_exception=True)
        volunteer = get_object_or_404(
            Volunteer.objects.select_related("user"), pk=data.validated_data["volunteer"]
        )
        invitation = services.invitation_create(
            assignment=assignment,
            volunteer=volunteer,
            by=request.user,
            message=data.validated_data["message"],
        )
        return Response(InvitationOutput(invitation).data, status=status.HTTP_201_CREATED)


class ApplicationDetailApi(APIView):
    """One application with its audit trail, assessments and onboarding checklist."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses=ApplicationDetailOutput)
    def get(self, request, pk: int):
        _application(request, pk)
        return _detail(pk)


class _ReasonActionApi(APIView):
    permission_classes = [IsAuthenticated]
    service = None
    takes_expected = True

    @extend_schema(request=ReasonInput, responses=ApplicationDetailOutput)
    def post(self, request, pk: int):
        application = _application(request, pk)
        data = ReasonInput(data=request.data)
        data.is_valid(raise_exception=True)
        kwargs = {"application": application, "by": request.user}
        kwargs["reason"] = data.validated_data["reason"]
        if self.takes_expected:
            kwargs["expected"] = data.validated_data["expected_stage"] or None
        type(self).service(**kwargs)
        return _detail(pk)


class LonglistApi(_ReasonActionApi):
    """Longlist an application (host staff)."""

    service = services.application_longlist


class ShortlistApi(_ReasonActionApi):
    """Shortlist an application (host staff); the volunteer is notified."""

    service = services.application_shortlist


class PreferApi(_ReasonActionApi):
    """Mark an assessed candidate preferred (host staff)."""

    service = services.application_prefer


class RejectApi(_ReasonActionApi):
    """Mark an application not selected (host staff); the volunteer is notified."""

    service = services.application_reject


class WithdrawApi(_ReasonActionApi):
    """Withdraw one's own application (volunteer)."""

    service = services.application_withdraw
    takes_expected = False


class DeclineApi(_ReasonActionApi):
    """Decline an offer (volunteer)."""

    service = services.application_decline
    takes_expected = False


class AcceptApi(APIView):
    """Accept an offer before it expires (volunteer): takes a position, opens onboarding."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=None, responses=ApplicationDetailOutput)
    def post(self, request, pk: int):
        application = _application(request, pk)
        services.application_accept(application=application, by=request.user)
        return _detail(pk)


class AssessApi(APIView):
    """Record an assessment (interview, test or desk review) with a score 0-100."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=AssessInput, responses={201: AssessmentOutput})
    def post(self, request, pk: int):
        application = _application(request, pk)
        data = AssessInput(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        assessment = inputs.assessment_record(
            values,
            application=application,
            by=request.user,
            expected=values["expected_stage"] or None,
        )
        return Response(AssessmentOutput(assessment).data, status=status.HTTP_201_CREATED)


class OfferApi(APIView):
    """Offer the position with an expiry (default 14 days); the volunteer is notified."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=OfferInput, responses=ApplicationDetailOutput)
    def post(self, request, pk: int):
        application = _application(request, pk)
        data = OfferInput(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        inputs.offer_make(
            values,
            application=application,
            by=request.user,
            expected=values["expected_stage"] or None,
        )
        return _detail(pk)


class OnboardingItemApi(APIView):
    """Set one item of the onboarding checklist; all done makes the volunteer ready."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=OnboardingInput, responses=OnboardingItemOutput)
    def post(self, request, pk: int):
        application = _application(request, pk)
        data = OnboardingInput(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        item = inputs.onboarding_item_set(values, application=application, by=request.user)
        return Response(OnboardingItemOutput(item).data)
