"""The demo programme loads through the services and shows volunteers in service."""

from __future__ import annotations

import pytest
from django.test import Client

from volex.assignments.models import Assignment
from volex.deployments.models import (
    CheckIn,
    Deployment,
    DeploymentState,
    FlagStatus,
    HourRecord,
    HourStatus,
    Result,
    ResultReach,
    RiskFlag,
)
from volex.matching.services import matches_for_volunteer
from volex.site.demo import DEMO_LOGINS, DEMO_PASSWORD, load_demo
from volex.volunteers.models import Volunteer


@pytest.mark.django_db
def test_demo_loads_volunteers_in_service():
    load_demo(volunteers=60, assignments=20)

    assert Deployment.objects.filter(state=DeploymentState.IN_SERVICE).count() >= 10
    assert Deployment.objects.filter(state=DeploymentState.ENDED).exists()
    assert Deployment.objects.filter(state=DeploymentState.ENDED_EARLY).exists()
    assert Deployment.objects.filter(
        volunteer__user__email="volunteer@volex.demo", state=DeploymentState.IN_SERVICE
    ).exists()
    assert HourRecord.objects.filter(status=HourStatus.APPROVED).count() > 100
    assert HourRecord.objects.filter(
        status=HourStatus.SUBMITTED, deployment__supervisor__email="supervisor@volex.demo"
    ).exists()
    assert (
        HourRecord.objects.filter(status=HourStatus.REJECTED).exclude(rejection_reason="").exists()
    )
    assert CheckIn.objects.exists()
    assert RiskFlag.objects.filter(status=FlagStatus.OPEN).exists()
    assert Result.objects.filter(sdg_targets__isnull=False).exists()
    assert ResultReach.objects.exists()

    # the demo volunteer's best match is the assignment written for her, all its skills held
    amina = Volunteer.objects.get(user__email="volunteer@volex.demo")
    best = matches_for_volunteer(volunteer=amina, k=5)[0]
    assert Assignment.objects.get(pk=best.assignment_id).title == "Climate Resilience Data Analyst"
    assert best.explanation.startswith("covers 2 of 2 required skills")  # its score is beside
    # the online GIS assignment asks for the ESCO group "working with computers": her
    # "accessing and analysing digital data" is one of its skills
    gis = next(
        m
        for m in matches_for_volunteer(volunteer=amina, k=20)
        if Assignment.objects.get(pk=m.assignment_id).title == "Online GIS Mapping Volunteer"
    )
    assert "covers 1 of 1 required skills" in gis.explanation

    for _role, email in DEMO_LOGINS:
        client = Client(HTTP_HOST="localhost")
        assert client.login(username=email, password=DEMO_PASSWORD), email
