"""Issue 16: each role reaches its job by following links, and the pages' defaults say nothing
false (no pre-ticked approval, no preselected well-being, no action the state refuses)."""

import re
from datetime import date, timedelta

import pytest

from volex.deployments.models import Deployment, DeploymentState, HourRecord
from volex.deployments.tests.factories import ready

pytestmark = pytest.mark.django_db
TODAY = date.today()


def _links(html: str) -> list[str]:
    return re.findall(r'href="([^"]+)"', html)


def test_the_supervisor_reaches_entry_on_duty_from_the_application_page(world, client_as):
    supervisor = world.users["supervisor_own"]
    application = ready(world.volunteer, world.published, supervisor)
    client = client_as(supervisor)
    page = client.get(f"/selection/applications/{application.pk}/")
    start_url = f"/deployments/start/{application.pk}/"
    assert start_url in _links(page.content.decode())
    assert client.get(start_url).status_code == 200
    response = client.post(start_url, {})
    assert response.status_code == 302, response.content.decode()[-3000:]
    deployment = Deployment.objects.get(application=application)
    assert response.status_code == 302
    assert response["Location"] == f"/deployments/{deployment.pk}/"
    assert deployment.state == DeploymentState.IN_SERVICE
    # Once started, the application page leads to the service, no longer to the start.
    page = client.get(f"/selection/applications/{application.pk}/").content.decode()
    assert start_url not in _links(page)
    assert f"/deployments/{deployment.pk}/" in _links(page)


def test_the_pipeline_links_a_ready_volunteer_to_entry_on_duty(world, client_as):
    supervisor = world.users["supervisor_own"]
    application = ready(world.volunteer, world.published, supervisor)
    page = client_as(supervisor).get(f"/selection/assignments/{world.published.pk}/")
    assert f"/deployments/start/{application.pk}/" in _links(page.content.decode())


def test_the_volunteer_sees_no_entry_on_duty_link(world, client_as):
    application = ready(world.volunteer, world.published, world.users["supervisor_own"])
    page = client_as(world.volunteer.user).get(f"/selection/applications/{application.pk}/")
    assert f"/deployments/start/{application.pk}/" not in _links(page.content.decode())


def _hours(deployment, volunteer, hours=30, days=(7, 1)):
    from volex.deployments import services

    return services.hours_record(
        deployment=deployment,
        by=volunteer.user,
        period_start=TODAY - timedelta(days=days[0]),
        period_end=TODAY - timedelta(days=days[1]),
        hours=hours,
        activity="Clinic",
    )


@pytest.fixture
def submitted(world, deployment):
    return _hours(deployment, world.volunteer)


def test_the_team_page_ticks_no_hours_box(world, client_as, submitted):
    html = client_as(world.users["supervisor_own"]).get("/deployments/team/").content.decode()
    boxes = re.findall(r'<input type="checkbox" name="record"[^>]*>', html)
    assert len(boxes) == 1
    assert "checked" not in boxes[0]


def test_the_team_form_sent_with_nothing_ticked_approves_nothing(world, client_as, submitted):
    response = client_as(world.users["supervisor_own"]).post("/deployments/team/", {}, follow=True)
    assert HourRecord.objects.get(pk=submitted.pk).status == "submitted"
    assert "Tick the hours to approve." in response.content.decode()


def test_bulk_approval_refuses_an_empty_selection(world, submitted):
    from django.core.exceptions import ValidationError

    from volex.deployments import services

    with pytest.raises(ValidationError) as refused:
        services.hours_approve_bulk(record_ids=[], by=world.users["supervisor_own"])
    assert refused.value.error_dict["record"][0].code == "nothing_selected"
    assert HourRecord.objects.get(pk=submitted.pk).status == "submitted"


def test_the_team_page_approves_only_the_ticked_hours(world, client_as, deployment):
    kept = _hours(deployment, world.volunteer, days=(14, 8))
    ticked = _hours(deployment, world.volunteer)
    client_as(world.users["supervisor_own"]).post("/deployments/team/", {"record": [ticked.pk]})
    assert HourRecord.objects.get(pk=ticked.pk).status == "approved"
    assert HourRecord.objects.get(pk=kept.pk).status == "submitted"


def test_the_team_page_rejects_a_row_with_its_reason(world, client_as, submitted):
    client = client_as(world.users["supervisor_own"])
    html = client.get("/deployments/team/").content.decode()
    action = f"/deployments/hours/{submitted.pk}/reject/"
    assert f'action="{action}"' in html
    response = client.post(action, {"reason": "", "next": "/deployments/team/"})
    assert HourRecord.objects.get(pk=submitted.pk).status == "submitted"
    response = client.post(action, {"reason": "30 hours in one day", "next": "/deployments/team/"})
    assert response["Location"] == "/deployments/team/"
    record = HourRecord.objects.get(pk=submitted.pk)
    assert (record.status, record.rejection_reason) == ("rejected", "30 hours in one day")


@pytest.fixture
def future(world):
    """A service whose entry on duty is recorded for next week."""
    from volex.deployments import services

    supervisor = world.users["supervisor_own"]
    application = ready(world.volunteer, world.published, supervisor)
    return services.deployment_start(
        application=application, by=supervisor, start_date=TODAY + timedelta(days=7)
    )


