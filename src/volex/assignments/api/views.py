from drf_spectacular.utils import extend_schema
from rest_framework import generics
from rest_framework.permissions import AllowAny

from volex.assignments.selectors import (
    AssignmentFilters,
    assignment_detail,
    assignment_public_list,
)

from .serializers import AssignmentDetailOutput, AssignmentFilterInput, AssignmentListOutput


class AssignmentListApi(generics.ListAPIView):
    """Published assignments, filterable like the public list."""

    serializer_class = AssignmentListOutput
    permission_classes = [AllowAny]

    @extend_schema(parameters=[AssignmentFilterInput])
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        params = AssignmentFilterInput(data=self.request.query_params)
        params.is_valid(raise_exception=True)
        data = params.validated_data
        return assignment_public_list(
            AssignmentFilters(
                q=data.get("q", ""),
                country=data.get("country", "").upper(),
                category=data.get("category", ""),
                sector=data.get("sector", ""),
                sdg=data.get("sdg"),
                language=data.get("language", ""),
            )
        )


class AssignmentDetailApi(generics.RetrieveAPIView):
    """One assignment: published ones for everyone, drafts for their organization's staff."""

    serializer_class = AssignmentDetailOutput
    permission_classes = [AllowAny]

    def get_object(self):
        from django.http import Http404

        assignment = assignment_detail(user=self.request.user, pk=self.kwargs["pk"])
        if assignment is None:
            raise Http404
        return assignment
