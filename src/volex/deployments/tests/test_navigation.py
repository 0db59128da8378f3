"""Issue 16: each role reaches its job by following links, and the pages' defaults say nothing
false (no pre-ticked approval, no preselected well-being, no action the state refuses)."""

import re
from datetime import date

import pytest

from volex.deployments.models import Deployment, DeploymentState
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
