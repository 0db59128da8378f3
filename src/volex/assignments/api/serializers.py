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
    occupation = serializers.IntegerField(source="occupation_id", allow_null=True)
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
            "occupation",
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


class SkillNeedInput(serializers.Serializer):
    skill = serializers.IntegerField()
    is_required = serializers.BooleanField(default=True)
    min_level = serializers.CharField(default="intermediate")
    min_years = serializers.IntegerField(default=0, min_value=0)


class LanguageNeedInput(serializers.Serializer):
    language = serializers.CharField(max_length=3)
    min_level = serializers.CharField(max_length=8)
    is_required = serializers.BooleanField(default=True)


class DutyStationInput(serializers.Serializer):
    country = serializers.CharField(max_length=2)
    place = serializers.CharField(max_length=120)
    hardship_class = serializers.CharField(default="A", max_length=1)
    is_family = serializers.BooleanField(default=True)


class AssignmentInput(serializers.Serializer):
    """Every field of a description of assignment. Creating, a field left out takes its default;
    updating, it keeps its value (`volex.assignments.inputs.assignment_data`)."""

    host = serializers.IntegerField(required=False, help_text="Needed when creating.")
    title = serializers.CharField(max_length=200)
    context = serializers.CharField(required=False, allow_blank=True)
    tasks = serializers.CharField(required=False, allow_blank=True)
    expected_results = serializers.CharField(required=False, allow_blank=True)
    qualifications = serializers.CharField(required=False, allow_blank=True)
    category = serializers.CharField()
    sector = serializers.CharField()
    duty_station = DutyStationInput(required=False, allow_null=True)
    positions = serializers.IntegerField(min_value=1, required=False)
    start_date = serializers.DateField()
    end_date = serializers.DateField()
    application_deadline = serializers.DateField(required=False, allow_null=True)
    occupation = serializers.IntegerField(
        required=False, allow_null=True, help_text="The ESCO occupation's id."
    )
    sdg_goals = serializers.ListField(child=serializers.IntegerField(), required=False)
    sdg_targets = serializers.ListField(child=serializers.CharField(), required=False)
    groups_reached = serializers.ListField(child=serializers.CharField(), required=False)
    skills = SkillNeedInput(many=True, required=False)
    languages = LanguageNeedInput(many=True, required=False)


class CommentInput(serializers.Serializer):
    comment = serializers.CharField(required=False, allow_blank=True, default="")
    expected_state = serializers.CharField(required=False, allow_blank=True, default="")


class AssignmentEventOutput(serializers.Serializer):
    actor = serializers.CharField(source="actor.username", allow_null=True, default=None)
    from_state = serializers.CharField()
    to_state = serializers.CharField()
    comment = serializers.CharField()
    created_at = serializers.DateTimeField()