@pytest.mark.parametrize("end_date", [None, "start"])
def test_a_service_that_has_not_started_cannot_end_early(world, future, end_date):
    from django.core.exceptions import ValidationError

    from volex.deployments import services

    with pytest.raises(ValidationError) as refused:
        services.deployment_end_early(
            deployment=future,
            by=world.users["supervisor_own"],
            reason="medical",
            end_date=future.start_date if end_date else None,
        )
    assert refused.value.error_dict["end_date"][0].code == "not_started"
    future.refresh_from_db()
    assert future.state == DeploymentState.IN_SERVICE


@pytest.mark.parametrize("end_date", [None, "start"])
def test_a_service_that_has_not_started_cannot_be_completed(world, future, end_date):
    from django.core.exceptions import ValidationError

    from volex.deployments import services

    with pytest.raises(ValidationError) as refused:
        services.deployment_complete(
            deployment=future,
            by=world.users["supervisor_own"],
            rating="fully_met",
            assessment="Fine work.",
            end_date=future.start_date if end_date else None,
        )
    assert refused.value.error_dict["end_date"][0].code == "not_started"
    future.refresh_from_db()
    assert future.state == DeploymentState.IN_SERVICE


def test_the_page_refuses_to_end_a_future_service_and_issues_no_certificate(
    world, client_as, future
):
    client = client_as(world.users["supervisor_own"])
    page = client.get(f"/deployments/{future.pk}/").content.decode()
    assert f"/deployments/{future.pk}/complete/" not in page
    assert f"/deployments/{future.pk}/end-early/" not in page
    response = client.post(
        f"/deployments/{future.pk}/complete/",
        {
            "rating": "fully_met",
            "assessment": "Fine work.",
            "end_date": future.start_date.isoformat(),
        },
    )
    assert response.status_code == 400
    assert "has not started" in response.content.decode()
    future.refresh_from_db()
    assert future.state == DeploymentState.IN_SERVICE
    assert client.get(f"/deployments/{future.pk}/certificate.pdf").status_code == 404


def test_an_ended_service_that_never_started_gets_no_certificate(world, client_as, future):
    # A row ended before the rule existed: no certificate of zero service.
    Deployment.objects.filter(pk=future.pk).update(
        state=DeploymentState.ENDED, end_date=future.start_date
    )
    client = client_as(world.users["supervisor_own"])
    assert client.get(f"/deployments/{future.pk}/certificate.pdf").status_code == 404
    assert "certificate.pdf" not in client.get(f"/deployments/{future.pk}/").content.decode()


def test_the_check_in_form_preselects_no_answer(world, client_as, deployment):
    html = client_as(world.volunteer.user).get("/deployments/mine/").content.decode()
    form = html[html.index('data-testid="checkin-form"') :]
    form = form[: form.index("</form>")]
    for name in ("wellbeing", "workload", "safety"):
        select = re.search(rf'<select name="{name}".*?</select>', form, re.S).group(0)
        # A browser shows (and sends) the first option when none is selected: it must be empty.
        options = re.findall(r'<option value="([^"]*)"', select)
        assert options[0] == "", name
        assert "required" in select, name
        assert re.search(r'<option value="[^"]+"[^>]*selected', select) is None, name


def test_a_check_in_sent_untouched_is_refused_and_records_nothing(world, client_as, deployment):
    from volex.deployments.models import CheckIn

    response = client_as(world.volunteer.user).post(
        f"/deployments/{deployment.pk}/check-in/",
        {"wellbeing": "", "workload": "", "safety": "", "note": ""},
    )
    assert response.status_code == 400
    assert CheckIn.objects.count() == 0


@pytest.fixture
def ended(world, deployment):
    from volex.deployments import services

    return services.deployment_end_early(
        deployment=deployment, by=world.users["supervisor_own"], reason="medical"
    )


def test_an_ended_service_offers_neither_hours_nor_check_in(world, client_as, ended):
    html = client_as(world.volunteer.user).get("/deployments/mine/").content.decode()
    assert 'data-testid="deployment-state"' in html
    assert 'data-testid="hours-form"' not in html
    assert 'data-testid="checkin-form"' not in html
    assert "Log hours" not in html


def test_hours_cannot_be_logged_on_an_ended_service(world, client_as, ended):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as refused:
        _hours(ended, world.volunteer, hours=10, days=(3, 3))
    assert refused.value.error_dict["period_start"][0].code == "not_in_service"
    response = client_as(world.volunteer.user).post(
        f"/api/deployments/{ended.pk}/hours/",
        {
            "period_start": (TODAY - timedelta(days=2)).isoformat(),
            "period_end": (TODAY - timedelta(days=2)).isoformat(),
            "hours": "4",
            "activity": "Clinic",
        },
        content_type="application/json",
    )
    assert response.status_code == 400
    assert HourRecord.objects.filter(deployment=ended).count() == 0


@pytest.mark.parametrize("target", ["https://evil.example/phish", "//evil.example/", "http:/x"])
def test_reviewing_hours_never_sends_the_reviewer_to_another_site(
    world, client_as, submitted, target
):
    client = client_as(world.users["supervisor_own"])
    response = client.post(f"/deployments/hours/{submitted.pk}/approve/", {"next": target})
    assert response.status_code == 302
    assert response["Location"] == "/deployments/team/"
    assert HourRecord.objects.get(pk=submitted.pk).status == "approved"
