"""Exact top-k by inner product under a mask, reading the embedding matrix in place.

One query (`top_k`): faiss's scalar-quantizer scanner reads a float16 matrix where it lies (no
copy, no float32 conversion pass: the AVX2 / AVX-512 kernels widen float16 in registers, which
numpy cannot) and keeps a heap of the best k; a float32 matrix is read by faiss's flat scanner the
same way. The rows are scanned in chunks of at most `block_rows` whose best k are merged; the
chunks are shared among `SCAN_THREADS` threads (2 where there are 2 cores: the scanner's SWIG
wrapper releases the GIL, as `np.take` does). One thread scans ~47 ns a row of 384 float16,
whether the rows come from memory or from cache: the kernel, not memory, bounds it.

A mask is applied one of two ways, chosen by the share of rows that pass (`GATHER_SHARE`); both
score a row with the same kernel on the same stored values, so they return the scores that the
unfiltered scan gives the passing rows (`filtered_top_k` runs either one by name):

- gather (at most `GATHER_SHARE` pass): the passing rows (`np.flatnonzero`) are copied
  `GATHER_BYTES` (1.5 MiB: ~2,000 rows of 384) at a time into a reused buffer (`np.take`), and
  the buffer, still in cache, is scanned without a selector; the chunks of one thread update one
  heap (labelled chunk << 32 | offset: list number and store_pairs).
- bitmap (more pass): the mask becomes an `IDSelectorBitmap`; the scanner tests every row and
  reads the rows that pass in place.

Measured on 2 M rows of float16, random masks, the 2-core machine when quiet (ms, median, one
thread / two; bench/matching_retrieval.py prints the table):

                              384 dims                 256 dims (the default encoder)
                              bitmap      gather       bitmap      gather
    no filter                 86 / 53                  54 / 29
    1 %                       12 / 8      6.5 / 4.7    11 / 6.3    4.3 / 3.3
    10 % (target 20)          45 / 25     40 / 27      40 / 22     31 / 18
    50 %                      129 / 73    187 / 101    94 / 50     128 / 69

The bitmap tests 2 M bits and waits for a scattered row after each hit; at 50 % it is slower than
the unfiltered scan. What a 10 % filter costs is reading the passing rows: 200,000 scattered rows
of 768 bytes take ~33 ms to copy on one core however the copy is cut (whole rows or 64-256-byte
pieces, chunks of 1 k-32 k rows), ~165 ns a row against ~47 ns a row for the sequential scan.
Two threads overlap the misses (at 384 dims the two ways then cost about the same); on a loaded
machine the second thread finds no free core and costs 5-10 %. Reading fewer bytes per passing
row (a compact code scanned first, with an error bound that keeps the re-scored result exact) or
a store ordered so that common filters pass contiguous runs would be the next steps.

Many queries (`batch_top_k`): the rows are taken `block_rows` at a time (under a mask, the block's
passing rows, with one vectorised `take`), converted to float32 once per block, and faiss's
`knn_inner_product` (BLAS tiles, a heap per query) finds every query's best k in the block,
`block_queries` queries at a time; the running best k is merged with the block's. The full
(queries x profiles) score matrix is never built. Fewer than `SCAN_QUERIES` queries are scanned
one by one instead (converting the matrix costs more than a few scans).

A matrix of another dtype (float64, integers) is converted to float32 once per call. Scores are
float32 sums of float32 products of the stored values: exact up to float32 rounding, whose order
differs between the two paths (scores of the same row may differ in the last bit).

Results are sorted by score, best first, equal scores by row; which of several rows tied at the
k-th score is kept is unspecified. Where fewer than k rows pass, the result is shorter (single
query) or padded with row -1 and score -inf (batch).
"""

from __future__ import annotations

import os
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, Literal

import faiss as _faiss
import numpy as np

from .types import MatchingInputError

