"""The matching API: one view per operation, same permissions as the pages."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import permissions, status
from rest_framework.exceptions import NotFound
from rest_framework.response import Response
from rest_framework.views import APIView

from volex.assignments.models import Assignment
from volex.assignments.selectors import assignment_visible_to
from volex.core.api.pagination import StandardPagination
from volex.domain.matching.types import MatchingInputError
from volex.matching.permissions import can_view_candidates
from volex.matching.selectors import matches_for_volunteer
from volex.matching.services import candidates_for_assignment
from volex.volunteers.selectors import volunteer_for_user

from .serializers import (
    AssignmentMatchOutput,
    CandidateListInput,
    CandidateOutput,
    MatchRunInput,
    MatchRunOutput,
)


def _assignment(request, pk: int):
    assignment = assignment_visible_to(request.user).filter(pk=pk).first()
    if assignment is None:
        raise Http404
    if not can_view_candidates(request.user, assignment):
        raise PermissionDenied
    return assignment


class AssignmentCandidatesApi(APIView):
    """Ranked, explained candidates of an assignment (reuses a fresh stored run). Staff of the
    host organization and administrators only; no personal data."""

    permission_classes = [permissions.IsAuthenticated]
    pagination_class = StandardPagination

    @extend_schema(parameters=[CandidateListInput], responses=CandidateOutput(many=True))
    def get(self, request, pk: int):
        assignment = _assignment(request, pk)
        params = CandidateListInput(data=request.query_params)
        params.is_valid(raise_exception=True)
        result = candidates_for_assignment(
            assignment=assignment, k=params.validated_data.get("k", 50), created_by=request.user
        )
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(list(result.candidates), request, view=self)
        return paginator.get_paginated_response(CandidateOutput(page, many=True).data)


class AssignmentMatchRunCreateApi(APIView):
    """Run the engine again for an assignment (optionally with other weights); returns the run."""

    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(request=MatchRunInput, responses={201: MatchRunOutput})
    def post(self, request, pk: int):
        assignment = _assignment(request, pk)
        serializer = MatchRunInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        try:
            result = candidates_for_assignment(
                assignment=assignment,
                k=data.get("k", 50),
                weights=data.get("weights") or None,
                created_by=request.user,
                force=True,
            )
        except MatchingInputError as error:
            raise ValidationError({"weights": str(error)}) from error
        return Response(MatchRunOutput(result).data, status=status.HTTP_201_CREATED)


class MyMatchesApi(APIView):
    """Published assignments ranked for the signed-in volunteer, with the reasons."""

    permission_classes = [permissions.IsAuthenticated]
    pagination_class = StandardPagination

    @extend_schema(responses=AssignmentMatchOutput(many=True))
    def get(self, request):
        volunteer = volunteer_for_user(request.user)
        if volunteer is None:
            raise NotFound("This account has no volunteer profile.")
        matches = matches_for_volunteer(volunteer=volunteer, k=50)
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(matches, request, view=self)
        titles = dict(
            Assignment.objects.filter(pk__in=[m.assignment_id for m in page]).values_list(
                "pk", "title"
            )
        )
        data = AssignmentMatchOutput(page, many=True, context={"titles": titles}).data
        return paginator.get_paginated_response(data)
