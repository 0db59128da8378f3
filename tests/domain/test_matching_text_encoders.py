"""Texts of profiles and assignments; the hashing encoder; local-only model loaders."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest

from volex.domain.categories import Category
from volex.domain.cefr import CEFRLevel
from volex.domain.matching.encoders import (
    Encoder,
    HashingEncoder,
    load_sentence_transformer,
    load_static_model,
)
from volex.domain.matching.text import assignment_text, profile_text
from volex.domain.matching.types import (
    AssignmentNeeds,
    LanguageNeed,
    MatchingInputError,
    Period,
    ProfileFacts,
    SkillFact,
    SkillNeed,
)

PROFILE = ProfileFacts(
    profile_id="p1",
    occupation=" Nurse ",
    skills=(
        SkillFact("s1", "g1", 2, 3, "wound care", "patient care"),
        SkillFact("s2", "g1", 4, 10, "triage", "patient care"),
        SkillFact("s3", None, 4, 10, "Triage"),
    ),
    experience_years=12,
    education="BSc Nursing",
    languages={"en": CEFRLevel.C1, "fr": CEFRLevel.NATIVE},
    summary="Worked in  field hospitals\nin Chad.",
)
NEEDS = AssignmentNeeds(
    assignment_id="a1",
    category=Category.INTERNATIONAL_SPECIALIST,
    country="TD",
    period=Period(date(2026, 1, 1), date(2026, 6, 30)),
    title="Emergency nurse",
    sector="Health",
    required_skills=(SkillNeed("s2", "g1", 3, "triage", "patient care"),),
    desired_skills=(SkillNeed("s9", None, 1, "French teaching"),),
    languages=(LanguageNeed("fr", CEFRLevel.B2),),
    min_experience_years=3,
    description="Support the  emergency ward.",
)


def test_profile_text_orders_structured_fields_then_free_text() -> None:
    assert profile_text(PROFILE) == (
        "Nurse. Skills: Triage, triage (patient care), wound care (patient care). "
        "12 years of experience. Education: BSc Nursing. Languages: fr native, en C1. "
        "Worked in field hospitals in Chad."
    )
    assert profile_text(ProfileFacts(profile_id="empty")) == ""


def test_assignment_text() -> None:
    assert assignment_text(NEEDS) == (
        "Emergency nurse. Sector: Health. Required skills: triage (patient care). "
        "Desired skills: French teaching. 3 years of experience. Languages: fr B2. "
        "Support the emergency ward."
    )
    assert NEEDS.is_empty is False


def test_hashing_encoder_is_deterministic_unit_and_lexical() -> None:
    encoder = HashingEncoder(dim=256)
    assert isinstance(encoder, Encoder)
    texts = ["emergency nurse triage", "nurse for emergency triage", "accountant auditing", ""]
    a, b = encoder.encode(texts), HashingEncoder(dim=256).encode(texts)
    assert a.dtype == np.float32 and a.shape == (4, 256)
    assert np.array_equal(a, b)
    assert np.allclose(np.linalg.norm(a[:3], axis=1), 1.0)
    assert not a[3].any()  # no words: a zero row, similar to nothing
    assert a[0] @ a[1] > 0.5 > a[0] @ a[2]
    assert encoder.encode([]).shape == (0, 256)
    with pytest.raises(MatchingInputError):
        encoder.encode("one string")  # type: ignore[arg-type]


def test_loaders_refuse_anything_but_a_local_directory(tmp_path: object) -> None:
    for loader in (load_static_model, load_sentence_transformer):
        with pytest.raises(MatchingInputError, match="never downloaded"):
            loader("sentence-transformers/all-MiniLM-L6-v2")
