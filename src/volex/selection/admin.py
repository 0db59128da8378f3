from django.contrib import admin

from volex.core.admin import ReadOnlyAdmin, ReadOnlyInline

from .models import (
    Application,
    ApplicationTransition,
    Assessment,
    Invitation,
    OnboardingItem,
    Placement,
)


class TransitionInline(ReadOnlyInline):
    """The audit trail, read-only: a stage changes only through the services."""

    model = ApplicationTransition
    fields = ["created_at", "action", "from_stage", "to_stage", "actor", "actor_role", "reason"]
    readonly_fields = fields


class AssessmentInline(admin.TabularInline):
    model = Assessment
    extra = 0
    readonly_fields = ["created_at"]
    raw_id_fields = ["assessed_by"]


class OnboardingInline(admin.TabularInline):
    model = OnboardingItem
    extra = 0
    readonly_fields = ["updated_at"]
    raw_id_fields = ["updated_by"]


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    list_display = ["volunteer", "assignment", "stage", "created_at", "offer_expires_at"]
    list_filter = ["stage", "invited"]
    search_fields = ["volunteer__user__last_name", "volunteer__user__email", "assignment__title"]
    list_select_related = ["volunteer__user", "assignment"]
    raw_id_fields = ["volunteer", "assignment"]
    readonly_fields = ["stage", "created_at", "updated_at", "offered_at", "offer_expires_at"]
    inlines = [TransitionInline, AssessmentInline, OnboardingInline]

    def has_delete_permission(self, request, obj=None):
        # Deleting an application would delete its pipeline history (the transitions cascade);
        # a withdrawal or a rejection through the pipeline is how an application ends.
        return False


@admin.register(ApplicationTransition)
class ApplicationTransitionAdmin(ReadOnlyAdmin):
    """The pipeline's audit trail: looked at here, written only by the selection services."""

    list_display = ["application", "action", "from_stage", "to_stage", "actor", "created_at"]
    list_filter = ["action", "to_stage"]
    list_select_related = ["application__volunteer__user", "application__assignment", "actor"]
    readonly_fields = [
        "application",
        "action",
        "from_stage",
        "to_stage",
        "actor",
        "actor_role",
        "reason",
        "created_at",
    ]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["volunteer", "assignment", "invited_by", "created_at"]
    raw_id_fields = ["volunteer", "assignment", "invited_by"]


@admin.register(Placement)
class PlacementAdmin(admin.ModelAdmin):
    list_display = ["assignment", "slot", "application", "created_at"]
    raw_id_fields = ["assignment", "application"]
