"""Every edit of an assignment, on the page and through the API, keeps what it is not changing:
read the form (or the API object), send it back unchanged, the assignment is unchanged."""

from datetime import date, timedelta

import pytest
from rest_framework.test import APIClient

from volex.assignments import services
from volex.assignments.models import Assignment
from volex.assignments.tests.factories import station
from volex.core.tests.form_html import form_values
from volex.reference.models import Occupation, Skill

pytestmark = pytest.mark.django_db


def _full_assignment(host, state: str = "draft") -> Assignment:
    """An assignment with every field filled: occupation, SDGs, skills, languages, station."""
    skill = Skill.objects.filter(level__gte=2).order_by("pk").first()
    start = date.today() + timedelta(days=60)
    assignment = services.assignment_create(
        host=host,
        created_by=None,
        data=services.AssignmentData(
            title="Water Engineer",
            category="international_specialist",
            sector="wash",
            start_date=start,
            end_date=start + timedelta(days=364),
            duty_station=station("UG", "Gulu", "C"),
            positions=2,
            context="The district rebuilds its water network.",
            tasks="Design boreholes.\nTrain technicians.",
            expected_results="Twenty boreholes.",
            qualifications="Civil engineering degree.",
            occupation_id=Occupation.objects.order_by("pk").values_list("pk", flat=True).first(),
            application_deadline=start - timedelta(days=10),
            groups_reached=["women_girls", "youth"],
            sdg_goal_ids=[6, 13],
            sdg_target_ids=["6.1", "6.2"],
            skills=[services.SkillNeed(skill.pk, True, "advanced", 3)],
            languages=[
                services.LanguageNeed("en", "C1", True),
                services.LanguageNeed("fr", "B1", False),
            ],
        ),
    )
    if state == "published":
        assignment = services.assignment_fast_track(assignment=assignment)
    return assignment


def _snapshot(pk: int) -> dict:
    a = Assignment.objects.get(pk=pk)
    return {
        **{
            name: getattr(a, name)
            for name in (
                "title",
                "context",
                "tasks",
                "expected_results",
                "qualifications",
                "category",
                "sector",
                "duty_station_id",
                "positions",
                "start_date",
                "end_date",
                "application_deadline",
                "occupation_id",
                "groups_reached",
                "state",
            )
        },
        "sdg_goals": sorted(a.sdg_goals.values_list("pk", flat=True)),
        "sdg_targets": sorted(a.sdg_targets.values_list("pk", flat=True)),
        "skills": sorted(a.skills.values_list("skill_id", "is_required", "min_level", "min_years")),
        "languages": sorted(a.languages.values_list("language_id", "min_level", "is_required")),
    }


@pytest.mark.parametrize("state", ["draft", "published"])
def test_edit_page_posted_back_unchanged_changes_nothing(world, client_as, state):
    assignment = _full_assignment(world.own_org, state)
    before = _snapshot(assignment.pk)
    assert before["occupation_id"] is not None
    client = client_as(world.users["supervisor_own"])
    url = f"/assignments/{assignment.pk}/edit/"
    values = form_values(client.get(url).content.decode(), having="title")
    response = client.post(url, values)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert _snapshot(assignment.pk) == before


def _api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.mark.parametrize("state", ["draft", "published"])
def test_api_object_put_back_unchanged_changes_nothing(world, state):
    assignment = _full_assignment(world.own_org, state)
    before = _snapshot(assignment.pk)
    client = _api(world.users["supervisor_own"])
    body = client.get(f"/api/assignments/{assignment.pk}/").json()
    response = client.put(f"/api/assignments/{assignment.pk}/update/", body, format="json")
    assert response.status_code == 200, response.json()
    assert _snapshot(assignment.pk) == before
    assert response.json() == body | {"state": state}


def test_api_patch_changes_only_the_field_it_names(world):
    assignment = _full_assignment(world.own_org)
    before = _snapshot(assignment.pk)
    response = _api(world.users["supervisor_own"]).patch(
        f"/api/assignments/{assignment.pk}/update/", {"positions": 3}, format="json"
    )
    assert response.status_code == 200, response.json()
    assert _snapshot(assignment.pk) == before | {"positions": 3}


def test_api_put_without_the_optional_fields_keeps_them(world):
    assignment = _full_assignment(world.own_org)
    before = _snapshot(assignment.pk)
    body = {
        name: before[name] for name in ("title", "category", "sector", "start_date", "end_date")
    }
    response = _api(world.users["supervisor_own"]).put(
        f"/api/assignments/{assignment.pk}/update/", body, format="json"
    )
    assert response.status_code == 200, response.json()
    assert _snapshot(assignment.pk) == before


def test_the_edit_page_sets_the_occupation_by_its_title_or_code(world, client_as):
    assignment = _full_assignment(world.own_org)
    client = client_as(world.users["supervisor_own"])
    url = f"/assignments/{assignment.pk}/edit/"
    values = form_values(client.get(url).content.decode(), having="title")
    nurse, engineer = Occupation.objects.order_by("-pk")[:2]
    response = client.post(url, values | {"occupation": nurse.title.upper()})
    assert response.status_code == 302
    assert Assignment.objects.get(pk=assignment.pk).occupation_id == nurse.pk
    assert nurse.title in client.get(f"/assignments/{assignment.pk}/").content.decode()
    client.post(url, values | {"occupation": engineer.esco_code})
    assert Assignment.objects.get(pk=assignment.pk).occupation_id == engineer.pk
    client.post(url, values | {"occupation": ""})
    assert Assignment.objects.get(pk=assignment.pk).occupation_id is None


def test_an_unknown_occupation_is_refused_on_its_field(world, client_as):
    assignment = _full_assignment(world.own_org)
    before = _snapshot(assignment.pk)
    client = client_as(world.users["supervisor_own"])
    url = f"/assignments/{assignment.pk}/edit/"
    values = form_values(client.get(url).content.decode(), having="title")
    response = client.post(url, values | {"occupation": "Dragon tamer"})
    assert response.status_code == 200
    assert "“Dragon tamer” is not an ESCO occupation" in response.content.decode()
    assert _snapshot(assignment.pk) == before


def test_occupation_suggestions_are_for_host_staff(world, client_as):
    title = Occupation.objects.order_by("pk").values_list("title", flat=True).first()
    word = title.split()[0]
    staff = client_as(world.users["supervisor_own"]).get(
        "/assignments/occupations/", {"occupation": word}
    )
    assert staff.status_code == 200
    assert f'<option value="{title}">' in staff.content.decode()
    assert client_as(world.volunteer.user).get("/assignments/occupations/").status_code == 403


@pytest.mark.parametrize("state", ["cancelled", "filled", "closed"])
def test_the_api_refuses_an_edit_in_a_state_that_takes_none_in_the_services_words(world, state):
    assignment = _full_assignment(world.own_org, "published")
    Assignment.objects.filter(pk=assignment.pk).update(state=state)
    response = _api(world.users["supervisor_own"]).patch(
        f"/api/assignments/{assignment.pk}/update/", {"positions": 3}, format="json"
    )
    assert response.status_code == 400, response.json()
    assert response.json()["error"]["code"] == "assignment_not_editable"
    assert Assignment.objects.get(pk=assignment.pk).positions == 2
