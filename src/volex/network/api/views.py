from rest_framework import generics
from rest_framework.permissions import AllowAny

from volex.network.selectors import organization_public_list

from .serializers import OrganizationOutput


class OrganizationListApi(generics.ListAPIView):
    """Verified organizations (public)."""

    serializer_class = OrganizationOutput
    permission_classes = [AllowAny]

    def get_queryset(self):
        return organization_public_list()


class OrganizationDetailApi(generics.RetrieveAPIView):
    serializer_class = OrganizationOutput
    permission_classes = [AllowAny]
    lookup_field = "pk"

    def get_queryset(self):
        return organization_public_list()
