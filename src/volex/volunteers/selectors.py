from django.db.models import Prefetch, QuerySet

from .models import Volunteer, VolunteerLanguage, VolunteerSkill


def volunteer_profiles() -> QuerySet[Volunteer]:
    return Volunteer.objects.select_related(
        "user", "residence_country", "occupation"
    ).prefetch_related(
        "nationalities",
        "heritage_countries",
        Prefetch("languages", queryset=VolunteerLanguage.objects.select_related("language")),
        Prefetch("skills", queryset=VolunteerSkill.objects.select_related("skill")),
        "education",
        "experience",
    )


def volunteer_for_user(user) -> Volunteer | None:
    if not user.is_authenticated:
        return None
    return volunteer_profiles().filter(user=user).first()


def volunteer_get(*, pk: int) -> Volunteer | None:
    return volunteer_profiles().filter(pk=pk).first()
