"""Scoring: the vectorised components equal the per-row reference; explanations in words."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from matching_strategies import assignments, pools

from volex.domain.categories import Category
from volex.domain.cefr import CEFRLevel
from volex.domain.matching.columns import ProfileColumns
from volex.domain.matching.scoring import explain, score_profile, score_rows
from volex.domain.matching.types import (
    COMPONENTS,
    AssignmentNeeds,
    LanguageNeed,
    MatchingInputError,
    MatchWeights,
    Period,
    ProfileFacts,
    SkillFact,
    SkillNeed,
)


@settings(max_examples=120, deadline=None)
@given(
    pool=pools(min_size=1),
    needs=assignments(),
    seed=st.integers(0, 2**16),
    group_credit=st.sampled_from([0.0, 0.5, 1.0]),
)
def test_vectorised_scores_equal_the_per_row_reference(
    pool: list[ProfileFacts], needs: AssignmentNeeds, seed: int, group_credit: float
) -> None:
    store = ProfileColumns.from_profiles(pool, np.zeros((len(pool), 2)))
    similarity = np.random.default_rng(seed).uniform(-1, 1, len(pool)).astype(np.float32)
    weights = MatchWeights(group_credit=group_credit)
    rows = np.arange(len(pool))[::-1]
    arrays = score_rows(store, needs, rows, similarity[rows], weights)
    for i, row in enumerate(rows):
        one = score_profile(needs, pool[row], float(similarity[row]), weights)
        got = arrays.at(i)
        for name in (*COMPONENTS, "total"):
            assert getattr(got, name) == pytest.approx(getattr(one, name), abs=1e-5), name
            assert -1e-6 <= getattr(got, name) <= 1 + 1e-6


def _skill(s: str, group: str, level: int = 3, label: str = "") -> SkillFact:
    return SkillFact(s, group, level, 4, label=label or s)


NEEDS = AssignmentNeeds(
    assignment_id="a1",
    category=Category.DIASPORA,
    country="SN",
    period=Period(date(2026, 1, 1), date(2026, 12, 31)),
    title="Public health officer",
    required_skills=(
        SkillNeed("epi", "health", 3, "epidemiology"),
        SkillNeed("stats", "data", 2, "statistics"),
        SkillNeed("gis", "data", 2, "GIS"),
        SkillNeed("train", "edu", 3, "training of trainers"),
        SkillNeed("wash", "health", 1, "WASH"),
    ),
    desired_skills=(SkillNeed("report", "comm", 1, "report writing"),),
    languages=(LanguageNeed("fr", CEFRLevel.C1), LanguageNeed("wo", CEFRLevel.B1, False)),
    min_experience_years=5,
)
PROFILE = ProfileFacts(
    profile_id="p1",
    birth_date=date(1985, 2, 1),
    nationalities=frozenset({"FR"}),
    heritage_countries=frozenset({"SN"}),
    languages={"fr": CEFRLevel.NATIVE},
    skills=(_skill("epi", "health"), _skill("stats", "data"), _skill("train", "edu", 2)),
    experience_years=8,
    consent_to_match=True,
)


def test_explanation_in_words() -> None:
    explanation = explain(NEEDS, PROFILE, 0.62)
    assert explanation.eligible
    assert explanation.components is not None
    assert explanation.text == (
        "score 0.64; covers 2 of 5 required skills; below the level asked for: training of "
        "trainers; related skill in the same group for: GIS, WASH; has 0 of 1 desired skills; "
        "fr C1 required, has native; wo B1 desired, not spoken; 8 years of experience (5 asked); "
        "diaspora volunteer in a country of heritage (SN); profile text relatedness 0.62"
    )


def test_group_credit_counts_partly() -> None:
    weights = MatchWeights(group_credit=0.5)
    one = score_profile(NEEDS, PROFILE, 0.5, weights)
    # epi 1, stats 1, gis 0.5 (group data), train 2/3, wash 0.5 (group health)
    assert one.required_skills == pytest.approx((1 + 1 + 0.5 + 2 / 3 + 0.5) / 5)
    assert one.languages == pytest.approx((1 + 0) / 2)
    assert one.preference == 1.0


def test_a_more_specific_skill_shows_the_group_asked_for() -> None:
    """ESCO: "accessing and analysing digital data" (S5.5) shows "working with computers" (S5)."""
    computers = SkillNeed(
        "S5", "skills", 2, "working with computers", narrower=frozenset({"S5.5", "S5.1"})
    )
    needs = AssignmentNeeds(**{**NEEDS.__dict__, "required_skills": (computers,)})

    def holding(profile_id: str, skill: SkillFact) -> ProfileFacts:
        return ProfileFacts(**{**PROFILE.__dict__, "profile_id": profile_id, "skills": (skill,)})

    expert = holding("expert", _skill("S5.5", "S5", 4))
    basic = holding("basic", _skill("S5.1", "S5", 1))
    other = holding("other", _skill("S1.2", "S1", 4))
    weights = MatchWeights(group_credit=0.5)
    pool = [expert, basic, other]
    store = ProfileColumns.from_profiles(pool, np.zeros((3, 2)))
    rows = np.arange(3)
    arrays = score_rows(store, needs, rows, np.zeros(3, dtype=np.float32), weights)
    for i, (profile, credit) in enumerate(zip(pool, (1.0, 0.5, 0.0), strict=True)):
        assert score_profile(needs, profile, 0.0, weights).required_skills == credit
        assert arrays.at(i).required_skills == pytest.approx(credit)
    assert (
        "covers 1 of 1 required skills; shown by a more specific skill held: working with "
        "computers" in explain(needs, expert, 0.5).text
    )
    assert "below the level asked for: working with computers" in explain(needs, basic, 0.5).text
    assert "missing: working with computers" in explain(needs, other, 0.5).text


def test_excluded_profile_is_explained_by_its_reasons() -> None:
    outsider = ProfileFacts(**{**PROFILE.__dict__, "heritage_countries": frozenset()})
    explanation = explain(NEEDS, outsider, 0.9)
    assert not explanation.eligible and explanation.components is None
    assert "SN is not one of the volunteer's countries of heritage" in explanation.text


def test_weights_are_validated() -> None:
    with pytest.raises(MatchingInputError):
        MatchWeights(semantic=-1)
    with pytest.raises(MatchingInputError):
        MatchWeights(0, 0, 0, 0, 0, 0)
