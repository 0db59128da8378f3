from drf_spectacular.utils import extend_schema
from rest_framework import permissions
from rest_framework.exceptions import NotFound
from rest_framework.response import Response
from rest_framework.views import APIView

from volex.volunteers import services
from volex.volunteers.inputs import profile_data
from volex.volunteers.selectors import volunteer_for_user

from .serializers import ProfileInput, ProfileOutput


class MyProfileApi(APIView):
    """The signed-in volunteer's own profile. PUT and PATCH change the fields they send; a field
    left out keeps its value (`volex.volunteers.inputs.profile_data`)."""

    permission_classes = [permissions.IsAuthenticated]

    def _volunteer(self, request):
        volunteer = volunteer_for_user(request.user)
        if volunteer is None:
            raise NotFound("This account has no volunteer profile.")
        return volunteer

    @extend_schema(responses=ProfileOutput)
    def get(self, request):
        return Response(ProfileOutput(self._volunteer(request)).data)

    @extend_schema(request=ProfileInput, responses=ProfileOutput)
    def put(self, request):
        return self._write(request, partial=False)

    @extend_schema(request=ProfileInput, responses=ProfileOutput)
    def patch(self, request):
        return self._write(request, partial=True)

    def _write(self, request, *, partial: bool) -> Response:
        volunteer = self._volunteer(request)
        serializer = ProfileInput(data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        services.volunteer_profile_edit(
            volunteer=volunteer, data=profile_data(serializer.validated_data, volunteer=volunteer)
        )
        return Response(ProfileOutput(volunteer_for_user(request.user)).data)
