"""Exact top-k by inner product under a mask, in blocks.

Scores are computed block by block (`block_rows` profiles at a time, and for many queries
`block_queries` queries at a time), each block is cut to its best k with `argpartition`, and the
running best k is merged with the next block's: the full (queries x profiles) score matrix is
never built. A float16 store is converted to float32 one block at a time (numpy has no float16
BLAS). A sparse mask gathers the passing rows block by block (vectorised `take`, never a Python
loop); a dense mask scores every row and sets the others to -inf.

Results are sorted by score, best first, equal scores by row; which of several rows tied at the
k-th score is kept is unspecified. Where fewer than k rows pass,
the result is shorter (single query) or padded with row -1 and score -inf (batch).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .types import MatchingInputError

DENSE_MASK_SHARE = 0.4  # above this share of passing rows, score all rows and mask afterwards


@dataclass(frozen=True)
class TopK:
    rows: np.ndarray  # int64, best first
    scores: np.ndarray  # float32


def _as_f32(block: np.ndarray) -> np.ndarray:
    return block if block.dtype == np.float32 else block.astype(np.float32)


def _merge(
    best_rows: np.ndarray, best_scores: np.ndarray, rows: np.ndarray, scores: np.ndarray, k: int
) -> tuple[np.ndarray, np.ndarray]:
    """Row-wise best k of two candidate sets ((q, *) arrays)."""
    all_rows = np.concatenate([best_rows, rows], axis=1)
    all_scores = np.concatenate([best_scores, scores], axis=1)
    if all_scores.shape[1] > k:
        keep = np.argpartition(-all_scores, k - 1, axis=1)[:, :k]
        all_rows = np.take_along_axis(all_rows, keep, axis=1)
        all_scores = np.take_along_axis(all_scores, keep, axis=1)
    return all_rows, all_scores


def _finish(rows: np.ndarray, scores: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    order = np.lexsort((rows, -scores), axis=1) if rows.size else np.zeros_like(rows)
    return np.take_along_axis(rows, order, axis=1), np.take_along_axis(scores, order, axis=1)


def batch_top_k(
    queries: np.ndarray,
    matrix: np.ndarray,
    k: int,
    mask: np.ndarray | None = None,
    block_rows: int = 65536,
    block_queries: int = 1024,
) -> tuple[np.ndarray, np.ndarray]:
    """(rows, scores), each (len(queries), k): the best k rows of `matrix` for every query.

    One `mask` is shared by all queries; group queries by filter (assignments with the same
    category, country, period and languages) to give each group its own mask.
    """
    queries = _as_f32(np.atleast_2d(np.asarray(queries)))
    if k < 1:
        raise MatchingInputError("k must be at least 1")
    if queries.shape[1] != matrix.shape[1]:
        raise MatchingInputError(
            f"queries have dimension {queries.shape[1]}, the matrix {matrix.shape[1]}"
        )
    n = len(matrix)
    candidates = None
    if mask is not None:
        if mask.shape != (n,):
            raise MatchingInputError(f"mask has shape {mask.shape}, expected ({n},)")
        if mask.mean() <= DENSE_MASK_SHARE if n else True:
            candidates = np.flatnonzero(mask)
    total = n if candidates is None else len(candidates)
    out_rows = np.full((len(queries), k), -1, dtype=np.int64)
    out_scores = np.full((len(queries), k), -np.inf, dtype=np.float32)
    for q0 in range(0, len(queries), block_queries):
        q = queries[q0 : q0 + block_queries]
        best_rows = np.full((len(q), 0), -1, dtype=np.int64)
        best_scores = np.full((len(q), 0), -np.inf, dtype=np.float32)
        for r0 in range(0, total, block_rows):
            if candidates is None:
                ids = np.arange(r0, min(r0 + block_rows, total), dtype=np.int64)
                block = _as_f32(matrix[r0 : r0 + block_rows])
            else:
                ids = candidates[r0 : r0 + block_rows].astype(np.int64)
                block = _as_f32(matrix.take(ids, axis=0))
            scores = q @ block.T
            if candidates is None and mask is not None:
                scores[:, ~mask[r0 : r0 + block_rows]] = -np.inf
            if scores.shape[1] > k:
                part = np.argpartition(-scores, k - 1, axis=1)[:, :k]
                scores = np.take_along_axis(scores, part, axis=1)
                block_ids = ids[part]
            else:
                block_ids = np.broadcast_to(ids, scores.shape)
            best_rows, best_scores = _merge(best_rows, best_scores, block_ids, scores, k)
        best_rows, best_scores = _finish(best_rows, best_scores)
        best_rows[~np.isfinite(best_scores)] = -1
        width = best_rows.shape[1]
        out_rows[q0 : q0 + len(q), :width] = best_rows
        out_scores[q0 : q0 + len(q), :width] = best_scores
    return out_rows, out_scores


def top_k(
    query: np.ndarray,
    matrix: np.ndarray,
    k: int,
    mask: np.ndarray | None = None,
    block_rows: int = 262144,
) -> TopK:
    """The best k rows of `matrix` for one query vector, under `mask` (see module doc)."""
    rows, scores = batch_top_k(np.asarray(query)[None, :], matrix, k, mask, block_rows)
    keep = rows[0] >= 0
    return TopK(rows[0][keep], scores[0][keep])


def recall_at_k(found: np.ndarray, exact: np.ndarray) -> float:
    """Mean share of each query's exact top-k rows that `found` also returns ((q, k) arrays)."""
    hits = [
        len(np.intersect1d(f[f >= 0], e[e >= 0])) / max(1, int((e >= 0).sum()))
        for f, e in zip(found, exact, strict=True)
    ]
    return float(np.mean(hits)) if hits else 1.0
