from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import ScheduledJob

admin.site.site_header = _("Volex administration")
admin.site.site_title = _("Volex administration")


class ReadOnlyAdmin(admin.ModelAdmin):
    """An admin page to look at rows that only services write (audit trails, summaries)."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyInline(admin.TabularInline):
    """Rows that record history, shown under their parent's page: nobody adds, edits or deletes
    them there (only services write them)."""

    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ScheduledJob)
class ScheduledJobAdmin(ReadOnlyAdmin):
    """Read-only: the scheduler writes these rows (its record of each job's last run); an
    administrator checks that jobs run."""

    list_display = ("name", "last_started_at", "last_finished_at", "failed")
    readonly_fields = ("name", "last_started_at", "last_finished_at", "last_outcome", "failed")
