"""The packaged static encoder: offline, unit rows of its dimension, semantic, deterministic.

No torch here: the transformer path is tested in `test_encoders_transformer.py`, which CI runs
only where the `transformer` extra is installed (see that file).
"""

from __future__ import annotations

import logging
import sys

import numpy as np
import pytest

from volex.domain.matching.encoders import Encoder, HashingEncoder
from volex.domain.matching.types import MatchingInputError
from volex.matching import encoders
from volex.matching.encoders import STATIC_MODEL_DIR, StaticEncoder, get_encoder, get_reranker

TEXTS = [
    "Registered nurse. Skills: patient care, wound dressing. Languages: en C1.",
    "Paediatric nurse working in a rural health clinic, vaccinations and maternal care.",
    "Civil engineer. Skills: water supply, sanitation systems, borehole drilling.",
    "Accountant. Skills: bookkeeping, financial reporting, audit. Languages: fr B2.",
]


@pytest.fixture
def offline(monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("TRANSFORMERS_OFFLINE", "1")


@pytest.fixture
def static(offline, settings) -> Encoder:
    settings.VOLEX_MATCHING_ENCODER = "static"
    encoders.clear_cache()
    return get_encoder()


def test_the_artifact_is_packaged_and_small():
    names = {p.name for p in STATIC_MODEL_DIR.iterdir()}
    assert {"model.safetensors", "tokenizer.json", "config.json", "README.md"} <= names
    size = sum(p.stat().st_size for p in STATIC_MODEL_DIR.iterdir())
    assert size <= 10_000_000
    assert "Apache" in (STATIC_MODEL_DIR / "README.md").read_text()


def test_static_loads_offline_without_torch(static, caplog):
    assert isinstance(static, StaticEncoder)  # not the hashing fallback
    assert not any("falling back" in r.message for r in caplog.records)


def test_static_encoder_needs_no_torch_or_model2vec(offline):
    """Loading and encoding in a fresh interpreter imports neither torch nor model2vec."""
    import subprocess

    code = (
        "import sys; from volex.matching.encoders import StaticEncoder, STATIC_MODEL_DIR;"
        "m = StaticEncoder(STATIC_MODEL_DIR); m.encode(['nurse']);"
        "bad = [n for n in ('torch', 'model2vec', 'transformers') if n in sys.modules];"
        "print(bad); sys.exit(1 if bad else 0)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_rows_are_unit_float32_of_the_model_dimension(static):
    vectors = static.encode(TEXTS)
    assert vectors.dtype == np.float32
    assert vectors.shape == (len(TEXTS), static.dim) and static.dim == 256
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert static.encode([]).shape == (0, static.dim)
    empty = static.encode([""])
    assert empty.shape == (1, static.dim) and not empty.any()  # no token: a zero row, not NaN
    with pytest.raises(MatchingInputError):
        static.encode("one string")


def test_similar_texts_score_higher_than_unrelated_ones(static):
    v = static.encode(TEXTS)
    nurse, nurse2, engineer, accountant = v
    assert nurse @ nurse2 > nurse @ engineer
    assert nurse @ nurse2 > nurse @ accountant
    pairs = static.encode(["water engineer", "hydraulic engineering", "tax accountant"])
    assert pairs[0] @ pairs[1] > pairs[0] @ pairs[2]


def test_deterministic_and_batch_independent(static):
    once = static.encode(TEXTS)
    again = StaticEncoder(STATIC_MODEL_DIR).encode(TEXTS)
    np.testing.assert_array_equal(once, again)
    one_by_one = np.vstack([static.encode([t]) for t in TEXTS])
    np.testing.assert_allclose(once, one_by_one, atol=1e-6)
    small_batches = StaticEncoder(STATIC_MODEL_DIR, batch_size=3).encode(TEXTS * 2)
    np.testing.assert_allclose(small_batches, np.vstack([once, once]), atol=1e-6)


def test_get_encoder_names_and_cache(offline, settings):
    encoders.clear_cache()
    assert isinstance(get_encoder("hashing"), HashingEncoder)
    assert get_encoder("static") is get_encoder("static")
    settings.VOLEX_MATCHING_ENCODER = "hashing"
    assert isinstance(get_encoder(), HashingEncoder)
    with pytest.raises(encoders.EncoderUnavailable):
        get_encoder("word2vec")


def test_missing_artifact_falls_back_with_a_warning(offline, monkeypatch, tmp_path, caplog):
    monkeypatch.setattr(encoders, "STATIC_MODEL_DIR", tmp_path)
    encoders.clear_cache()
    with caplog.at_level(logging.WARNING, logger="volex.matching.encoders"):
        fallback = get_encoder("static")
    assert isinstance(fallback, HashingEncoder)
    assert any("falling back" in r.message for r in caplog.records)
    encoders.clear_cache()


def test_without_the_extra_minilm_is_unavailable_and_no_reranker(offline, monkeypatch, settings):
    monkeypatch.setattr(encoders, "minilm_dir", lambda: None)
    encoders.clear_cache()
    assert get_reranker() is None
    with pytest.raises(encoders.EncoderUnavailable, match="transformer"):
        get_encoder("minilm")
    settings.VOLEX_MATCHING_RERANK = False
    assert get_reranker() is None


def test_word_cached_tokens_equal_whole_text_tokens():
    """Tokenizing word by word (cached) gives exactly the ids of tokenizing the whole text."""
    encoder = StaticEncoder(STATIC_MODEL_DIR)
    texts = [
        *TEXTS,
        "Zürich café — naïve résumé\u00a0non-breaking\ttab\nnewline, (brackets) & co.",
        "北京 volunteers; e-mail: someone@example.org; 3.5 years; C++/C#",
        "",
        "word " * 600,  # longer than max_length: cut at 512 tokens
    ]
    whole = encoder._tokenizer.encode_batch(texts, add_special_tokens=False)
    assert encoder.token_ids(texts) == [e.ids[:512] for e in whole]
    assert encoder.token_ids(texts) == encoder.token_ids(texts)  # from the cache, unchanged


def test_version_identifies_the_artifact(tmp_path):
    import shutil

    packaged = StaticEncoder(STATIC_MODEL_DIR)
    assert (
        len(packaged.version) == 12 and packaged.version == StaticEncoder(STATIC_MODEL_DIR).version
    )
    copy = tmp_path / "other"
    shutil.copytree(STATIC_MODEL_DIR, copy)
    from safetensors.numpy import load_file, save_file

    table = load_file(str(copy / "model.safetensors"))["embeddings"]
    save_file({"embeddings": table[::-1].copy()}, str(copy / "model.safetensors"))
    assert StaticEncoder(copy).version != packaged.version


@pytest.mark.parametrize("name", ["hashing", "static"])
def test_the_semantic_baselines_are_measured_on_the_dev_set(name):
    """SIMILARITY_BASELINES is what `volex eval matching` measures for the packaged models: a
    model distilled again must have its baseline measured again."""
    from volex.domain.matching.evaluation import encode_dataset, load_beir, unrelated_similarity

    dataset = load_beir(STATIC_MODEL_DIR.parent / "eval_data" / "esco-dev")
    encoder = get_encoder(name)
    measured = unrelated_similarity(dataset, encode_dataset(encoder, dataset))
    assert measured == pytest.approx(encoders.SIMILARITY_BASELINES[name], abs=0.005)
    assert encoder.similarity_baseline == encoders.SIMILARITY_BASELINES[name]
