"""Exact top-k retrieval over N profiles, with and without a filter; baseline in the same run.

    PYTHONPATH=src .venv/bin/python bench/matching_retrieval.py            # small default
    PYTHONPATH=src .venv/bin/python bench/matching_retrieval.py --n 2000000 --batch 10000

Issue 3 targets (2 M profiles x 384, 2 cores): top-50 median <= 100 ms exact, <= 20 ms with a filter
leaving 10 %; 10,000 assignments <= 6 min; memory <= 2 GB. Embeddings here are random unit vectors
(the cost of an exact scan does not depend on the values); recall of an approximate index must be
measured on real profile embeddings instead.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from volex.domain.matching.retrieval import batch_top_k, top_k  # noqa: E402


def median_ms(fn: object, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()  # type: ignore[operator]
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=200_000)
    parser.add_argument("--dim", type=int, default=384)
    parser.add_argument("--k", type=int, default=50)
    parser.add_argument("--repeat", type=int, default=9)
    parser.add_argument("--batch", type=int, default=200, help="assignments in the batch run")
    parser.add_argument("--dtype", choices=["float16", "float32"], default="float16")
    args = parser.parse_args()
    rng = np.random.default_rng(0)
    matrix = np.empty((args.n, args.dim), dtype=args.dtype)
    for start in range(0, args.n, 100_000):
        block = rng.standard_normal((min(100_000, args.n - start), args.dim), dtype=np.float32)
        block /= np.linalg.norm(block, axis=1, keepdims=True)
        matrix[start : start + len(block)] = block
    query = matrix[0].astype(np.float32)
    mask = rng.random(args.n) < 0.10
    matrix32 = matrix.astype(np.float32) if args.dtype == "float16" else matrix

    def baseline() -> None:  # naive: full score vector, full sort
        np.argsort(-(matrix32 @ query))[: args.k]

    rows = [
        ("baseline: full product + full argsort (f32 copy)", median_ms(baseline, args.repeat)),
        (
            f"exact top-{args.k}, blocked ({args.dtype})",
            median_ms(lambda: top_k(query, matrix, args.k), args.repeat),
        ),
        (
            f"exact top-{args.k}, 10 % filter ({args.dtype})",
            median_ms(lambda: top_k(query, matrix, args.k, mask), args.repeat),
        ),
    ]
    if args.dtype == "float16":
        rows.append(
            (
                f"exact top-{args.k}, blocked (float32 store)",
                median_ms(lambda: top_k(query, matrix32, args.k), args.repeat),
            )
        )
    queries = matrix[rng.integers(0, args.n, args.batch)].astype(np.float32)
    started = time.perf_counter()
    batch_top_k(queries, matrix, args.k)
    batch_s = time.perf_counter() - started
    full = batch_s * (10_000 / args.batch) * (2_000_000 / args.n)
    print(
        f"N={args.n:,} dim={args.dim} k={args.k} store={args.dtype} "
        f"({matrix.nbytes / 2**20:,.0f} MiB; "
        f"2 M rows: {matrix.nbytes / args.n * 2e6 / 2**30:.2f} GiB)"
    )
    print(f"{'operation':<52} {'median ms':>10}")
    for name, ms in rows:
        print(f"{name:<52} {ms:>10.1f}")
    print(
        f"{'batch top-' + str(args.k) + ' for ' + str(args.batch) + ' assignments (s)':<52} "
        f"{batch_s:>10.2f}"
    )
    print(f"{'  extrapolated: 10,000 x 2,000,000 (s, linear)':<52} {full:>10.0f}")


if __name__ == "__main__":
    main()
