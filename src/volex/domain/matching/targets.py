"""Programme targets on an allocation, solved as a MIP (HiGHS, through `scipy.optimize.milp`).

A target bounds the share of filled positions that go to a group of volunteers (women, one
nationality...), over all assignments or over a subset (a campaign): `min_share` <= members /
filled <= `max_share`, linear as sum over chosen edges of (member - share) >= 0 (or <= 0). The
constraint matrix is built from numpy arrays at once (sparse), so a MIP of a million edges is
set up without a Python loop; HiGHS solves it (the flow structure makes the relaxation nearly
integral).

`allocate_with_targets` also reports, for each target alone and for all of them together, what
it costs in objective against the unconstrained optimum (the min-cost flow). Targets that
contradict each other, or that can only be met by filling nothing, raise `InfeasibleTargets`.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse
from scipy.optimize import Bounds, LinearConstraint, milp

from .allocation import allocate_optimal
from .graph import Allocation, CandidateGraph
from .types import MatchingInputError


class InfeasibleTargets(MatchingInputError):
    """Targets that no allocation (or only the empty one) can meet."""


@dataclass(frozen=True)
class Target:
    """A share of filled positions for the volunteers in `members` (bool per volunteer)."""

    label: str
    members: np.ndarray
    min_share: float | None = None
    max_share: float | None = None
    assignments: np.ndarray | None = None  # bool per assignment: the scope; None: all

    def __post_init__(self) -> None:
        for share in (self.min_share, self.max_share):
            if share is not None and not 0.0 <= share <= 1.0:
                raise MatchingInputError(f"target {self.label!r}: a share lies between 0 and 1")
        if self.min_share is None and self.max_share is None:
            raise MatchingInputError(f"target {self.label!r} sets neither min_share nor max_share")
        if (
            self.min_share is not None
            and self.max_share is not None
            and self.min_share > self.max_share
        ):
            raise InfeasibleTargets(
                f"target {self.label!r}: min_share {self.min_share} > max_share {self.max_share}"
            )


@dataclass(frozen=True)
class TargetCost:
    label: str
    objective: float  # optimum with this target alone
    cost: float  # unconstrained optimum minus that


@dataclass(frozen=True)
class TargetedAllocation:
    allocation: Allocation  # with every target
    unconstrained: Allocation
    costs: tuple[TargetCost, ...]  # one per target, alone

    @property
    def total_cost(self) -> float:
        return self.unconstrained.objective - self.allocation.objective


def _check_contradictions(targets: Sequence[Target]) -> None:
    """Two targets on the same group and scope whose shares cannot both hold."""
    for i, one in enumerate(targets):
        for other in targets[i + 1 :]:
            same_scope = (one.assignments is None and other.assignments is None) or (
                one.assignments is not None
                and other.assignments is not None
                and np.array_equal(one.assignments, other.assignments)
            )
            if not same_scope:
                continue
            low = [t.min_share for t in (one, other) if t.min_share is not None]
            high = [t.max_share for t in (one, other) if t.max_share is not None]
            same = np.array_equal(one.members, other.members)
            complement = np.array_equal(one.members, ~other.members)
            if same and low and high and max(low) > min(high):
                raise InfeasibleTargets(
                    f"targets {one.label!r} and {other.label!r} ask for a share of the same group "
                    f"of at least {max(low)} and at most {min(high)}"
                )
            mins = [one.min_share or 0.0, other.min_share or 0.0]
            if complement and sum(mins) > 1.0:
                raise InfeasibleTargets(
                    f"targets {one.label!r} and {other.label!r} ask for shares of two "
                    f"complementary groups that add up to more than 1"
                )


def _solve(graph: CandidateGraph, targets: Sequence[Target], method: str) -> Allocation:
    started = time.perf_counter()
    e = graph.n_edges
    cols = np.arange(e)
    by_volunteer = sparse.csr_matrix(
        (np.ones(e), (graph.volunteer, cols)), shape=(graph.n_volunteers, e)
    )
    by_assignment = sparse.csr_matrix(
        (np.ones(e), (graph.assignment, cols)), shape=(graph.n_assignments, e)
    )
    constraints = [
        LinearConstraint(by_volunteer, -np.inf, 1),
        LinearConstraint(by_assignment, -np.inf, graph.capacity.astype(float)),
    ]
    for target in targets:
        member = target.members[graph.volunteer].astype(float)
        in_scope = (
            np.ones(e, bool) if target.assignments is None else target.assignments[graph.assignment]
        )
        for share, low, high in (
            (target.min_share, 0.0, np.inf),
            (target.max_share, -np.inf, 0.0),
        ):
            if share is not None:
                row = np.where(in_scope, member - share, 0.0)[None, :]
                constraints.append(LinearConstraint(sparse.csr_matrix(row), low, high))
    # Scores are whole millionths; a bonus of 1/(e+1) per filled edge adds less than one unit in
    # all, so it never beats a better score but, among equal scores, prefers filling a position
    # (a zero-score candidate who meets a target is better than leaving the position empty).
    fill_bonus = 1.0 / (e + 1)
    result = milp(
        c=-(graph.int_scores().astype(float) + fill_bonus),
        constraints=constraints,
        integrality=np.ones(e),
        bounds=Bounds(0, 1),
        options={"mip_rel_gap": 1e-9},
    )
    if result.x is None:
        raise InfeasibleTargets(f"no allocation meets the targets ({result.message})")
    chosen = np.flatnonzero(result.x > 0.5)
    return Allocation.of(graph, chosen, method, time.perf_counter() - started)


def allocate_with_targets(graph: CandidateGraph, targets: Sequence[Target]) -> TargetedAllocation:
    """The best allocation meeting every target, and what each target costs (see module doc)."""
    for target in targets:
        if len(target.members) != graph.n_volunteers:
            raise MatchingInputError(f"target {target.label!r}: one member flag per volunteer")
        if target.assignments is not None and len(target.assignments) != graph.n_assignments:
            raise MatchingInputError(f"target {target.label!r}: one scope flag per assignment")
    _check_contradictions(targets)
    free = allocate_optimal(graph)
    if graph.empty_reason():
        nothing = tuple(TargetCost(t.label, 0.0, 0.0) for t in targets)
        return TargetedAllocation(free, free, nothing)
    costs = []
    for target in targets:
        alone = _solve(graph, [target], f"milp[{target.label}]")
        costs.append(TargetCost(target.label, alone.objective, free.objective - alone.objective))
    best = _solve(graph, targets, "milp")
    if len(best.edges) == 0 and len(free.edges) > 0:
        labels = ", ".join(t.label for t in targets)
        raise InfeasibleTargets(
            f"the targets ({labels}) can only be met by leaving every position empty"
        )
    return TargetedAllocation(best, free, tuple(costs))
