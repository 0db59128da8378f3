"""The page and the API take the same selection steps through one input mapping each: the same
values record the same assessment, offer and checklist item, and the API refuses what the page's
form refuses, by field (never a server error)."""

from datetime import date, datetime, time, timedelta

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from volex.selection import services
from volex.selection.models import Application, Assessment, OnboardingItem

from .factories import apply, to_offer

pytestmark = pytest.mark.django_db


def _api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def _two_shortlisted(world):
    by = world.users["supervisor_own"]
    return [
        services.application_shortlist(application=apply(v, world.published), by=by)
        for v in (world.volunteer, world.other_volunteer)
    ]


def test_an_assessment_from_the_page_and_from_the_api_is_the_same(world, client_as):
    on_page, by_api = _two_shortlisted(world)
    values = {"kind": "test", "score": 72, "notes": "Strong GIS test.", "assessed_on": "2026-11-30"}
    client_as(world.users["supervisor_own"]).post(
        f"/selection/applications/{on_page.pk}/assess/", values
    )
    response = _api(world.users["supervisor_own"]).post(
        f"/api/selection/applications/{by_api.pk}/assess/", values, format="json"
    )
    assert response.status_code == 201, response.json()
    fields = ("kind", "score", "notes", "assessed_on", "assessed_by_id")
    page_row, api_row = (
        Assessment.objects.filter(application=a).values(*fields).get() for a in (on_page, by_api)
    )
    assert (
        page_row
        == api_row
        == {
            "kind": "test",
            "score": 72,
            "notes": "Strong GIS test.",
            "assessed_on": date(2026, 11, 30),
            "assessed_by_id": world.users["supervisor_own"].pk,
        }
    )


def test_the_api_refuses_an_unknown_kind_of_assessment_on_its_field(world):
    _page, application = _two_shortlisted(world)
    response = _api(world.users["supervisor_own"]).post(
        f"/api/selection/applications/{application.pk}/assess/",
        {"kind": "astrology", "score": 50},
        format="json",
    )
    assert response.status_code == 400
    assert "kind" in response.json()["error"]["fields"]
    assert not Assessment.objects.filter(application=application).exists()


def test_an_offer_open_until_a_day_expires_at_its_end_on_the_page_and_in_the_api(world, client_as):
    by = world.users["supervisor_own"]
    on_page, by_api = _two_shortlisted(world)
    for application in (on_page, by_api):
        services.application_assess(application=application, by=by, kind="interview", score=80)
    day = timezone.localdate() + timedelta(days=5)
    end_of_day = timezone.make_aware(datetime.combine(day, time(23, 59, 59)))
    client_as(by).post(
        f"/selection/applications/{on_page.pk}/offer/", {"expires_on": day.isoformat()}
    )
    response = _api(by).post(
        f"/api/selection/applications/{by_api.pk}/offer/",
        {"expires_at": end_of_day.isoformat()},
        format="json",
    )
    assert response.status_code == 200, response.json()
    expiries = [Application.objects.get(pk=a.pk).offer_expires_at for a in (on_page, by_api)]
    assert expiries == [end_of_day, end_of_day]


def test_checklist_notes_longer_than_they_can_be_stored_are_a_field_error_in_the_api(world):
    by = world.users["supervisor_own"]
    application = to_offer(apply(world.volunteer, world.published), by)
    services.application_accept(application=application, by=world.volunteer.user)
    response = _api(by).post(
        f"/api/selection/applications/{application.pk}/onboarding/",
        {"item": "medical_clearance", "status": "done", "notes": "x" * 301},
        format="json",
    )
    assert response.status_code == 400
    assert "notes" in response.json()["error"]["fields"]
    assert not OnboardingItem.objects.filter(
        application=application, item="medical_clearance", status="done"
    ).exists()
