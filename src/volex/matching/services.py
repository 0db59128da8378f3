"""Matching services: ranked candidates for an assignment, run by the engine and stored.

Interface for the other apps (selection calls it; keyword-only):

``candidates_for_assignment(*, assignment, k=50, include_applicants=True, created_by=None,
force=False, weights=None) -> MatchRunResult``
    Runs the engine for one assignment (`pipeline`), or reuses the latest stored run when it is
    fresh (`selectors.match_run_fresh`: same parameters and encoder, no profile or assignment
    changed since, younger than ``VOLEX_MATCHING_RUN_TTL`` seconds, default 900).
    ``result.run`` is the `MatchRun`; ``result.candidates`` a tuple of `CandidateResult`, best
    first, each with ``volunteer_id``, ``rank`` (1-based), ``score`` (0-1), ``components``
    (dict: semantic, required_skills, desired_skills, languages, experience, preference,
    total), ``eligible`` (always True: only volunteers who pass every hard rule are listed),
    ``explanation`` (in the active language, without the score shown beside it, e.g. "covers
    4 of 5 required skills; missing: Midwifery; ..."), ``phrases`` (the same, as templates and
    parameters) and ``display_name`` and ``headline``. No personal data (birth date, gender,
    nationality) is in a result. ``include_applicants=False`` leaves out volunteers who already
    applied. An assignment with nothing to match on, or a pool where no one passes the rules,
    gives an empty result with ``result.reason`` in words; never an exception.

    What is stored: a run with candidates is stored with them (a read's cache, reused while
    fresh); an empty result is stored only when asked to rank again (``force=True``: the POST
    of a host, the ``volex match`` command). A read that finds nothing to match stores nothing
    (its ``result.run`` has no pk): an empty list is no cache worth a row, since it takes as
    long to compute as to look up, and reads must not write.

Weights (`rules.ProgrammeRules`): `MatchWeights` defaults, overridden by the
``VOLEX_MATCHING_WEIGHTS`` setting, then by the `ProgrammeSettings` of the host organization or
its nearest ancestor, then by the ``weights`` argument; the weights used are stored on each run.

The rest of matching's interface, importable from here as before the split: explanations in
words (`explanations`), result types (`results`), the programme's weights (`rules`), the
assignment's query vector (`store.assignment_query`), the pipeline's ranking step
(`pipeline.rank_candidates`) and the matches for a volunteer (`selectors`).
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence

from django.db import transaction
from django.utils import timezone

from volex.accounts.models import User
from volex.assignments.models import Assignment
from volex.domain.matching.types import MatchingInputError

from .explanations import (
    explanation_text,
    explanation_texts,
    phrases_from_json,
    phrases_to_json,
)
from .fetch import SkillTaxonomy, fetch_assignment
from .index import profile_index
from .models import MatchCandidate, MatchRun, RunStatus
from .pipeline import (
    RERANK_DEPTH,
    VERIFY_MARGIN,
    Reranker,
    Verified,
    allowed_rows,
    applicant_ids,
    rank_candidates,
    verified_candidates,
)
from .results import AssignmentMatch, CandidateResult, MatchRunResult
from .rules import ProgrammeRules, weights_json
from .selectors import match_run_candidates, match_run_fresh, matches_for_volunteer
from .store import assignment_query

__all__ = [
    "NOTHING_TO_MATCH",
    "AssignmentMatch",
    "CandidateResult",
    "MatchRunResult",
    "ProgrammeRules",
    "assignment_query",
    "candidates_for_assignment",
    "explanation_text",
    "explanation_texts",
    "match_run_store",
    "matches_for_volunteer",
    "phrases_from_json",
    "phrases_to_json",
    "rank_candidates",
]

NOTHING_TO_MATCH = "The assignment has no skills and no text: nothing to match on."


def candidates_for_assignment(
    *,
    assignment: Assignment,
    k: int = 50,
    include_applicants: bool = True,
    created_by: User | None = None,
    force: bool = False,
    weights: Mapping[str, float] | None = None,
) -> MatchRunResult:
    """The best `k` volunteers for `assignment`, explained (see module doc)."""
    if k < 1:
        raise MatchingInputError("k must be at least 1")
    started = time.perf_counter()
    taxonomy = SkillTaxonomy()
    index = profile_index()
    match_weights, options = ProgrammeRules.load().for_host(assignment.host_id, weights)
    reranker = Reranker.for_index(index.encoder_name)
    parameters = {
        "k": k,
        "include_applicants": include_applicants,
        **weights_json(match_weights, options),
    }
    if reranker is not None:
        parameters["reranker"] = reranker.store_as
        parameters["rerank_depth"] = RERANK_DEPTH
    needs = fetch_assignment(assignment.pk, taxonomy=taxonomy)
    run = MatchRun(
        assignment=assignment,
        parameters=parameters,
        encoder=index.encoder_name,
        created_by=created_by,
        pool_size=len(index),
        profile_version=index.version,
    )
    if needs.is_empty:
        run.status, run.reason = RunStatus.EMPTY, NOTHING_TO_MATCH
        return match_run_store(run=run, chosen=(), started=started, store=force)
    query, run.assignment_version = assignment_query(needs, assignment.pk)
    if not force:
        fresh = match_run_fresh(
            assignment=assignment,
            parameters=parameters,
            encoder=index.encoder_name,
            versions=(index.version, run.assignment_version),
        )
        if fresh is not None:
            return MatchRunResult(fresh, match_run_candidates(run=fresh), reused=True)
    left_out = set() if include_applicants else applicant_ids(assignment)
    depth = max(k + VERIFY_MARGIN, RERANK_DEPTH if reranker is not None else 0)
    try:
        result = rank_candidates(
            needs, index, query, depth, match_weights, options, allowed_rows(index, needs, left_out)
        )
    except MatchingInputError as error:
        run.status, run.reason = RunStatus.EMPTY, str(error)
        return match_run_store(run=run, chosen=(), started=started, store=force)
    run.eligible_count = result.eligible
    run.excluded = {str(name): count for name, count in result.excluded.items()}
    chosen = verified_candidates(
        needs, result.candidates, k, match_weights, options, left_out, taxonomy, reranker
    )
    if not chosen:
        run.status = RunStatus.EMPTY
        run.reason = result.reason or "No volunteer passes the hard rules."
    return match_run_store(run=run, chosen=chosen, started=started, store=force or bool(chosen))


def match_run_store(
    *, run: MatchRun, chosen: Sequence[Verified], started: float, store: bool
) -> MatchRunResult:
    """`run` with its `chosen` candidates, best first, explained in the active language; saved
    with them (one transaction) when `store`, else only stamped with the time it was ranked."""
    run.seconds = time.perf_counter() - started
    run.candidate_count = len(chosen)
    if store:
        with transaction.atomic():
            run.save()
            MatchCandidate.objects.bulk_create(
                MatchCandidate(
                    run=run,
                    volunteer_id=c.record.volunteer_id,
                    rank=rank,
                    score=c.components["total"],
                    components=c.components,
                    phrases=phrases_to_json(c.phrases),
                    explanation="; ".join(p.text for p in c.phrases),
                )
                for rank, c in enumerate(chosen, start=1)
            )
    else:
        run.created_at = timezone.now()  # when it was ranked, for the page; never saved
    texts = explanation_texts([c.phrases for c in chosen])
    candidates = tuple(
        CandidateResult(
            volunteer_id=c.record.volunteer_id,
            rank=rank,
            score=c.components["total"],
            components=c.components,
            explanation=text,
            phrases=c.phrases,
            display_name=c.record.display_name,
            headline=c.record.headline,
        )
        for rank, (c, text) in enumerate(zip(chosen, texts, strict=True), start=1)
    )
    return MatchRunResult(run, candidates)
