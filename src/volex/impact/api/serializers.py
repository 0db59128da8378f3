from rest_framework import serializers


class ReportQueryInput(serializers.Serializer):
    """The filters every report endpoint takes (query parameters)."""

    kind = serializers.ChoiceField(
        choices=["all", "programme", "organization", "country", "mission"], required=False
    )
    organization = serializers.IntegerField(required=False)
    country = serializers.CharField(required=False, max_length=2)
    mission = serializers.IntegerField(required=False)
    start = serializers.DateField(required=False)
    end = serializers.DateField(required=False)
    currency = serializers.CharField(required=False, max_length=3)


class MoneyOutput(serializers.Serializer):
    amount = serializers.DecimalField(max_digits=20, decimal_places=2)
    currency = serializers.CharField()


class ReportSummaryOutput(serializers.Serializer):
    title = serializers.CharField(source="scope.title")
    kind = serializers.CharField(source="scope.kind")
    start = serializers.DateField(source="scope.start")
    end = serializers.DateField(source="scope.end")
    volunteers = serializers.IntegerField()
    deployments = serializers.IntegerField()
    hours = serializers.DecimalField(max_digits=20, decimal_places=2)
    fte = serializers.DecimalField(max_digits=20, decimal_places=2)
    fte_basis = serializers.CharField(source="basis")
    currency = serializers.CharField()
    value = MoneyOutput(allow_null=True)
    value_error = serializers.CharField()
    hours_not_valued = serializers.DecimalField(max_digits=20, decimal_places=2)
    fallback_hours = serializers.DictField(child=serializers.DecimalField(20, 2))
    people_reached = serializers.IntegerField()
    notes = serializers.ListField(child=serializers.CharField())


class ReportRowOutput(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    deployments = serializers.IntegerField(allow_null=True)
    volunteers = serializers.IntegerField(allow_null=True)
    hours = serializers.DecimalField(max_digits=20, decimal_places=2)
    fte = serializers.DecimalField(max_digits=20, decimal_places=2)
    value = serializers.DecimalField(
        max_digits=20, decimal_places=2, source="value_amount", allow_null=True
    )


class ReachRowOutput(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    people = serializers.IntegerField()
