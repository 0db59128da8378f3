from django.contrib import admin

from .models import Education, Volunteer, VolunteerLanguage, VolunteerSkill, WorkExperience


class LanguageInline(admin.TabularInline):
    model = VolunteerLanguage
    extra = 0
    autocomplete_fields = ["language"]


class SkillInline(admin.TabularInline):
    model = VolunteerSkill
    extra = 0
    autocomplete_fields = ["skill"]


class EducationInline(admin.TabularInline):
    model = Education
    extra = 0


class ExperienceInline(admin.StackedInline):
    model = WorkExperience
    extra = 0
    autocomplete_fields = ["occupation", "country"]


@admin.register(Volunteer)
class VolunteerAdmin(admin.ModelAdmin):
    list_display = [
        "__str__",
        "headline",
        "residence_country",
        "available_from",
        "available_until",
        "consent_to_matching",
    ]
    list_filter = ["consent_to_matching", "residence_country"]
    search_fields = ["user__first_name", "user__last_name", "user__email", "headline"]
    autocomplete_fields = [
        "user",
        "nationalities",
        "heritage_countries",
        "residence_country",
        "occupation",
    ]
    list_select_related = ["user", "residence_country"]
    readonly_fields = ["consent_to_matching_at", "consent_data_processing_at", "created_at"]
    inlines = [LanguageInline, SkillInline, EducationInline, ExperienceInline]
