"""Issue 16: the onboarding checklist asks only what applies to the assignment. An online
assignment (no duty station) needs no visa and no medical clearance."""

import pytest
from django.core.exceptions import ValidationError

from volex.assignments.tests.factories import AssignmentFactory
from volex.domain import pipeline
from volex.selection import services
from volex.selection.models import OnboardingItem, Stage

from .factories import apply, to_offer

pytestmark = pytest.mark.django_db
ON_SITE_ONLY = {"visa_travel", "medical_clearance"}


@pytest.fixture
def online(world):
    return AssignmentFactory(host=world.own_org, title="Online Role", category="online")


def _accepted(world, assignment):
    supervisor = world.users["supervisor_own"]
    application = to_offer(apply(world.volunteer, assignment), supervisor)
    return services.application_accept(application=application, by=world.volunteer.user)


def test_the_domain_says_which_items_apply():
    online = set(pipeline.checklist_items(at_duty_station=False))
    assert online == set(pipeline.ChecklistItem) - ON_SITE_ONLY
    assert set(pipeline.checklist_items(at_duty_station=True)) == set(pipeline.ChecklistItem)
    done = dict.fromkeys(online, pipeline.ItemStatus.DONE)
    assert pipeline.checklist_complete(done, at_duty_station=False)
    assert not pipeline.checklist_complete(done, at_duty_station=True)


def test_an_online_assignment_asks_no_visa_nor_medical_clearance(world, online):
    application = _accepted(world, online)
    items = set(
        OnboardingItem.objects.filter(application=application).values_list("item", flat=True)
    )
    assert items == {"security_training", "contract_signature"}
    with pytest.raises(ValidationError) as refused:
        services.onboarding_item_update(
            application=application,
            item="visa_travel",
            status="done",
            by=world.users["supervisor_own"],
        )
    assert "item" in refused.value.error_dict


def test_completing_what_applies_makes_the_online_volunteer_ready(world, online):
    application = _accepted(world, online)
    for item in ("security_training", "contract_signature"):
        services.onboarding_item_update(
            application=application, item=item, status="done", by=world.users["supervisor_own"]
        )
    application.refresh_from_db()
    assert application.stage == Stage.READY


def test_the_page_offers_only_the_items_that_apply(world, client_as, online):
    application = _accepted(world, online)
    html = (
        client_as(world.users["supervisor_own"])
        .get(f"/selection/applications/{application.pk}/")
        .content.decode()
    )
    assert 'value="security_training"' in html
    assert 'value="visa_travel"' not in html
    assert 'value="medical_clearance"' not in html
    assert "Visa and travel" not in html


def test_an_on_site_assignment_still_asks_every_item(world):
    application = _accepted(world, world.published)
    assert OnboardingItem.objects.filter(application=application).count() == len(
        pipeline.ChecklistItem
    )


def test_an_answered_offer_is_no_longer_a_new_message_nor_offered_again(world, client_as):
    from volex.notifications.models import Notification

    application = to_offer(apply(world.volunteer, world.published), world.users["supervisor_own"])
    inbox = Notification.objects.filter(recipient=world.volunteer.user, kind="offered")
    assert inbox.get().read_at is None
    services.application_accept(application=application, by=world.volunteer.user)
    # The message asked to accept or decline: once answered it is read, not a pending request.
    assert inbox.get().read_at is not None
    html = (
        client_as(world.volunteer.user)
        .get(f"/selection/applications/{application.pk}/")
        .content.decode()
    )
    assert f"/selection/applications/{application.pk}/accept/" not in html
    assert "Accept the offer" not in html


def test_a_declined_offer_is_no_longer_a_new_message(world):
    from volex.notifications.models import Notification

    application = to_offer(apply(world.volunteer, world.published), world.users["supervisor_own"])
    services.application_decline(application=application, by=world.volunteer.user)
    inbox = Notification.objects.filter(recipient=world.volunteer.user, kind="offered")
    assert inbox.get().read_at is not None
