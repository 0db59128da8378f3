import pytest

from volex.domain.matching.types import MatchingInputError
from volex.matching.models import MatchCandidate, MatchRun, ProgrammeSettings, RunStatus
from volex.matching.services import candidates_for_assignment, matches_for_volunteer

from . import helpers


@pytest.fixture
def pool(world):
    """An assignment asking for two skills, and volunteers who fit it or break one rule each."""
    first, second = helpers.skills(2)
    job = helpers.assignment(host=world.own_org, required=[first, second], country="UG")
    fits = helpers.volunteer(
        skill_levels=[(first, "advanced", 6), (second, "advanced", 6)], headline="Both skills"
    )
    half = helpers.volunteer(skill_levels=[(first, "advanced", 3)], headline="One skill")
    related = helpers.volunteer(
        skill_levels=[(helpers.sibling(second), "advanced", 3), (first, "advanced", 3)],
        headline="Related skill",
    )
    refused = helpers.volunteer(
        skill_levels=[(first, "expert", 9), (second, "expert", 9)], consent_to_matching=False
    )
    national = helpers.volunteer(  # a Ugandan cannot serve as an international volunteer in UG
        skill_levels=[(first, "expert", 9), (second, "expert", 9)], nationalities=("UG",)
    )
    too_old = helpers.volunteer(
        skill_levels=[(first, "expert", 9), (second, "expert", 9)], birth_date=helpers.OLD
    )
    online_only = helpers.volunteer(skill_levels=[(first, "expert", 9)])
    online_only.eligible_categories = ["online"]
    online_only.save()
    return {
        "job": job,
        "skills": (first, second),
        "fits": fits,
        "half": half,
        "related": related,
        "excluded": {refused.pk, national.pk, too_old.pk, online_only.pk},
    }


@pytest.mark.django_db
def test_candidates_are_ranked_explained_and_stored(pool):
    result = candidates_for_assignment(assignment=pool["job"], k=10)
    ids = [c.volunteer_id for c in result.candidates]
    assert ids[0] == pool["fits"].pk
    assert set(ids) >= {pool["half"].pk, pool["related"].pk}
    assert not set(ids) & pool["excluded"]
    first, second = pool["skills"]
    by_id = {c.volunteer_id: c for c in result.candidates}
    assert "covers 2 of 2 required skills" in by_id[pool["fits"].pk].explanation
    half = by_id[pool["half"].pk].explanation
    assert "covers 1 of 2 required skills" in half and f"missing: {second.title}" in half
    related = by_id[pool["related"].pk].explanation
    assert f"related skill in the same group for: {second.title}" in related
    assert [c.rank for c in result.candidates] == list(range(1, len(ids) + 1))
    scores = [c.score for c in result.candidates]
    assert scores == sorted(scores, reverse=True)
    assert set(result.candidates[0].components) >= {"semantic", "required_skills", "total"}
    run = result.run
    assert run.status == RunStatus.DONE and run.candidate_count == len(ids)
    assert run.eligible_count >= 3 and run.excluded["consent"] >= 1
    assert MatchCandidate.objects.filter(run=run).count() == len(ids)
    stored = MatchCandidate.objects.get(run=run, volunteer=pool["fits"])
    assert stored.explanation.startswith("score ") and stored.rank == 1


@pytest.mark.django_db
def test_a_fresh_run_is_reused_and_a_change_runs_again(pool, django_capture_on_commit_callbacks):
    first = candidates_for_assignment(assignment=pool["job"], k=10)
    again = candidates_for_assignment(assignment=pool["job"], k=10)
    assert again.reused and again.run.pk == first.run.pk
    assert [c.volunteer_id for c in again.candidates] == [c.volunteer_id for c in first.candidates]
    assert again.candidates[0].explanation == first.candidates[0].explanation
    other_k = candidates_for_assignment(assignment=pool["job"], k=5)
    assert not other_k.reused and len(other_k.candidates) <= 5
    forced = candidates_for_assignment(assignment=pool["job"], k=10, force=True)
    assert not forced.reused
    from volex.volunteers.services import volunteer_skills_set

    with django_capture_on_commit_callbacks(execute=True):
        volunteer_skills_set(volunteer=pool["half"], skills=[])
    changed = candidates_for_assignment(assignment=pool["job"], k=10)
    assert not changed.reused
    assert MatchRun.objects.filter(assignment=pool["job"]).count() == 4


