"""One assignment against a pool: filter, retrieve, score, explain.

Retrieval ranks the profiles that pass the hard filters by semantic similarity and keeps a
shortlist (`shortlist`, default 10 k); every component is computed on the shortlist and the best
k by total score are returned with their components. The adapter explains the candidates it
shows with `scoring.explain` over `ProfileColumns.facts(row)` (or over its own facts).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .columns import ProfileColumns
from .filters import Filter, FilterOptions, hard_filter
from .retrieval import top_k
from .scoring import relatedness, score_rows
from .types import AssignmentNeeds, MatchingInputError, MatchWeights, ScoreComponents


@dataclass(frozen=True)
class RankedCandidate:
    profile_id: str
    row: int
    components: ScoreComponents


@dataclass(frozen=True)
class MatchResult:
    candidates: tuple[RankedCandidate, ...]
    eligible: int  # profiles that pass every hard filter
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
) -> MatchResult:
    """The best `k` profiles for `needs`; `query` is the assignment's embedding, made by an
    encoder whose unrelated texts score `similarity_baseline` (`scoring.relatedness`)."""
    if needs.is_empty:
        raise MatchingInputError(
            f"assignment {needs.assignment_id} has no skills and no text: nothing to match on"
        )
    if k < 1:
        raise MatchingInputError("k must be at least 1")
    if len(columns) == 0:
        return MatchResult((), 0, {}, "the pool is empty")
    result = hard_filter(columns, needs, options)
    if result.count == 0:
        return MatchResult((), 0, result.excluded, result.reason_if_empty())
    found = top_k(query, columns.embeddings, max(k, shortlist), result.mask)
    semantic = relatedness(found.scores, similarity_baseline)
    scores = score_rows(columns, needs, found.rows, semantic, weights)
    best = np.lexsort((found.rows, -scores.total))[:k]
    candidates = tuple(
        RankedCandidate(columns.ids[int(found.rows[i])], int(found.rows[i]), scores.at(int(i)))
        for i in best
    )
    return MatchResult(candidates, result.count, result.excluded)
