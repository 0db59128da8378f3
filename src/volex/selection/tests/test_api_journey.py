"""The whole selection journey through the API alone (HTTP calls only), and its refusals."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from rest_framework.test import APIClient

from volex.reference.models import Skill
from volex.selection.models import Application, ApplicationTransition, Stage
from volex.volunteers import services as volunteer_services
from volex.volunteers.tests.factories import VolunteerFactory

pytestmark = pytest.mark.django_db


def _client(user):
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def _skill():
    return Skill.objects.filter(level__gte=2).order_by("pk").first()


def _assignment_body(world, skill):
    start = timezone.localdate() + timedelta(days=60)
    return {
        "host": world.own_org.pk,
        "title": "Community Health Data Officer",
        "context": "The district health office rebuilds its data system.",
        "tasks": "Train clinic staff in health information; clean monthly reports.",
        "expected_results": "Monthly reports on time in 20 clinics.",
        "qualifications": "Degree in public health or statistics.",
        "category": "international_specialist",
        "sector": "health",
        "duty_station": {"country": "UG", "place": "Gulu", "hardship_class": "C"},
        "positions": 1,
        "start_date": start.isoformat(),
        "end_date": (start + timedelta(days=364)).isoformat(),
        "sdg_goals": [3],
        "groups_reached": ["rural"],
        "skills": [{"skill": skill.pk, "min_level": "intermediate"}],
        "languages": [{"language": "en", "min_level": "B2"}],
    }


def _state(pk):
    application = Application.objects.get(pk=pk)
    return application.stage, ApplicationTransition.objects.filter(application=application).count()


def test_the_whole_journey_through_the_api(world, django_capture_on_commit_callbacks):
    skill = _skill()
    volunteer = world.volunteer
    volunteer_services.volunteer_skills_set(
        volunteer=volunteer, skills=[volunteer_services.SkillEntry(skill.pk, "advanced", 6)]
    )
    volunteer_services.volunteer_languages_set(
        volunteer=volunteer, languages=[volunteer_services.LanguageEntry("en", "C1")]
    )
    supervisor = _client(world.users["supervisor_own"])
    manager = _client(world.users["manager"])
    me = _client(volunteer.user)

    # Supervisor writes and submits; the manager approves (and so publishes).
    created = supervisor.post(
        "/api/assignments/create/", _assignment_body(world, skill), format="json"
    )
    assert created.status_code == 201, created.json()
    pk = created.json()["id"]
    assert created.json()["state"] == "draft"
    assert supervisor.post(f"/api/assignments/{pk}/submit/", {}, format="json").json()["state"] == (
        "submitted"
    )
    refused = supervisor.post(f"/api/assignments/{pk}/approve/", {}, format="json")
    assert refused.status_code == 403  # supervisors do not approve
    approved = manager.post(f"/api/assignments/{pk}/approve/", {"comment": "Good"}, format="json")
    assert approved.status_code == 200 and approved.json()["state"] == "published"
    history = supervisor.get(f"/api/assignments/{pk}/history/").json()
    assert [e["to_state"] for e in history["results"]] == [
        "draft",
        "submitted",
        "approved",
        "published",
    ]

    # The volunteer finds it among the matches ranked by the engine, and applies.
    matches = me.get("/api/me/matches/").json()
    assert pk in [m["assignment"] for m in matches["results"]]
    applied = me.post(
        f"/api/selection/assignments/{pk}/apply/", {"motivation": "Six years of HMIS work."}
    )
    assert applied.status_code == 201, applied.json()
    app_pk = applied.json()["id"]

    # Refusals change nothing.
    twice = me.post(f"/api/selection/assignments/{pk}/apply/", {"motivation": "Again"})
    assert twice.status_code == 400
    assert twice.json()["error"]["fields"]["assignment"][0]["code"] == "already_applied"
    assert Application.objects.filter(assignment_id=pk).count() == 1
    before = _state(app_pk)
    early = supervisor.post(f"/api/selection/applications/{app_pk}/offer/", {}, format="json")
    assert early.status_code == 400
    assert early.json()["error"]["fields"]["stage"][0]["code"] == "wrong_stage"
    assert _state(app_pk) == before
    other = _client(world.users["supervisor_other"])
    assert other.post(f"/api/selection/applications/{app_pk}/shortlist/").status_code == 404
    assert other.get(f"/api/selection/assignments/{pk}/candidates/").status_code == 403
    assert _state(app_pk) == before
    old = VolunteerFactory(birth_date=timezone.localdate().replace(year=1940))
    ineligible = _client(old.user).post(f"/api/selection/assignments/{pk}/apply/", {})
    assert ineligible.status_code == 400
    assert ineligible.json()["error"]["fields"]["birth_date"][0]["code"] == "too_old"
    assert not Application.objects.filter(volunteer=old).exists()

    # The host's ranked candidates come from the engine, without personal data.
    candidates = supervisor.get(f"/api/selection/assignments/{pk}/candidates/").json()
    row = next(c for c in candidates["results"] if c["volunteer"] == volunteer.pk)
    assert row["rank"] >= 1 and row["stage"] == "applied" and row["explanation"]
    assert "birth" not in str(candidates) and "1995" not in str(candidates)

    with django_capture_on_commit_callbacks(execute=True):
        assert (
            supervisor.post(f"/api/selection/applications/{app_pk}/shortlist/").status_code == 200
        )
        assessed = supervisor.post(
            f"/api/selection/applications/{app_pk}/assess/",
            {"kind": "interview", "score": 82, "notes": "Strong on data quality."},
            format="json",
        )
        assert assessed.status_code == 201, assessed.json()
        offered = supervisor.post(f"/api/selection/applications/{app_pk}/offer/", {}, format="json")
        assert offered.status_code == 200, offered.json()
    assert offered.json()["stage"] == "offered"
    assert {m.to[0] for m in mail.outbox} == {volunteer.user.email}

    mine = me.get("/api/selection/applications/").json()
    assert mine["results"][0]["stage"] == "offered"
    inbox = me.get("/api/inbox/").json()
    assert {n["kind"] for n in inbox["results"]} >= {"shortlisted", "offered"}

    accepted = me.post(f"/api/selection/applications/{app_pk}/accept/")
    assert accepted.status_code == 200, accepted.json()
    assert accepted.json()["stage"] == "onboarding"
    for item in ["medical_clearance", "security_training", "visa_travel", "contract_signature"]:
        done = supervisor.post(
            f"/api/selection/applications/{app_pk}/onboarding/",
            {"item": item, "status": "done"},
            format="json",
        )
        assert done.status_code == 200, done.json()
    final = me.get(f"/api/selection/applications/{app_pk}/").json()
    assert final["stage"] == "ready"
    assert [t["to_stage"] for t in final["transitions"]] == [
        "applied",
        "shortlisted",
        "assessed",
        "offered",
        "accepted",
        "onboarding",
        "ready",
    ]


def test_accept_after_expiry_is_refused_through_the_api(world):
    from .factories import apply, to_offer

    application = to_offer(apply(world.volunteer, world.published), world.users["supervisor_own"])
    Application.objects.filter(pk=application.pk).update(
        offer_expires_at=timezone.now() - timedelta(minutes=1)
    )
    before = _state(application.pk)
    response = _client(world.volunteer.user).post(
        f"/api/selection/applications/{application.pk}/accept/"
    )
    assert response.status_code == 400
    assert response.json()["error"]["fields"]["stage"][0]["code"] == "offer_expired"
    assert _state(application.pk) == before
    assert Application.objects.get(pk=application.pk).stage == Stage.OFFERED


def test_a_volunteer_cannot_read_someone_elses_application(world):
    from .factories import apply

    application = apply(world.volunteer, world.published)
    response = _client(world.other_volunteer.user).get(
        f"/api/selection/applications/{application.pk}/"
    )
    assert response.status_code == 404
