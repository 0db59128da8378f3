"""Which skills fit which occupation, and which sector an occupation works in.

ESCO ships occupations and skill groups but no link between them, so the link is built once, at
the start of a run, from the words they share: a TF-IDF vector of each occupation (title,
alternative labels, description and its ISCO unit group) against each skill group (title,
alternative labels, description), cosine similarity, top matches kept. It is deterministic and
cached per process.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

TOP_SKILLS = 10  # skill groups kept per occupation
TOP_FIELDS = 3  # fields of knowledge (education) kept per occupation

_STOP = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "by",
        "for",
        "from",
        "in",
        "into",
        "is",
        "it",
        "its",
        "of",
        "on",
        "or",
        "other",
        "others",
        "such",
        "that",
        "the",
        "their",
        "them",
        "they",
        "this",
        "to",
        "with",
        "within",
        "without",
        "not",
        "elsewhere",
        "classified",
        "further",
        "defined",
        "including",
        "include",
        "includes",
        "e",
        "g",
        "etc",
        "use",
        "using",
        "used",
        "also",
        "may",
        "can",
        "who",
        "which",
        "where",
        "when",
        "all",
        "any",
        "various",
        "related",
        "relating",
        "activities",
        "activity",
        "tasks",
        "task",
        "work",
        "working",
        "perform",
        "performing",
        "ensure",
        "ensuring",
        "skill",
        "skills",
        "competence",
        "competences",
        "knowledge",
        "ability",
        "relevant",
        "one",
        "two",
    ]
)
_SUFFIXES = ("ational", "ations", "ation", "ings", "ing", "ers", "ies", "es", "ed", "er", "s", "e")


def stem(word: str) -> str:
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def tokens(text: str) -> list[str]:
    words = re.findall(r"[a-z]+", text.lower())
    return [stem(w) for w in words if len(w) > 2 and w not in _STOP]


@dataclass(frozen=True)
class SkillRow:
    id: int
    code: str
    title: str
    text: str
    level: int
    root: str  # "S", "K", "T" or "L"


@dataclass(frozen=True)
class OccupationRow:
    id: int
    title: str
    text: str
    isco: str  # 4-digit unit group


@dataclass(frozen=True)
class SkillMap:
    """Per occupation (row index): skill ids and weights, and fields of knowledge (titles)."""

    skills: np.ndarray  # int64 [n_occupations, TOP_SKILLS], -1 for padding
    weights: np.ndarray  # float64 [n_occupations, TOP_SKILLS], rows sum to 1
    fields: tuple[tuple[str, ...], ...]
    transversal: np.ndarray  # ids of transversal skill groups, drawn for anyone


def _tfidf(docs: list[list[str]], vocab: dict[str, int], idf: np.ndarray) -> np.ndarray:
    matrix = np.zeros((len(docs), len(vocab)), dtype=np.float32)
    for row, doc in enumerate(docs):
        for word, count in Counter(doc).items():
            col = vocab.get(word)
            if col is not None:
                matrix[row, col] = 1.0 + np.log(count)
    matrix *= idf
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix / np.maximum(norms, 1e-9)


def _is_field(skill: SkillRow) -> bool:
    generic = ("not further defined", "not elsewhere classified", "inter-disciplinary")
    return skill.root == "K" and skill.level >= 3 and not any(g in skill.title for g in generic)


def build_skill_map(skills: list[SkillRow], occupations: list[OccupationRow]) -> SkillMap:
    deepest: dict[str, SkillRow] = {}
    for s in skills:  # one skill group per title: the most specific one
        if s.root == "S" and s.level >= 3:
            kept = deepest.get(s.title.lower())
            if kept is None or (s.level, -s.id) > (kept.level, -kept.id):
                deepest[s.title.lower()] = s
    pickable = sorted(deepest.values(), key=lambda s: s.id)
    fields = [s for s in skills if _is_field(s)]
    targets = pickable + fields
    target_docs = [tokens(s.text) for s in targets]
    occupation_docs = [tokens(o.text) for o in occupations]
    document_frequency = Counter(w for doc in target_docs for w in set(doc))
    vocab = {w: i for i, w in enumerate(sorted(document_frequency))}
    idf = np.array(
        [np.log((1 + len(target_docs)) / (1 + document_frequency[w])) + 1.0 for w in vocab],
        dtype=np.float32,
    )
    target_m = _tfidf(target_docs, vocab, idf)
    occupation_m = _tfidf(occupation_docs, vocab, idf)
    scores = occupation_m @ target_m.T  # [occupations, targets]
    n_pick = len(pickable)
    skill_scores = scores[:, :n_pick]
    field_scores = scores[:, n_pick:]
    pick_ids = np.array([s.id for s in pickable], dtype=np.int64)
    # stable ordering: by score, then by skill id (argsort on the negated scores is stable)
    order = np.argsort(-skill_scores, axis=1, kind="stable")[:, :TOP_SKILLS]
    top = np.take_along_axis(skill_scores, order, axis=1).astype(np.float64)
    top = np.where(top > 0, top, 0.0)
    empty = top.sum(axis=1) == 0
    top[empty] = 1.0  # no word in common: the generic groups first in order
    weights = top / top.sum(axis=1, keepdims=True)
    skill_ids = np.where(weights > 0, pick_ids[order], -1)
    field_order = np.argsort(-field_scores, axis=1, kind="stable")[:, :TOP_FIELDS]
    field_titles = tuple(
        tuple(fields[j].title for j in row if field_scores[i, j] > 0) or ("general programmes",)
        for i, row in enumerate(field_order)
    )
    transversal = np.array(
        sorted(s.id for s in skills if s.root == "T" and s.level >= 3), dtype=np.int64
    )
    return SkillMap(skill_ids, weights, field_titles, transversal)


def skill_map_for(skills: list[SkillRow], occupations: list[OccupationRow]) -> SkillMap:
    key = (tuple(skills), tuple(occupations))
    return _cached(key)


@lru_cache(maxsize=2)
def _cached(key: tuple[tuple[SkillRow, ...], tuple[OccupationRow, ...]]) -> SkillMap:
    return build_skill_map(list(key[0]), list(key[1]))


def draw_top_k(rng: np.random.Generator, weights: np.ndarray, k: np.ndarray) -> np.ndarray:
    """Per row, a weighted sample of k[i] distinct columns without replacement (Gumbel top-k):
    returns column indices [rows, max k] ordered by draw, -1 past k[i] or past the nonzero ones."""
    with np.errstate(divide="ignore"):
        keys = np.log(weights) + rng.gumbel(size=weights.shape)
    order = np.argsort(-keys, axis=1, kind="stable")
    ranks = np.arange(weights.shape[1])[None, :]
    valid = (ranks < k[:, None]) & (np.take_along_axis(weights, order, axis=1) > 0)
    return np.where(valid, order, -1)
