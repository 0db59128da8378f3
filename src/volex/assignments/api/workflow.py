"""Writing and reviewing descriptions of assignment through the API (one view per operation)."""

from __future__ import annotations

from abc import ABCMeta, abstractmethod

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import generics, status
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from volex.assignments import services
from volex.assignments.inputs import assignment_data
from volex.assignments.models import Assignment
from volex.assignments.permissions import (
    can_create_assignment_for,
    can_duplicate_assignment,
    can_publish_assignment,
    is_host_staff,
)
from volex.assignments.selectors import assignment_detail, assignment_list_for_organizations
from volex.organizations.models import Organization
from volex.organizations.roles import is_administrator, staff_organization_ids

from .serializers import (
    AssignmentDetailOutput,
    AssignmentEventOutput,
    AssignmentInput,
    AssignmentListOutput,
    CommentInput,
)


def _visible(request, pk: int) -> Assignment:
    assignment = assignment_detail(user=request.user, pk=pk)
    if assignment is None:
        raise Http404
    return assignment


def _out(pk: int, request, code=status.HTTP_200_OK) -> Response:
    return Response(
        AssignmentDetailOutput(assignment_detail(user=request.user, pk=pk)).data, status=code
    )


class AssignmentManageListApi(generics.ListAPIView):
    """Assignments of the organizations the user works for, drafts and submissions included."""

    serializer_class = AssignmentListOutput
    permission_classes = [IsAuthenticated]

    def get_queryset(self):
        if is_administrator(self.request.user):
            return assignment_list_for_organizations(Organization.objects.values("pk"))
        return assignment_list_for_organizations(staff_organization_ids(self.request.user))


class AssignmentCreateApi(APIView):
    """Create a draft description of assignment for a host organization."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=AssignmentInput, responses={201: AssignmentDetailOutput})
    def post(self, request):
        data = AssignmentInput(data=request.data)
        data.is_valid(raise_exception=True)
        host = Organization.objects.filter(pk=data.validated_data.get("host")).first()
        if host is None or not can_create_assignment_for(request.user, host):
            raise PermissionDenied
        with transaction.atomic():
            assignment = services.assignment_create(
                host=host, created_by=request.user, data=assignment_data(data.validated_data)
            )
        return _out(assignment.pk, request, status.HTTP_201_CREATED)


class AssignmentUpdateApi(APIView):
    """Change the description of a draft, returned or published assignment. PUT sends every
    required field, PATCH only those it changes; a field left out keeps its value either way."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=AssignmentInput, responses=AssignmentDetailOutput)
    def put(self, request, pk: int):
        return self._write(request, pk, partial=False)

    @extend_schema(request=AssignmentInput, responses=AssignmentDetailOutput)
    def patch(self, request, pk: int):
        return self._write(request, pk, partial=True)

    def _write(self, request, pk: int, *, partial: bool) -> Response:
        assignment = _visible(request, pk)
        if not is_host_staff(request.user, assignment):
            raise PermissionDenied
        data = AssignmentInput(data=request.data, partial=partial)
        data.is_valid(raise_exception=True)
        # A state that takes no edit is the service's refusal, in its words (400).
        with transaction.atomic():
            services.assignment_update(
                assignment=assignment,
                data=assignment_data(data.validated_data, current=assignment),
                by=request.user,
            )
        return _out(pk, request)


class AssignmentDuplicateApi(APIView):
    """Copy an assignment into a new draft."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=None, responses={201: AssignmentDetailOutput})
    def post(self, request, pk: int):
        assignment = _visible(request, pk)
        if not can_duplicate_assignment(request.user, assignment):
            raise PermissionDenied
        copy = services.assignment_duplicate(assignment=assignment, created_by=request.user)
        return _out(copy.pk, request, status.HTTP_201_CREATED)


class _WorkflowApi(APIView, metaclass=ABCMeta):
    permission_classes = [IsAuthenticated]
    managers_only = False

    @abstractmethod
    def act(self, *, assignment, by, comment, expected):
        """The workflow service call of this endpoint."""

    @extend_schema(request=CommentInput, responses=AssignmentDetailOutput)
    def post(self, request, pk: int):
        assignment = _visible(request, pk)
        allowed = (
            can_publish_assignment(request.user, assignment)
            if self.managers_only
            else is_host_staff(request.user, assignment)
        )
        if not allowed:
            raise PermissionDenied
        data = CommentInput(data=request.data)
        data.is_valid(raise_exception=True)
        self.act(
            assignment=assignment,
            by=request.user,
            comment=data.validated_data["comment"],
            expected=data.validated_data["expected_state"] or None,
        )
        return _out(pk, request)


class AssignmentSubmitApi(_WorkflowApi):
    """Submit a draft or returned assignment for approval (host staff)."""

    def act(self, **kwargs):
        services.assignment_submit(**kwargs)


class AssignmentApproveApi(_WorkflowApi):
    """Approve a submitted assignment and publish it (programme managers)."""

    managers_only = True

    def act(self, **kwargs):
        services.assignment_approve(**kwargs)


class AssignmentReturnApi(_WorkflowApi):
    """Return a submitted assignment with a comment saying what to change (programme managers)."""

    managers_only = True

    def act(self, **kwargs):
        services.assignment_return(**kwargs)


class AssignmentHistoryApi(generics.ListAPIView):
    """The workflow steps of an assignment (host staff)."""

    serializer_class = AssignmentEventOutput
    permission_classes = [IsAuthenticated]

    def get_queryset(self):
        assignment = _visible(self.request, self.kwargs["pk"])
        if not is_host_staff(self.request.user, assignment):
            raise PermissionDenied
        return assignment.events.select_related("actor").order_by("created_at", "pk")
