import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from volex.accounts.tests.factories import PASSWORD


@pytest.fixture
def api(world):
    client = APIClient()
    token = client.post(
        "/api/auth/token/", {"username": world.volunteer.user.email, "password": PASSWORD}
    ).json()["token"]
    assert Token.objects.filter(key=token).exists()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return client


@pytest.mark.django_db
def test_volunteer_reads_and_writes_own_profile_with_a_token(api):
    body = {
        "headline": "Logistician",
        "birth_date": "1988-09-09",
        "nationalities": ["ph"],
        "residence_country": "PH",
        "eligible_categories": ["international_specialist"],
        "languages": [{"language": "tl", "level": "native"}, {"language": "en", "level": "C1"}],
        "consent_to_matching": True,
    }
    response = api.put("/api/me/profile/", body, format="json")
    assert response.status_code == 200, response.json()
    profile = api.get("/api/me/profile/").json()
    assert profile["nationalities"] == ["PH"]
    assert profile["headline"] == "Logistician"
    assert {item["language"] for item in profile["languages"]} == {"tl", "en"}
    patched = api.patch("/api/me/profile/", {"gender": "woman"}, format="json").json()
    assert patched["gender"] == "woman"
    assert patched["headline"] == "Logistician"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("body", "field", "code"),
    [
        ({"nationalities": ["XX"]}, "nationalities", "invalid"),
        ({"birth_date": "2100-01-01"}, "birth_date", "invalid"),
        ({"languages": [{"language": "en", "level": "Z9"}]}, "languages", "invalid"),
        ({"eligible_categories": ["astronaut"]}, "eligible_categories", "invalid"),
    ],
)
def test_bad_profile_input_gets_one_error_format_and_changes_nothing(api, world, body, field, code):
    before = api.get("/api/me/profile/").json()
    response = api.patch("/api/me/profile/", body, format="json")
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == code
    assert field in error["fields"], error
    assert error["fields"][field][0]["message"]
    assert api.get("/api/me/profile/").json() == before


@pytest.mark.django_db
def test_lists_paginate(world):
    client = APIClient()
    body = client.get("/api/assignments/?page_size=1").json()
    assert set(body) >= {"count", "next", "previous", "results"}
    assert len(body["results"]) == 1
    assert client.get("/api/organizations/").json()["count"] >= 2


@pytest.mark.django_db
def test_api_refuses_anonymous_profile_with_the_error_format():
    response = APIClient().get("/api/me/profile/")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "not_authenticated"


@pytest.mark.django_db
def test_assignment_filters_validate_their_input():
    response = APIClient().get("/api/assignments/?sdg=99")
    assert response.status_code == 400
    assert "sdg" in response.json()["error"]["fields"]
