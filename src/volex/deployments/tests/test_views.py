"""Deployment pages and API: denied writes change nothing, the board's queries are bounded."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from volex.deployments.models import CheckIn, HourRecord, RiskFlag
from volex.deployments.tests.factories import deploy

pytestmark = pytest.mark.django_db
ROLES = ["anonymous", "volunteer", "supervisor_own", "supervisor_other", "manager", "admin"]
TODAY = date.today()


def _hours(deployment, world):
    from volex.deployments import services

    return services.hours_record(
        deployment=deployment,
        by=world.volunteer.user,
        period_start=TODAY - timedelta(days=7),
        period_end=TODAY - timedelta(days=1),
        hours=40,
        activity="Clinic",
    )


@pytest.mark.parametrize(
    ("role", "status", "approved"),
    [
        ("anonymous", 302, False),
        ("volunteer", 403, False),
        ("supervisor_own", 302, True),
        ("supervisor_other", 404, False),
        ("manager", 302, True),
        ("admin", 302, True),
    ],
)
def test_approving_hours_by_role(world, client_as, deployment, role, status, approved):
    record = _hours(deployment, world)
    response = client_as(world.users[role]).post(f"/deployments/hours/{record.pk}/approve/")
    assert response.status_code == status
    assert (HourRecord.objects.get(pk=record.pk).status == "approved") is approved


@pytest.mark.parametrize("role", ROLES)
def test_only_the_volunteer_checks_in_through_the_api(world, client_as, deployment, role):
    client = client_as(world.users[role])
    response = client.post(
        f"/api/deployments/{deployment.pk}/check-ins/",
        {"wellbeing": 4, "workload": 3, "safety": "safe"},
        content_type="application/json",
    )
    expected = {"anonymous": 401, "volunteer": 201, "supervisor_other": 404}.get(role, 403)
    assert response.status_code == expected
    assert CheckIn.objects.count() == (1 if role == "volunteer" else 0)


def test_volunteer_logs_hours_through_the_api_and_refusals_name_the_field(
    world, client_as, deployment
):
    client = client_as(world.volunteer.user)
    url = f"/api/deployments/{deployment.pk}/hours/"
    ok = client.post(
        url,
        {
            "period_start": str(TODAY - timedelta(days=2)),
            "period_end": str(TODAY - timedelta(days=2)),
            "hours": "8",
            "activity": "Training",
        },
        content_type="application/json",
    )
    assert ok.status_code == 201 and ok.json()["status"] == "submitted"
    refused = client.post(
        url,
        {
            "period_start": str(TODAY),
            "period_end": str(TODAY + timedelta(days=1)),
            "hours": "49",
            "activity": "Training",
        },
        content_type="application/json",
    )
    assert refused.status_code == 400
    fields = refused.json()["error"]["fields"]
    assert {e["code"] for e in fields["period_end"]} == {"in_future"}
    assert {e["code"] for e in fields["hours"]} == {"over_24_a_day"}
    assert client.get(url).json()["count"] == 1


def test_supervisor_approves_through_the_api(world, client_as, deployment):
    record = _hours(deployment, world)
    response = client_as(world.users["supervisor_own"]).post(
        f"/api/deployments/hours/{record.pk}/approve/"
    )
    assert response.status_code == 200 and response.json()["status"] == "approved"
    again = client_as(world.users["supervisor_own"]).post(
        f"/api/deployments/hours/{record.pk}/reject/", {"reason": "no"}
    )
    assert again.status_code == 400
    assert again.json()["error"]["fields"]["status"][0]["code"] == "locked"


def test_the_volunteer_sees_only_their_own_flags(world, client_as, deployment):
    from volex.deployments import services

    services.checkin_submit(
        deployment=deployment, by=world.volunteer.user, wellbeing=5, workload=3, safety="unsafe"
    )
    assert RiskFlag.objects.count() == 1
    page = client_as(world.volunteer.user).get("/deployments/mine/")
    assert b"Feels unsafe" in page.content
    other = client_as(world.other_volunteer.user)
    assert other.get(f"/deployments/{deployment.pk}/").status_code == 404
    assert other.get(f"/api/deployments/{deployment.pk}/flags/").status_code == 404
    supervisor = client_as(world.users["supervisor_own"]).get(f"/deployments/{deployment.pk}/")
    assert b"Feels unsafe" not in supervisor.content


def test_board_queries_do_not_grow_with_rows_and_personal_data_by_role(
    world, client_as, deployment
):
    from volex.assignments.tests.factories import AssignmentFactory
    from volex.volunteers.tests.factories import VolunteerFactory

    client = client_as(world.users["manager"])
    client.get("/deployments/board/?country=UG")
    with CaptureQueriesContext(connection) as one:
        client.get("/deployments/board/?country=UG")
    for _ in range(3):
        deploy(
            VolunteerFactory(),
            AssignmentFactory(host=world.own_org),
            world.users["supervisor_own"],
        )
    with CaptureQueriesContext(connection) as four:
        response = client.get("/deployments/board/?country=UG")
    assert len(response.context["page"]) == 4
    assert len(four) == len(one)
    assert b"Nationality" in response.content
    supervisor = client_as(world.users["supervisor_own"]).get("/deployments/board/?country=UG")
    assert b"Nationality" not in supervisor.content
    other = client_as(world.users["supervisor_other"]).get("/deployments/board/?country=UG")
    assert len(other.context["page"]) == 0


def test_roll_call_link_answers_without_log_in_and_start_by_role(world, client_as, deployment):
    from volex.deployments.models import RollCall, RollCallAnswer

    refused = client_as(world.users["supervisor_own"]).post(
        "/deployments/roll-calls/start/?country=UG"
    )
    assert refused.status_code == 403 and not RollCall.objects.exists()
    client_as(world.users["manager"]).post("/deployments/roll-calls/start/?country=UG")
    answer = RollCallAnswer.objects.get()
    board = client_as(world.users["manager"]).get("/deployments/board/?country=UG")
    assert b"Not answered" in board.content
    anonymous = client_as(None)
    assert anonymous.get("/deployments/roll-call/wrong/").status_code == 404
    anonymous.post(f"/deployments/roll-call/{answer.token}/", {"answer": "safe"})
    assert RollCallAnswer.objects.get().answer == "safe"
