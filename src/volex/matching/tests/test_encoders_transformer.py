"""The optional transformer (the `transformer` extra: torch, sentence-transformers, MiniLM).

Runs only when VOLEX_TEST_TRANSFORMER=1 (CI sets it in the job that installs the extra). When it
is set, a missing extra FAILS these tests rather than skipping them, so a skip never passes for
a test of the transformer.
"""

from __future__ import annotations

import os

import numpy as np
import pytest

from volex.matching import encoders
from volex.matching.encoders import get_encoder, get_reranker, transformer_available

pytestmark = pytest.mark.skipif(
    os.environ.get("VOLEX_TEST_TRANSFORMER") != "1",
    reason="transformer extra tests run with VOLEX_TEST_TRANSFORMER=1",
)


@pytest.fixture
def minilm(monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("TRANSFORMERS_OFFLINE", "1")
    assert transformer_available(), "VOLEX_TEST_TRANSFORMER=1 but the transformer extra is missing"
    encoders.clear_cache()
    yield get_encoder("minilm")
    encoders.clear_cache()


def test_minilm_loads_offline_from_the_installed_package(minilm):
    vectors = minilm.encode(["registered nurse", "paediatric nurse", "tax accountant"])
    assert vectors.dtype == np.float32 and vectors.shape == (3, 384) and minilm.dim == 384
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2]


def test_reranker_is_the_transformer_when_installed(minilm, settings):
    settings.VOLEX_MATCHING_RERANK = True
    assert get_reranker() is minilm
    settings.VOLEX_MATCHING_RERANK = False
    assert get_reranker() is None


@pytest.mark.django_db
def test_the_candidate_list_is_reranked_by_the_transformer(minilm, settings, world):
    """The static model shortlists; MiniLM's similarity is the semantic score shown."""
    from volex.domain.matching.scoring import relatedness
    from volex.domain.matching.text import assignment_text, profile_text
    from volex.matching.fetch import fetch_assignment, fetch_profile_records
    from volex.matching.index import reset_indexes
    from volex.matching.services import candidates_for_assignment

    from . import helpers

    settings.VOLEX_MATCHING_ENCODER = "static"
    settings.VOLEX_MATCHING_RERANK = True
    settings.VOLEX_MATCHING_RERANKER = "minilm"
    reset_indexes()
    first, second = helpers.skills(2)
    job = helpers.assignment(host=world.own_org, required=[first, second], country="UG")
    helpers.volunteer(skill_levels=[(first, "advanced", 6), (second, "advanced", 4)])
    helpers.volunteer(skill_levels=[(second, "expert", 9)], headline="Logistics officer")
    result = candidates_for_assignment(assignment=job, k=10)
    ids = [c.volunteer_id for c in result.candidates]
    assert ids and result.run.parameters["reranker"].startswith("minilm-384")
    records = fetch_profile_records(ids)
    profiles = minilm.encode([profile_text(records[pk].facts) for pk in ids])
    query = minilm.encode([assignment_text(fetch_assignment(job.pk))])[0]
    expected = relatedness(profiles @ query, encoders.SIMILARITY_BASELINES["minilm"])
    shown = [c.components["semantic"] for c in result.candidates]
    np.testing.assert_allclose(shown, expected, atol=3e-3)
    reset_indexes()


def test_the_minilm_baseline_is_measured_on_the_dev_set(minilm):
    """SIMILARITY_BASELINES["minilm"] is what `volex eval matching` measures for the model."""
    from pathlib import Path

    from volex.domain.matching.evaluation import encode_dataset, load_beir, unrelated_similarity

    dataset = load_beir(Path(__file__).parents[1] / "eval_data" / "esco-dev")
    measured = unrelated_similarity(dataset, encode_dataset(get_encoder("minilm"), dataset))
    assert measured == pytest.approx(encoders.SIMILARITY_BASELINES["minilm"], abs=0.005)
