"""Allocation across many assignments (`volex allocate`): build the candidate graph from the index,
solve it with the pure core (min-cost flow; programme targets as a MIP), store the run.

The graph has an edge volunteer -> assignment for each of an assignment's top `k` candidates
(the engine's filters and scores, weights of each host's programme); an assignment's positions are
the capacity of its node. Each volunteer is allocated to at most one assignment of the run.

Targets are written `gender:female>=0.5`, `gender:male<=0.6`, `nationality:KE<=0.3`, or
`nationality:*<=0.3` (at most that share for every nationality present in the graph).
"""

from __future__ import annotations

import re
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from django.db import transaction

from volex.accounts.models import User
from volex.assignments.models import Assignment
from volex.domain.matching.allocation import allocate_greedy, allocate_optimal
from volex.domain.matching.columns import GENDER_CODES
from volex.domain.matching.graph import Allocation, CandidateGraph
from volex.domain.matching.targets import Target, allocate_with_targets
from volex.domain.matching.types import Gender, MatchingInputError

from .fetch import SkillTaxonomy, fetch_assignment_needs
from .index import ProfileIndex, profile_index
from .models import AllocationResult, AllocationRun
from .pipeline import allowed_rows, rank_candidates
from .rules import ProgrammeRules
from .store import assignment_query

TARGET = re.compile(
    r"^(?P<kind>gender|nationality):(?P<group>\*|[A-Za-z]+)(?P<op>>=|<=)(?P<share>[0-9.]+)$"
)


@dataclass(frozen=True)
class TargetSpec:
    kind: str
    group: str
    op: str
    share: float

    @property
    def label(self) -> str:
        return f"{self.kind}:{self.group}{self.op}{self.share:g}"


def parse_target(text: str) -> TargetSpec:
    found = TARGET.match(text.strip())
    if not found:
        raise MatchingInputError(
            f"target {text!r}: write gender:female>=0.5, nationality:KE<=0.3 or nationality:*<=0.3"
        )
    share = float(found["share"])
    if not 0.0 <= share <= 1.0:
        raise MatchingInputError(f"target {text!r}: a share lies between 0 and 1")
    group = found["group"]
    if found["kind"] == "gender":
        if group.lower() not in {g.value for g in Gender}:
            raise MatchingInputError(f"target {text!r}: gender is female, male or other")
        group = group.lower()
    elif group == "*" and found["op"] != "<=":
        raise MatchingInputError(f"target {text!r}: every nationality takes only <=")
    else:
        group = group.upper()
    return TargetSpec(found["kind"], group, found["op"], share)


def _targets(specs: Sequence[TargetSpec], index: ProfileIndex, rows: np.ndarray) -> list[Target]:
    columns = index.columns
    n = len(columns)
    targets = []
    for spec in specs:
        groups: list[tuple[str, np.ndarray]] = []
        if spec.kind == "gender":
            code = GENDER_CODES[Gender(spec.group)]
            groups.append((spec.label, columns.gender[rows] == code))
        elif spec.group == "*":
            present = np.unique(
                columns.nationalities.column("country")[
                    np.flatnonzero(np.isin(columns.nationalities.owner.data, rows))
                ]
            )
            for country in present.tolist():
                code = columns.countries.codes[country]
                members = columns.nationalities.rows_with("country", country, n)[rows]
                groups.append((f"nationality:{code}<={spec.share:g}", members))
        else:
            country = columns.countries.get(spec.group)
            groups.append(
                (spec.label, columns.nationalities.rows_with("country", country, n)[rows])
            )
        for label, members in groups:
            low = spec.share if spec.op == ">=" else None
            high = spec.share if spec.op == "<=" else None
            targets.append(Target(label, members.astype(bool), low, high))
    return targets


@dataclass
class AllocationOutcome:
    run: AllocationRun
    allocation: Allocation
    greedy: Allocation | None
    graph: CandidateGraph
    assignment_ids: list[int]
    volunteer_ids: list[int]


