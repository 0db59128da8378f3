from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from volex.matching.allocation import parse_target
from volex.matching.models import AllocationResult, AllocationRun, MatchRun, ProfileEmbedding
from volex.volunteers.models import Volunteer

from . import helpers


def _run(*args) -> str:
    out = StringIO()
    call_command(*args, stdout=out, stderr=StringIO())
    return out.getvalue()


@pytest.mark.django_db
def test_reindex_encodes_everything_once(world):
    for n in range(3):
        helpers.volunteer(headline=f"Reindexed {n}")
    output = _run("match", "reindex", "--batch-size", "2", "--no-progress")
    total = Volunteer.objects.count()
    assert f"{total:,} profiles encoded" in output
    assert ProfileEmbedding.objects.count() == total
    again = _run("match", "reindex", "--no-progress")
    assert "0 profiles encoded" in again and f"{total:,} unchanged" in again
    forced = _run("match", "reindex", "--force", "--no-progress")
    assert f"{total:,} profiles encoded" in forced


@pytest.mark.django_db
def test_match_assignment_prints_ranked_explained_candidates(world):
    first, _ = helpers.skills(2)
    job = helpers.assignment(host=world.own_org, required=[first], country="UG")
    helpers.volunteer(skill_levels=[(first, "expert", 6)], first_name="Ranked")
    output = _run("match", "assignment", str(job.pk), "--k", "5", "--explain")
    assert "covers 1 of 1 required skills" in output and "Ranked" in output
    assert MatchRun.objects.filter(assignment=job).count() == 1
    with pytest.raises(CommandError):
        _run("match", "assignment", "999999")


@pytest.mark.django_db
def test_allocate_never_exceeds_capacity(world):
    first, second = helpers.skills(2)
    jobs = [
        helpers.assignment(host=world.own_org, required=[first], country="UG", positions=1),
        helpers.assignment(host=world.own_org, required=[second], country="UG", positions=2),
    ]
    for n in range(6):
        helpers.volunteer(
            skill_levels=[(first if n % 2 else second, "advanced", n)],
            gender="woman" if n % 3 == 0 else "man",
        )
    ids = ",".join(str(j.pk) for j in jobs)
    output = _run("allocate", "--assignments", ids)
    assert "greedy baseline" in output
    run = AllocationRun.objects.get()
    results = {r.assignment_id: r for r in AllocationResult.objects.filter(run=run)}
    for job in jobs:
        result = results[job.pk]
        assert result.filled <= job.positions == result.positions
        assert len(result.volunteer_ids) == result.filled
    allocated = [v for r in results.values() for v in r.volunteer_ids]
    assert len(allocated) == len(set(allocated)) == run.filled  # one assignment each
    assert run.filled == 3 and run.objective >= run.greedy_objective - 1e-9
    targeted = _run("allocate", "--published", "--targets", "gender:female>=0.5")
    assert "optimum without targets" in targeted
    with pytest.raises(CommandError):
        _run("allocate", "--assignments", ids, "--targets", "gender:female>=0.9",
             "gender:female<=0.2")  # fmt: skip


def test_targets_are_parsed_or_refused():
    assert parse_target("nationality:ke<=0.3").group == "KE"
    assert parse_target("gender:Female>=0.5").label == "gender:female>=0.5"
    for bad in ("gender:female>=2", "age:young>=0.1", "nationality:*>=0.1", "gender:cat<=0.5"):
        with pytest.raises(ValueError):
            parse_target(bad)