faiss: Any = _faiss  # the bundled stubs miss the scanner API used here
SCAN_QUERIES = 16  # below this many queries, batch_top_k scans the matrix once per query
GATHER_SHARE = 0.15  # a mask passing at most this share of rows is gathered, else a bitmap
GATHER_BYTES = 3 << 19  # rows copied per gathered chunk: 1.5 MiB, kept in cache for the scan
SCAN_THREADS = min(2, os.cpu_count() or 1)  # threads that share one query's chunks

faiss.cvar.distance_compute_blas_threshold = min(
    20, int(faiss.cvar.distance_compute_blas_threshold)
)  # faiss 1.15 defaults to 128,000 queries before it uses BLAS: 3-5x slower batches here


@dataclass(frozen=True)
class TopK:
    rows: np.ndarray  # int64, best first
    scores: np.ndarray  # float32


def _scannable(matrix: np.ndarray) -> np.ndarray:
    """`matrix` as a C-contiguous float16 or float32 array (no copy when it already is one)."""
    if matrix.dtype in (np.float16, np.float32):
        return np.ascontiguousarray(matrix)
    return np.ascontiguousarray(matrix, dtype=np.float32)


def _check(queries: np.ndarray, matrix: np.ndarray, k: int, mask: np.ndarray | None) -> None:
    if k < 1:
        raise MatchingInputError("k must be at least 1")
    if matrix.ndim != 2:
        raise MatchingInputError(f"the matrix has shape {matrix.shape}, expected (rows, dim)")
    if queries.shape[1] != matrix.shape[1]:
        raise MatchingInputError(
            f"queries have dimension {queries.shape[1]}, the matrix {matrix.shape[1]}"
        )
    if mask is not None and mask.shape != (len(matrix),):
        raise MatchingInputError(f"mask has shape {mask.shape}, expected ({len(matrix)},)")


class _Scanners:
    """Reusable faiss inner-product scanners, one free list per (dtype, dim, filtered).

    A scanner is created once and reused: faiss returns it as a raw pointer that Python must not
    free (SWIG cannot delete it safely), so creating one per query would leak. Creation happens
    under a lock in the calling thread (SWIG's type registry is not thread-safe); a scanner
    created with a selector reads its `sel` per scan, so a filtered scan swaps in its bitmap.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._free: dict[tuple[str, int, bool], list[tuple[Any, Any]]] = {}
        self._no_bits = np.zeros(1, dtype=np.uint8)
        self._nobody = faiss.IDSelectorBitmap(0, faiss.swig_ptr(self._no_bits))

    def acquire(self, dtype: np.dtype[Any], dim: int, filtered: bool) -> tuple[Any, Any]:
        key = (dtype.str, dim, filtered)
        with self._lock:
            free = self._free.setdefault(key, [])
            if free:
                return free.pop()
            selector = self._nobody if filtered else None
            if dtype == np.float16:
                owner = faiss.ScalarQuantizer(dim, faiss.ScalarQuantizer.QT_fp16)
                scanner = owner.select_InvertedListScanner(
                    faiss.METRIC_INNER_PRODUCT, None, True, selector
                )
            else:
                owner = faiss.IndexIVFFlat(
                    faiss.IndexFlatIP(dim), dim, 1, faiss.METRIC_INNER_PRODUCT
                )
                scanner = owner.get_InvertedListScanner(True, selector, None)
            return scanner, owner

    def release(
        self, dtype: np.dtype[Any], dim: int, filtered: bool, pair: tuple[Any, Any]
    ) -> None:
        if filtered:
            pair[0].sel = self._nobody
        with self._lock:
            self._free[(dtype.str, dim, filtered)].append(pair)


_scanners = _Scanners()


class _Scan:
    """One chunk's scan: its bitmap, its heap, and a pooled scanner while it runs."""

    def __init__(
        self,
        matrix: np.ndarray,
        query: np.ndarray,
        k: int,
        start: int,
        stop: int,
        mask: np.ndarray | None,
    ) -> None:
        self.n = stop - start
        self.start = start
        self.size = min(k, self.n)
        self.scores = np.full(self.size, -np.inf, dtype=np.float32)
        self.rows = np.full(self.size, -1, dtype=np.int64)
        self.codes = matrix[start:stop].view(np.uint8)
        self.bits = self.selector = None
        if mask is not None:
            self.bits = np.packbits(mask[start:stop], bitorder="little")
            self.selector = faiss.IDSelectorBitmap(self.n, faiss.swig_ptr(self.bits))
        self.key = (matrix.dtype, matrix.shape[1], mask is not None)
        self.query = query

    def run(self) -> None:
        pair = _scanners.acquire(*self.key)
        scanner = pair[0]
        try:
            if self.selector is not None:
                scanner.sel = self.selector
            scanner.set_query(faiss.swig_ptr(self.query))
            scanner.set_list(0, 0.0)  # list 0 and store_pairs: the scanner labels rows 0..n-1
            scanner.scan_codes(
                self.n,
                faiss.swig_ptr(self.codes),
                None,
                faiss.swig_ptr(self.scores),
                faiss.swig_ptr(self.rows),
                self.size,
            )
        finally:
            _scanners.release(*self.key, pair)

    def result(self) -> tuple[np.ndarray, np.ndarray]:
        """(rows, scores) of the chunk's best k rows, unsorted."""
        found = self.rows >= 0
        return self.rows[found] + self.start, self.scores[found]


