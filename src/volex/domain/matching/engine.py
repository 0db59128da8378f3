"""One assignment against a pool: filter, retrieve, score; and the explained order of a shortlist.

`match_assignment` ranks the profiles that pass the hard filters (and the adapter's own rules,
given as an `allowed` mask) by semantic similarity, keeps a shortlist (`shortlist`, default
10 k), computes every component on it and returns the best k by total score with their
components; ties go to the lower row.

`rank_explained` orders pairings of an assignment and a profile, each with its own similarity,
weights and filter options, by the same rules: those that pass every hard rule, best total
first, ties in the order given, the best k explained in words (`scoring.explain`). The adapter
re-checks the engine's shortlist on fresh facts with it (possibly with a re-ranker's
similarity), and ranks the published assignments for one volunteer.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .columns import ProfileColumns
from .filters import Filter, FilterOptions, hard_filter, why_excluded
from .retrieval import top_k
from .scoring import explain, relatedness, score_profile, score_rows
from .types import (
    AssignmentNeeds,
    Explanation,
    MatchingInputError,
    MatchWeights,
    ProfileFacts,
    ScoreComponents,
)


@dataclass(frozen=True)
class RankedCandidate:
    profile_id: str
    row: int
    components: ScoreComponents


@dataclass(frozen=True)
class MatchResult:
    candidates: tuple[RankedCandidate, ...]
    eligible: int  # profiles that pass every hard filter (and the `allowed` mask)
    excluded: dict[Filter, int]  # profiles each filter excludes on its own
    reason: str | None = None  # why the list is empty, when it is


def match_assignment(
    needs: AssignmentNeeds,
    columns: ProfileColumns,
    query: np.ndarray,
    k: int = 50,
    weights: MatchWeights | None = None,
    options: FilterOptions | None = None,
    shortlist: int = 10_000,
    similarity_baseline: float = 0.0,
    allowed: np.ndarray | None = None,
) -> MatchResult:
    """The best `k` profiles for `needs`; `query` is the assignment's embedding, made by an
    encoder whose unrelated texts score `similarity_baseline` (`scoring.relatedness`).
    `allowed` (a boolean per row), when given, narrows the pool further than the hard
    filters."""
    if needs.is_empty:
        raise MatchingInputError(
            f"assignment {needs.assignment_id} has no skills and no text: nothing to match on"
        )
    if k < 1:
        raise MatchingInputError("k must be at least 1")
    if len(columns) == 0:
        return MatchResult((), 0, {}, "the pool is empty")
    result = hard_filter(columns, needs, options)
    mask = result.mask if allowed is None else result.mask & allowed
    eligible = int(mask.sum())
    if eligible == 0:
        reason = result.reason_if_empty() or "no profile passes the hard filters"
        return MatchResult((), 0, result.excluded, reason)
    found = top_k(query, columns.embeddings, max(k, shortlist), mask)
    semantic = relatedness(found.scores, similarity_baseline)
    scores = score_rows(columns, needs, found.rows, semantic, weights)
    best = np.lexsort((found.rows, -scores.total))[:k]
    candidates = tuple(
        RankedCandidate(columns.ids[int(found.rows[i])], int(found.rows[i]), scores.at(int(i)))
        for i in best
    )
    return MatchResult(candidates, eligible, result.excluded)


@dataclass(frozen=True)
class Pairing:
    """A profile against an assignment, with the semantic similarity of the two (already
    `relatedness`) and the weights and filter options of the assignment's programme."""

    needs: AssignmentNeeds
    profile: ProfileFacts
    similarity: float
    weights: MatchWeights
    options: FilterOptions


def rank_explained(pairings: Sequence[Pairing], k: int) -> list[tuple[int, Explanation]]:
    """The best `k` pairings whose profile passes every hard rule of the assignment, best total
    first (ties in the order given), each as (its position in `pairings`, its explanation)."""
    if k < 1:
        raise MatchingInputError("k must be at least 1")
    scored: list[tuple[float, int]] = []
    for i, p in enumerate(pairings):
        if p.needs.is_empty or why_excluded(p.needs, p.profile, p.options):
            continue
        scored.append((-score_profile(p.needs, p.profile, p.similarity, p.weights).total, i))
    scored.sort()
    out = []
    for _total, i in scored[:k]:
        p = pairings[i]
        out.append((i, explain(p.needs, p.profile, p.similarity, p.weights, p.options)))
    return out
