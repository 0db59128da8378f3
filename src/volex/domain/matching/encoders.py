"""Encoders turn texts into unit-normalised float32 rows, behind one protocol.

- `HashingEncoder`: feature hashing (the "hashing trick", Weinberger et al. 2009) of word unigrams,
  word bigrams and character n-grams of words, with a signed hash to keep inner products unbiased,
  sublinear term frequency, and L2 normalisation. No model, no training, deterministic across
  processes and machines (CRC-32, not Python's salted `hash`). It is a real lexical encoder,
  good for tests and as a floor that any learned encoder must beat.
- `load_static_model(path)`: a model2vec `StaticModel` from a local directory (no torch).
- `load_sentence_transformer(path)`: a sentence-transformers model from a local directory (torch).

Both loaders import their library lazily, force the Hugging Face hub offline and accept only a
local directory: nothing is ever downloaded at run time.
"""

from __future__ import annotations

import importlib
import math
import os
import re
import zlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

import numpy as np

from .types import MatchingInputError

_WORD = re.compile(r"[^\W_]+", re.UNICODE)


@runtime_checkable
class Encoder(Protocol):
    """Anything that maps texts to a (len(texts), dim) float32 matrix of unit rows.

    `similarity_baseline`: the cosine that unrelated texts typically get from this encoder (the
    median over unrelated pairs of the dev set, `evaluation.unrelated_similarity`); the semantic
    score counts only what lies above it (`scoring.relatedness`). 0.0: not measured."""

    similarity_baseline: float

    @property
    def dim(self) -> int: ...

    def encode(self, texts: Sequence[str]) -> np.ndarray: ...


def normalise_rows(matrix: np.ndarray) -> np.ndarray:
    """Rows scaled to unit L2 norm, as float32; an all-zero row stays zero."""
    matrix = np.asarray(matrix, dtype=np.float32)
    if matrix.ndim != 2:
        raise MatchingInputError(f"expected a 2-d matrix, got shape {matrix.shape}")
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    np.divide(matrix, norms, out=matrix, where=norms > 0)
    return matrix


class HashingEncoder:
    """Signed feature hashing of words, word bigrams and character n-grams (see module doc)."""

    similarity_baseline = 0.0

    def __init__(
        self,
        dim: int = 512,
        char_ngrams: tuple[int, int] = (3, 5),
        word_weight: float = 1.0,
        bigram_weight: float = 0.7,
        char_weight: float = 0.35,
    ) -> None:
        if dim < 2:
            raise MatchingInputError("dim must be at least 2")
        self._dim = dim
        self._ngrams = char_ngrams
        self._weights = (word_weight, bigram_weight, char_weight)

    @property
    def dim(self) -> int:
        return self._dim

    def features(self, text: str) -> list[tuple[str, float]]:
        """The (feature, weight) pairs of one text, before hashing (for tests and debugging)."""
        words = _WORD.findall(text.lower())
        word_w, bigram_w, char_w = self._weights
        feats = [(f"w:{w}", word_w) for w in words]
        feats += [(f"b:{a} {b}", bigram_w) for a, b in zip(words, words[1:], strict=False)]
        low, high = self._ngrams
        for word in words:
            padded = f"<{word}>"
            for n in range(low, high + 1):
                feats += [(f"c:{padded[i : i + n]}", char_w) for i in range(len(padded) - n + 1)]
        return feats

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if isinstance(texts, str):
            raise MatchingInputError("encode takes a sequence of texts, not one string")
        out = np.zeros((len(texts), self._dim), dtype=np.float32)
        for row, text in enumerate(texts):
            counts: dict[str, list[float]] = {}
            for feature, weight in self.features(text):
                slot = counts.setdefault(feature, [weight, 0.0])
                slot[1] += 1.0
            for feature, (weight, count) in counts.items():
                h = zlib.crc32(feature.encode("utf-8"))
                sign = 1.0 if (h >> 31) & 1 else -1.0
                out[row, h % self._dim] += sign * weight * (1.0 + math.log(count))
        return normalise_rows(out)


class _WrappedEncoder:
    """Adapts a library model with an `encode(list[str])` method to the `Encoder` protocol."""

    similarity_baseline = 0.0

    def __init__(self, model: Any, dim: int, **encode_kwargs: Any) -> None:
        self._model = model
        self._dim = dim
        self._kwargs = encode_kwargs

    @property
    def dim(self) -> int:
        return self._dim

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if len(texts) == 0:
            return np.zeros((0, self._dim), dtype=np.float32)
        return normalise_rows(np.asarray(self._model.encode(list(texts), **self._kwargs)))


def _local_dir(path: str | os.PathLike[str]) -> Path:
    directory = Path(path)
    if not directory.is_dir():
        raise MatchingInputError(
            f"{directory} is not a local model directory; models are never downloaded at run "
            "time (build or copy the model there first)"
        )
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["TRANSFORMERS_OFFLINE"] = "1"
    return directory


def load_static_model(path: str | os.PathLike[str]) -> Encoder:
    """A model2vec `StaticModel` saved in a local directory (needs the `model2vec` package)."""
    directory = _local_dir(path)
    model2vec = importlib.import_module("model2vec")
    model = model2vec.StaticModel.from_pretrained(str(directory))
    dim = int(np.asarray(model.embedding).shape[1])
    return _WrappedEncoder(model, dim)


def load_sentence_transformer(path: str | os.PathLike[str], batch_size: int = 64) -> Encoder:
    """A sentence-transformers model saved in a local directory (needs torch; CPU)."""
    directory = _local_dir(path)
    module = importlib.import_module("sentence_transformers")
    model = module.SentenceTransformer(str(directory), device="cpu", local_files_only=True)
    # sentence-transformers 6 renamed the method (the old name warns); older releases lack it.
    dimension = getattr(model, "get_embedding_dimension", None) or (
        model.get_sentence_embedding_dimension
    )
    dim = int(dimension())
    return _WrappedEncoder(model, dim, batch_size=batch_size, convert_to_numpy=True)
