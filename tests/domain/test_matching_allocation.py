"""Allocation: capacities hold, the flow is optimal, deferred acceptance is stable, targets hold."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import linear_sum_assignment

from volex.domain.matching.allocation import (
    allocate_greedy,
    allocate_optimal,
    blocking_pairs,
    deferred_acceptance,
)
from volex.domain.matching.graph import CandidateGraph
from volex.domain.matching.targets import InfeasibleTargets, Target, allocate_with_targets
from volex.domain.matching.types import MatchingInputError


@st.composite
def graphs(draw: st.DrawFn, max_v: int = 12, max_a: int = 5) -> CandidateGraph:
    n_v, n_a = draw(st.integers(1, max_v)), draw(st.integers(1, max_a))
    pairs = draw(st.sets(st.tuples(st.integers(0, n_v - 1), st.integers(0, n_a - 1))))
    pairs_list = sorted(pairs)
    scores = draw(st.lists(st.integers(0, 20), min_size=len(pairs_list), max_size=len(pairs_list)))
    capacity = draw(st.lists(st.integers(0, 3), min_size=n_a, max_size=n_a))
    return CandidateGraph.build(
        [p[0] for p in pairs_list],
        [p[1] for p in pairs_list],
        np.array(scores) / 20,
        capacity,
        n_v,
    )


def _check_capacities(graph: CandidateGraph, edges: np.ndarray) -> None:
    assert len(set(graph.volunteer[edges].tolist())) == len(edges)
    filled = np.bincount(graph.assignment[edges], minlength=graph.n_assignments)
    assert (filled <= graph.capacity).all()


def _lsa_optimum(graph: CandidateGraph) -> int:
    """Independent optimum: one column per position, a zero for 'not matched'."""
    columns = np.repeat(np.arange(graph.n_assignments), graph.capacity)
    if len(columns) == 0 or graph.n_edges == 0:
        return 0
    value = np.zeros((graph.n_volunteers, graph.n_assignments), dtype=np.int64)
    value[graph.volunteer, graph.assignment] = graph.int_scores()
    expanded = value[:, columns]
    rows, cols = linear_sum_assignment(expanded, maximize=True)
    return int(expanded[rows, cols].sum())


@settings(max_examples=150, deadline=None)
@given(graph=graphs())
def test_flow_is_optimal_and_every_method_respects_capacities(graph: CandidateGraph) -> None:
    optimal = allocate_optimal(graph)
    greedy = allocate_greedy(graph)
    stable = deferred_acceptance(graph)
    for allocation in (optimal, greedy, stable):
        _check_capacities(graph, allocation.edges)
        assert allocation.int_objective <= optimal.int_objective
    assert optimal.int_objective == _lsa_optimum(graph)


@settings(max_examples=150, deadline=None)
@given(graph=graphs(), seed=st.integers(0, 2**16))
def test_deferred_acceptance_is_stable(graph: CandidateGraph, seed: int) -> None:
    own_ranks = np.random.default_rng(seed).permutation(graph.n_edges).astype(float)
    for rank in (None, own_ranks):
        allocation = deferred_acceptance(graph, rank)
        _check_capacities(graph, allocation.edges)
        assert blocking_pairs(graph, allocation, rank) == []


@settings(max_examples=25, deadline=None)
@given(
    graph=graphs(max_v=10, max_a=3),
    seed=st.integers(0, 2**16),
    share=st.sampled_from([0.3, 0.5]),
)
def test_targets_hold_and_cost_at_least_nothing(
    graph: CandidateGraph, seed: int, share: float
) -> None:
    women = np.random.default_rng(seed).random(graph.n_volunteers) < 0.5
    target = Target("women", women, min_share=share)
    try:
        result = allocate_with_targets(graph, [target])
    except InfeasibleTargets:
        open_edges = graph.capacity[graph.assignment] > 0
        assert not women[graph.volunteer[open_edges]].any()
        return
    chosen = result.allocation
    _check_capacities(graph, chosen.edges)
    assert women[chosen.volunteer].sum() >= share * len(chosen.edges) - 1e-9
    assert result.costs[0].cost >= -1e-9
    assert chosen.objective <= result.unconstrained.objective + 1e-9


def test_target_cost_is_reported() -> None:
    # two positions; the two best volunteers are men; half of the positions must go to women
    graph = CandidateGraph.build([0, 1, 2, 3], [0, 0, 0, 0], [0.9, 0.8, 0.5, 0.4], [2], 4)
    women = np.array([False, False, True, True])
    result = allocate_with_targets(graph, [Target("women", women, min_share=0.5)])
    assert sorted(result.allocation.volunteer.tolist()) == [0, 2]
    assert result.costs[0].cost == pytest.approx(0.3)
    assert result.total_cost == pytest.approx(0.3)


def test_contradictory_targets_raise_a_clear_error() -> None:
    graph = CandidateGraph.build([0, 1], [0, 0], [0.9, 0.8], [2], 2)
    women = np.array([True, False])
    with pytest.raises(InfeasibleTargets, match="at least 0.6 and at most 0.4"):
        allocate_with_targets(
            graph, [Target("w>=", women, min_share=0.6), Target("w<=", women, max_share=0.4)]
        )
    with pytest.raises(InfeasibleTargets, match="complementary"):
        allocate_with_targets(
            graph, [Target("w", women, min_share=0.6), Target("m", ~women, min_share=0.6)]
        )
    with pytest.raises(InfeasibleTargets, match="leaving every position empty"):
        allocate_with_targets(graph, [Target("nobody", np.zeros(2, bool), min_share=0.5)])
    with pytest.raises(MatchingInputError):
        Target("bad", women, min_share=1.5)


def test_empty_inputs_give_an_empty_allocation_with_a_reason() -> None:
    empty = CandidateGraph.build([], [], [], [3], 0)
    for method in (allocate_optimal, allocate_greedy, deferred_acceptance):
        allocation = method(empty)
        assert len(allocation.edges) == 0
        assert allocation.reason and "no candidate edges" in allocation.reason
    closed = CandidateGraph.build([0], [0], [0.5], [0], 1)
    assert allocate_optimal(closed).reason == "no open positions"
    with pytest.raises(MatchingInputError, match="twice"):
        CandidateGraph.build([0, 0], [0, 0], [0.5, 0.6], [1], 1)
    with pytest.raises(MatchingInputError, match="non-negative"):
        CandidateGraph.build([0], [0], [-0.5], [1], 1)
