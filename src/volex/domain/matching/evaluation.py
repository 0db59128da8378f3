"""Ranking quality on a dataset in the BEIR layout: MAP, nDCG@10 and recall@50.

A BEIR dataset is a folder with ``corpus.jsonl`` (one ``{"_id", "title", "text"}`` per line),
``queries.jsonl`` (``{"_id", "text"}``) and ``qrels/<split>.tsv`` (``query-id``, ``corpus-id``,
``score``, with a header line). Graded relevance: 0 is not relevant, higher is more relevant.

The measures follow trec_eval (as BEIR reports them through pytrec_eval):

- average precision counts a document as relevant when its grade is above 0, and divides by the
  number of relevant documents in the qrels (so relevant documents the ranking misses count 0);
- nDCG@k uses the grade as the gain and ``log2(rank + 1)`` as the discount, normalised by the
  ideal ordering of the judged documents;
- recall@k is the share of the relevant documents found in the first k.

Means are taken over the queries that have at least one relevant document (queries without one
carry no signal and trec_eval skips them as well). Pure Python and numpy: no Django.
"""

from __future__ import annotations

import csv
import json
import math
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .encoders import Encoder
from .retrieval import batch_top_k
from .types import MatchingInputError

Qrels = Mapping[str, Mapping[str, int]]
Run = Mapping[str, Sequence[str]]


@dataclass(frozen=True)
class Dataset:
    """A BEIR dataset in memory: texts by id and graded judgements by query id."""

    corpus: dict[str, str]
    queries: dict[str, str]
    qrels: dict[str, dict[str, int]]

    @property
    def judged_queries(self) -> list[str]:
        """Ids of the queries with at least one relevant document, in the order of the file."""
        return [q for q in self.queries if any(g > 0 for g in self.qrels.get(q, {}).values())]


@dataclass(frozen=True)
class Metrics:
    """Means over the judged queries."""

    map: float
    ndcg_at_10: float
    recall_at_50: float
    queries: int


def _read_jsonl(path: Path) -> dict[str, str]:
    texts: dict[str, str] = {}
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                key = str(record["_id"])
            except (json.JSONDecodeError, KeyError, TypeError) as error:
                raise MatchingInputError(f"{path}:{number}: not a BEIR record ({error})") from None
            title = str(record.get("title") or "").strip()
            text = str(record.get("text") or "").strip()
            texts[key] = f"{title}. {text}" if title and text else (title or text)
    return texts


def _read_qrels(path: Path) -> dict[str, dict[str, int]]:
    qrels: dict[str, dict[str, int]] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        rows = csv.reader(handle, delimiter="\t")
        for number, row in enumerate(rows, start=1):
            if not row or (number == 1 and row[0] == "query-id"):
                continue
            if len(row) != 3:
                raise MatchingInputError(f"{path}:{number}: expected 3 tab-separated columns")
            try:
                grade = int(row[2])
            except ValueError:
                raise MatchingInputError(
                    f"{path}:{number}: score {row[2]!r} is no integer"
                ) from None
            qrels.setdefault(row[0], {})[row[1]] = grade
    return qrels


def load_beir(path: str | Path, split: str = "dev") -> Dataset:
    """Read a BEIR folder; queries and documents the qrels name must exist."""
    folder = Path(path)
    needed = [folder / "corpus.jsonl", folder / "queries.jsonl", folder / "qrels" / f"{split}.tsv"]
    missing = [str(p) for p in needed if not p.is_file()]
    if missing:
        raise MatchingInputError(f"not a BEIR dataset, missing: {', '.join(missing)}")
    corpus = _read_jsonl(needed[0])
    queries = _read_jsonl(needed[1])
    qrels = _read_qrels(needed[2])
    unknown_queries = sorted(set(qrels) - set(queries))
    unknown_docs = sorted({d for judged in qrels.values() for d in judged} - set(corpus))
    if unknown_queries or unknown_docs:
        raise MatchingInputError(
            f"qrels name {len(unknown_queries)} unknown queries and {len(unknown_docs)} unknown "
            f"documents (e.g. {(unknown_queries + unknown_docs)[:3]})"
        )
    # Only the queries of this split are evaluated.
    queries = {q: text for q, text in queries.items() if q in qrels}
    return Dataset(corpus=corpus, queries=queries, qrels=qrels)


