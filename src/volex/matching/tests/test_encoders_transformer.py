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
