"""The sparse candidate graph that allocation works on, and an allocation of it."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .types import MatchingInputError

SCALE = 1_000_000  # scores become integer costs in millionths for the min-cost flow


@dataclass(frozen=True)
class CandidateGraph:
    """Edges volunteer -> assignment with a score >= 0; `capacity[a]` positions per assignment.

    Volunteers and assignments are dense indices (0..n_volunteers-1, 0..len(capacity)-1); the
    caller keeps the mapping to ids. An assignment's positions are a capacity, not one node each.
    """

    volunteer: np.ndarray
    assignment: np.ndarray
    score: np.ndarray
    capacity: np.ndarray
    n_volunteers: int

    def __post_init__(self) -> None:
        e = len(self.volunteer)
        if len(self.assignment) != e or len(self.score) != e:
            raise MatchingInputError("volunteer, assignment and score must have one entry per edge")
        if np.any(self.capacity < 0):
            raise MatchingInputError("an assignment cannot have a negative number of positions")
        if e == 0:
            return
        if not np.all(np.isfinite(self.score)) or np.any(self.score < 0):
            raise MatchingInputError("scores must be finite and non-negative")
        if self.volunteer.min() < 0 or self.volunteer.max() >= self.n_volunteers:
            raise MatchingInputError("a volunteer index is out of range")
        if self.assignment.min() < 0 or self.assignment.max() >= len(self.capacity):
            raise MatchingInputError("an assignment index is out of range")
        keys = self.volunteer.astype(np.int64) * len(self.capacity) + self.assignment
        if len(np.unique(keys)) != e:
            raise MatchingInputError("an edge volunteer -> assignment appears twice")

    @classmethod
    def build(
        cls,
        volunteer: object,
        assignment: object,
        score: object,
        capacity: object,
        n_volunteers: int | None = None,
    ) -> CandidateGraph:
        v = np.asarray(volunteer, dtype=np.int64)
        a = np.asarray(assignment, dtype=np.int64)
        s = np.asarray(score, dtype=np.float64)
        c = np.asarray(capacity, dtype=np.int64)
        n = int(v.max()) + 1 if n_volunteers is None and len(v) else (n_volunteers or 0)
        return cls(v, a, s, c, n)

    @property
    def n_edges(self) -> int:
        return len(self.volunteer)

    @property
    def n_assignments(self) -> int:
        return len(self.capacity)

    def int_scores(self) -> np.ndarray:
        scores: np.ndarray = np.rint(self.score * SCALE).astype(np.int64)
        return scores

    def empty_reason(self) -> str | None:
        if self.n_edges == 0:
            return "no candidate edges (an empty pool or no one passes the filters)"
        if int(self.capacity.sum()) == 0:
            return "no open positions"
        return None


@dataclass(frozen=True)
class Allocation:
    """Chosen edges (indices into the graph), the objective, and how it was found."""

    edges: np.ndarray
    volunteer: np.ndarray
    assignment: np.ndarray
    objective: float
    filled: np.ndarray  # positions filled per assignment
    method: str
    seconds: float = 0.0
    reason: str | None = None  # why nothing was allocated, when nothing was

    @property
    def int_objective(self) -> int:
        """The objective in integer millionths (exact comparisons between solvers)."""
        return int(np.rint(self.objective * SCALE))

    @classmethod
    def of(
        cls, graph: CandidateGraph, edges: np.ndarray, method: str, seconds: float = 0.0
    ) -> Allocation:
        edges = np.sort(np.asarray(edges, dtype=np.int64))
        assignment = graph.assignment[edges]
        return cls(
            edges=edges,
            volunteer=graph.volunteer[edges],
            assignment=assignment,
            objective=float(graph.int_scores()[edges].sum()) / SCALE,
            filled=np.bincount(assignment, minlength=graph.n_assignments),
            method=method,
            seconds=seconds,
            reason=None if len(edges) else graph.empty_reason(),
        )
