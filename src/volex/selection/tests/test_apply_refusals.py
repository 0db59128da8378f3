"""Applying to an assignment that does not take applications is refused by one rule, the
selection service's, with the same words on the page and in the API."""

from datetime import timedelta

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from volex.assignments import services as assignment_services
from volex.assignments.models import Assignment
from volex.organizations.tests.factories import MembershipFactory
from volex.selection.models import Application
from volex.volunteers.tests.factories import VolunteerFactory

pytestmark = pytest.mark.django_db

NOT_OPEN = "This assignment is not open for applications."


def _closed(world):
    return assignment_services.assignment_close(assignment=world.published)


def _past_deadline(world):
    Assignment.objects.filter(pk=world.published.pk).update(
        application_deadline=timezone.localdate() - timedelta(days=1)
    )
    return world.published


@pytest.mark.parametrize(("make", "words"), [(_closed, NOT_OPEN), (_past_deadline, "closed on")])
def test_the_apply_page_shows_the_services_refusal_not_a_404(world, client_as, make, words):
    assignment = make(world)
    client = client_as(world.volunteer.user)
    url = f"/selection/assignments/{assignment.pk}/apply/"
    page = client.get(url)
    assert page.status_code == 200
    assert words in page.content.decode()
    posted = client.post(url, {"motivation": "Keen"})
    assert posted.status_code == 200
    assert words in posted.content.decode()
    assert not Application.objects.filter(volunteer=world.volunteer).exists()


def test_the_api_gives_the_services_refusal_for_a_draft_its_caller_can_see(world):
    """A host supervisor who also volunteers sees their organization's draft: applying to it is
    refused by the service (400 with its code), as on the page, not answered 404."""
    volunteer = VolunteerFactory()
    MembershipFactory(user=volunteer.user, organization=world.own_org)
    client = APIClient()
    client.force_authenticate(volunteer.user)
    response = client.post(f"/api/selection/assignments/{world.draft.pk}/apply/", {})
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["fields"]["assignment"][0]["code"] == "assignment_not_open"
    assert not Application.objects.filter(volunteer=volunteer).exists()


def test_the_page_gives_the_same_refusal_for_that_draft(world, client_as):
    volunteer = VolunteerFactory()
    MembershipFactory(user=volunteer.user, organization=world.own_org)
    page = client_as(volunteer.user).get(f"/selection/assignments/{world.draft.pk}/apply/")
    assert page.status_code == 200
    assert NOT_OPEN in page.content.decode()


def test_an_assignment_the_volunteer_cannot_see_is_404_on_both(world, client_as):
    client = client_as(world.volunteer.user)
    assert client.get(f"/selection/assignments/{world.draft.pk}/apply/").status_code == 404
    api = APIClient()
    api.force_authenticate(world.volunteer.user)
    assert api.post(f"/api/selection/assignments/{world.draft.pk}/apply/", {}).status_code == 404