@pytest.mark.django_db
def test_a_volunteer_who_withdraws_consent_disappears_at_once(pool):
    pool["fits"].consent_to_matching = False
    pool["fits"].save()  # bypasses the service: the index has not heard of it
    result = candidates_for_assignment(assignment=pool["job"], k=10, force=True)
    assert pool["fits"].pk not in [c.volunteer_id for c in result.candidates]


@pytest.mark.django_db
def test_programme_weights_apply_and_are_stored(pool, world):
    ProgrammeSettings.objects.create(
        organization=world.own_org, weights={"semantic": 0.0, "required_skills": 1.0}
    )
    result = candidates_for_assignment(assignment=pool["job"], k=10)
    assert result.run.parameters["weights"]["semantic"] == 0.0
    fits = next(c for c in result.candidates if c.volunteer_id == pool["fits"].pk)
    assert fits.score == pytest.approx(fits.components["required_skills"] / 1.0, abs=1e-3) or (
        fits.score <= 1.0
    )
    with pytest.raises(MatchingInputError):
        candidates_for_assignment(assignment=pool["job"], k=0)


@pytest.mark.django_db
def test_an_assignment_with_nothing_to_match_on_gives_an_empty_result_with_a_reason(world):
    job = helpers.assignment(host=world.own_org, tasks="")
    type(job).objects.filter(pk=job.pk).update(title="")  # imported data: services need a title
    job.refresh_from_db()
    result = candidates_for_assignment(assignment=job)
    assert result.candidates == () and result.run.status == RunStatus.EMPTY
    assert "nothing to match on" in result.reason


@pytest.mark.django_db
def test_an_empty_pool_gives_an_empty_result(world):
    world.volunteer.user.delete()
    world.other_volunteer.user.delete()
    first, _ = helpers.skills(2)
    job = helpers.assignment(host=world.own_org, required=[first])
    result = candidates_for_assignment(assignment=job)
    assert result.candidates == () and result.reason


@pytest.mark.django_db
def test_matches_for_volunteer(pool, world):
    matches = matches_for_volunteer(volunteer=pool["fits"], k=20)
    ids = [m.assignment_id for m in matches]
    assert ids[0] == pool["job"].pk
    assert "covers 2 of 2 required skills" in matches[0].explanation
    assert world.draft.pk not in ids  # drafts are not offered
    national = matches_for_volunteer(
        volunteer=helpers.volunteer(nationalities=("UG",), headline="x"), k=20
    )
    assert pool["job"].pk not in [m.assignment_id for m in national]
    # Consent governs being shown to hosts, not seeing one's own matches.
    refused = helpers.volunteer(skill_levels=[(pool["skills"][0], "expert", 9)],
                                consent_to_matching=False)  # fmt: skip
    assert pool["job"].pk in [m.assignment_id for m in matches_for_volunteer(volunteer=refused)]


@pytest.mark.django_db
def test_a_volunteer_in_service_elsewhere_is_no_candidate_until_that_service_ends(
    pool, world, django_capture_on_commit_callbacks
):
    """One assignment at a time: a deployment in service whose period overlaps the assignment's
    keeps the volunteer off its candidate list and their matches, until it ends."""
    from datetime import date

    from volex.deployments.services import deployment_end_early
    from volex.deployments.tests.factories import deploy

    job, fits, staff = pool["job"], pool["fits"], world.users["supervisor_own"]
    elsewhere = helpers.assignment(host=world.own_org, required=pool["skills"][:1], country="UG")
    assert candidates_for_assignment(assignment=job, k=10).candidates[0].volunteer_id == fits.pk
    with django_capture_on_commit_callbacks(execute=True):
        deployment = deploy(fits, elsewhere, staff, days_ago=5)
    assert deployment.planned_end_date >= job.start_date  # the two periods overlap

    busy = candidates_for_assignment(assignment=job, k=10, force=True)
    assert fits.pk not in [c.volunteer_id for c in busy.candidates]
    assert busy.run.excluded["not_deployed"] >= 1
    assert job.pk not in [m.assignment_id for m in matches_for_volunteer(volunteer=fits, k=20)]

    with django_capture_on_commit_callbacks(execute=True):
        deployment_end_early(
            deployment=deployment, by=staff, reason="resignation", end_date=date.today()
        )
    free = candidates_for_assignment(assignment=job, k=10, force=True)
    assert free.candidates[0].volunteer_id == fits.pk
    assert job.pk in [m.assignment_id for m in matches_for_volunteer(volunteer=fits, k=20)]
