from rest_framework import serializers


class ComponentsOutput(serializers.Serializer):
    semantic = serializers.FloatField()
    required_skills = serializers.FloatField()
    desired_skills = serializers.FloatField()
    languages = serializers.FloatField()
    experience = serializers.FloatField()
    preference = serializers.FloatField()
    total = serializers.FloatField()


class CandidateOutput(serializers.Serializer):
    """A ranked candidate: no personal data (birth date, gender, nationality)."""

    volunteer = serializers.IntegerField(source="volunteer_id")
    name = serializers.CharField(source="display_name")
    headline = serializers.CharField()
    rank = serializers.IntegerField()
    score = serializers.FloatField()
    components = ComponentsOutput()
    eligible = serializers.BooleanField()
    explanation = serializers.CharField()


class CandidateListInput(serializers.Serializer):
    k = serializers.IntegerField(min_value=1, max_value=500, default=50, required=False)


class MatchRunInput(serializers.Serializer):
    k = serializers.IntegerField(min_value=1, max_value=500, default=50, required=False)
    weights = serializers.DictField(
        child=serializers.FloatField(min_value=0), required=False, allow_empty=True
    )


class MatchRunOutput(serializers.Serializer):
    id = serializers.IntegerField(source="run.pk")
    assignment = serializers.IntegerField(source="run.assignment_id")
    created_at = serializers.DateTimeField(source="run.created_at")
    status = serializers.CharField(source="run.status")
    reason = serializers.CharField(source="run.reason")
    encoder = serializers.CharField(source="run.encoder")
    parameters = serializers.JSONField(source="run.parameters")
    pool_size = serializers.IntegerField(source="run.pool_size")
    eligible_count = serializers.IntegerField(source="run.eligible_count")
    candidate_count = serializers.IntegerField(source="run.candidate_count")
    candidates = CandidateOutput(many=True)


class AssignmentMatchOutput(serializers.Serializer):
    assignment = serializers.IntegerField(source="assignment_id")
    title = serializers.SerializerMethodField()
    rank = serializers.IntegerField()
    score = serializers.FloatField()
    components = ComponentsOutput()
    explanation = serializers.CharField()

    def get_title(self, obj) -> str:
        return self.context.get("titles", {}).get(obj.assignment_id, "")
