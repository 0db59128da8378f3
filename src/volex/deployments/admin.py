from django.contrib import admin

from .models import CheckIn, Deployment, HourRecord, Result, RiskFlag, RollCall


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
    list_filter = ["state"]
    list_select_related = ["volunteer__user", "assignment", "duty_station__country"]
    raw_id_fields = ["application", "volunteer", "assignment", "supervisor", "duty_station"]


@admin.register(HourRecord)
class HourRecordAdmin(admin.ModelAdmin):
    list_display = ["deployment", "period_start", "period_end", "hours", "status"]
    list_filter = ["status"]
    raw_id_fields = ["deployment", "reviewed_by"]


admin.site.register([CheckIn, Result, RiskFlag, RollCall])
