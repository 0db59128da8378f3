"""Every page a role works on has a way in by links, shown only to the roles that may use it."""

import pytest
from django.urls import reverse

from volex.deployments.tests.factories import deploy


@pytest.fixture
def deployment(world, lexical_matching_engine):
    return deploy(world.volunteer, world.published, world.users["supervisor_own"])


def _html(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "shown"),
    [
        ("manager", True),
        ("admin", True),
        ("supervisor_own", False),
        ("volunteer", False),
    ],
)
def test_the_header_links_to_the_wage_tables_for_who_may_manage_them(world, client_as, role, shown):
    html = _html(client_as(world.users[role]), reverse("site:home"))
    assert (f'href="{reverse("impact:wage-list")}"' in html) is shown


@pytest.mark.django_db
def test_the_wage_tables_link_to_their_import(world, client_as):
    html = _html(client_as(world.users["manager"]), reverse("impact:wage-list"))
    assert f'href="{reverse("impact:wage-import")}"' in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "shown"),
    [
        ("manager", True),
        ("supervisor_own", True),
        ("admin", True),
        ("volunteer", False),
    ],
)
def test_the_header_links_to_reports_and_the_board_for_staff(world, client_as, role, shown):
    html = _html(client_as(world.users[role]), reverse("site:home"))
    assert (f'href="{reverse("impact:reports")}"' in html) is shown
    assert (f'href="{reverse("deployments:board")}"' in html) is shown


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["supervisor_own", "manager", "admin"])
def test_every_board_row_links_to_its_deployment(world, client_as, deployment, role):
    html = _html(client_as(world.users[role]), reverse("deployments:board"))
    assert f'href="{reverse("deployments:detail", args=[deployment.pk])}"' in html


@pytest.mark.django_db
def test_open_flags_on_the_board_link_to_the_follow_up_for_duty_of_care(
    world, client_as, deployment
):
    from datetime import timedelta

    from django.utils import timezone

    from volex.deployments import services

    now = timezone.now()
    for days_ago in (14, 0):  # two low check-ins in a row raise a flag
        services.checkin_submit(
            deployment=deployment,
            by=world.volunteer.user,
            wellbeing=1,
            workload=5,
            safety="safe",
            now=now - timedelta(days=days_ago),
        )
    follow_up = f'href="{reverse("deployments:detail", args=[deployment.pk])}#wellbeing-h"'
    assert follow_up in _html(client_as(world.users["manager"]), reverse("deployments:board"))
    # A supervisor sees no flags and follows none up: no link to the well-being section.
    html = _html(client_as(world.users["supervisor_own"]), reverse("deployments:board"))
    assert follow_up not in html


@pytest.mark.django_db
def test_the_board_says_how_to_start_a_roll_call_to_who_may_start_one(world, client_as, deployment):
    hint = 'data-testid="roll-call-hint"'
    assert hint in _html(client_as(world.users["manager"]), reverse("deployments:board"))
    assert hint not in _html(client_as(world.users["supervisor_own"]), reverse("deployments:board"))
    # Once a place is chosen, the roll-call form itself is there instead of the hint.
    scoped = _html(client_as(world.users["manager"]), reverse("deployments:board") + "?country=UG")
    assert hint not in scoped and reverse("deployments:roll-call-start") in scoped


@pytest.mark.django_db
def test_the_board_names_the_hardship_class_in_words(world, client_as, deployment):
    from volex.assignments.models import HardshipClass

    deployment.duty_station.hardship_class = HardshipClass.H
    deployment.duty_station.save()
    html = _html(client_as(world.users["manager"]), reverse("deployments:board"))
    assert str(HardshipClass.H.label) in html
