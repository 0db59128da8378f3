"""Reads of the matching engine: stored match and allocation runs with their related rows loaded
up front, and the published assignments ranked for one volunteer.

``matches_for_volunteer(*, volunteer, k=20) -> list[AssignmentMatch]``
    Published assignments ranked for one volunteer (only those whose hard rules they meet, and
    in the categories they chose): ``assignment_id``, ``rank``, ``score``, ``components``,
    ``explanation``, ``phrases``. Computed on the fly (not stored; only the profile's embedding
    is encoded again if its text changed); consent to be matched is not required here, since
    the volunteer only sees their own matches.

The services (`volex.matching.services`) run the engine for an assignment and store its runs;
these functions only read.
"""

from __future__ import annotations

import dataclasses
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone

from volex.assignments.models import Assignment
from volex.domain.matching.engine import Pairing, rank_explained
from volex.domain.matching.filters import FilterOptions
from volex.domain.matching.scoring import relatedness
from volex.domain.matching.types import MatchingInputError
from volex.volunteers.models import Volunteer

from .explanations import explanation_texts
from .fetch import fetch_profile_records
from .index import assignment_index
from .models import AllocationRun, MatchCandidate, MatchRun
from .results import AssignmentMatch, CandidateResult, components_json
from .rules import ProgrammeRules
from .store import current_encoder, profile_vector


def match_run_fresh(
    *,
    assignment: Assignment,
    parameters: dict[str, Any],
    encoder: str,
    versions: tuple[int, int],
) -> MatchRun | None:
    """The latest run of `assignment` that a read may reuse: same parameters and encoder, the
    same profile and assignment versions (nothing changed since), younger than
    ``VOLEX_MATCHING_RUN_TTL`` seconds (default 900)."""
    ttl = settings.VOLEX_MATCHING_RUN_TTL
    run: MatchRun | None = (
        MatchRun.objects.filter(
            assignment=assignment,
            encoder=encoder,
            profile_version=versions[0],
            assignment_version=versions[1],
            created_at__gte=timezone.now() - timedelta(seconds=ttl),
        )
        .order_by("-created_at", "-pk")
        .first()
    )
    return run if run is not None and run.parameters == parameters else None


def match_candidates(*, run: MatchRun) -> QuerySet[MatchCandidate]:
    return MatchCandidate.objects.filter(run=run).select_related("volunteer__user").order_by("rank")


def match_run_candidates(*, run: MatchRun) -> tuple[CandidateResult, ...]:
    """The stored candidates of `run`, explained in the active language (two queries)."""
    stored = [CandidateResult.from_model(c) for c in match_candidates(run=run)]
    texts = explanation_texts([c.phrases for c in stored])
    return tuple(
        dataclasses.replace(c, explanation=text) for c, text in zip(stored, texts, strict=True)
    )


def allocation_runs() -> QuerySet[AllocationRun]:
    return AllocationRun.objects.select_related("created_by").prefetch_related(
        "results__assignment"
    )


def matches_for_volunteer(*, volunteer: Volunteer, k: int = 20) -> list[AssignmentMatch]:
    """Published assignments ranked for `volunteer`, with the reasons (see module doc)."""
    if k < 1:
        raise MatchingInputError("k must be at least 1")
    record = fetch_profile_records([volunteer.pk]).get(volunteer.pk)
    index = assignment_index()
    if record is None or not index.entries:
        return []
    baseline = current_encoder()[1].similarity_baseline
    similarity = relatedness(index.matrix @ profile_vector(record), baseline)
    rules = ProgrammeRules.load()
    offered = [
        (i, entry)
        for i, entry in enumerate(index.entries)
        if not record.categories or entry.needs.category.value in record.categories
    ]
    pairings = []
    for i, entry in offered:
        weights, options = rules.for_host(entry.host_id)
        options = FilterOptions(options.min_availability_share, require_consent=False)
        pairings.append(Pairing(entry.needs, record.facts, float(similarity[i]), weights, options))
    ranked = [
        (offered[n][1].assignment_id, explanation)
        for n, explanation in rank_explained(pairings, k)
        if explanation.components is not None
    ]
    texts = explanation_texts([e.phrases for _a, e in ranked])
    return [
        AssignmentMatch(
            assignment_id=assignment_id,
            rank=rank,
            score=float(explanation.components.total),
            components=components_json(explanation.components),
            explanation=text,
            phrases=explanation.phrases,
        )
        for rank, ((assignment_id, explanation), text) in enumerate(
            zip(ranked, texts, strict=True), start=1
        )
    ]
