from django.contrib import admin
from django.db import transaction

from volex.core.admin import ReadOnlyAdmin, ReadOnlyInline

from .models import (
    ApprovedHoursYear,
    CheckIn,
    Deployment,
    DeploymentExtension,
    HourRecord,
    Result,
    ResultReach,
    RiskFlag,
    RollCall,
    RollCallAnswer,
    month_of,
)
from .services import hours_summary_refresh, hours_summary_refresh_deployments

VOLUNTEER_SEARCH = [
    "volunteer__user__first_name",
    "volunteer__user__last_name",
    "volunteer__user__email",
]


class ExtensionInline(ReadOnlyInline):
    """The history of a deployment's end date: written only by the extension service."""

    model = DeploymentExtension
    readonly_fields = ["created_at"]


@admin.register(Deployment)
class DeploymentAdmin(admin.ModelAdmin):
    list_display = [
        "volunteer",
        "assignment",
        "duty_station",
        "state",
        "start_date",
        "planned_end_date",
    ]
    list_filter = ["state", "early_end_reason", "duty_station__hardship_class"]
    search_fields = [*VOLUNTEER_SEARCH, "assignment__title", "duty_station__place"]
    list_select_related = ["volunteer__user", "assignment", "duty_station__country"]
    raw_id_fields = ["application", "volunteer", "assignment", "supervisor", "duty_station"]
    date_hierarchy = "start_date"
    inlines = [ExtensionInline]

    # The summary of approved hours copies these from the deployment (ADR 0004): an edit of one
    # of them recomputes the deployment's rows in the same transaction.
    SUMMARY_COPIES = ("assignment_id", "volunteer_id", "duty_station_id")

    def save_model(self, request, obj, form, change):
        before = (
            Deployment.objects.filter(pk=obj.pk).values_list(*self.SUMMARY_COPIES).first()
            if change
            else None
        )
        super().save_model(request, obj, form, change)
        after = tuple(getattr(obj, name) for name in self.SUMMARY_COPIES)
        if before is not None and before != after:
            hours_summary_refresh_deployments(deployment_ids=[obj.pk])


@admin.register(HourRecord)
class HourRecordAdmin(admin.ModelAdmin):
    list_display = ["deployment", "period_start", "period_end", "hours", "status"]
    list_filter = ["status"]
    search_fields = [f"deployment__{field}" for field in VOLUNTEER_SEARCH]
    raw_id_fields = ["deployment", "reviewed_by", "isco_group"]
    date_hierarchy = "period_start"

    # Edits here bypass the hour services: keep the summary of approved hours (ADR 0004) exact
    # by recomputing the cells a change or a deletion touches, in the same transaction.
    def save_model(self, request, obj, form, change):
        before = None
        if change:
            before = (
                HourRecord.objects.filter(pk=obj.pk)
                .values_list("deployment_id", "period_start")
                .first()
            )
        super().save_model(request, obj, form, change)
        cells = {(obj.deployment_id, month_of(obj.period_start))}
        if before is not None:
            cells.add((before[0], month_of(before[1])))
        hours_summary_refresh(cells=cells)

    def delete_model(self, request, obj):
        cell = (obj.deployment_id, month_of(obj.period_start))
        super().delete_model(request, obj)
        hours_summary_refresh(cells=[cell])

    @transaction.atomic
    def delete_queryset(self, request, queryset):
        cells = {
            (d, month_of(day)) for d, day in queryset.values_list("deployment_id", "period_start")
        }
        super().delete_queryset(request, queryset)
        hours_summary_refresh(cells=cells)


@admin.register(ApprovedHoursYear)
class ApprovedHoursYearAdmin(ReadOnlyAdmin):
    """Read only: the hour services keep it (`volex hours_summary_rebuild` recomputes it)."""

    list_display = ["deployment", "year", "isco_group", "hours"]
    list_filter = ["year"]
    raw_id_fields = ["deployment", "assignment", "volunteer", "duty_station", "isco_group"]


class ReachInline(admin.TabularInline):
    model = ResultReach
    extra = 0


@admin.register(Result)
class ResultAdmin(admin.ModelAdmin):
    list_display = ["deployment", "output", "date"]
    search_fields = ["output", *(f"deployment__{field}" for field in VOLUNTEER_SEARCH)]
    raw_id_fields = ["deployment"]
    autocomplete_fields = ["sdg_targets"]
    date_hierarchy = "date"
    inlines = [ReachInline]


@admin.register(CheckIn)
class CheckInAdmin(admin.ModelAdmin):
    list_display = [
        "deployment",
        "submitted_at",
        "wellbeing",
        "workload",
        "safety",
        "wants_to_talk",
    ]
    list_filter = ["safety", "wants_to_talk", "wellbeing"]
    search_fields = [f"deployment__{field}" for field in VOLUNTEER_SEARCH]
    raw_id_fields = ["deployment"]


@admin.register(RiskFlag)
class RiskFlagAdmin(admin.ModelAdmin):
    list_display = ["deployment", "rule", "raised_at", "status"]
    list_filter = ["rule", "status"]
    search_fields = [f"deployment__{field}" for field in VOLUNTEER_SEARCH]
    raw_id_fields = ["deployment", "followed_up_by"]


class AnswerInline(admin.TabularInline):
    model = RollCallAnswer
    extra = 0
    raw_id_fields = ["deployment"]
    readonly_fields = ["token", "answered_at"]


@admin.register(RollCall)
class RollCallAdmin(admin.ModelAdmin):
    list_display = ["started_at", "country", "duty_station", "peace_operation", "closed_at"]
    list_filter = ["country"]
    search_fields = ["message"]
    raw_id_fields = ["started_by", "duty_station"]
    inlines = [AnswerInline]
