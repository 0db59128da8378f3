"""Real concurrent transactions on PostgreSQL: two people acting at once get exactly one success
and one clear refusal. (SQLite serialises writers and has no row locks: skipped there.)"""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import close_old_connections, connection

from volex.selection import services
from volex.selection.models import Application, ApplicationTransition, Placement, Stage

from .factories import apply, to_offer

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks"),
]


def _race(*calls):
    """Run each call in its own thread (own connection, own transaction), released together."""
    barrier = threading.Barrier(len(calls))
    results = [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait()
            call()
            results[index] = "ok"
        except ValidationError as error:
            results[index] = error
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results


def test_two_volunteers_accepting_the_last_position(world):
    supervisor = world.users["supervisor_own"]
    first = to_offer(apply(world.volunteer, world.published), supervisor)
    second = to_offer(apply(world.other_volunteer, world.published), supervisor)
    results = _race(
        lambda: services.application_accept(application=first, by=world.volunteer.user),
        lambda: services.application_accept(application=second, by=world.other_volunteer.user),
    )
    assert sorted(r == "ok" for r in results) == [False, True], results
    refusal = next(r for r in results if r != "ok")
    assert refusal.error_dict["stage"][0].code == "no_position_left"
    assert "position(s) of this assignment are taken" in refusal.messages[0]
    assert Placement.objects.filter(assignment=world.published).count() == 1
    stages = sorted(Application.objects.values_list("stage", flat=True))
    assert stages == [Stage.OFFERED, Stage.ONBOARDING]


def test_two_supervisors_acting_on_the_same_application(world):
    application = apply(world.volunteer, world.published)
    results = _race(
        lambda: services.application_shortlist(
            application=application, by=world.users["supervisor_own"], expected="applied"
        ),
        lambda: services.application_reject(
            application=application, by=world.users["manager"], expected="applied"
        ),
    )
    assert sorted(r == "ok" for r in results) == [False, True], results
    refusal = next(r for r in results if r != "ok")
    assert "Someone else changed this application first" in refusal.messages[0]
    # One decision recorded, not two.
    assert ApplicationTransition.objects.filter(application=application).count() == 2


def test_the_same_volunteer_applying_twice_at_once(world):
    results = _race(
        lambda: apply(world.volunteer, world.published),
        lambda: apply(world.volunteer, world.published),
    )
    assert sorted(r == "ok" for r in results) == [False, True], results
    assert Application.objects.filter(volunteer=world.volunteer).count() == 1