def average_precision(ranking: Sequence[str], judged: Mapping[str, int]) -> float:
    """Mean of the precision at each relevant document's rank, over all relevant documents."""
    relevant = sum(1 for grade in judged.values() if grade > 0)
    if relevant == 0:
        return 0.0
    hits = 0
    total = 0.0
    seen: set[str] = set()
    for rank, doc in enumerate(ranking, start=1):
        if doc in seen:
            continue
        seen.add(doc)
        if judged.get(doc, 0) > 0:
            hits += 1
            total += hits / rank
    return total / relevant


def dcg(grades: Sequence[int]) -> float:
    """Discounted cumulative gain of grades in rank order (gain = grade, discount log2(r + 1))."""
    return sum(g / math.log2(rank + 1) for rank, g in enumerate(grades, start=1) if g > 0)


def ndcg_at_k(ranking: Sequence[str], judged: Mapping[str, int], k: int = 10) -> float:
    """nDCG of the first k documents against the ideal order of the judged ones."""
    if k < 1:
        raise MatchingInputError("k must be at least 1")
    ideal = dcg(sorted((g for g in judged.values() if g > 0), reverse=True)[:k])
    if ideal == 0:
        return 0.0
    return dcg([judged.get(doc, 0) for doc in _unique(ranking)[:k]]) / ideal


def recall_at_k(ranking: Sequence[str], judged: Mapping[str, int], k: int = 50) -> float:
    """Share of the relevant documents that appear in the first k."""
    if k < 1:
        raise MatchingInputError("k must be at least 1")
    relevant = {doc for doc, grade in judged.items() if grade > 0}
    if not relevant:
        return 0.0
    return len(relevant.intersection(_unique(ranking)[:k])) / len(relevant)


def _unique(ranking: Sequence[str]) -> list[str]:
    return list(dict.fromkeys(ranking))


def evaluate(run: Run, qrels: Qrels) -> Metrics:
    """Mean MAP, nDCG@10 and recall@50 of `run` (ranked ids per query) over the judged queries.

    A judged query missing from the run counts as an empty ranking (every measure 0).
    """
    judged = [q for q, docs in qrels.items() if any(g > 0 for g in docs.values())]
    if not judged:
        raise MatchingInputError("no query has a relevant document: nothing to evaluate")
    ap = [average_precision(run.get(q, ()), qrels[q]) for q in judged]
    ndcg = [ndcg_at_k(run.get(q, ()), qrels[q], 10) for q in judged]
    recall = [recall_at_k(run.get(q, ()), qrels[q], 50) for q in judged]
    return Metrics(
        map=float(np.mean(ap)),
        ndcg_at_10=float(np.mean(ndcg)),
        recall_at_50=float(np.mean(recall)),
        queries=len(judged),
    )


def rank_by_vectors(
    query_ids: Sequence[str],
    query_vectors: np.ndarray,
    doc_ids: Sequence[str],
    doc_vectors: np.ndarray,
    depth: int = 1000,
) -> dict[str, list[str]]:
    """Exact ranking by inner product: the best `depth` documents of every query."""
    if len(query_ids) != len(query_vectors) or len(doc_ids) != len(doc_vectors):
        raise MatchingInputError("ids and vectors differ in length")
    if not doc_ids:
        return {q: [] for q in query_ids}
    rows, _ = batch_top_k(query_vectors, doc_vectors, min(depth, len(doc_ids)))
    return {q: [doc_ids[r] for r in row if r >= 0] for q, row in zip(query_ids, rows, strict=True)}


