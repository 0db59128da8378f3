from rest_framework import serializers

from ..models import CheckIn, Deployment, HourRecord, RiskFlag


class DeploymentOutput(serializers.ModelSerializer):
    assignment = serializers.CharField(source="assignment.title")
    duty_station = serializers.StringRelatedField()
    supervisor = serializers.StringRelatedField()

    class Meta:
        model = Deployment
        fields = [
            "id",
            "assignment",
            "duty_station",
            "supervisor",
            "start_date",
            "planned_end_date",
            "end_date",
            "state",
            "early_end_reason",
        ]


class HourInput(serializers.Serializer):
    period_start = serializers.DateField()
    period_end = serializers.DateField()
    hours = serializers.DecimalField(max_digits=5, decimal_places=2)
    activity = serializers.CharField(max_length=2000)


class HourOutput(serializers.ModelSerializer):
    class Meta:
        model = HourRecord
        fields = [
            "id",
            "period_start",
            "period_end",
            "hours",
            "activity",
            "isco_group",
            "status",
            "reviewed_at",
            "rejection_reason",
        ]


class HoursRejectionInput(serializers.Serializer):
    reason = serializers.CharField(max_length=1000)


class CheckInInput(serializers.Serializer):
    wellbeing = serializers.IntegerField()
    workload = serializers.IntegerField()
    safety = serializers.CharField()
    note = serializers.CharField(required=False, allow_blank=True, default="")
    wants_to_talk = serializers.BooleanField(required=False, default=False)


class CheckInOutput(serializers.ModelSerializer):
    class Meta:
        model = CheckIn
        fields = ["id", "submitted_at", "wellbeing", "workload", "safety", "note", "wants_to_talk"]


class FlagOutput(serializers.ModelSerializer):
    class Meta:
        model = RiskFlag
        fields = ["id", "rule", "raised_at", "details", "status", "follow_up"]


class ReachInput(serializers.Serializer):
    sex = serializers.CharField(required=False, default="unknown")
    age_group = serializers.CharField(required=False, default="unknown")
    with_disability = serializers.BooleanField(required=False, default=False)
    group = serializers.CharField(required=False, allow_blank=True, default="")
    people = serializers.IntegerField(min_value=1)


class ResultInput(serializers.Serializer):
    description = serializers.CharField()
    output = serializers.CharField(required=False, allow_blank=True, default="")
    date = serializers.DateField()
    sdg_targets = serializers.ListField(child=serializers.CharField(), required=False, default=list)
    reach = ReachInput(many=True, required=False, default=list)


class BoardRowOutput(serializers.Serializer):
    id = serializers.IntegerField()
    volunteer = serializers.CharField()
    duty_station = serializers.StringRelatedField()
    supervisor = serializers.StringRelatedField()
    last_checkin = serializers.DateTimeField(allow_null=True)
    open_flags = serializers.IntegerField()
