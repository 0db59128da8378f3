"""Exact top-k retrieval over N profiles, with and without a filter; baselines in the same run.

    PYTHONPATH=src .venv/bin/python bench/matching_retrieval.py            # small default
    PYTHONPATH=src .venv/bin/python bench/matching_retrieval.py --n 2000000 --data clustered
    ... --n 2000000 --data clustered --dim 256   # the default encoder's dimension

Issue 3 targets (2 M profiles x 384, 2 cores): top-50 median <= 100 ms exact, <= 20 ms with a filter
leaving 10 %; 10,000 assignments <= 6 min; memory <= 2 GB. The store is float16 and read in place
by faiss (see `retrieval`). Embeddings are synthetic: `random` (unit Gaussian vectors) or
`clustered` (a mixture of Gaussians around 500 centres sharing a common direction, unit-normalised,
closer to the structure of sentence embeddings). The cost of an exact scan does not depend on the
values; recall figures (float16 store and int8 quantisation against exact float32 scores) hold for
the synthetic data named in the header, not for real profile embeddings.

Filters are random masks passing 1 %, 10 % and 50 % of the rows (random: the passing rows are
scattered, not grouped, the worst case for reading them). The exact scan and each filter are timed every way
they can run, in the same run and round by round: "bitmap" (faiss skips failing rows while
scanning in place; "bitmap, 1 thread" is the previous path) and "gather" (the passing rows copied
in cache-sized chunks and scanned there), each on 1 and 2 threads; "<- top_k" marks what `top_k`
does by default. `--dim 256` is the default encoder's dimension, 384 the MiniLM transformer's.

Timings are wall-clock medians (and the process CPU time of the median run, which shows how much a
loaded machine took away: a two-thread scan that gets both cores has CPU time close to 2x wall, one
whose CPU time equals its wall time had one core at most). The batch of 10,000 assignments is
extrapolated linearly from a measured batch and labelled so.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from volex.domain.matching.retrieval import (  # noqa: E402
    GATHER_SHARE,
    SCAN_THREADS,
    batch_top_k,
    filtered_top_k,
    recall_at_k,
)

BLOCK = 100_000  # rows generated per seeded block (regenerated in float32 for the ground truth)


class Data:
    """Deterministic synthetic embeddings, block by block (float32, unit norm)."""

    def __init__(self, kind: str, dim: int, seed: int = 0) -> None:
        self.kind, self.dim, self.seed = kind, dim, seed
        rng = np.random.default_rng((seed, 999))
        common = rng.standard_normal(dim).astype(np.float32)
        common /= np.linalg.norm(common)
        centres = rng.standard_normal((500, dim)).astype(np.float32)
        centres /= np.linalg.norm(centres, axis=1, keepdims=True)
        centres = centres + 0.5 * common  # a shared direction, as sentence embeddings have
        self.centres = centres / np.linalg.norm(centres, axis=1, keepdims=True)

    def block(self, index: int, size: int) -> np.ndarray:
        rng = np.random.default_rng((self.seed, index))
        x = rng.standard_normal((size, self.dim), dtype=np.float32)
        if self.kind == "clustered":
            # cosine to the centre ~0.7, between two members of a cluster ~0.5
            x = self.centres[rng.integers(0, len(self.centres), size)] + x / np.sqrt(self.dim)
        x /= np.linalg.norm(x, axis=1, keepdims=True)
        return x


def timed(fn: Callable[[], object], repeat: int) -> tuple[float, float]:
    """(median wall ms, CPU ms of the run closest to the median)."""
    return timed_together([fn], repeat)[0]


def timed_together(fns: list[Callable[[], object]], repeat: int) -> list[tuple[float, float]]:
    """`timed` for several functions, run in turn (round by round), so that a change in the
    machine's load falls on all of them alike."""
    runs: list[list[tuple[float, float]]] = [[] for _ in fns]
    for _ in range(repeat):
        for fn, own in zip(fns, runs, strict=True):
            wall, cpu = time.perf_counter(), time.process_time()
            fn()
            own.append(((time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000))
    out = []
    for own in runs:
        median = statistics.median(r[0] for r in own)
        out.append((median, min(own, key=lambda r: abs(r[0] - median))[1]))
    return out


def rss_gib() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 2**20
    return float("nan")


def exact_f32(data: Data, n: int, queries: np.ndarray, k: int) -> np.ndarray:
    """Exact top-k rows by float32 scores of the unrounded vectors (regenerated block by block)."""
    best_rows = np.zeros((len(queries), 0), dtype=np.int64)
    best_scores = np.zeros((len(queries), 0), dtype=np.float32)
    for b, start in enumerate(range(0, n, BLOCK)):
        block = data.block(b, min(BLOCK, n - start))
        scores = queries @ block.T
        rows = np.broadcast_to(np.arange(start, start + len(block)), scores.shape)
        all_s = np.concatenate([best_scores, scores], axis=1)
        all_r = np.concatenate([best_rows, rows], axis=1)
        keep = np.argpartition(-all_s, k - 1, axis=1)[:, :k]
        best_scores = np.take_along_axis(all_s, keep, axis=1)
        best_rows = np.take_along_axis(all_r, keep, axis=1)
    return best_rows


def int8_top_k(matrix: np.ndarray, queries: np.ndarray, k: int, rescore: int) -> np.ndarray:
    """Top-k by int8 scalar quantisation (one scale per dimension), then (when `rescore`) the
    best `rescore` rows re-scored from the float16 store. Measures recall, not speed."""
    scale = np.zeros(matrix.shape[1], dtype=np.float32)
    for start in range(0, len(matrix), BLOCK):
        scale = np.maximum(scale, np.abs(matrix[start : start + BLOCK]).max(axis=0))
    scale = 127.0 / np.maximum(scale, 1e-12)
    width = max(k, rescore)
    best_rows = np.zeros((len(queries), 0), dtype=np.int64)
    best_scores = np.zeros((len(queries), 0), dtype=np.float32)
    for start in range(0, len(matrix), BLOCK):
        block = np.rint(matrix[start : start + BLOCK].astype(np.float32) * scale)
        scores = queries @ (block / scale).T
        rows = np.broadcast_to(np.arange(start, start + len(block)), scores.shape)
        all_s = np.concatenate([best_scores, scores], axis=1)
        all_r = np.concatenate([best_rows, rows], axis=1)
        keep = np.argpartition(-all_s, width - 1, axis=1)[:, :width]
        best_scores = np.take_along_axis(all_s, keep, axis=1)
        best_rows = np.take_along_axis(all_r, keep, axis=1)
    if rescore:
        exact = np.einsum("qd,qrd->qr", queries, matrix[best_rows].astype(np.float32))
        best_rows = np.take_along_axis(best_rows, np.argsort(-exact, axis=1)[:, :k], axis=1)
    else:
        best_rows = np.take_along_axis(best_rows, np.argsort(-best_scores, axis=1)[:, :k], axis=1)
    return best_rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=200_000)
    parser.add_argument("--dim", type=int, default=384)
    parser.add_argument("--k", type=int, default=50)
    parser.add_argument("--repeat", type=int, default=9)
    parser.add_argument("--batch", type=int, default=200, help="assignments in the measured batch")
    parser.add_argument("--baseline-n", type=int, default=200_000, help="rows for the baselines")
    parser.add_argument("--data", choices=["random", "clustered"], default="random")
    parser.add_argument("--recall-queries", type=int, default=20)
    parser.add_argument("--no-int8", action="store_true", help="skip the int8 recall rows")
    args = parser.parse_args()
    data = Data(args.data, args.dim)
    matrix = np.empty((args.n, args.dim), dtype=np.float16)
    for b, start in enumerate(range(0, args.n, BLOCK)):
        matrix[start : start + BLOCK] = data.block(b, min(BLOCK, args.n - start))
    rss_store = rss_gib()
    rng = np.random.default_rng(1)
    query_data = Data(args.data, args.dim, seed=1)  # same centres, other draws
    queries = query_data.block(0, max(args.batch, args.recall_queries))
    query = queries[0]
    mask = rng.random(args.n) < 0.10
    k = args.k
    results: list[tuple[str, float, float | None]] = []

    base_n = min(args.baseline_n, args.n)
    base32 = matrix[:base_n].astype(np.float32)
    base16 = matrix[:base_n]

    def baseline() -> None:  # naive: full score vector, full sort
        np.argsort(-(base32 @ query))[:k]

    def numpy_blocked_f16() -> None:  # the previous implementation's inner loop, one query
        best = np.zeros(0, dtype=np.float32)
        for r0 in range(0, base_n, 262_144):
            scores = base16[r0 : r0 + 262_144].astype(np.float32) @ query
            best = np.partition(np.concatenate([best, scores]), -k)[-k:]

    scale = args.n / base_n
    for name, fn in [
        (f"baseline: numpy f32 full product + argsort, N={base_n:,}", baseline),
        (f"previous: numpy blocked f16->f32, N={base_n:,}", numpy_blocked_f16),
    ]:
        ms, cpu = timed(fn, args.repeat)
        results.append((name, ms, cpu))
        results.append((f"  same, extrapolated x{scale:g} to N={args.n:,}", ms * scale, None))
    base32 = np.zeros((0, args.dim), dtype=np.float32)  # free the baseline copy

    # The exact scan and the filters, each way it can run, timed round by round in one loop.
    # "1 thread, bitmap" is the previous path; "<- top_k" marks what top_k does by default.
    # A filter is a random mask (the worst case for reading rows: the passing rows are scattered);
    # "bitmap" scans the matrix in place and skips failing rows; "gather" copies the passing rows,
    # 1.5 MiB at a time, and scans the copies (top_k: when at most GATHER_SHARE pass).
    ways = [(1, "bitmap"), (2, "bitmap"), (1, "gather"), (2, "gather")]
    results.extend(
        (f"exact top-{k}, faiss scan of f16 store, {t} thread{'s' * (t > 1)}{mark}", *timing)
        for t, mark, timing in zip(
            (1, 2),
            [" <- top_k" if t == SCAN_THREADS else "" for t in (1, 2)],
            timed_together(
                [lambda t=t: filtered_top_k(query, matrix, k, None, threads=t) for t in (1, 2)],
                args.repeat,
            ),
            strict=True,
        )
    )
    for share, kk in [(0.01, k), (0.10, k), (0.50, k), (0.10, 10_000)]:
        share_mask = mask if share == 0.10 else rng.random(args.n) < share
        label = f"top-{kk:,}{' (shortlist)' if kk > k else ''}, {share:.0%} filter"
        chosen = "gather" if share_mask.sum() <= GATHER_SHARE * args.n else "bitmap"
        timings = timed_together(
            [
                lambda m=share_mask, kk=kk, t=t, w=w: filtered_top_k(
                    query, matrix, kk, m, w, threads=t
                )
                for t, w in ways
            ],
            args.repeat,
        )
        for (t, w), timing in zip(ways, timings, strict=True):
            mark = " <- top_k" if (w, t) == (chosen, SCAN_THREADS) else ""
            old = " (old)" if (w, t) == ("bitmap", 1) else ""
            results.append((f"{label}: {w}, {t} thread{'s' * (t > 1)}{old}{mark}", *timing))
    results.append(
        (
            "flatnonzero of the 10 % mask (in the filter rows)",
            *timed(lambda: np.flatnonzero(mask), 9),
        )
    )
    results.append(
        ("packbits of the 10 % mask (in the bitmap rows)", *timed(lambda: np.packbits(mask), 9))
    )

    wall, cpu = time.perf_counter(), time.process_time()
    batch_top_k(queries[: args.batch], matrix, k)
    batch_s, batch_cpu = time.perf_counter() - wall, time.process_time() - cpu
    extrapolated = batch_s * 10_000 / args.batch * 2_000_000 / args.n

    recall_q = queries[: args.recall_queries]
    truth = exact_f32(data, args.n, recall_q, k)
    found16, _ = batch_top_k(recall_q, matrix, k)
    recalls = [(f"f16 store, exact scan (top_k), vs f32 exact [{args.data}]", found16)]
    if not args.no_int8:
        recalls.append((f"int8 SQ (per-dim scale), no re-score [{args.data}]", None))
        recalls.append((f"int8 SQ + f16 re-score of best {4 * k} [{args.data}]", None))

    print(
        f"N={args.n:,} dim={args.dim} k={k} store=float16 data={args.data} "
        f"(2 M rows: {args.dim * 2 * 2e6 / 2**30:.2f} GiB of vectors)"
    )
    print(f"{'operation':<62} {'median ms':>10} {'cpu ms':>8}")
    for name, ms, cpu_ms in results:
        cpu_text = f"{cpu_ms:>8.1f}" if cpu_ms is not None else f"{'':>8}"
        print(f"{name:<62} {ms:>10.1f} {cpu_text}")
    print(
        f"{f'batch top-{k}, {args.batch} assignments, measured (s)':<62} {batch_s:>10.2f} "
        f"{batch_cpu:>8.1f}"
    )
    print(f"{'  extrapolated: 10,000 x 2,000,000 (s, linear)':<62} {extrapolated:>10.0f}")
    print(f"{'memory':<62} {'GiB':>10}")
    print(f"{'  embedding store (matrix.nbytes)':<62} {matrix.nbytes / 2**30:>10.2f}")
    print(f"{'  process RSS after building the store':<62} {rss_store:>10.2f}")
    print(f"{'  process RSS now / peak (incl. baselines, ground truth)':<62} {rss_gib():>10.2f}")
    print(f"{'':<62} {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20:>10.2f}")
    print(f"{f'recall@{k} over {len(recall_q)} queries':<62} {'recall':>10}")
    for name, found in recalls:
        if found is None:
            rescore = 4 * k if "re-score" in name else 0
            found = int8_top_k(matrix, recall_q, k, rescore)
        print(f"{'  ' + name:<62} {recall_at_k(found, truth):>10.4f}")


if __name__ == "__main__":
    main()
