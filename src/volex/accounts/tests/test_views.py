import pytest

from volex.accounts.models import User
from volex.volunteers.models import Volunteer

FORM = {
    "first_name": "Lina",
    "last_name": "Haddad",
    "email": "lina@example.org",
    "password": "olive-harvest-2026",
    "password_again": "olive-harvest-2026",
    "preferred_language": "fr",
    "accept_terms": "on",
}


@pytest.mark.django_db
def test_signup_creates_a_volunteer_and_logs_in(client):
    response = client.post("/accounts/signup/", FORM)
    assert response.status_code == 302
    assert response["Location"] == "/volunteers/me/edit/"
    volunteer = Volunteer.objects.get(user__email="lina@example.org")
    assert volunteer.consent_data_processing_at is not None
    assert volunteer.user.preferred_language == "fr"
    assert client.get("/volunteers/me/").status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        ({"password_again": "different-words-2026"}, "password_again", "differ"),
        ({"password": "12345678", "password_again": "12345678"}, "password", "common"),
        ({"accept_terms": ""}, "accept_terms", "required"),
        ({"email": "not-an-address"}, "email", "valid"),
    ],
)
def test_signup_refuses_bad_input_naming_the_field(client, change, field, words):
    response = client.post("/accounts/signup/", {**FORM, **change})
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert field in errors
    assert words in " ".join(errors[field]).lower()
    assert not User.objects.filter(email="lina@example.org").exists()


@pytest.mark.django_db
def test_signup_refuses_an_address_already_registered(client):
    client.post("/accounts/signup/", FORM)
    client.logout()
    response = client.post("/accounts/signup/", FORM)
    assert "already exists" in " ".join(response.context["form"].errors["email"])
    assert User.objects.filter(email="lina@example.org").count() == 1


@pytest.mark.django_db
def test_login_with_email_and_logout(client):
    client.post("/accounts/signup/", FORM)
    client.post("/accounts/logout/")
    assert client.get("/volunteers/me/").status_code == 302
    response = client.post(
        "/accounts/login/", {"username": FORM["email"], "password": FORM["password"]}
    )
    assert response.status_code == 302
    assert client.get("/volunteers/me/").status_code == 200


@pytest.mark.django_db
def test_language_switcher_renders_french(client):
    response = client.post("/i18n/setlang/", {"language": "fr", "next": "/"})
    assert response.status_code == 302
    assert 'lang="fr"' in client.get("/").content.decode()
