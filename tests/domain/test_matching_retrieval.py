"""Exact blocked top-k equals a brute-force sort, with and without a mask."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from volex.domain.matching import retrieval
from volex.domain.matching.retrieval import (
    SCAN_QUERIES,
    _scanners,
    batch_top_k,
    filtered_top_k,
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


@settings(max_examples=80, deadline=None)
@given(
    n=st.integers(1, 400),
    dim=st.sampled_from([3, 8, 16]),
    k=st.integers(1, 60),
    share=st.sampled_from([0.0, 0.005, 0.01, 0.1, 0.5, 0.9, 1.0]),
    chunk_rows=st.sampled_from([1, 5, 64, 10_000]),
    dtype=st.sampled_from([np.float32, np.float16]),
    ties=st.booleans(),
    seed=st.integers(0, 2**16),
)
def test_every_filter_method_equals_brute_force(
    n: int,
    dim: int,
    k: int,
    share: float,
    chunk_rows: int,
    dtype: type,
    ties: bool,
    seed: int,
) -> None:
    """Gathered chunks (several per call when `chunk_rows` is small), the bitmap and `auto` each
    equal a brute force under random masks: every selectivity, ties, k above the passing rows, an
    empty mask; and the gathered scores equal those of an unfiltered scan of the passing rows."""
    rng = np.random.default_rng(seed)
    if ties:  # small integers: exact scores, many ties
        matrix = rng.integers(-2, 3, (n, dim)).astype(dtype)
        query = rng.integers(-2, 3, dim).astype(np.float32)
    else:
        matrix = rng.standard_normal((n, dim)).astype(dtype)
        query = rng.standard_normal(dim).astype(np.float32)
    mask = rng.random(n) < share
    saved = retrieval.GATHER_BYTES
    retrieval.GATHER_BYTES = chunk_rows * dim * matrix.dtype.itemsize
    try:
        found = {m: filtered_top_k(query, matrix, k, mask, m) for m in ("gather", "bitmap", "auto")}
        threaded = filtered_top_k(query, matrix, k, mask, "gather", threads=3)
    finally:
        retrieval.GATHER_BYTES = saved
    passing = np.flatnonzero(mask)
    for result in found.values():
        assert len(result.rows) == min(k, len(passing))
        assert result.rows.dtype == np.int64 and result.scores.dtype == np.float32
        if ties:
            check(result.rows, query, matrix, k, mask)
    gathered = found["gather"]
    assert gathered.scores.tolist() == threaded.scores.tolist()
    assert gathered.scores.tolist() == found["bitmap"].scores.tolist()
    assert gathered.scores.tolist() == found["auto"].scores.tolist()
    if len(passing):
        alone = top_k(query, matrix[passing], k)
        assert gathered.scores.tolist() == alone.scores.tolist()
        if not ties:  # distinct scores: the very same rows
            assert gathered.rows.tolist() == passing[alone.rows].tolist()
            assert gathered.rows.tolist() == found["bitmap"].rows.tolist()
            assert gathered.rows.tolist() == threaded.rows.tolist()
        # each row's score is the one the unfiltered scan gives it
        everything = top_k(query, matrix, n)
        score_of = dict(zip(everything.rows.tolist(), everything.scores.tolist(), strict=True))
        assert [score_of[r] for r in gathered.rows.tolist()] == gathered.scores.tolist()


def test_auto_picks_by_share() -> None:
    rng = np.random.default_rng(5)
    matrix = rng.standard_normal((1000, 8)).astype(np.float16)
    query = rng.standard_normal(8)
    for share in (0.01, retrieval.GATHER_SHARE, 0.5, 1.0):
        mask = np.arange(1000) < int(share * 1000)
        auto = top_k(query, matrix, 20, mask)
        assert auto.rows.tolist() == filtered_top_k(query, matrix, 20, mask, "gather").rows.tolist()
        assert auto.rows.tolist() == filtered_top_k(query, matrix, 20, mask, "bitmap").rows.tolist()


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
    # per thread of a scan: one scanner for bitmap scans, one for unfiltered and gathered ones
    assert ours <= 2 * retrieval.SCAN_THREADS


def test_recall_and_bad_input() -> None:
    exact = np.array([[1, 2, 3, 4]])
    assert recall_at_k(np.array([[4, 3, 9, 8]]), exact) == 0.5
    with pytest.raises(MatchingInputError):
        top_k(np.ones(3), np.ones((4, 2)), 2)
    with pytest.raises(MatchingInputError):
        top_k(np.ones(2), np.ones((4, 2)), 0)
