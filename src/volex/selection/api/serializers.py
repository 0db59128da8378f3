from rest_framework import serializers

from volex.selection.models import (
    Application,
    ApplicationTransition,
    Assessment,
    AssessmentKind,
    ChecklistItem,
    Invitation,
    ItemStatus,
    OnboardingItem,
)


class TransitionOutput(serializers.ModelSerializer):
    actor = serializers.CharField(source="actor.username", allow_null=True, default=None)
    from_stage = serializers.CharField(help_text="Empty for the first step.")
    to_stage = serializers.CharField()

    class Meta:
        model = ApplicationTransition
        fields = ["action", "from_stage", "to_stage", "actor", "actor_role", "reason", "created_at"]


class AssessmentOutput(serializers.ModelSerializer):
    kind = serializers.CharField(help_text="interview, test or desk_review")

    class Meta:
        model = Assessment
        fields = ["id", "kind", "score", "notes", "assessed_on"]


class OnboardingItemOutput(serializers.ModelSerializer):
    class Meta:
        model = OnboardingItem
        fields = ["item", "status", "status_date", "notes", "updated_at"]


class ApplicationOutput(serializers.ModelSerializer):
    assignment_title = serializers.CharField(source="assignment.title")
    volunteer_name = serializers.CharField(source="volunteer.display_name")

    class Meta:
        model = Application
        fields = [
            "id",
            "assignment",
            "assignment_title",
            "volunteer",
            "volunteer_name",
            "stage",
            "invited",
            "offered_at",
            "offer_expires_at",
            "created_at",
            "updated_at",
        ]


class ApplicationDetailOutput(ApplicationOutput):
    transitions = TransitionOutput(many=True)
    assessments = AssessmentOutput(many=True)
    onboarding_items = OnboardingItemOutput(many=True)

    class Meta(ApplicationOutput.Meta):
        fields = [
            *ApplicationOutput.Meta.fields,
            "motivation",
            "transitions",
            "assessments",
            "onboarding_items",
        ]


class ApplyInput(serializers.Serializer):
    motivation = serializers.CharField(required=False, allow_blank=True, max_length=2000)


class ReasonInput(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True, max_length=1000, default="")
    expected_stage = serializers.CharField(required=False, allow_blank=True, default="")


class AssessInput(serializers.Serializer):
    kind = serializers.ChoiceField(choices=AssessmentKind.choices)
    score = serializers.IntegerField(min_value=0, max_value=100)
    notes = serializers.CharField(required=False, allow_blank=True, default="")
    assessed_on = serializers.DateField(required=False, allow_null=True, default=None)
    expected_stage = serializers.CharField(required=False, allow_blank=True, default="")


class OfferInput(serializers.Serializer):
    expires_at = serializers.DateTimeField(
        required=False, allow_null=True, default=None, help_text="Default: in 14 days."
    )
    reason = serializers.CharField(required=False, allow_blank=True, default="")
    expected_stage = serializers.CharField(required=False, allow_blank=True, default="")


class OnboardingInput(serializers.Serializer):
    item = serializers.ChoiceField(choices=ChecklistItem.choices)
    status = serializers.ChoiceField(choices=ItemStatus.choices)
    status_date = serializers.DateField(required=False, allow_null=True, default=None)
    notes = serializers.CharField(required=False, allow_blank=True, default="", max_length=300)


class InviteInput(serializers.Serializer):
    volunteer = serializers.IntegerField()
    message = serializers.CharField(required=False, allow_blank=True, default="")


class InvitationOutput(serializers.ModelSerializer):
    assignment_title = serializers.CharField(source="assignment.title")

    class Meta:
        model = Invitation
        fields = ["id", "assignment", "assignment_title", "volunteer", "message", "created_at"]


class SelectionCandidateOutput(serializers.Serializer):
    volunteer = serializers.IntegerField(source="volunteer.pk")
    name = serializers.CharField(source="volunteer.display_name")
    headline = serializers.CharField(source="volunteer.headline")
    rank = serializers.IntegerField(allow_null=True)
    score = serializers.FloatField(allow_null=True)
    explanation = serializers.CharField()
    application = serializers.IntegerField(source="application.pk", allow_null=True, default=None)
    stage = serializers.CharField(source="application.stage", allow_null=True, default=None)
    invited = serializers.BooleanField()
