from django.contrib import admin

from .models import ScheduledJob


class ReadOnlyAdmin(admin.ModelAdmin):
    """An admin page to look at rows that only services write (audit trails, summaries)."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ScheduledJob)
class ScheduledJobAdmin(admin.ModelAdmin):
    """Read-only: the scheduler writes these rows; an administrator checks that jobs run."""

    list_display = ("name", "last_started_at", "last_finished_at", "failed")
    readonly_fields = ("name", "last_started_at", "last_finished_at", "last_outcome", "failed")

    def has_add_permission(self, request):
        return False
