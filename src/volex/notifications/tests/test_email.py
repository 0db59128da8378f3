"""The e-mail of a notification: its link is absolute, on the site's public address."""

import re

import pytest
from django.core import mail

from volex.deployments import services as deployments
from volex.deployments.tests.factories import deploy
from volex.notifications.models import Kind
from volex.notifications.services import notification_send
from volex.selection.tests.factories import apply, to_offer

pytestmark = pytest.mark.django_db

ABSOLUTE = r"https?://[^/\s]+"


def _mail_to(user, subject_part: str) -> str:
    bodies = [m.body for m in mail.outbox if m.to == [user.email] and subject_part in m.subject]
    assert len(bodies) == 1, [m.subject for m in mail.outbox]
    return bodies[0]


def test_an_offer_email_links_to_the_application_at_the_sites_address(
    world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        application = to_offer(
            apply(world.volunteer, world.published), world.users["supervisor_own"]
        )
    body = _mail_to(world.volunteer.user, "An offer for you")
    assert re.search(rf"^{ABSOLUTE}/selection/applications/{application.pk}/$", body, re.M), body


def test_a_roll_call_email_links_to_the_answer_at_the_sites_address(
    world, django_capture_on_commit_callbacks
):
    deploy(world.volunteer, world.published, world.users["supervisor_own"])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        roll_call = deployments.roll_call_start(by=world.users["manager"], country_id="UG")
    token = roll_call.answers.get().token
    body = _mail_to(world.volunteer.user, "Roll-call")
    assert re.search(rf"^{ABSOLUTE}/deployments/roll-call/{token}/$", body, re.M), body


def test_the_link_is_built_on_the_configured_address(
    world, settings, django_capture_on_commit_callbacks
):
    settings.VOLEX_BASE_URL = "https://volex.example.org/"
    with django_capture_on_commit_callbacks(execute=True):
        notification_send(
            recipient=world.volunteer.user,
            kind=Kind.HOURS_REJECTED,
            params={"period": "May", "reason": "twice"},
            url="/deployments/mine/",
        )
    body = _mail_to(world.volunteer.user, "Hours returned")
    assert body.endswith("\n\nhttps://volex.example.org/deployments/mine/")
