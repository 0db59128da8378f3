"""Reads read: a page view or a GET of the candidate list never stores a match run when there is
nothing to match. Only a POST (rank again), a task or a stale cache writes.

Why no run at all, not one run reused: a run is stored as a cache of ranked, explained
candidates, whose ranking, re-check on fresh facts and explanations are the costly part. With
nothing to match (an assignment with no skills and no text, an empty pool, a pool where no one
passes the hard rules) there is nothing to cache: the answer comes from the in-memory index in
the time a cache lookup takes, and storing it would only add a row per page view.
"""

import pytest

from volex.assignments.services import LanguageNeed
from volex.matching.models import MatchRun

from . import helpers

URLS = {
    "matching page": "/matching/assignments/{pk}/candidates/",
    "matching API": "/api/assignments/{pk}/candidates/",
    "pipeline page": "/selection/assignments/{pk}/",
    "selection API": "/api/selection/assignments/{pk}/candidates/",
}


def _no_one_eligible(world):
    """An assignment asking for a language no volunteer speaks."""
    first, _ = helpers.skills(2)
    helpers.volunteer(skill_levels=[(first, "advanced", 5)], headline="Speaks no French")
    return helpers.assignment(
        host=world.own_org, required=[first], languages=[LanguageNeed("fr", "C2")]
    )


def _empty_pool(world):
    world.volunteer.user.delete()
    world.other_volunteer.user.delete()
    first, _ = helpers.skills(2)
    return helpers.assignment(host=world.own_org, required=[first])


def _nothing_to_match_on(world):
    job = helpers.assignment(host=world.own_org, tasks="")
    type(job).objects.filter(pk=job.pk).update(title="")  # imported data: services need a title
    job.refresh_from_db()
    return job


CASES = {
    "no one eligible": _no_one_eligible,
    "empty pool": _empty_pool,
    "nothing to match on": _nothing_to_match_on,
}


@pytest.mark.django_db
@pytest.mark.parametrize("where", URLS)
@pytest.mark.parametrize("case", CASES)
def test_reading_an_empty_candidate_list_stores_no_match_run(world, client_as, where, case):
    job = CASES[case](world)
    client = client_as(world.users["supervisor_own"])
    url = URLS[where].format(pk=job.pk)
    counts = []
    for _view in range(2):
        response = client.get(url)
        assert response.status_code == 200
        counts.append(MatchRun.objects.filter(assignment=job).count())
    assert counts == [0, 0]


@pytest.mark.django_db
def test_ranking_again_stores_a_run_even_when_it_is_empty(world, client_as):
    """A POST is the host's decision to rank again: it is recorded, empty or not."""
    job = _no_one_eligible(world)
    client = client_as(world.users["supervisor_own"])
    client.post(f"/matching/assignments/{job.pk}/candidates/")
    client.post(f"/api/assignments/{job.pk}/match-runs/", data={}, content_type="application/json")
    assert MatchRun.objects.filter(assignment=job).count() == 2


@pytest.mark.django_db
def test_reading_a_list_with_candidates_stores_one_run_and_reuses_it(world, client_as):
    """A stale cache writes once; the next page views reuse it."""
    first, _ = helpers.skills(2)
    helpers.volunteer(skill_levels=[(first, "advanced", 5)], headline="Fits")
    job = helpers.assignment(host=world.own_org, required=[first])
    client = client_as(world.users["supervisor_own"])
    for where in URLS.values():
        assert client.get(where.format(pk=job.pk)).status_code == 200
    assert MatchRun.objects.filter(assignment=job).count() == 1
