"""Background work of the matching engine (django-tasks): re-encode a profile or an assignment
after the change that makes it necessary has committed.

Other apps announce changes (`volunteers.signals.profile_changed`, `assignments.signals.
assignment_changed`) inside their transaction; `MatchingConfig.ready` connects them here. The task is enqueued by `transaction.on_commit`, never before the data it reads
exists, and never for a change that was rolled back. The task is idempotent: unchanged text is not
encoded again, and the stored rows are stamped with a new index version so that every process's
index reloads the profile's facts (consent, availability...).
"""

from __future__ import annotations

from functools import partial

from django.db import transaction
from django_tasks import task

from .store import assignment_embeddings_update, profile_embeddings_update


@task()
def profile_reencode(volunteer_id: int) -> dict[str, int]:
    report = profile_embeddings_update([volunteer_id])
    return {"encoded": report.encoded, "unchanged": report.unchanged}


@task()
def assignment_reencode(assignment_id: int) -> dict[str, int]:
    report = assignment_embeddings_update([assignment_id])
    return {"encoded": report.encoded, "unchanged": report.unchanged}


def enqueue_profile_reencode(volunteer_id: int) -> None:
    """Re-encode the profile once the current transaction commits."""
    transaction.on_commit(partial(profile_reencode.enqueue, volunteer_id))


def enqueue_assignment_reencode(assignment_id: int) -> None:
    """Re-encode the assignment (and stamp its new state) once the transaction commits."""
    transaction.on_commit(partial(assignment_reencode.enqueue, assignment_id))
