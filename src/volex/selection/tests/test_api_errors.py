"""A service's refusal reaches the API caller in the service's own words and code, at the top of
the error as well as by field."""

import pytest
from django.core.exceptions import PermissionDenied
from rest_framework.test import APIClient

from volex.core.api.errors import exception_handler

from .factories import apply

pytestmark = pytest.mark.django_db


def test_a_refusal_keeps_the_services_code_and_message(world):
    apply(world.volunteer, world.published)
    client = APIClient()
    client.force_authenticate(world.volunteer.user)
    response = client.post(f"/api/selection/assignments/{world.published.pk}/apply/", {})
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "already_applied"
    assert error["message"] == "You have already applied to this assignment."
    assert error["fields"]["assignment"][0]["code"] == "already_applied"


def test_a_refusal_for_an_assignment_that_is_closed_keeps_its_words(world):
    from volex.assignments.services import assignment_close

    assignment_close(assignment=world.published)
    client = APIClient()
    client.force_authenticate(world.volunteer.user)
    error = client.post(f"/api/selection/assignments/{world.published.pk}/apply/", {}).json()[
        "error"
    ]
    assert (error["code"], error["message"]) == (
        "assignment_not_open",
        "This assignment is not open for applications.",
    )


def test_a_services_permission_refusal_keeps_its_message():
    response = exception_handler(
        PermissionDenied("You may not update this onboarding checklist."), {}
    )
    assert response.status_code == 403
    assert response.data["error"]["message"] == "You may not update this onboarding checklist."
    assert response.data["error"]["code"] == "permission_denied"
