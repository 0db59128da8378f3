"""The deployments API: one view per operation, the same permissions as the web pages.
Volunteers log hours and check in from mobile clients through it."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import generics, status
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from volex.core.api.pagination import StandardPagination

from .. import permissions, selectors, services
from ..models import HourRecord
from .serializers import (
    BoardRowOutput,
    CheckInInput,
    CheckInOutput,
    DeploymentOutput,
    FlagOutput,
    HourInput,
    HourOutput,
    HoursRejectionInput,
    ResultInput,
)


def _deployment(request, pk: int):
    deployment = selectors.deployment_detail(pk=pk)
    if deployment is None or not permissions.can_view_deployment(request.user, deployment):
        raise Http404
    return deployment


class DeploymentListApi(generics.ListAPIView):
    """Deployments the caller may see: their own service, or their organizations' volunteers."""

    permission_classes = [IsAuthenticated]
    serializer_class = DeploymentOutput
    pagination_class = StandardPagination

    def get_queryset(self):
        return selectors.deployments_visible(user=self.request.user)


class DeploymentDetailApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(responses=DeploymentOutput)
    def get(self, request, pk: int):
        return Response(DeploymentOutput(_deployment(request, pk)).data)


class HourListCreateApi(generics.ListAPIView):
    """GET: the deployment's hour records. POST: the volunteer logs hours."""

    permission_classes = [IsAuthenticated]
    serializer_class = HourOutput
    pagination_class = StandardPagination

    def get_queryset(self):
        return selectors.hours_for_deployment(
            deployment=_deployment(self.request, self.kwargs["pk"])
        )

    @extend_schema(request=HourInput, responses={201: HourOutput})
    def post(self, request, pk: int):
        deployment = _deployment(request, pk)
        data = HourInput(data=request.data)
        data.is_valid(raise_exception=True)
        record = services.hours_record(
            deployment=deployment, by=request.user, **data.validated_data
        )
        return Response(HourOutput(record).data, status=status.HTTP_201_CREATED)


def _record(request, pk: int) -> HourRecord:
    record = (
        HourRecord.objects.select_related("deployment__assignment", "deployment__volunteer")
        .filter(pk=pk)
        .first()
    )
    if record is None or not permissions.can_view_deployment(request.user, record.deployment):
        raise Http404
    return record


class HourApproveApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(request=None, responses=HourOutput)
    def post(self, request, pk: int):
        record = services.hours_approve(record=_record(request, pk), by=request.user)
        return Response(HourOutput(record).data)


class HourRejectApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(request=HoursRejectionInput, responses=HourOutput)
    def post(self, request, pk: int):
        record = _record(request, pk)
        data = HoursRejectionInput(data=request.data)
        data.is_valid(raise_exception=True)
        record = services.hours_reject(record=record, by=request.user, **data.validated_data)
        return Response(HourOutput(record).data)


class CheckInListCreateApi(generics.ListAPIView):
    """GET: check-ins (the volunteer and duty-of-care roles only). POST: the volunteer checks in."""

    permission_classes = [IsAuthenticated]
    serializer_class = CheckInOutput
    pagination_class = StandardPagination

    def get_queryset(self):
        deployment = _deployment(self.request, self.kwargs["pk"])
        if not permissions.can_see_wellbeing(self.request.user, deployment):
            raise PermissionDenied
        return selectors.checkins_for_deployment(deployment=deployment)

    @extend_schema(request=CheckInInput, responses={201: CheckInOutput})
    def post(self, request, pk: int):
        deployment = _deployment(request, pk)
        data = CheckInInput(data=request.data)
        data.is_valid(raise_exception=True)
        checkin = services.checkin_submit(
            deployment=deployment, by=request.user, **data.validated_data
        )
        return Response(CheckInOutput(checkin).data, status=status.HTTP_201_CREATED)


class FlagListApi(generics.ListAPIView):
    permission_classes = [IsAuthenticated]
    serializer_class = FlagOutput
    pagination_class = StandardPagination

    def get_queryset(self):
        deployment = _deployment(self.request, self.kwargs["pk"])
        if not permissions.can_see_wellbeing(self.request.user, deployment):
            raise PermissionDenied
        return selectors.flags_for_deployment(deployment=deployment)


class ResultCreateApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(request=ResultInput, responses={201: None})
    def post(self, request, pk: int):
        deployment = _deployment(request, pk)
        data = ResultInput(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        result = services.result_record(
            deployment=deployment,
            by=request.user,
            description=values["description"],
            output=values["output"],
            date=values["date"],
            sdg_target_codes=values["sdg_targets"],
            reach=values["reach"],
        )
        return Response({"id": result.pk}, status=status.HTTP_201_CREATED)


class BoardApi(generics.ListAPIView):
    """The duty of care board (no personal data in the API rows)."""

    permission_classes = [IsAuthenticated]
    serializer_class = BoardRowOutput
    pagination_class = StandardPagination

    def get_queryset(self):
        if not permissions.can_view_board(self.request.user):
            raise PermissionDenied
        params = self.request.query_params
        station = params.get("station", "")
        mission = params.get("mission", "")
        return selectors.board_rows(
            user=self.request.user,
            country_id=(params.get("country") or "").upper()[:2] or None,
            duty_station_id=int(station) if station.isdigit() else None,
            peace_operation_id=int(mission) if mission.isdigit() else None,
        )
