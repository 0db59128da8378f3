"""A profile edit, on the page and through the API, keeps what it is not changing: read the form
(or the API object), send it back unchanged, the profile is unchanged."""

from datetime import date

import pytest
from rest_framework.test import APIClient

from volex.core.tests.form_html import form_values
from volex.reference.models import Occupation, Skill
from volex.volunteers import services
from volex.volunteers.models import Volunteer
from volex.volunteers.tests.factories import VolunteerFactory

pytestmark = pytest.mark.django_db


def _full_volunteer() -> Volunteer:
    volunteer = VolunteerFactory(nationalities=("KE", "UG"), heritage_countries=("SO",))
    volunteer = services.volunteer_profile_update(
        volunteer=volunteer,
        birth_date=date(1990, 4, 2),
        gender="woman",
        nationality_ids=["KE", "UG"],
        heritage_country_ids=["SO"],
        residence_country_id="KE",
        headline="Hydrologist",
        summary="Ten years of groundwater surveys.\nFluent in Somali.",
        occupation_id=Occupation.objects.order_by("pk").values_list("pk", flat=True).first(),
        sectors=["wash", "health"],
        eligible_categories=["international_specialist", "national_specialist"],
        available_from=date(2027, 1, 1),
        available_until=date(2028, 6, 30),
        consent_to_matching=True,
    )
    skill = Skill.objects.filter(level__gte=2).order_by("pk").first()
    services.volunteer_languages_set(
        volunteer=volunteer,
        languages=[services.LanguageEntry("en", "C1"), services.LanguageEntry("so", "native")],
    )
    services.volunteer_skills_set(
        volunteer=volunteer, skills=[services.SkillEntry(skill.pk, "advanced", 6)]
    )
    return volunteer


def _snapshot(pk: int) -> dict:
    v = Volunteer.objects.get(pk=pk)
    return {
        **{
            name: getattr(v, name)
            for name in (
                "headline",
                "summary",
                "birth_date",
                "gender",
                "residence_country_id",
                "occupation_id",
                "sectors",
                "eligible_categories",
                "available_from",
                "available_until",
                "consent_to_matching",
                "consent_to_matching_at",
            )
        },
        "nationalities": sorted(v.nationalities.values_list("pk", flat=True)),
        "heritage_countries": sorted(v.heritage_countries.values_list("pk", flat=True)),
        "languages": sorted(v.languages.values_list("language_id", "level")),
        "skills": sorted(v.skills.values_list("skill_id", "level", "years")),
    }


def test_profile_page_posted_back_unchanged_changes_nothing(client_as):
    volunteer = _full_volunteer()
    before = _snapshot(volunteer.pk)
    assert before["occupation_id"] is not None
    client = client_as(volunteer.user)
    values = form_values(client.get("/volunteers/me/edit/").content.decode(), having="headline")
    response = client.post("/volunteers/me/edit/", values)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert _snapshot(volunteer.pk) == before


def _api(volunteer) -> APIClient:
    client = APIClient()
    client.force_authenticate(volunteer.user)
    return client


@pytest.mark.parametrize("method", ["put", "patch"])
def test_profile_api_object_sent_back_unchanged_changes_nothing(method):
    volunteer = _full_volunteer()
    before = _snapshot(volunteer.pk)
    client = _api(volunteer)
    body = client.get("/api/me/profile/").json()
    response = getattr(client, method)("/api/me/profile/", body, format="json")
    assert response.status_code == 200, response.json()
    assert _snapshot(volunteer.pk) == before
    assert response.json() == body


@pytest.mark.parametrize("method", ["put", "patch"])
def test_profile_api_update_keeps_every_field_it_is_not_given(method):
    volunteer = _full_volunteer()
    before = _snapshot(volunteer.pk)
    response = getattr(_api(volunteer), method)(
        "/api/me/profile/", {"headline": "Senior hydrologist"}, format="json"
    )
    assert response.status_code == 200, response.json()
    assert _snapshot(volunteer.pk) == before | {"headline": "Senior hydrologist"}
