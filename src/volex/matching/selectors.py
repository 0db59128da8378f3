"""Reads of stored match and allocation runs, related rows loaded up front.

The services (`volex.matching.services`) run the engine; these functions only read what runs
stored, for pages, the API and other apps.
"""

from __future__ import annotations

from django.db.models import QuerySet

from volex.assignments.models import Assignment

from .models import AllocationRun, MatchCandidate, MatchRun


def match_run_latest(*, assignment: Assignment) -> MatchRun | None:
    return MatchRun.objects.filter(assignment=assignment).order_by("-created_at", "-pk").first()


def match_candidates(*, run: MatchRun) -> QuerySet[MatchCandidate]:
    return MatchCandidate.objects.filter(run=run).select_related("volunteer__user").order_by("rank")


def match_runs_for_assignment(*, assignment: Assignment) -> QuerySet[MatchRun]:
    return MatchRun.objects.filter(assignment=assignment).select_related("created_by")


def allocation_runs() -> QuerySet[AllocationRun]:
    return AllocationRun.objects.select_related("created_by").prefetch_related(
        "results__assignment"
    )
