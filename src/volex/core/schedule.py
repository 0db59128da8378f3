"""Periodic jobs: what must happen on the clock, not on a user's click.

Every quarter of an hour offers expire (and volunteers are reminded before they do); every hour
end-of-service reminders go out and the clock-driven duty-of-care rules are evaluated. Each job
is a management command that is safe to run again. `volex scheduler` runs the jobs that are
due, in a loop (`volex serve` and `volex demo` start it beside the task worker) or once
(`--once`, for cron); claiming a run takes the job's `ScheduledJob` row under a lock, so two
schedulers never both run a job in one interval.
"""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from .models import ScheduledJob

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class PeriodicJob:
    name: str
    every: timedelta
    command: str  # a management command that is safe to run more than once


PERIODIC_JOBS = (
    # Offers expire at a given time: a quarter of an hour late at most.
    PeriodicJob("offers_sweep", timedelta(minutes=15), "selection_sweep"),
    # Reminders and the silence rule count days; hourly, a missed run (a restart, a stopped
    # scheduler) catches up within the hour instead of the next day.
    PeriodicJob("duty_of_care", timedelta(hours=1), "duty_of_care_run"),
)


def job_claim(job: PeriodicJob, *, now: datetime | None = None) -> bool:
    """Whether this process may run `job` now (and, if so, record that it started)."""
    now = now or timezone.now()
    ScheduledJob.objects.get_or_create(name=job.name)
    with transaction.atomic():
        row = ScheduledJob.objects.select_for_update().get(name=job.name)
        if row.last_started_at is not None and row.last_started_at + job.every > now:
            return False
        row.last_started_at = now
        row.save(update_fields=["last_started_at"])
    return True


def job_run(job: PeriodicJob) -> ScheduledJob:
    """Run `job` and record its outcome (its output, or the error that stopped it)."""
    output = io.StringIO()
    failed = False
    try:
        call_command(job.command, stdout=output)
    except Exception as error:  # a failing job must not stop the others; it is recorded
        logger.exception("periodic job %s failed", job.name)
        output.write(f"{type(error).__name__}: {error}")
        failed = True
    ScheduledJob.objects.filter(name=job.name).update(
        last_finished_at=timezone.now(), last_outcome=output.getvalue().strip(), failed=failed
    )
    return ScheduledJob.objects.get(name=job.name)


def jobs_run_due(*, now: datetime | None = None) -> list[ScheduledJob]:
    """Run every job whose interval has passed; the rows of those that ran."""
    return [job_run(job) for job in PERIODIC_JOBS if job_claim(job, now=now)]
