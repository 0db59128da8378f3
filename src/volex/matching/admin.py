from django.contrib import admin

from .models import (
    AllocationResult,
    AllocationRun,
    AssignmentEmbedding,
    IndexVersion,
    MatchCandidate,
    MatchRun,
    ProfileEmbedding,
    ProgrammeSettings,
)


class EmbeddingAdmin(admin.ModelAdmin):
    list_display = ["__str__", "encoder", "dim", "dtype", "version", "updated_at"]
    list_filter = ["encoder"]
    readonly_fields = ["encoder", "dim", "dtype", "text_hash", "version", "updated_at"]
    exclude = ["vector"]


@admin.register(ProfileEmbedding)
class ProfileEmbeddingAdmin(EmbeddingAdmin):
    raw_id_fields = ["volunteer"]


@admin.register(AssignmentEmbedding)
class AssignmentEmbeddingAdmin(EmbeddingAdmin):
    raw_id_fields = ["assignment"]


@admin.register(IndexVersion)
class IndexVersionAdmin(admin.ModelAdmin):
    list_display = ["kind", "value", "token"]


class MatchCandidateInline(admin.TabularInline):
    model = MatchCandidate
    fields = ["rank", "volunteer", "score", "explanation"]
    readonly_fields = fields
    raw_id_fields = ["volunteer"]
    extra = 0
    can_delete = False


@admin.register(MatchRun)
class MatchRunAdmin(admin.ModelAdmin):
    list_display = [
        "assignment",
        "created_at",
        "status",
        "encoder",
        "pool_size",
        "eligible_count",
        "candidate_count",
        "seconds",
    ]
    list_filter = ["status", "encoder"]
    raw_id_fields = ["assignment", "created_by"]
    readonly_fields = ["created_at", "updated_at"]
    inlines = [MatchCandidateInline]


class AllocationResultInline(admin.TabularInline):
    model = AllocationResult
    fields = ["assignment", "positions", "filled", "score", "volunteer_ids"]
    readonly_fields = fields
    raw_id_fields = ["assignment"]
    extra = 0
    can_delete = False


@admin.register(AllocationRun)
class AllocationRunAdmin(admin.ModelAdmin):
    list_display = [
        "created_at",
        "method",
        "objective",
        "greedy_objective",
        "positions",
        "filled",
        "edge_count",
        "seconds",
    ]
    raw_id_fields = ["created_by"]
    readonly_fields = ["created_at", "updated_at"]
    inlines = [AllocationResultInline]


@admin.register(ProgrammeSettings)
class ProgrammeSettingsAdmin(admin.ModelAdmin):
    list_display = ["organization", "min_availability_share"]
    raw_id_fields = ["organization"]
