import pytest

from volex.volunteers.models import Volunteer


def _form(**overrides):
    data = {
        "headline": "Hydrologist",
        "summary": "",
        "birth_date": "1990-05-01",
        "gender": "",
        "nationalities": ["SN", "FR"],
        "heritage_countries": ["ML"],
        "residence_country": "FR",
        "sectors": ["wash"],
        "eligible_categories": ["international_specialist", "diaspora"],
        "available_from": "2027-01-01",
        "available_until": "2027-12-31",
        "consent_to_matching": "on",
        "lang-TOTAL_FORMS": "2",
        "lang-INITIAL_FORMS": "0",
        "lang-0-language": "French",
        "lang-0-level": "native",
        "lang-1-language": "wo",
        "lang-1-level": "B2",
        "skill-TOTAL_FORMS": "1",
        "skill-INITIAL_FORMS": "0",
        "skill-0-skill": "communicating",
        "skill-0-level": "advanced",
        "skill-0-years": "4",
    }
    data.update(overrides)
    return data


@pytest.mark.django_db
def test_profile_editor_saves_every_part(client_as, world):
    client = client_as(world.volunteer.user)
    response = client.post("/volunteers/me/edit/", _form())
    assert response.status_code == 302, response.context["form"].errors
    volunteer = Volunteer.objects.get(pk=world.volunteer.pk)
    assert sorted(c.pk for c in volunteer.nationalities.all()) == ["FR", "SN"]
    assert [c.pk for c in volunteer.heritage_countries.all()] == ["ML"]
    assert {(vl.language_id, vl.level) for vl in volunteer.languages.all()} == {
        ("fr", "native"),
        ("wo", "B2"),
    }
    assert [(vs.skill.title, vs.years) for vs in volunteer.skills.all()] == [("communicating", 4)]
    assert volunteer.consent_to_matching_at is not None


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"birth_date": "2090-01-01"}, "cannot be in the future"),
        ({"available_until": "2026-01-01"}, "must be on or after"),
        ({"lang-0-language": "Klingonese"}, "Unknown language"),
        ({"skill-0-skill": "juggling fire"}, "not in the skill list"),
        ({"lang-1-level": ""}, "Choose your level"),
    ],
)
def test_profile_editor_refuses_bad_input_and_keeps_the_old_profile(
    client_as, world, change, message
):
    client = client_as(world.volunteer.user)
    response = client.post("/volunteers/me/edit/", _form(**change))
    assert response.status_code == 200
    assert message in response.content.decode()
    volunteer = Volunteer.objects.get(pk=world.volunteer.pk)
    assert volunteer.headline == "Engineer"
    assert volunteer.languages.count() == 0


@pytest.mark.django_db
def test_staff_without_profile_gets_a_clear_not_found(client_as, world):
    response = client_as(world.users["manager"]).get("/volunteers/me/")
    assert response.status_code == 404