def build_graph(
    assignments: Sequence[Assignment], *, k: int, index: ProfileIndex
) -> tuple[CandidateGraph, list[int], np.ndarray, list[str]]:
    """(graph, assignment ids, index rows of the graph's volunteers, notes on skipped ones)."""
    taxonomy = SkillTaxonomy()
    rules = ProgrammeRules.load()
    needs_by_id = fetch_assignment_needs([a.pk for a in assignments], taxonomy=taxonomy)
    edges_v: list[int] = []
    edges_a: list[int] = []
    edges_s: list[float] = []
    capacity: list[int] = []
    ids: list[int] = []
    notes: list[str] = []
    for assignment in assignments:
        needs = needs_by_id.get(assignment.pk)
        if needs is None:
            continue
        if needs.is_empty:
            notes.append(f"assignment {assignment.pk}: nothing to match on (no skills, no text)")
            continue
        weights, options = rules.for_host(assignment.host_id)
        query, _version = assignment_query(needs, assignment.pk)
        result = rank_candidates(
            needs, index, query, k, weights, options, allowed_rows(index, needs)
        )
        a = len(ids)
        ids.append(assignment.pk)
        capacity.append(needs.positions)
        for candidate in result.candidates:
            edges_v.append(candidate.row)
            edges_a.append(a)
            edges_s.append(max(0.0, candidate.components.total))
        if not result.candidates:
            notes.append(f"assignment {assignment.pk}: {result.reason or 'no candidate'}")
    rows, local = np.unique(np.asarray(edges_v, dtype=np.int64), return_inverse=True)
    graph = CandidateGraph.build(local, edges_a, edges_s, capacity, n_volunteers=len(rows))
    return graph, ids, rows, notes


def allocation_run(
    *,
    assignments: Sequence[Assignment],
    k: int = 50,
    targets: Sequence[str] = (),
    created_by: User | None = None,
) -> AllocationOutcome:
    """Allocate volunteers to `assignments` optimally (with `targets` if any) and store the run.
    Raises `MatchingInputError` (its `InfeasibleTargets` subclass included) for bad input."""
    if k < 1:
        raise MatchingInputError("k must be at least 1")
    specs = [parse_target(t) for t in targets]
    started = time.perf_counter()
    index = profile_index()
    graph, assignment_ids, rows, notes = build_graph(assignments, k=k, index=index)
    greedy = allocate_greedy(graph)
    unconstrained = None
    costs: list[dict[str, Any]] = []
    if specs and graph.n_edges:
        solved = allocate_with_targets(graph, _targets(specs, index, rows))
        allocation, unconstrained = solved.allocation, solved.unconstrained
        costs = [
            {"target": c.label, "objective": c.objective, "cost": c.cost} for c in solved.costs
        ]
    else:
        allocation = allocate_optimal(graph)
    volunteer_ids = [index.volunteer_id(int(r)) for r in rows]
    reason = allocation.reason or ""
    if notes:
        reason = "; ".join([*([reason] if reason else []), *notes])
    with transaction.atomic():
        run = AllocationRun.objects.create(
            parameters={"assignments": assignment_ids, "k": k, "targets": [s.label for s in specs]},
            method=allocation.method,
            encoder=index.encoder_name,
            objective=allocation.objective,
            unconstrained_objective=unconstrained.objective if unconstrained else None,
            greedy_objective=greedy.objective,
            target_costs=costs,
            edge_count=graph.n_edges,
            volunteer_count=graph.n_volunteers,
            positions=int(graph.capacity.sum()) if graph.n_assignments else 0,
            filled=len(allocation.edges),
            reason=reason,
            seconds=time.perf_counter() - started,
            created_by=created_by,
        )
        chosen: dict[int, list[int]] = {a: [] for a in range(graph.n_assignments)}
        score: dict[int, float] = dict.fromkeys(range(graph.n_assignments), 0.0)
        for e in allocation.edges.tolist():
            a = int(graph.assignment[e])
            chosen[a].append(volunteer_ids[int(graph.volunteer[e])])
            score[a] += float(graph.score[e])
        AllocationResult.objects.bulk_create(
            AllocationResult(
                run=run,
                assignment_id=assignment_ids[a],
                positions=int(graph.capacity[a]),
                filled=len(chosen[a]),
                score=round(score[a], 6),
                volunteer_ids=sorted(chosen[a]),
            )
            for a in range(graph.n_assignments)
        )
    return AllocationOutcome(run, allocation, greedy, graph, assignment_ids, volunteer_ids)
