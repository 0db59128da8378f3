"""Admin for reference data.

The rows come from the packaged sources (migration 0002, ``manage.py load_reference``), so the
admin is set up for looking things up: natural keys are read-only once a row exists, large
tables skip the full count, and deleting is left to superusers (most rows are PROTECTed by the
apps that refer to them anyway). Every model has ``search_fields`` so that other apps can use
``autocomplete_fields`` on their foreign keys to it.
"""

from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import (
    Country,
    ISCOGroup,
    Language,
    Occupation,
    PeaceOperation,
    SDGGoal,
    SDGTarget,
    Skill,
)


class ReferenceAdmin(admin.ModelAdmin):
    #: fields that identify a row in its source: editable when adding, read-only afterwards
    key_fields: tuple[str, ...] = ()
    list_per_page = 50
    show_full_result_count = False

    def get_readonly_fields(self, request, obj=None):
        readonly = tuple(super().get_readonly_fields(request, obj))
        return readonly + self.key_fields if obj is not None else readonly

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser and super().has_delete_permission(request, obj)


class ISCOMajorGroupFilter(admin.SimpleListFilter):
    title = _("ISCO-08 major group")
    parameter_name = "major"

    def lookups(self, request, model_admin):
        return [
            (group.code, f"{group.code} {group.title}")
            for group in ISCOGroup.objects.filter(level=1).order_by("code")
        ]

    def queryset(self, request, queryset):
        if self.value() is None:
            return queryset
        field = "isco_group__code" if queryset.model is Occupation else "code"
        return queryset.filter(**{f"{field}__startswith": self.value()})


class TopLevelSkillFilter(admin.SimpleListFilter):
    title = _("top-level group")
    parameter_name = "root"

    def lookups(self, request, model_admin):
        return [
            (str(skill.pk), skill.title) for skill in Skill.objects.filter(level=1).order_by("code")
        ]

    def queryset(self, request, queryset):
        if self.value() is None:
            return queryset
        return queryset.filter(root_id=self.value())


@admin.register(Country)
class CountryAdmin(ReferenceAdmin):
    list_display = ["code", "name", "alpha3", "numeric"]
    search_fields = ["code", "alpha3", "name", "numeric"]
    key_fields = ("code",)
    show_full_result_count = True


@admin.register(Language)
class LanguageAdmin(ReferenceAdmin):
    list_display = ["code", "name", "alpha3", "is_common"]
    list_filter = ["is_common"]
    search_fields = ["code", "alpha3", "name"]
    key_fields = ("code",)


class SDGTargetInline(admin.TabularInline):
    model = SDGTarget
    fields = ["code", "title"]
    readonly_fields = ["code", "title"]
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(SDGGoal)
class SDGGoalAdmin(ReferenceAdmin):
    list_display = ["number", "short_title", "title"]
    list_display_links = ["number", "short_title"]
    search_fields = ["short_title", "title", "=number"]
    key_fields = ("number",)
    inlines = [SDGTargetInline]
    show_full_result_count = True


@admin.register(SDGTarget)
class SDGTargetAdmin(ReferenceAdmin):
    list_display = ["code", "goal", "short_text"]
    list_filter = ["goal"]
    list_select_related = ["goal"]
    search_fields = ["=code", "title"]
    autocomplete_fields = ["goal"]
    key_fields = ("code", "goal", "sort_key")

    @admin.display(description=_("target"), ordering="title")
    def short_text(self, obj: SDGTarget) -> str:
        return obj.title if len(obj.title) <= 120 else f"{obj.title[:119]}…"


@admin.register(ISCOGroup)
class ISCOGroupAdmin(ReferenceAdmin):
    list_display = ["code", "title", "level", "parent"]
    list_filter = ["level", ISCOMajorGroupFilter]
    list_select_related = ["parent"]
    search_fields = ["^code", "title"]
    autocomplete_fields = ["parent"]
    key_fields = ("code", "level")


@admin.register(Occupation)
class OccupationAdmin(ReferenceAdmin):
    list_display = ["title", "esco_code", "isco_group"]
    list_filter = [ISCOMajorGroupFilter]
    list_select_related = ["isco_group"]
    search_fields = ["title", "alt_labels", "^esco_code"]
    autocomplete_fields = ["isco_group"]
    key_fields = ("uri",)


@admin.register(Skill)
class SkillAdmin(ReferenceAdmin):
    list_display = ["title", "code", "level", "parent", "root"]
    list_filter = ["level", TopLevelSkillFilter]
    list_select_related = ["parent", "root"]
    search_fields = ["title", "alt_labels", "^code"]
    raw_id_fields = ["parent", "root"]
    key_fields = ("uri",)


@admin.register(PeaceOperation)
class PeaceOperationAdmin(ReferenceAdmin):
    list_display = [
        "acronym",
        "name",
        "is_active",
        "start_date",
        "end_date",
        "headquarters",
        "country",
    ]
    list_display_links = ["acronym", "name"]
    list_filter = ["is_active", "lead_department"]
    list_select_related = ["country"]
    search_fields = ["acronym", "name", "headquarters"]
    autocomplete_fields = ["country"]
    date_hierarchy = "start_date"
    key_fields = ("acronym",)
    show_full_result_count = True
