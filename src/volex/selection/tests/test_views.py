from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from volex.assignments.tests.factories import AssignmentFactory
from volex.notifications.models import Notification
from volex.selection.models import Application
from volex.volunteers.tests.factories import VolunteerFactory

from .factories import apply

pytestmark = pytest.mark.django_db


def _queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_my_applications_page_costs_the_same_for_2_or_8_rows(world, client_as):
    client = client_as(world.volunteer.user)
    for _ in range(2):
        apply(world.volunteer, AssignmentFactory(host=world.own_org))
    few = _queries(client, "/selection/mine/")
    for _ in range(6):
        apply(world.volunteer, AssignmentFactory(host=world.own_org))
    many = _queries(client, "/selection/mine/")
    assert many == few and many <= 16


def test_inbox_page_costs_the_same_for_any_number_of_messages(world, client_as):
    from volex.notifications.services import notification_send

    client = client_as(world.users["supervisor_own"])
    notification_send(
        recipient=world.users["supervisor_own"],
        kind="assignment_approved",
        params={"assignment": "X", "host": "Y"},
    )
    few = _queries(client, "/inbox/")
    for _ in range(5):
        notification_send(
            recipient=world.users["supervisor_own"],
            kind="assignment_approved",
            params={"assignment": "X", "host": "Y"},
        )
    assert _queries(client, "/inbox/") == few


def test_applying_when_ineligible_shows_the_rule_and_saves_nothing(world, client_as):
    old = VolunteerFactory(birth_date=date(1935, 1, 1))
    response = client_as(old.user).post(
        f"/selection/assignments/{world.published.pk}/apply/", {"motivation": "Hello"}
    )
    assert response.status_code == 200
    assert "takes volunteers aged up to 75" in response.content.decode()
    assert not Application.objects.filter(volunteer=old).exists()


def test_applying_through_the_page_then_withdrawing(world, client_as):
    client = client_as(world.volunteer.user)
    response = client.post(
        f"/selection/assignments/{world.published.pk}/apply/", {"motivation": "Keen"}
    )
    application = Application.objects.get(volunteer=world.volunteer)
    assert response.url == f"/selection/applications/{application.pk}/"
    page = client.get(response.url).content.decode()
    assert "Keen" in page and "Withdraw my application" in page
    client.post(f"/selection/applications/{application.pk}/withdraw/")
    application.refresh_from_db()
    assert application.stage == "withdrawn"


def test_inbox_opens_a_message_and_marks_it_read(world, client_as):
    application = apply(world.volunteer, world.published)
    from volex.selection import services

    services.application_shortlist(application=application, by=world.users["supervisor_own"])
    client = client_as(world.volunteer.user)
    notification = Notification.objects.get(recipient=world.volunteer.user)
    assert notification.subject in client.get("/inbox/").content.decode()
    response = client.post(f"/inbox/{notification.pk}/open/")
    assert response.url == f"/selection/applications/{application.pk}/"
    notification.refresh_from_db()
    assert notification.read_at is not None
    # Someone else's message cannot be opened.
    other = client_as(world.other_volunteer.user)
    assert other.post(f"/inbox/{notification.pk}/open/").status_code == 404


def test_supervisor_duplicates_an_assignment_as_a_draft(world, client_as):
    client = client_as(world.users["supervisor_own"])
    response = client.post(f"/assignments/{world.published.pk}/duplicate/")
    assert response.status_code == 302
    from volex.assignments.models import Assignment

    copy = Assignment.objects.get(title__startswith="Published Role (copy)")
    assert copy.state == "draft" and copy.host == world.own_org
    assert client.get(f"/assignments/{copy.pk}/edit/").status_code == 200


def test_manager_returns_with_a_comment_and_supervisor_resubmits(world, client_as):
    from volex.assignments.models import Assignment

    supervisor = client_as(world.users["supervisor_own"])
    supervisor.post(f"/assignments/{world.draft.pk}/submit/")
    manager = client_as(world.users["manager"])
    manager.post(f"/assignments/{world.draft.pk}/return/", {"comment": ""})
    assert Assignment.objects.get(pk=world.draft.pk).state == "submitted"  # comment required
    manager.post(f"/assignments/{world.draft.pk}/return/", {"comment": "Add the tasks."})
    assert Assignment.objects.get(pk=world.draft.pk).state == "returned"
    supervisor = client_as(world.users["supervisor_own"])
    page = supervisor.get(f"/assignments/{world.draft.pk}/").content.decode()
    assert "Add the tasks." in page
    supervisor.post(f"/assignments/{world.draft.pk}/submit/")
    assert Assignment.objects.get(pk=world.draft.pk).state == "submitted"
