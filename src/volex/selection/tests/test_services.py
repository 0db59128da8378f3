"""The selection pipeline through its services: the happy path, the audit trail, refusals that
change nothing, capacity, expiry and notifications."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from volex.notifications.models import Notification
from volex.selection import services
from volex.selection.models import Application, ApplicationTransition, Placement, Stage
from volex.volunteers.tests.factories import VolunteerFactory

from .factories import apply, to_offer

pytestmark = pytest.mark.django_db


def _snapshot(application):
    fresh = Application.objects.get(pk=application.pk)
    return (
        fresh.stage,
        fresh.offer_expires_at,
        ApplicationTransition.objects.filter(application=fresh).count(),
        Placement.objects.filter(application=fresh).count(),
    )


def test_happy_path_records_every_step_with_who_and_why(world, django_capture_on_commit_callbacks):
    supervisor = world.users["supervisor_own"]
    with django_capture_on_commit_callbacks(execute=True):
        application = apply(world.volunteer, world.published)
        services.application_longlist(application=application, by=supervisor, reason="Strong")
        services.application_shortlist(application=application, by=supervisor)
        services.application_assess(
            application=application, by=supervisor, kind="interview", score=85, notes="Clear"
        )
        services.application_prefer(application=application, by=world.users["manager"])
        services.application_offer(application=application, by=supervisor)
        services.application_accept(application=application, by=world.volunteer.user)
        for item in ["medical_clearance", "security_training", "visa_travel"]:
            services.onboarding_item_update(
                application=application, item=item, status="done", by=supervisor
            )
        assert Application.objects.get(pk=application.pk).stage == Stage.ONBOARDING
        services.onboarding_item_update(
            application=application, item="contract_signature", status="done", by=supervisor
        )
    application.refresh_from_db()
    assert application.stage == Stage.READY
    steps = list(application.transitions.values_list("from_stage", "to_stage", "actor_role"))
    assert steps == [
        ("", "applied", "volunteer"),
        ("applied", "longlisted", "host"),
        ("longlisted", "shortlisted", "host"),
        ("shortlisted", "assessed", "host"),
        ("assessed", "preferred", "programme"),
        ("preferred", "offered", "host"),
        ("offered", "accepted", "volunteer"),
        ("accepted", "onboarding", "system"),
        ("onboarding", "ready", "system"),
    ]
    assert application.transitions.get(to_stage="longlisted").reason == "Strong"
    assert application.transitions.get(to_stage="longlisted").actor == supervisor
    # Offer expiry defaults to 14 days.
    delta = application.offer_expires_at - application.offered_at
    assert delta == timedelta(days=14)
    kinds = set(
        Notification.objects.filter(recipient=world.volunteer.user).values_list("kind", flat=True)
    )
    assert {"shortlisted", "offered"} <= kinds
    assert any("offers you" in m.body for m in mail.outbox)


def test_offer_before_shortlist_is_refused_and_changes_nothing(world):
    application = apply(world.volunteer, world.published)
    before = _snapshot(application)
    with pytest.raises(ValidationError) as error:
        services.application_offer(application=application, by=world.users["supervisor_own"])
    assert error.value.error_dict["stage"][0].code == "wrong_stage"
    assert "applied cannot be offered the position" in error.value.messages[0]
    assert _snapshot(application) == before


def test_apply_twice_is_refused(world):
    apply(world.volunteer, world.published)
    with pytest.raises(ValidationError) as error:
        apply(world.volunteer, world.published)
    assert "already applied" in error.value.messages[0]
    assert Application.objects.filter(volunteer=world.volunteer).count() == 1


def test_apply_when_ineligible_gives_the_rule_message(world):
    too_old = VolunteerFactory(birth_date=date(1930, 1, 1))
    with pytest.raises(ValidationError) as error:
        apply(too_old, world.published)
    assert "takes volunteers aged up to 75" in " ".join(error.value.messages)
    assert not Application.objects.filter(volunteer=too_old).exists()


def test_apply_to_a_draft_is_refused(world):
    with pytest.raises(ValidationError):
        apply(world.volunteer, world.draft)
    assert not Application.objects.exists()


def test_supervisor_of_another_organization_cannot_act(world):
    application = apply(world.volunteer, world.published)
    before = _snapshot(application)
    with pytest.raises(PermissionDenied):
        services.application_shortlist(application=application, by=world.users["supervisor_other"])
    assert _snapshot(application) == before


def test_volunteer_cannot_shortlist_themselves(world):
    application = apply(world.volunteer, world.published)
    with pytest.raises(ValidationError) as error:
        services.application_shortlist(application=application, by=world.volunteer.user)
    assert error.value.error_dict["stage"][0].code == "wrong_actor"
    assert Application.objects.get(pk=application.pk).stage == Stage.APPLIED


def test_accept_after_expiry_is_refused_and_changes_nothing(world):
    application = to_offer(apply(world.volunteer, world.published), world.users["supervisor_own"])
    before = _snapshot(application)
    later = application.offer_expires_at + timedelta(seconds=1)
    with pytest.raises(ValidationError) as error:
        services.application_accept(application=application, by=world.volunteer.user, now=later)
    assert error.value.error_dict["stage"][0].code == "offer_expired"
    assert _snapshot(application) == before


def test_stale_action_is_refused(world):
    supervisor = world.users["supervisor_own"]
    application = apply(world.volunteer, world.published)
    services.application_shortlist(application=application, by=supervisor, expected="applied")
    with pytest.raises(ValidationError) as error:
        services.application_longlist(application=application, by=supervisor, expected="applied")
    assert "Someone else changed this application first" in error.value.messages[0]


def test_last_position_goes_to_the_first_who_accepts(world):
    supervisor = world.users["supervisor_own"]
    first = to_offer(apply(world.volunteer, world.published), supervisor)
    second = to_offer(apply(world.other_volunteer, world.published), supervisor)
    services.application_accept(application=first, by=world.volunteer.user)
    before = _snapshot(second)
    with pytest.raises(ValidationError) as error:
        services.application_accept(application=second, by=world.other_volunteer.user)
    assert error.value.error_dict["stage"][0].code == "no_position_left"
    assert _snapshot(second) == before
    # A withdrawal frees the position.
    services.application_withdraw(application=first, by=world.volunteer.user)
    services.application_accept(application=second, by=world.other_volunteer.user)
    assert Placement.objects.filter(assignment=world.published).count() == 1


def test_sweep_reminds_then_expires_offers(world, django_capture_on_commit_callbacks):
    application = to_offer(
        apply(world.volunteer, world.published),
        world.users["supervisor_own"],
        expires_at=timezone.now() + timedelta(days=1),
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert services.offers_sweep() == (0, 1)
        assert services.offers_sweep() == (0, 0)
        assert services.offers_sweep(now=timezone.now() + timedelta(days=2)) == (1, 0)
    application.refresh_from_db()
    assert application.stage == Stage.OFFER_EXPIRED
    kinds = list(
        Notification.objects.filter(recipient=world.volunteer.user).values_list("kind", flat=True)
    )
    assert "offer_expiring" in kinds and "offer_expired" in kinds


def test_notifications_are_written_in_the_recipients_language(world):
    user = world.volunteer.user
    user.preferred_language = "fr"
    user.save()
    application = apply(world.volunteer, world.published)
    services.application_shortlist(application=application, by=world.users["supervisor_own"])
    notification = Notification.objects.get(recipient=user, kind="shortlisted")
    assert notification.language == "fr"


def test_invitation_notifies_and_marks_the_application(world):
    services.invitation_create(
        assignment=world.published,
        volunteer=world.volunteer,
        by=world.users["supervisor_own"],
        message="Your midwifery experience fits.",
    )
    assert Notification.objects.filter(recipient=world.volunteer.user, kind="invited").exists()
    with pytest.raises(ValidationError):
        services.invitation_create(
            assignment=world.published, volunteer=world.volunteer, by=world.users["manager"]
        )
    with pytest.raises(PermissionDenied):
        services.invitation_create(
            assignment=world.published,
            volunteer=world.other_volunteer,
            by=world.users["supervisor_other"],
        )
    assert apply(world.volunteer, world.published).invited is True


def test_applying_notifies_the_host_staff_up_the_organization_tree(world):
    from volex.assignments.tests.factories import AssignmentFactory
    from volex.organizations.tests.factories import MembershipFactory, OrganizationFactory

    mission = OrganizationFactory(name="Mission")
    office = OrganizationFactory(name="Field Office", parent=mission)
    office_supervisor = MembershipFactory(organization=office).user
    mission_supervisor = MembershipFactory(organization=mission).user
    mission_manager = MembershipFactory(organization=mission, role="programme_manager").user
    elsewhere = world.users["supervisor_other"]
    assignment = AssignmentFactory(host=office, title="Field Role")

    application = apply(world.volunteer, assignment)

    received = Notification.objects.filter(kind="application_received")
    assert set(received.values_list("recipient", flat=True)) == {
        office_supervisor.pk,
        mission_supervisor.pk,
        mission_manager.pk,
    }
    assert elsewhere.pk not in set(Notification.objects.values_list("recipient", flat=True))
    message = received.get(recipient=office_supervisor)
    assert "Field Role" in message.subject
    assert world.volunteer.display_name in message.body
    assert message.url == f"/selection/applications/{application.pk}/"
