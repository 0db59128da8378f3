"""Allocation on a random sparse candidate graph: min-cost flow vs greedy; deferred acceptance.

    PYTHONPATH=src .venv/bin/python bench/allocation.py                      # small default
    PYTHONPATH=src .venv/bin/python bench/allocation.py --volunteers 250000 --assignments 20000 \
        --edges 1000000
    PYTHONPATH=src .venv/bin/python bench/allocation.py --volunteers 2000000 \
        --assignments 10000 --edges-per-volunteer 4 --skip-stable            # 8 M edges
    PYTHONPATH=src .venv/bin/python bench/allocation.py --volunteers 250000 \
        --assignments 10000 --edges-per-volunteer 20 --skip-optimal          # lists of 20

Issue 3 targets (2 cores): 250 k volunteers x 20 k assignments (50 k positions incl. surges of 700
and 2,000; ~1 M edges) <= 3 s, peak <= 2 GB; 2 M volunteers x 10 k assignments <= 15 s; stable
matching 250 k x 10 k, lists of 20 <= 5 s.

`--edges` draws that many (volunteer, assignment) pairs at random (duplicates dropped);
`--edges-per-volunteer K` (alias `--list-length`) gives every volunteer K distinct candidate
assignments instead, drawn by popularity. With `--preferences own` deferred acceptance uses each
volunteer's own ranking of their list (the order it was drawn in) rather than the score. Each
method's peak is the process's resident-set high-water mark while it ran (reset before it).
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from volex.domain.matching.allocation import (  # noqa: E402
    allocate_greedy,
    allocate_optimal,
    deferred_acceptance,
)
from volex.domain.matching.graph import Allocation, CandidateGraph  # noqa: E402


def _capacity(rng: np.random.Generator, n_v: int, n_a: int) -> np.ndarray:
    capacity = rng.integers(1, 4, n_a)
    capacity[0] = min(2000, max(1, n_v // 50))  # a surge
    if n_a > 1:
        capacity[1] = min(700, max(1, n_v // 100))
    return capacity


def random_graph(n_v: int, n_a: int, n_e: int, seed: int = 0) -> CandidateGraph:
    rng = np.random.default_rng(seed)
    capacity = _capacity(rng, n_v, n_a)
    popular = rng.zipf(1.3, n_e) % n_a  # some assignments draw many candidates
    keys = np.unique(rng.integers(0, n_v, n_e).astype(np.int64) * n_a + popular)
    return CandidateGraph.build(keys // n_a, keys % n_a, rng.random(len(keys)), capacity, n_v)


def lists_graph(n_v: int, n_a: int, k: int, seed: int = 0) -> tuple[CandidateGraph, np.ndarray]:
    """Every volunteer gets `min(k, n_a)` distinct assignments, drawn with popularity
    ~ 1/(rank+10) (the surges most popular); returns the graph and each edge's position in its
    volunteer's list (the volunteer's own preference, 0 = first choice)."""
    rng = np.random.default_rng(seed)
    capacity = _capacity(rng, n_v, n_a)
    k = min(k, n_a)
    weight = 1.0 / (np.arange(n_a) + 10.0)
    cdf = np.cumsum(weight / weight.sum())
    draws = 2 * k + 8  # draw extra, keep the first k distinct per volunteer
    picked = np.empty((n_v, k), dtype=np.int64)
    got = np.zeros(n_v, dtype=np.int64)
    for lo in range(0, n_v, 100_000):  # blocks bound the memory of the draw
        hi = min(n_v, lo + 100_000)
        choice = np.minimum(np.searchsorted(cdf, rng.random((hi - lo, draws))), n_a - 1)
        order = np.argsort(choice, axis=1, kind="stable")
        ranked = np.take_along_axis(choice, order, axis=1)
        first = np.ones_like(ranked, dtype=bool)
        first[:, 1:] = ranked[:, 1:] != ranked[:, :-1]
        keep = np.zeros_like(first)
        np.put_along_axis(keep, order, first, axis=1)  # first occurrence, in draw order
        position = np.cumsum(keep, axis=1) - 1
        keep &= position < k
        rows, cols = np.nonzero(keep)
        picked[lo + rows, position[rows, cols]] = choice[rows, cols]
        got[lo:hi] = keep.sum(axis=1)
    valid = np.arange(k)[None, :] < got[:, None]
    volunteer = np.broadcast_to(np.arange(n_v)[:, None], (n_v, k))[valid]
    own_rank = np.broadcast_to(np.arange(k)[None, :], (n_v, k))[valid].astype(np.float64)
    graph = CandidateGraph.build(
        volunteer, picked[valid], rng.random(len(volunteer)), capacity, n_v
    )
    return graph, own_rank


def _reset_peak() -> bool:
    try:
        Path("/proc/self/clear_refs").write_text("5")
        return True
    except OSError:
        return False


def _peak_mib() -> float:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 2**10
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**10


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--volunteers", type=int, default=50_000)
    parser.add_argument("--assignments", type=int, default=4_000)
    parser.add_argument("--edges", type=int, default=200_000)
    parser.add_argument(
        "--edges-per-volunteer", "--list-length", type=int, default=0, dest="per_volunteer"
    )
    parser.add_argument("--preferences", choices=("score", "own"), default="score")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--skip-optimal", action="store_true")
    parser.add_argument("--skip-greedy", action="store_true")
    parser.add_argument("--skip-stable", action="store_true")
    args = parser.parse_args()

    started = time.perf_counter()
    own_rank: np.ndarray | None = None
    if args.per_volunteer:
        graph, own_rank = lists_graph(
            args.volunteers, args.assignments, args.per_volunteer, args.seed
        )
    else:
        graph = random_graph(args.volunteers, args.assignments, args.edges, args.seed)
    rank = own_rank if args.preferences == "own" else None
    degree = np.bincount(graph.volunteer, minlength=graph.n_volunteers)
    print(
        f"{graph.n_volunteers:,} volunteers ({int((degree > 0).sum()):,} with a candidate edge), "
        f"{graph.n_assignments:,} assignments, {int(graph.capacity.sum()):,} positions, "
        f"{graph.n_edges:,} edges (max {int(degree.max()) if len(degree) else 0} per volunteer); "
        f"built in {time.perf_counter() - started:.1f} s, RSS peak so far {_peak_mib():,.0f} MiB"
    )
    methods: list[tuple[str, Callable[[], Allocation]]] = []
    if not args.skip_optimal:
        methods.append(("optimal", lambda: allocate_optimal(graph)))
    if not args.skip_greedy:
        methods.append(("greedy", lambda: allocate_greedy(graph)))
    if not args.skip_stable:
        methods.append(("stable", lambda: deferred_acceptance(graph, rank)))
    print(
        f"{'method':<28} {'seconds':>8} {'objective':>12} {'filled':>9} {'vs optimum':>10} "
        f"{'peak MiB':>9}"
    )
    best: float | None = None
    overall = _peak_mib()
    for _, run in methods:
        reset = _reset_peak()
        result = run()
        peak = _peak_mib()
        overall = max(overall, peak)
        if result.method == "min_cost_flow":
            best = result.objective
        share = f"{result.objective / best:>10.4f}" if best else f"{'-':>10}"
        label = result.method + (
            f" ({args.preferences})" if result.method.startswith("def") else ""
        )
        print(
            f"{label:<28} {result.seconds:>8.2f} {result.objective:>12.1f} "
            f"{len(result.edges):>9,} {share} {peak:>9,.0f}{'' if reset else '*'}"
        )
    print(f"peak RSS of the process: {max(overall, _peak_mib()):,.0f} MiB")


if __name__ == "__main__":
    main()
