"""Hard filters: the vectorised masks agree with the per-row rules, row by row."""

from __future__ import annotations

from datetime import date

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from matching_strategies import assignments, pools

from volex.domain.categories import Category
from volex.domain.cefr import CEFRLevel
from volex.domain.eligibility import check_rules
from volex.domain.matching.columns import ProfileColumns
from volex.domain.matching.filters import (
    Filter,
    FilterOptions,
    eligibility_mask,
    hard_filter,
    why_excluded,
)
from volex.domain.matching.types import AssignmentNeeds, LanguageNeed, Period, ProfileFacts


def store_of(pool: list[ProfileFacts]) -> ProfileColumns:
    return ProfileColumns.from_profiles(pool, np.zeros((len(pool), 4), np.float32))


@settings(max_examples=100, deadline=None)
@given(pool=pools(), needs=assignments())
def test_eligibility_mask_equals_check_rules_per_row(
    pool: list[ProfileFacts], needs: AssignmentNeeds
) -> None:
    mask = eligibility_mask(store_of(pool), needs)
    expected = [check_rules(needs.service, p.candidate) == [] for p in pool]
    assert mask.tolist() == expected


@settings(max_examples=100, deadline=None)
@given(
    pool=pools(),
    needs=assignments(),
    share=st.sampled_from([1.0, 0.5, 0.0]),
    consent=st.booleans(),
)
def test_hard_filter_never_admits_a_profile_that_breaks_a_rule(
    pool: list[ProfileFacts], needs: AssignmentNeeds, share: float, consent: bool
) -> None:
    options = FilterOptions(min_availability_share=share, require_consent=consent)
    result = hard_filter(store_of(pool), needs, options)
    reasons = [why_excluded(needs, p, options) for p in pool]
    assert result.mask.tolist() == [not r for r in reasons]
    for phrases in reasons:
        for phrase in phrases:
            assert "%(" not in phrase.text


def _needs(**changes: object) -> AssignmentNeeds:
    base = {
        "assignment_id": "a1",
        "category": Category.INTERNATIONAL_SPECIALIST,
        "country": "KE",
        "period": Period(date(2026, 3, 1), date(2026, 8, 31)),
        "title": "Epidemiologist",
    }
    return AssignmentNeeds(**{**base, **changes})  # type: ignore[arg-type]


def _profile(**changes: object) -> ProfileFacts:
    base = {
        "profile_id": "p1",
        "birth_date": date(1990, 5, 1),
        "nationalities": frozenset({"FR"}),
        "languages": {"fr": CEFRLevel.NATIVE, "en": CEFRLevel.B2},
        "available": Period(date(2026, 1, 1), date(2026, 12, 31)),
        "consent_to_match": True,
    }
    return ProfileFacts(**{**base, **changes})  # type: ignore[arg-type]


def test_reasons_in_words() -> None:
    needs = _needs(languages=(LanguageNeed("en", CEFRLevel.C1),))
    profile = _profile(
        nationalities=frozenset({"KE"}),
        deployed=(Period(date(2026, 2, 1), date(2026, 3, 15)),),
        available=Period(date(2026, 4, 1), date(2026, 12, 31)),
        consent_to_match=False,
    )
    texts = [p.text for p in why_excluded(needs, profile)]
    assert texts == [
        "The volunteer has not consented to be matched.",
        "An international volunteer serves outside every country of nationality; KE is one of "
        "the volunteer's nationalities.",
        "en C1 required, has B2.",
        "Available 2026-04-01 to 2026-12-31; the assignment runs 2026-03-01 to 2026-08-31 "
        "(100% of it needed).",
        "Already deployed 2026-02-01 to 2026-03-15, during the assignment period.",
    ]


def test_availability_cover_by_default_overlap_when_lowered() -> None:
    store = store_of([_profile(available=Period(date(2026, 6, 1), date(2026, 12, 31)))])
    needs = _needs()
    assert not hard_filter(store, needs).mask[0]
    assert hard_filter(store, needs, FilterOptions(min_availability_share=0.5)).mask[0]
    assert not hard_filter(store, needs, FilterOptions(min_availability_share=0.6)).mask[0]


def test_counts_and_reason_when_nobody_passes() -> None:
    store = store_of([_profile(), _profile(profile_id="p2", consent_to_match=False)])
    needs = _needs(languages=(LanguageNeed("ar", CEFRLevel.B1),))
    result = hard_filter(store, needs)
    assert result.count == 0
    assert result.excluded[Filter.LANGUAGES] == 2
    assert result.excluded[Filter.CONSENT] == 1
    assert result.reason_if_empty() == (
        "no profile passes the hard filters (excluded by consent: 1, languages: 2)"
    )
    empty = hard_filter(store_of([]), needs)
    assert empty.reason_if_empty() == "the pool is empty"


def test_removed_profiles_are_excluded() -> None:
    store = store_of([_profile(), _profile(profile_id="p2")])
    store.remove(["p1"])
    assert hard_filter(store, _needs()).mask.tolist() == [False, True]
