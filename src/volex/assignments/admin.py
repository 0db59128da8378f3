from django.contrib import admin
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from volex.core.admin import ReadOnlyAdmin

from .models import (
    Assignment,
    AssignmentEvent,
    AssignmentLanguage,
    AssignmentSkill,
    DutyStation,
)


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
    readonly_fields = ["created_at", "updated_at", "created_by", "published_at", "history"]

    @admin.display(description=_("workflow history"))
    def history(self, obj):
        # Read-only text rather than an inline: the workflow changes only through the services.
        if obj is None or obj.pk is None:
            return "—"
        return format_html_join(
            mark_safe("<br>"),
            "{} · {} · {} → {} {}",
            (
                (
                    e.created_at.strftime("%Y-%m-%d %H:%M"),
                    e.actor or "—",
                    e.from_state or "—",
                    e.to_state,
                    e.comment,
                )
                for e in obj.events.select_related("actor")
            ),
        )

    inlines = [SkillInline, LanguageInline]


@admin.register(AssignmentEvent)
class AssignmentEventAdmin(ReadOnlyAdmin):
    """The workflow's audit trail, read-only: it changes only through the services."""

    list_display = ["created_at", "assignment", "from_state", "to_state", "actor"]
    list_filter = ["to_state"]
    search_fields = ["assignment__title", "actor__email", "comment"]
    list_select_related = ["assignment", "actor"]
    date_hierarchy = "created_at"
