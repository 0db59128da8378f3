from rest_framework import serializers

from volex.assignments.models import Assignment, AssignmentLanguage, AssignmentSkill, DutyStation


class DutyStationOutput(serializers.ModelSerializer):
    country = serializers.CharField(source="country_id")

    class Meta:
        model = DutyStation
        fields = ["id", "country", "place", "hardship_class", "is_family"]


class AssignmentLanguageOutput(serializers.ModelSerializer):
    language = serializers.CharField(source="language_id")

    class Meta:
        model = AssignmentLanguage
        fields = ["language", "min_level", "is_required"]


class AssignmentSkillOutput(serializers.ModelSerializer):
    skill = serializers.IntegerField(source="skill_id")
    title = serializers.CharField(source="skill.title")

    class Meta:
        model = AssignmentSkill
        fields = ["skill", "title", "is_required", "min_level", "min_years"]


class AssignmentListOutput(serializers.ModelSerializer):
    host = serializers.IntegerField(source="host_id")
    host_name = serializers.CharField(source="host.name")
    duty_station = DutyStationOutput(allow_null=True)
    sdg_goals = serializers.SerializerMethodField()
    languages = AssignmentLanguageOutput(many=True)

    class Meta:
        model = Assignment
        fields = [
            "id",
            "title",
            "host",
            "host_name",
            "duty_station",
            "category",
            "sector",
            "positions",
            "start_date",
            "end_date",
            "state",
            "published_at",
            "sdg_goals",
            "languages",
        ]

    def get_sdg_goals(self, obj) -> list[int]:
        return [goal.number for goal in obj.sdg_goals.all()]


class AssignmentDetailOutput(AssignmentListOutput):
    skills = AssignmentSkillOutput(many=True)
    sdg_targets = serializers.SerializerMethodField()

    class Meta(AssignmentListOutput.Meta):
        fields = [
            *AssignmentListOutput.Meta.fields,
            "context",
            "tasks",
            "expected_results",
            "qualifications",
            "groups_reached",
            "application_deadline",
            "skills",
            "sdg_targets",
        ]

    def get_sdg_targets(self, obj) -> list[str]:
        return [target.code for target in obj.sdg_targets.all()]


class AssignmentFilterInput(serializers.Serializer):
    q = serializers.CharField(required=False, allow_blank=True, max_length=100)
    country = serializers.CharField(required=False, allow_blank=True, max_length=2)
    category = serializers.CharField(required=False, allow_blank=True)
    sector = serializers.CharField(required=False, allow_blank=True)
    sdg = serializers.IntegerField(required=False, min_value=1, max_value=17)
    language = serializers.CharField(required=False, allow_blank=True, max_length=3)
