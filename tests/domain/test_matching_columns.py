"""The columnar store keeps every fact the engine needs, and grows and updates in place."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from matching_strategies import pools, profiles

from volex.domain.matching.columns import ProfileColumns
from volex.domain.matching.types import ProfileFacts


def stored(profile: ProfileFacts) -> ProfileFacts:
    """The facts the store keeps: no labels, no free text; years as float32."""
    return ProfileFacts(
        profile_id=profile.profile_id,
        birth_date=profile.birth_date,
        gender=profile.gender,
        nationalities=profile.nationalities,
        heritage_countries=profile.heritage_countries,
        residence_country=profile.residence_country,
        languages=dict(profile.languages),
        skills=profile.skills,
        experience_years=profile.experience_years,
        available=profile.available,
        deployed=profile.deployed,
        consent_to_match=profile.consent_to_match,
    )


def same(a: ProfileFacts, b: ProfileFacts) -> bool:
    strip = [(s.skill_id, s.group_id, s.level, float(np.float32(s.years))) for s in a.skills]
    back = [(s.skill_id, s.group_id, s.level, s.years) for s in b.skills]
    keys = set(ProfileFacts.__dataclass_fields__) - {"skills", "experience_years"}
    return (
        all(getattr(a, k) == getattr(b, k) for k in keys)
        and strip == back
        and abs(a.experience_years - b.experience_years) < 1e-5
    )


@settings(max_examples=60, deadline=None)
@given(pool=pools(max_size=15), updates=pools(max_size=15))
def test_facts_round_trip_through_upserts(
    pool: list[ProfileFacts], updates: list[ProfileFacts]
) -> None:
    store = ProfileColumns(dim=3)
    store.upsert(pool, np.ones((len(pool), 3)))
    store.upsert(updates, np.full((len(updates), 3), 2.0))  # same ids p0.. replace rows
    latest = {p.profile_id: p for p in [*pool, *updates]}
    assert len(store) == len(latest)
    for row, profile_id in enumerate(store.ids):
        assert same(stored(latest[profile_id]), store.facts(row))
        assert store.row_of[profile_id] == row


@given(profile=profiles())
def test_upserting_one_profile_at_a_time_grows_the_buffers(profile: ProfileFacts) -> None:
    store = ProfileColumns(dim=2, dtype=np.float32)
    for i in range(40):
        store.upsert([ProfileFacts(**{**profile.__dict__, "profile_id": f"x{i}"})], np.eye(1, 2))
    assert len(store) == 40 and store.embeddings.shape == (40, 2)
    assert store.embeddings.dtype == np.float32
    assert same(stored(ProfileFacts(**{**profile.__dict__, "profile_id": "x39"})), store.facts(39))
