from django.contrib import admin

from .models import Membership, Organization


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


class ChildInline(admin.TabularInline):
    model = Organization
    fk_name = "parent"
    fields = ["name", "acronym", "kind", "country", "verification_status"]
    extra = 0
    show_change_link = True
    autocomplete_fields = ["country"]
    verbose_name_plural = "field offices and units"


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ["name", "acronym", "kind", "country", "parent", "verification_status"]
    list_filter = ["kind", "verification_status", "is_network_member", "country"]
    search_fields = ["name", "acronym", "slug"]
    prepopulated_fields = {"slug": ["acronym"]}
    autocomplete_fields = ["country", "parent", "peace_operation"]
    list_select_related = ["country", "parent"]
    inlines = [ChildInline, MembershipInline]
    actions = ["mark_verified"]

    @admin.action(description="Mark selected organizations as verified")
    def mark_verified(self, request, queryset):
        from .services import organization_set_verification

        for organization in queryset:
            organization_set_verification(organization=organization, status="verified")


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "organization", "role", "title", "created_at"]
    list_filter = ["role"]
    search_fields = ["user__username", "user__email", "organization__name", "organization__acronym"]
    autocomplete_fields = ["user", "organization"]
    list_select_related = ["user", "organization"]
