"""One assignment against a pool, and bad input."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import numpy as np
import pytest

from volex.domain.categories import Category
from volex.domain.matching.columns import ProfileColumns
from volex.domain.matching.encoders import HashingEncoder
from volex.domain.matching.engine import Pairing, match_assignment, rank_explained
from volex.domain.matching.filters import FilterOptions
from volex.domain.matching.scoring import explain, relatedness
from volex.domain.matching.text import assignment_text, profile_text
from volex.domain.matching.types import (
    AssignmentNeeds,
    MatchingInputError,
    MatchWeights,
    Period,
    ProfileFacts,
    SkillFact,
    SkillNeed,
)

ENCODER = HashingEncoder(dim=128)
NEEDS = AssignmentNeeds(
    assignment_id="a1",
    category=Category.NATIONAL_SPECIALIST,
    country="KE",
    period=Period(date(2026, 1, 1), date(2026, 6, 30)),
    title="Water engineer",
    required_skills=(SkillNeed("water", "eng", 2, "water supply engineering"),),
)


def _profile(i: int, skill: str, **changes: object) -> ProfileFacts:
    base = ProfileFacts(
        profile_id=f"p{i}",
        birth_date=date(1990, 1, 1),
        nationalities=frozenset({"KE"}),
        skills=(SkillFact(skill, "eng", 3, 5, skill),),
        experience_years=5,
        consent_to_match=True,
        occupation="Engineer",
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def _store(pool: list[ProfileFacts]) -> ProfileColumns:
    return ProfileColumns.from_profiles(pool, ENCODER.encode([profile_text(p) for p in pool]))


def test_best_candidates_come_first_with_components() -> None:
    pool = [
        _profile(0, "roads"),
        _profile(1, "water", summary="water supply engineering in rural Kenya"),
        _profile(2, "water", nationalities=frozenset({"UG"})),
    ]
    store = _store(pool)
    query = ENCODER.encode([assignment_text(NEEDS)])[0]
    result = match_assignment(NEEDS, store, query, k=5)
    assert [c.profile_id for c in result.candidates] == ["p1", "p0"]
    assert result.eligible == 2 and result.reason is None
    first = result.candidates[0]
    assert first.components.required_skills == 1.0
    words = explain(NEEDS, store.facts(first.row), first.components.semantic).text
    assert "covers 1 of 1 required skills" in words
    outsider = explain(NEEDS, store.facts(2), 0.0).text
    assert "KE is not one of the volunteer's nationalities" in outsider


def test_the_semantic_score_counts_from_the_encoders_baseline() -> None:
    """A cosine at the encoder's baseline scores 0, a perfect one 1, linearly between."""
    pool = [_profile(i, "water", summary=f"water project {i}") for i in range(4)]
    store = _store(pool)
    query = ENCODER.encode([assignment_text(NEEDS)])[0]
    cosine = {p.profile_id: float(store.embeddings[i] @ query) for i, p in enumerate(pool)}
    baseline = float(np.median(list(cosine.values())))
    result = match_assignment(NEEDS, store, query, k=5, similarity_baseline=baseline)
    for candidate in result.candidates:
        expected = max(0.0, (cosine[candidate.profile_id] - baseline) / (1 - baseline))
        assert candidate.components.semantic == pytest.approx(expected, abs=2e-3)
    assert min(c.components.semantic for c in result.candidates) == 0.0
    plain = match_assignment(NEEDS, store, query, k=5)  # no baseline: the cosine itself
    for candidate in plain.candidates:
        assert candidate.components.semantic == pytest.approx(
            cosine[candidate.profile_id], abs=2e-3
        )


def test_relatedness_is_checked_and_clipped() -> None:
    assert relatedness(np.array([0.5, 0.8, 0.9, 1.0]), 0.8).tolist() == pytest.approx(
        [0.0, 0.0, 0.5, 1.0]
    )
    for baseline in (-0.1, 1.0):
        with pytest.raises(MatchingInputError, match="baseline"):
            relatedness(0.5, baseline)


def test_bad_input_gives_a_clear_error_or_an_empty_result_with_a_reason() -> None:
    empty_needs = replace(NEEDS, title="", required_skills=())
    query = np.zeros(128, np.float32)
    with pytest.raises(MatchingInputError, match="no skills and no text"):
        match_assignment(empty_needs, _store([_profile(0, "water")]), query)
    nobody = match_assignment(NEEDS, ProfileColumns(dim=128), query)
    assert nobody.candidates == () and nobody.reason == "the pool is empty"
    filtered = match_assignment(
        NEEDS, _store([_profile(0, "water", consent_to_match=False)]), query
    )
    assert filtered.candidates == ()
    assert filtered.reason == "no profile passes the hard filters (excluded by consent: 1)"


def test_the_allowed_mask_narrows_the_pool_and_the_eligible_count() -> None:
    """The adapter's own rules (categories chosen, applicants left out) reach the engine as a
    mask: the one ranking, with or without them."""
    pool = [_profile(i, "water", summary=f"water project {i}") for i in range(3)]
    store = _store(pool)
    query = ENCODER.encode([assignment_text(NEEDS)])[0]
    everyone = match_assignment(NEEDS, store, query, k=5)
    allowed = np.array([True, False, True])
    some = match_assignment(NEEDS, store, query, k=5, allowed=allowed)
    assert {c.profile_id for c in some.candidates} == {"p0", "p2"} and some.eligible == 2
    kept = [c for c in everyone.candidates if c.profile_id != "p1"]
    assert [c.profile_id for c in some.candidates] == [c.profile_id for c in kept]
    nobody = match_assignment(NEEDS, store, query, k=5, allowed=np.zeros(3, dtype=bool))
    assert nobody.candidates == () and nobody.eligible == 0 and nobody.reason


def test_rank_explained_keeps_the_eligible_best_first_ties_in_the_order_given() -> None:
    weights, options = MatchWeights(), FilterOptions()
    pairings = [
        Pairing(NEEDS, _profile(0, "roads"), 0.9, weights, options),
        Pairing(NEEDS, _profile(1, "water"), 0.5, weights, options),
        Pairing(NEEDS, _profile(2, "water", consent_to_match=False), 0.9, weights, options),
        Pairing(NEEDS, _profile(3, "water"), 0.5, weights, options),  # ties with p1
    ]
    ranked = rank_explained(pairings, k=10)
    assert [i for i, _e in ranked] == [1, 3, 0]
    assert all(e.eligible and e.components is not None for _i, e in ranked)
    assert [i for i, _e in rank_explained(pairings, k=1)] == [1]
    with pytest.raises(MatchingInputError):
        rank_explained(pairings, k=0)
