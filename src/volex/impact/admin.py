from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import ExchangeRate, WageRate, WageTableImport


@admin.register(WageRate)
class WageRateAdmin(admin.ModelAdmin):
    list_display = ["country", "isco_group", "year", "hourly_wage", "currency", "source"]
    list_filter = ["year", "currency", "country"]
    search_fields = ["country__name", "=country__code", "^isco_group__code", "source"]
    autocomplete_fields = ["country", "isco_group"]
    list_select_related = ["country", "isco_group"]
    readonly_fields = ["wage_import", "created_at", "updated_at"]


@admin.register(ExchangeRate)
class ExchangeRateAdmin(admin.ModelAdmin):
    list_display = ["year", "currency", "units_per_base", "base_currency", "source"]
    list_filter = ["base_currency", "year", "currency"]
    search_fields = ["=currency", "source"]


@admin.register(WageTableImport)
class WageTableImportAdmin(admin.ModelAdmin):
    list_display = [
        "created_at",
        "file_name",
        "uploaded_by",
        "rows",
        "created",
        "updated",
        "status",
        "problems",
    ]
    list_filter = ["status"]
    search_fields = ["file_name"]
    list_select_related = ["uploaded_by"]
    readonly_fields = [
        "uploaded_by",
        "file_name",
        "rows",
        "created",
        "updated",
        "status",
        "report",
        "created_at",
        "updated_at",
    ]

    @admin.display(description=_("problems"))
    def problems(self, obj):
        return len(obj.report or [])

    def has_add_permission(self, request):
        return False  # imports are made by the import page or `import_wages`
