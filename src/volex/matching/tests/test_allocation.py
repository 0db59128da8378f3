import pytest

from volex.matching.allocation import allocation_run
from volex.matching.models import AllocationResult

from . import helpers


@pytest.mark.django_db
def test_a_gender_target_counts_women_in_the_words_they_wrote(world):
    """ "Femenina" and "W" read as female (`volex.domain.people.sex_from_gender`, through
    `fetch.gender_of`): a `gender:female>=...` target counts them, and fills both positions
    with them although two men score higher."""
    skill, _ = helpers.skills(2)
    job = helpers.assignment(host=world.own_org, required=[skill], country="UG", positions=2)
    men = {
        helpers.volunteer(skill_levels=[(skill, "expert", 9)], gender=word).pk
        for word in ("Masculino", "man")
    }
    women = {
        helpers.volunteer(skill_levels=[(skill, "basic", 1)], gender=word).pk
        for word in ("Femenina", "W")
    }

    free = allocation_run(assignments=[job], k=10)
    assert set(AllocationResult.objects.get(run=free.run).volunteer_ids) == men

    targeted = allocation_run(assignments=[job], k=10, targets=["gender:female>=1"])
    assert set(AllocationResult.objects.get(run=targeted.run).volunteer_ids) == women
    assert targeted.run.target_costs[0]["target"] == "gender:female>=1"
