from django.contrib import admin

from .models import Notification


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = [
        "subject",
        "recipient",
        "kind",
        "language",
        "created_at",
        "read_at",
        "emailed_at",
    ]
    list_filter = ["kind", "language"]
    search_fields = ["subject", "recipient__username", "recipient__email"]
    list_select_related = ["recipient"]
    readonly_fields = ["created_at"]
    raw_id_fields = ["recipient"]
