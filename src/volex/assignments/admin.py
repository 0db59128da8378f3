from django.contrib import admin

from .models import Assignment, AssignmentLanguage, AssignmentSkill, DutyStation


@admin.register(DutyStation)
class DutyStationAdmin(admin.ModelAdmin):
    list_display = ["place", "country", "hardship_class", "is_family", "peace_operation"]
    list_filter = ["hardship_class", "is_family", "country"]
    search_fields = ["place", "country__name", "peace_operation__acronym"]
    autocomplete_fields = ["country", "peace_operation"]
    list_select_related = ["country", "peace_operation"]


class SkillInline(admin.TabularInline):
    model = AssignmentSkill
    extra = 0
    autocomplete_fields = ["skill"]


class LanguageInline(admin.TabularInline):
    model = AssignmentLanguage
    extra = 0
    autocomplete_fields = ["language"]


@admin.register(Assignment)
class AssignmentAdmin(admin.ModelAdmin):
    list_display = [
        "title",
        "host",
        "duty_station",
        "category",
        "positions",
        "start_date",
        "end_date",
        "state",
    ]
    list_filter = ["state", "category", "sector", "duty_station__hardship_class"]
    search_fields = ["title", "host__name", "host__acronym", "duty_station__place"]
    autocomplete_fields = ["host", "duty_station", "occupation", "sdg_goals", "sdg_targets"]
    list_select_related = ["host", "duty_station", "duty_station__country"]
    date_hierarchy = "start_date"
    readonly_fields = ["created_at", "updated_at", "created_by", "published_at"]
    inlines = [SkillInline, LanguageInline]
