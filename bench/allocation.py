"""Allocation on a random sparse candidate graph: min-cost flow vs greedy; deferred acceptance.

    PYTHONPATH=src .venv/bin/python bench/allocation.py                      # small default
    PYTHONPATH=src .venv/bin/python bench/allocation.py --volunteers 250000 --assignments 20000 \
        --edges 1000000

Issue 3 targets (2 cores): 250 k volunteers x 20 k assignments (50 k positions incl. surges of 700
and 2,000; ~1 M edges) <= 3 s, peak <= 2 GB; stable matching 250 k x 10 k, lists of 20 <= 5 s.
"""

from __future__ import annotations

import argparse
import resource
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from volex.domain.matching.allocation import (  # noqa: E402
    allocate_greedy,
    allocate_optimal,
    deferred_acceptance,
)
from volex.domain.matching.graph import CandidateGraph  # noqa: E402


def random_graph(n_v: int, n_a: int, n_e: int, seed: int = 0) -> CandidateGraph:
    rng = np.random.default_rng(seed)
    capacity = rng.integers(1, 4, n_a)
    capacity[0] = min(2000, max(1, n_v // 50))  # a surge
    capacity[1] = min(700, max(1, n_v // 100))
    popular = rng.zipf(1.3, n_e) % n_a  # some assignments draw many candidates
    keys = np.unique(rng.integers(0, n_v, n_e).astype(np.int64) * n_a + popular)
    return CandidateGraph.build(keys // n_a, keys % n_a, rng.random(len(keys)), capacity, n_v)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--volunteers", type=int, default=50_000)
    parser.add_argument("--assignments", type=int, default=4_000)
    parser.add_argument("--edges", type=int, default=200_000)
    args = parser.parse_args()
    graph = random_graph(args.volunteers, args.assignments, args.edges)
    print(
        f"{graph.n_volunteers:,} volunteers, {graph.n_assignments:,} assignments, "
        f"{int(graph.capacity.sum()):,} positions, {graph.n_edges:,} edges"
    )
    print(f"{'method':<22} {'seconds':>8} {'objective':>12} {'filled':>8} {'vs optimum':>10}")
    results = [allocate_optimal(graph), allocate_greedy(graph), deferred_acceptance(graph)]
    best = results[0].objective
    for r in results:
        share = r.objective / best if best else 1.0
        print(
            f"{r.method:<22} {r.seconds:>8.2f} {r.objective:>12.1f} {len(r.edges):>8,} "
            f"{share:>10.4f}"
        )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**10
    print(f"peak RSS of the process: {peak:,.0f} MiB")


if __name__ == "__main__":
    main()
