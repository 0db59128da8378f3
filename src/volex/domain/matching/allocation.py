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
    """Edges grouped by volunteer, each volunteer's most preferred first (ties: lower assignment).

    One sort of a packed integer key (volunteer, dense rank, assignment) where it fits in 64 bits;
    `np.lexsort` of the three keys otherwise (the same order, about twice as slow)."""
    rank = -graph.score if volunteer_rank is None else np.asarray(volunteer_rank)
    if len(rank) != graph.n_edges:
        raise MatchingInputError("volunteer_rank must have one entry per edge")
    distinct, dense = np.unique(rank + 0.0, return_inverse=True)  # + 0.0: -0.0 ties with 0.0
    if graph.n_volunteers * len(distinct) * graph.n_assignments >= 2**62:
        return np.lexsort((graph.assignment, rank, graph.volunteer))
    key = (graph.volunteer * len(distinct) + dense.reshape(-1)) * graph.n_assignments
    order: np.ndarray = np.argsort(key + graph.assignment)  # keys are unique: (v, a) is
    return order


def deferred_acceptance(
    graph: CandidateGraph, volunteer_rank: np.ndarray | None = None
) -> Allocation:
    """Volunteer-proposing deferred acceptance (Gale-Shapley) with capacities.

    Volunteers rank their edges by `volunteer_rank` (lower is preferred; by default the score,
    best first); assignments rank volunteers by score, ties to the lower volunteer index. The
    result is stable and the best stable matching for volunteers.

    Each assignment keeps a min-heap of the keys it holds, a key being one integer per edge that
    orders (score, -volunteer); `floor[a]` is the key a proposal must beat (-1 while positions are
    free, above every key when there are none), so a rejection costs one comparison.
    """
    started = time.perf_counter()
    if graph.empty_reason():
        return Allocation.of(graph, np.zeros(0, dtype=np.int64), "deferred_acceptance")
    order = _preference_order(graph, volunteer_rank)
    n_v = graph.n_volunteers
    span = n_v + 1  # key = priority * span + (n_v - v): higher priority, then lower v, wins
    priority = graph.int_scores()
    if int(priority.max()) < (2**62) // span:
        keys = priority * span + (n_v - graph.volunteer)
        proposal_keys = keys[order].tolist()
        top = int(keys.max()) + 1
    else:  # exact Python integers where int64 would overflow
        proposal_keys = [
            p * span + n_v - v
            for p, v in zip(priority[order].tolist(), graph.volunteer[order].tolist(), strict=True)
        ]
        top = max(proposal_keys) + 1
    proposal_assignment = graph.assignment[order].tolist()
    capacity = graph.capacity.tolist()
    floor = [-1 if c > 0 else top for c in capacity]
    counts = np.bincount(graph.volunteer, minlength=n_v)
    ends = np.cumsum(counts)
    next_choice = (ends - counts).tolist()
    end_of = ends.tolist()
    held: list[list[int]] = [[] for _ in capacity]
    heappush, heapreplace = heapq.heappush, heapq.heapreplace
    free = np.flatnonzero(counts)[::-1].tolist()
    while free:
        v = free.pop()
        i, end = next_choice[v], end_of[v]
        while i < end:
            key, a = proposal_keys[i], proposal_assignment[i]
            i += 1
            if key > floor[a]:
                heap = held[a]
                if len(heap) < capacity[a]:
                    heappush(heap, key)
                    if len(heap) == capacity[a]:
                        floor[a] = heap[0]
                else:
                    free.append(n_v - heapreplace(heap, key) % span)
                    floor[a] = heap[0]
                break
        next_choice[v] = i
    # a volunteer who holds a position holds the last one they proposed to
    holders = np.array([n_v - key % span for heap in held for key in heap], dtype=np.int64)
    chosen = order[np.asarray(next_choice, dtype=np.int64)[holders] - 1]
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
