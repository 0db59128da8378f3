import pytest

from volex.matching.models import MatchRun

from . import helpers

ROLES = ["anonymous", "volunteer", "supervisor_own", "supervisor_other", "manager", "admin"]


def _statuses(world, client_as, url, method="get", **kwargs):
    return {
        role: getattr(client_as(world.users[role]), method)(url, **kwargs).status_code
        for role in ROLES
    }


@pytest.mark.django_db
def test_role_matrix_of_the_candidates_endpoint(world, client_as):
    url = f"/api/assignments/{world.published.pk}/candidates/"
    assert list(_statuses(world, client_as, url).values()) == [401, 403, 200, 403, 200, 200]
    draft = f"/api/assignments/{world.draft.pk}/candidates/"
    assert list(_statuses(world, client_as, draft).values()) == [401, 404, 200, 404, 200, 200]


@pytest.mark.django_db
def test_role_matrix_of_the_match_run_endpoint(world, client_as):
    url = f"/api/assignments/{world.published.pk}/match-runs/"
    got = _statuses(world, client_as, url, method="post", data={"k": 5},
                    content_type="application/json")  # fmt: skip
    assert list(got.values()) == [401, 403, 201, 403, 201, 201]
    assert MatchRun.objects.count() == 3  # only the allowed roles made runs


@pytest.mark.django_db
def test_role_matrix_of_my_matches(world, client_as):
    got = _statuses(world, client_as, "/api/me/matches/")
    assert list(got.values()) == [401, 200, 404, 404, 404, 404]


@pytest.mark.django_db
def test_candidates_endpoint_paginates_and_hides_personal_data(world, client_as):
    first, _ = helpers.skills(2)
    job = helpers.assignment(host=world.own_org, required=[first], country="UG")
    for n in range(5):
        helpers.volunteer(skill_levels=[(first, "advanced", n)], headline=f"API {n}")
    client = client_as(world.users["supervisor_own"])
    body = client.get(f"/api/assignments/{job.pk}/candidates/?page_size=2").json()
    assert body["count"] >= 5 and len(body["results"]) == 2 and body["next"]
    row = body["results"][0]
    assert set(row) == {
        "volunteer", "name", "headline", "rank", "score", "components", "eligible", "explanation"
    }  # fmt: skip
    assert "required skills" in row["explanation"]
    assert row["rank"] == 1 and row["eligible"] is True


@pytest.mark.django_db
def test_a_run_with_bad_weights_is_refused(world, client_as):
    client = client_as(world.users["manager"])
    url = f"/api/assignments/{world.published.pk}/match-runs/"
    zero = dict.fromkeys(
        ["semantic", "required_skills", "desired_skills", "languages", "experience", "preference"],
        0,
    )
    response = client.post(url, {"weights": zero}, content_type="application/json")
    assert response.status_code == 400
    assert MatchRun.objects.count() == 0


@pytest.mark.django_db
def test_my_matches_lists_titles(world, client_as):
    body = client_as(world.users["volunteer"]).get("/api/me/matches/").json()
    assert body["results"][0]["assignment"] == world.published.pk
    assert body["results"][0]["title"] == "Published Role"
