"""Manage assignments: what waits for the user first, a filter by state that needs no script."""

import pytest
from django.urls import reverse

from volex.assignments import services
from volex.assignments.models import AssignmentState
from volex.assignments.tests.factories import AssignmentFactory

URL = reverse("assignments:manage")


@pytest.fixture
def submitted(world):
    for n in range(3):
        AssignmentFactory(host=world.own_org, title=f"Old published {n}")
    draft = AssignmentFactory(host=world.own_org, title="Waiting Role", publish=False)
    return services.assignment_submit(assignment=draft, by=world.users["supervisor_own"])


def _titles(response) -> list[str]:
    return [a.title for a in response.context["page"]]


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["manager", "admin"])
def test_what_waits_for_a_programme_manager_comes_first(world, client_as, submitted, role):
    response = client_as(world.users[role]).get(URL)
    assert _titles(response)[0] == "Waiting Role"


@pytest.mark.django_db
def test_what_waits_for_a_supervisor_comes_first(world, client_as, submitted):
    returned = services.assignment_return(
        assignment=submitted, by=world.users["manager"], comment="Say where."
    )
    response = client_as(world.users["supervisor_own"]).get(URL)
    assert _titles(response)[0] == returned.title


@pytest.mark.django_db
def test_the_list_filters_by_state_with_labels_in_a_plain_get_form(world, client_as, submitted):
    client = client_as(world.users["manager"])
    html = client.get(URL).content.decode()
    assert 'method="get"' in html
    assert f'<option value="submitted">{AssignmentState.SUBMITTED.label}</option>' in html
    response = client.get(URL, {"state": "submitted"})
    assert _titles(response) == ["Waiting Role"]
    assert 'value="submitted" selected' in response.content.decode()


@pytest.mark.django_db
def test_an_unknown_state_is_a_field_error_not_a_500(world, client_as, submitted):
    response = client_as(world.users["manager"]).get(URL, {"state": "nonsense"})
    assert response.status_code == 400
    assert response.context["form"].errors["state"]


@pytest.mark.django_db
def test_the_list_names_the_country_of_the_duty_station(world, client_as, submitted):
    html = client_as(world.users["manager"]).get(URL).content.decode()
    assert "Capital, Uganda" in html
