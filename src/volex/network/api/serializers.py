from rest_framework import serializers

from volex.organizations.models import Organization


class OrganizationOutput(serializers.ModelSerializer):
    country = serializers.CharField(source="country_id")
    parent = serializers.IntegerField(source="parent_id", allow_null=True)

    class Meta:
        model = Organization
        fields = [
            "id",
            "name",
            "acronym",
            "slug",
            "kind",
            "country",
            "parent",
            "verification_status",
            "is_network_member",
            "website",
            "description",
        ]