def rerank(
    run: Run,
    query_vectors: Mapping[str, np.ndarray],
    doc_vectors: Mapping[str, np.ndarray],
    depth: int = 100,
) -> dict[str, list[str]]:
    """Re-order the first `depth` documents of each ranking by a second encoder's inner product.

    The documents below `depth` keep their order after the re-ranked ones (a shortlist re-ranker
    changes nothing beyond the shortlist).
    """
    out: dict[str, list[str]] = {}
    for query, ranking in run.items():
        head, tail = list(ranking[:depth]), list(ranking[depth:])
        if head:
            vector = query_vectors[query]
            scores = np.array([float(vector @ doc_vectors[d]) for d in head])
            order = np.argsort(-scores, kind="stable")
            head = [head[i] for i in order]
        out[query] = head + tail
    return out


def encode_texts(
    encoder: Encoder, texts: Sequence[str], batch_size: int = 4096
) -> tuple[np.ndarray, float]:
    """Encode in batches; returns the matrix and the seconds it took (wall clock)."""
    start = time.perf_counter()
    parts = [encoder.encode(texts[i : i + batch_size]) for i in range(0, len(texts), batch_size)]
    seconds = time.perf_counter() - start
    matrix = np.concatenate(parts) if parts else np.zeros((0, encoder.dim), dtype=np.float32)
    return matrix, seconds


@dataclass(frozen=True)
class EncodedDataset:
    """The judged queries and the whole corpus of a dataset encoded by one encoder."""

    query_ids: list[str]
    query_vectors: np.ndarray
    doc_ids: list[str]
    doc_vectors: np.ndarray
    seconds: float

    @property
    def texts_per_second(self) -> float:
        texts = len(self.query_ids) + len(self.doc_ids)
        return texts / self.seconds if self.seconds > 0 else math.inf


def encode_dataset(encoder: Encoder, dataset: Dataset) -> EncodedDataset:
    query_ids = dataset.judged_queries
    doc_ids = list(dataset.corpus)
    texts = [dataset.queries[q] for q in query_ids] + [dataset.corpus[d] for d in doc_ids]
    vectors, seconds = encode_texts(encoder, texts)
    split = len(query_ids)
    return EncodedDataset(query_ids, vectors[:split], doc_ids, vectors[split:], seconds)


def evaluate_encoded(
    dataset: Dataset,
    first: EncodedDataset,
    rerank_with: EncodedDataset | None = None,
    rerank_depth: int = 100,
) -> Metrics:
    """Rank exactly by `first`; optionally re-rank each top `rerank_depth` by `rerank_with`."""
    run = rank_by_vectors(first.query_ids, first.query_vectors, first.doc_ids, first.doc_vectors)
    if rerank_with is not None:
        queries = dict(zip(rerank_with.query_ids, rerank_with.query_vectors, strict=True))
        docs = dict(zip(rerank_with.doc_ids, rerank_with.doc_vectors, strict=True))
        run = rerank(run, queries, docs, rerank_depth)
    return evaluate(run, dataset.qrels)


def unrelated_similarity(dataset: Dataset, encoded: EncodedDataset) -> float:
    """The median cosine, by this encoder, of a judged query and a document not judged for it
    (another occupation and unit group): what "unrelated" reads as on this encoder's scale, the
    baseline of the semantic score (`scoring.relatedness`)."""
    if not encoded.query_ids or not encoded.doc_ids:
        raise MatchingInputError("nothing encoded: no unrelated pairs to measure")
    similarity = encoded.query_vectors @ encoded.doc_vectors.T
    column = {doc: j for j, doc in enumerate(encoded.doc_ids)}
    unjudged = np.ones(similarity.shape, dtype=bool)
    for i, query in enumerate(encoded.query_ids):
        for doc in dataset.qrels.get(query, {}):
            if doc in column:
                unjudged[i, column[doc]] = False
    return float(np.median(similarity[unjudged]))