FilterMethod = Literal["auto", "bitmap", "gather"]


def _scan_top_k(
    query: np.ndarray,
    matrix: np.ndarray,
    k: int,
    mask: np.ndarray | None,
    block_rows: int,
    method: FilterMethod = "auto",
    threads: int | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """(rows, scores) of the best k rows for one float32 query, sorted (see module doc)."""
    threads = max(1, threads or SCAN_THREADS)
    n = len(matrix)
    if n == 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
    if mask is not None:
        passing = int(np.count_nonzero(mask))
        if not passing:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
        if method == "gather" or (method == "auto" and passing <= GATHER_SHARE * n):
            selected = np.flatnonzero(mask)
            return _gather_top_k(query, matrix, k, selected, threads)
    chunks = -(-n // max(1, block_rows))
    bounds = np.linspace(0, n, chunks + 1).astype(np.int64).tolist()
    spans = [(a, b) for a, b in zip(bounds[:-1], bounds[1:], strict=True) if b > a]
    scans = [_Scan(matrix, query, k, a, b, mask) for a, b in spans]
    if threads > 1 and len(scans) > 1:
        list(_pool(threads).map(_Scan.run, scans))
    else:
        for scan in scans:
            scan.run()
    parts = [scan.result() for scan in scans]
    rows = np.concatenate([p[0] for p in parts])
    scores = np.concatenate([p[1] for p in parts])
    order = np.lexsort((rows, -scores))[:k]
    return rows[order], scores[order]


def _gather_top_k(
    query: np.ndarray, matrix: np.ndarray, k: int, selected: np.ndarray, threads: int
) -> tuple[np.ndarray, np.ndarray]:
    """(rows, scores) of the best k of the `selected` rows (ascending, non-empty), sorted.

    The selected rows are copied `GATHER_BYTES` at a time into a reused buffer (`np.take`) and the
    buffer is scanned without a selector; every chunk updates the same heap. The scanner labels a
    row (chunk << 32 | offset in the chunk): list `chunk`, store_pairs. With `threads` > 1 the
    chunks are dealt out to that many threads (each with its buffer and heap; `np.take` and the
    scan release the GIL) and their best k merged.
    """
    chunk = max(1, GATHER_BYTES // (matrix.shape[1] * matrix.dtype.itemsize))
    starts = list(range(0, len(selected), chunk))
    size = min(k, len(selected))
    threads = max(1, min(threads, len(starts)))
    if threads == 1:
        parts = [_gather_part(query, matrix, size, selected, chunk, starts)]
    else:
        parts = list(
            _pool(threads).map(
                lambda t: _gather_part(query, matrix, size, selected, chunk, starts[t::threads]),
                range(threads),
            )
        )
    rows = np.concatenate([p[0] for p in parts])
    scores = np.concatenate([p[1] for p in parts])
    order = np.lexsort((rows, -scores))[:k]
    return rows[order], scores[order]


def _gather_part(
    query: np.ndarray,
    matrix: np.ndarray,
    size: int,
    selected: np.ndarray,
    chunk: int,
    starts: list[int],
) -> tuple[np.ndarray, np.ndarray]:
    """(rows, scores), unsorted: the best `size` rows of the chunks that begin at `starts`."""
    dim = matrix.shape[1]
    scores = np.full(size, -np.inf, dtype=np.float32)
    labels = np.full(size, -1, dtype=np.int64)
    buffer = _buffer(chunk * dim * matrix.dtype.itemsize).view(matrix.dtype).reshape(chunk, dim)
    codes = faiss.swig_ptr(buffer.view(np.uint8))
    key = (matrix.dtype, dim, False)
    pair = _scanners.acquire(*key)
    scanner = pair[0]
    try:
        scanner.set_query(faiss.swig_ptr(query))
        for start in starts:
            part = selected[start : start + chunk]
            np.take(matrix, part, axis=0, out=buffer[: len(part)])
            scanner.set_list(start // chunk, 0.0)
            scanner.scan_codes(
                len(part), codes, None, faiss.swig_ptr(scores), faiss.swig_ptr(labels), size
            )
    finally:
        _scanners.release(*key, pair)
    found = labels >= 0
    labels = labels[found]
    return selected[(labels >> 32) * chunk + (labels & 0xFFFFFFFF)], scores[found]


_buffers = threading.local()


def _buffer(size: int) -> np.ndarray:
    """This thread's reusable uint8 buffer of at least `size` bytes (a fresh 1.5 MiB array per
    call was measured to cost ~2 ms of page faults)."""
    buffer: np.ndarray | None = getattr(_buffers, "buffer", None)
    if buffer is None or len(buffer) < size:
        buffer = _buffers.buffer = np.empty(size, dtype=np.uint8)
    return buffer[:size]


_pools: dict[tuple[int, int], ThreadPoolExecutor] = {}
_pools_lock = threading.Lock()


def _pool(threads: int) -> ThreadPoolExecutor:
    """A thread pool of `threads` workers for this process (a forked child makes its own)."""
    key = (os.getpid(), threads)
    with _pools_lock:
        if key not in _pools:
            _pools[key] = ThreadPoolExecutor(threads, thread_name_prefix="volex-gather")
        return _pools[key]


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
    threads: int | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """(rows, scores), each (len(queries), k): the best k rows of `matrix` for every query.

    One `mask` is shared by all queries; group queries by filter (assignments with the same
    category, country, period and languages) to give each group its own mask. `threads` sets
    faiss's OpenMP threads for the block products for the duration of the call (a process-wide
    setting, restored afterwards); the default 1 measured fastest on a loaded 2-core machine,
    where two OpenMP threads took 3x as long.
    """
    queries = np.ascontiguousarray(np.atleast_2d(np.asarray(queries)), dtype=np.float32)
    _check(queries, matrix, k, mask)
    matrix = _scannable(matrix)
    out_rows = np.full((len(queries), k), -1, dtype=np.int64)
    out_scores = np.full((len(queries), k), -np.inf, dtype=np.float32)
    if len(queries) < SCAN_QUERIES:
        for i, query in enumerate(queries):
            rows, scores = _scan_top_k(query, matrix, k, mask, max(block_rows, 262144))
            out_rows[i, : len(rows)] = rows
            out_scores[i, : len(rows)] = scores
        return out_rows, out_scores
    previous_threads = int(faiss.omp_get_max_threads())
    faiss.omp_set_num_threads(max(1, threads or 1))
    try:
        best_rows, best_scores = _blocks(queries, matrix, k, mask, block_rows, block_queries)
    finally:
        faiss.omp_set_num_threads(previous_threads)
    best_rows, best_scores = _finish(best_rows, best_scores)
    best_rows[~np.isfinite(best_scores)] = -1
    width = best_rows.shape[1]
    out_rows[:, :width] = best_rows
    out_scores[:, :width] = best_scores
    return out_rows, out_scores


def _blocks(
    queries: np.ndarray,
    matrix: np.ndarray,
    k: int,
    mask: np.ndarray | None,
    block_rows: int,
    block_queries: int,
) -> tuple[np.ndarray, np.ndarray]:
    """Every query's best k rows (unsorted), block of rows by block of rows (see module doc)."""
    n, dim = matrix.shape
    best_rows = np.full((len(queries), 0), -1, dtype=np.int64)
    best_scores = np.full((len(queries), 0), -np.inf, dtype=np.float32)
    block_rows = max(1, block_rows)
    block_queries = max(1, block_queries)
    for r0 in range(0, n, block_rows):
        r1 = min(r0 + block_rows, n)
        if mask is None:
            ids = np.arange(r0, r1, dtype=np.int64)
            block = np.ascontiguousarray(matrix[r0:r1], dtype=np.float32)
        else:
            ids = r0 + np.flatnonzero(mask[r0:r1]).astype(np.int64)
            if not len(ids):
                continue
            block = matrix.take(ids, axis=0).astype(np.float32)
        size = min(k, len(ids))
        block_rows_found = np.empty((len(queries), size), dtype=np.int64)
        block_scores = np.empty((len(queries), size), dtype=np.float32)
        for q0 in range(0, len(queries), block_queries):
            q = queries[q0 : q0 + block_queries]
            scores = np.empty((len(q), size), dtype=np.float32)
            labels = np.empty((len(q), size), dtype=np.int64)
            faiss.knn_inner_product(
                faiss.swig_ptr(q),
                faiss.swig_ptr(block),
                dim,
                len(q),
                len(block),
                size,
                faiss.swig_ptr(scores),
                faiss.swig_ptr(labels),
            )
            missing = labels < 0
            scores[missing] = -np.inf
            block_rows_found[q0 : q0 + len(q)] = np.where(missing, -1, ids[labels])
            block_scores[q0 : q0 + len(q)] = scores
        best_rows, best_scores = _merge(best_rows, best_scores, block_rows_found, block_scores, k)
    return best_rows, best_scores


def top_k(
    query: np.ndarray,
    matrix: np.ndarray,
    k: int,
    mask: np.ndarray | None = None,
    block_rows: int = 262144,
) -> TopK:
    """The best k rows of `matrix` for one query vector, under `mask` (see module doc)."""
    query = np.ascontiguousarray(np.asarray(query).reshape(-1), dtype=np.float32)
    _check(query[None, :], matrix, k, mask)
    rows, scores = _scan_top_k(query, _scannable(matrix), k, mask, block_rows)
    return TopK(rows, scores)


def filtered_top_k(
    query: np.ndarray,
    matrix: np.ndarray,
    k: int,
    mask: np.ndarray | None,
    method: FilterMethod = "auto",
    block_rows: int = 262144,
    threads: int | None = None,
) -> TopK:
    """`top_k` with its choices made by the caller: `mask` applied as a "bitmap" (scan in place,
    skipping failing rows), by "gather" (copy the passing rows chunk by chunk, scan the copies) or
    "auto" (`top_k`'s choice by the share of rows that pass, `GATHER_SHARE`); `threads` overrides
    `SCAN_THREADS`. Every choice returns the same rows and scores (up to which of the rows tied at
    the k-th score is kept).
    """
    query = np.ascontiguousarray(np.asarray(query).reshape(-1), dtype=np.float32)
    _check(query[None, :], matrix, k, mask)
    rows, scores = _scan_top_k(query, _scannable(matrix), k, mask, block_rows, method, threads)
    return TopK(rows, scores)


def recall_at_k(found: np.ndarray, exact: np.ndarray) -> float:
    """Mean share of each query's exact top-k rows that `found` also returns ((q, k) arrays)."""
    hits = [
        len(np.intersect1d(f[f >= 0], e[e >= 0])) / max(1, int((e >= 0).sum()))
        for f, e in zip(found, exact, strict=True)
    ]
    return float(np.mean(hits)) if hits else 1.0
