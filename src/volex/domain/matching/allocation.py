"""Allocating volunteers to many assignments at once.

- `allocate_optimal`: the exact optimum as a min-cost flow (OR-Tools `SimpleMinCostFlow`):
  source -> volunteer (capacity 1) -> assignment (capacity 1, cost -score in millionths) ->
  sink (capacity = positions), plus a source -> sink bypass so that positions may stay unfilled.
  Each volunteer serves at most one assignment, each assignment takes up to its positions.
- `allocate_greedy`: the baseline: best edges first while both ends have room.
- `allocate_with_targets` (in `targets`): programme targets as a MIP.
- `deferred_acceptance`: volunteer-proposing deferred acceptance with capacities (stable).
"""

from __future__ import annotations

import heapq
import time

import numpy as np
from ortools.graph.python import min_cost_flow

from .graph import Allocation, CandidateGraph
from .types import MatchingInputError


def allocate_optimal(graph: CandidateGraph) -> Allocation:
    """The allocation of maximum total score (integer millionths, so exact)."""
    started = time.perf_counter()
    if graph.empty_reason():
        return Allocation.of(graph, np.zeros(0, dtype=np.int64), "min_cost_flow")
    volunteers, local = np.unique(graph.volunteer, return_inverse=True)
    n_v, n_a = len(volunteers), graph.n_assignments
    source, sink = 0, 1 + n_v + n_a
    supply = int(min(n_v, int(graph.capacity.sum())))
    tails = np.concatenate(
        [np.zeros(n_v, np.int64), 1 + local, 1 + n_v + np.arange(n_a), np.array([source])]
    )
    heads = np.concatenate(
        [1 + np.arange(n_v), 1 + n_v + graph.assignment, np.full(n_a, sink), np.array([sink])]
    )
    capacities = np.concatenate(
        [np.ones(n_v + graph.n_edges, np.int64), graph.capacity, np.array([supply])]
    )
    costs = np.concatenate(
        [np.zeros(n_v, np.int64), -graph.int_scores(), np.zeros(n_a + 1, np.int64)]
    )
    flow = min_cost_flow.SimpleMinCostFlow()
    flow.add_arcs_with_capacity_and_unit_cost(tails, heads, capacities, costs)
    supplies = np.zeros(sink + 1, dtype=np.int64)
    supplies[source], supplies[sink] = supply, -supply
    flow.set_nodes_supplies(np.arange(sink + 1), supplies)
    status = flow.solve()
    if status != flow.OPTIMAL:
        raise MatchingInputError(f"the min-cost flow did not solve: status {status}")
    edge_arcs = np.arange(n_v, n_v + graph.n_edges)
    chosen = np.flatnonzero(flow.flows(edge_arcs) > 0)
    return Allocation.of(graph, chosen, "min_cost_flow", time.perf_counter() - started)


def allocate_greedy(graph: CandidateGraph) -> Allocation:
    """Take edges from the best score down while the volunteer is free and positions remain."""
    started = time.perf_counter()
    order = np.lexsort((np.arange(graph.n_edges), -graph.int_scores()))
    free = np.ones(graph.n_volunteers, dtype=bool)
    left = graph.capacity.astype(np.int64).copy()
    volunteers, assignments = graph.volunteer.tolist(), graph.assignment.tolist()
    free_list, left_list = free.tolist(), left.tolist()
    chosen: list[int] = []
    for e in order.tolist():
        v, a = volunteers[e], assignments[e]
        if free_list[v] and left_list[a] > 0:
            free_list[v] = False
            left_list[a] -= 1
            chosen.append(e)
    return Allocation.of(graph, np.array(chosen, np.int64), "greedy", time.perf_counter() - started)


def _preference_order(graph: CandidateGraph, volunteer_rank: np.ndarray | None) -> np.ndarray:
    """Edges grouped by volunteer, each volunteer's most preferred first."""
    rank = -graph.score if volunteer_rank is None else np.asarray(volunteer_rank)
    if len(rank) != graph.n_edges:
        raise MatchingInputError("volunteer_rank must have one entry per edge")
    return np.lexsort((graph.assignment, rank, graph.volunteer))


def deferred_acceptance(
    graph: CandidateGraph, volunteer_rank: np.ndarray | None = None
) -> Allocation:
    """Volunteer-proposing deferred acceptance (Gale-Shapley) with capacities.

    Volunteers rank their edges by `volunteer_rank` (lower is preferred; by default the score,
    best first); assignments rank volunteers by score, ties to the lower volunteer index. The
    result is stable and the best stable matching for volunteers.
    """
    started = time.perf_counter()
    if graph.empty_reason():
        return Allocation.of(graph, np.zeros(0, dtype=np.int64), "deferred_acceptance")
    order = _preference_order(graph, volunteer_rank).tolist()
    volunteers = graph.volunteer.tolist()
    assignments = graph.assignment.tolist()
    priority = graph.int_scores().tolist()
    capacity = graph.capacity.tolist()
    counts = np.bincount(graph.volunteer, minlength=graph.n_volunteers)
    starts = (np.cumsum(counts) - counts).tolist()
    ends = np.cumsum(counts).tolist()
    next_choice = list(starts)
    held: list[list[tuple[int, int, int]]] = [[] for _ in capacity]  # (priority, -v, edge) heaps
    free = [v for v in range(graph.n_volunteers) if counts[v]]
    while free:
        v = free.pop()
        while next_choice[v] < ends[v]:
            e = order[next_choice[v]]
            next_choice[v] += 1
            a = assignments[e]
            heap = held[a]
            key = (priority[e], -volunteers[e], e)
            if len(heap) < capacity[a]:
                heapq.heappush(heap, key)
                break
            if heap and key > heap[0]:
                evicted = heapq.heapreplace(heap, key)
                free.append(-evicted[1])
                break
    chosen = np.array([e for heap in held for _, _, e in heap], dtype=np.int64)
    return Allocation.of(graph, chosen, "deferred_acceptance", time.perf_counter() - started)


def blocking_pairs(
    graph: CandidateGraph, allocation: Allocation, volunteer_rank: np.ndarray | None = None
) -> list[int]:
    """Edges (v, a) that block `allocation`: v prefers a to their match (or has none) and a has a
    free position or holds someone it ranks below v. Empty for a stable allocation."""
    rank = -graph.score if volunteer_rank is None else np.asarray(volunteer_rank, dtype=float)
    scores = graph.int_scores()
    match_rank = np.full(graph.n_volunteers, np.inf)
    match_rank[allocation.volunteer] = rank[allocation.edges]
    worst: dict[int, tuple[int, int]] = {}
    for e in allocation.edges.tolist():
        a, key = int(graph.assignment[e]), (int(scores[e]), -int(graph.volunteer[e]))
        worst[a] = min(worst.get(a, key), key)
    blocking = []
    for e in range(graph.n_edges):
        v, a = int(graph.volunteer[e]), int(graph.assignment[e])
        if rank[e] >= match_rank[v] or graph.capacity[a] == 0:
            continue
        full = allocation.filled[a] >= graph.capacity[a]
        if not full or (int(scores[e]), -v) > worst[a]:
            blocking.append(e)
    return blocking
