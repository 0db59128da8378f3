"""The scheduler of periodic jobs: claims, intervals, outcomes, and an offer that expires on its own."""

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from volex.core.models import ScheduledJob
from volex.core.schedule import PERIODIC_JOBS, PeriodicJob, job_claim, job_run, jobs_run_due
from volex.selection.models import Stage
from volex.selection.tests.factories import apply, to_offer

pytestmark = pytest.mark.django_db

HOURLY = PeriodicJob("test_job", timedelta(hours=1), "duty_of_care_run")


def test_a_job_is_claimed_once_per_interval():
    now = timezone.now()
    assert job_claim(HOURLY, now=now)
    assert not job_claim(HOURLY, now=now + timedelta(minutes=59))
    assert job_claim(HOURLY, now=now + timedelta(hours=1))
    assert ScheduledJob.objects.get(name="test_job").last_started_at == now + timedelta(hours=1)


def test_a_failing_job_is_recorded_and_the_others_still_run(settings):
    broken = PeriodicJob("broken", timedelta(hours=1), "no_such_command")
    row = job_run(broken) if job_claim(broken) else None
    assert row is not None and row.failed and "no_such_command" in row.last_outcome
    ran = jobs_run_due()
    assert {r.name for r in ran} == {job.name for job in PERIODIC_JOBS}
    assert not any(r.failed for r in ran)
    assert jobs_run_due() == []  # nothing is due again within the interval


def test_the_scheduler_expires_an_offer_past_its_date(world, django_capture_on_commit_callbacks):
    application = to_offer(
        apply(world.volunteer, world.published),
        world.users["supervisor_own"],
        expires_at=timezone.now() + timedelta(days=1),
    )
    type(application).objects.filter(pk=application.pk).update(
        offer_expires_at=timezone.now() - timedelta(minutes=1)
    )
    with django_capture_on_commit_callbacks(execute=True):
        call_command("scheduler", "--once", stdout=io.StringIO())
    application.refresh_from_db()
    assert application.stage == Stage.OFFER_EXPIRED
    outcome = ScheduledJob.objects.get(name="offers_sweep").last_outcome
    assert outcome.startswith("1 offer(s) expired")
