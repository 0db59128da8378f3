"""Contribution reports over the API: the summary, each breakdown and each disaggregation of
people reached (lists paginated), all filtered by the same query parameters as the dashboard."""

from abc import ABCMeta, abstractmethod

from django.core.exceptions import PermissionDenied
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from volex.core.api.pagination import StandardPagination
from volex.impact.report_access import report_form
from volex.impact.report_building import report_build
from volex.impact.report_reach import REACH_DIMENSIONS
from volex.impact.report_results import Breakdown

from .serializers import ReachRowOutput, ReportQueryInput, ReportRowOutput, ReportSummaryOutput


def _report(request):
    try:
        form = report_form(request.query_params, request.user)
    except PermissionDenied as error:
        raise exceptions.PermissionDenied() from error
    if not form.is_valid():
        raise exceptions.ValidationError(form.errors.get_json_data())
    return report_build(scope=form.scope())


class ReportSummaryApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(parameters=[ReportQueryInput], responses=ReportSummaryOutput)
    def get(self, request):
        return Response(ReportSummaryOutput(_report(request)).data)


class _PaginatedRowsApi(APIView, metaclass=ABCMeta):
    permission_classes = [IsAuthenticated]
    output = ReportRowOutput

    @abstractmethod
    def rows(self, report, name):
        """The rows of the breakdown or reach table called `name`."""

    def get(self, request, name: str):
        report = _report(request)
        rows = self.rows(report, name)
        paginator = StandardPagination()
        page = paginator.paginate_queryset(list(rows), request, view=self)
        return paginator.get_paginated_response(self.output(page, many=True).data)


class ReportBreakdownApi(_PaginatedRowsApi):
    @extend_schema(parameters=[ReportQueryInput], responses=ReportRowOutput(many=True))
    def get(self, request, name: str):
        if name not in Breakdown.__members__.values():
            raise exceptions.NotFound()
        return super().get(request, name)

    def rows(self, report, name):
        return report.rows(Breakdown(name))


class ReportReachApi(_PaginatedRowsApi):
    output = ReachRowOutput

    @extend_schema(parameters=[ReportQueryInput], responses=ReachRowOutput(many=True))
    def get(self, request, name: str):
        if name not in REACH_DIMENSIONS:
            raise exceptions.NotFound()
        return super().get(request, name)

    def rows(self, report, name):
        return report.reach[name]
