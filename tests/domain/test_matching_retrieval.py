"""Exact blocked top-k equals a brute-force sort, with and without a mask."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from volex.domain.matching.retrieval import (
    SCAN_QUERIES,
    _scanners,
    batch_top_k,
    recall_at_k,
    top_k,
)
from volex.domain.matching.types import MatchingInputError


def check(
    found: np.ndarray, query: np.ndarray, matrix: np.ndarray, k: int, mask: np.ndarray | None
) -> None:
    """`found` holds the best k rows (any of those tied at the k-th score), sorted."""
    scores = matrix.astype(np.float32) @ query.astype(np.float32)
    rows = np.arange(len(matrix)) if mask is None else np.flatnonzero(mask)
    expected = sorted(scores[rows].tolist(), reverse=True)[:k]
    got = found[found >= 0]
    assert len(set(got.tolist())) == len(got) and np.isin(got, rows).all()
    assert scores[got].tolist() == expected
    assert [(-scores[r], r) for r in got] == sorted((-scores[r], r) for r in got)
    if len(expected) == k:
        assert set(rows[scores[rows] > expected[-1]].tolist()) <= set(got.tolist())


@settings(max_examples=60, deadline=None)
@given(
    n=st.integers(0, 300),
    k=st.integers(1, 40),
    block=st.sampled_from([7, 64, 1000]),
    share=st.sampled_from([None, 0.05, 0.3, 0.9]),
    dtype=st.sampled_from([np.float32, np.float16]),
    seed=st.integers(0, 2**16),
)
def test_top_k_equals_brute_force(
    n: int, k: int, block: int, share: float | None, dtype: type, seed: int
) -> None:
    rng = np.random.default_rng(seed)
    matrix = rng.integers(-3, 4, (n, 8)).astype(dtype)  # small integers: exact, with ties
    query = rng.integers(-3, 4, 8).astype(np.float32)
    mask = None if share is None else rng.random(n) < share
    found = top_k(query, matrix, k, mask, block_rows=block)
    check(found.rows, query, matrix, k, mask)
    queries = rng.integers(-3, 4, (5, 8)).astype(np.float32)
    rows, scores = batch_top_k(queries, matrix, k, mask, block_rows=block, block_queries=2)
    for q in range(5):
        check(rows[q], queries[q], matrix, k, mask)
        width = int((rows[q] >= 0).sum())
        assert (rows[q, width:] == -1).all() and np.isneginf(scores[q, width:]).all()
    many = rng.integers(-3, 4, (SCAN_QUERIES + 3, 8)).astype(np.float64)  # the BLAS block path
    rows, scores = batch_top_k(many, matrix, k, mask, block_rows=block, block_queries=7)
    for q in range(len(many)):
        check(rows[q], many[q], matrix, k, mask)
        width = int((rows[q] >= 0).sum())
        assert (rows[q, width:] == -1).all() and np.isneginf(scores[q, width:]).all()


def test_other_dtypes_and_layouts_are_converted() -> None:
    rng = np.random.default_rng(3)
    matrix = rng.integers(-3, 4, (200, 16))
    query = rng.integers(-3, 4, 8).astype(np.float32)
    for m in (matrix[:, ::2], matrix[:, :8].astype(np.float64), matrix[:, :8].astype(np.int8)):
        check(top_k(query, m, 10).rows, query, m.astype(np.float32), 10, None)


def test_repeated_scans_reuse_scanners() -> None:
    rng = np.random.default_rng(4)
    dim = 13  # a dim no other test uses, so other tests' scanners do not count here
    matrix = rng.standard_normal((1000, dim)).astype(np.float16)
    for i in range(300):
        top_k(rng.standard_normal(dim), matrix, 5, rng.random(1000) < 0.5 if i % 2 else None, 300)
    ours = sum(len(free) for key, free in _scanners._free.items() if key[1] == dim)
    assert ours <= 2  # one scanner for filtered scans, one for unfiltered


def test_recall_and_bad_input() -> None:
    exact = np.array([[1, 2, 3, 4]])
    assert recall_at_k(np.array([[4, 3, 9, 8]]), exact) == 0.5
    with pytest.raises(MatchingInputError):
        top_k(np.ones(3), np.ones((4, 2)), 2)
    with pytest.raises(MatchingInputError):
        top_k(np.ones(2), np.ones((4, 2)), 0)
