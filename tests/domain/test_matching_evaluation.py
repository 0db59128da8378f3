"""MAP, nDCG@10 and recall@50 against hand-computed cases, and their invariants."""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from volex.domain.matching.encoders import HashingEncoder
from volex.domain.matching.evaluation import (
    average_precision,
    encode_dataset,
    evaluate,
    evaluate_encoded,
    load_beir,
    ndcg_at_k,
    rank_by_vectors,
    recall_at_k,
    rerank,
)
from volex.domain.matching.types import MatchingInputError

DOCS = [f"d{i}" for i in range(12)]
rankings = st.permutations(DOCS)
judgements = st.dictionaries(st.sampled_from(DOCS), st.integers(0, 3), min_size=1)


def test_average_precision_by_hand() -> None:
    assert average_precision(["a", "b", "c"], {"a": 1, "c": 1}) == pytest.approx((1 + 2 / 3) / 2)
    # a relevant document the ranking misses counts 0; grade 0 is not relevant
    assert average_precision(["a", "b"], {"a": 2, "z": 1, "b": 0}) == pytest.approx(0.5)
    assert average_precision(["x", "a"], {"a": 1}) == pytest.approx(0.5)
    assert average_precision(["a"], {"a": 0}) == 0.0


def test_ndcg_by_hand() -> None:
    # ranking b (grade 1) then a (grade 2): DCG = 1/log2(2) + 2/log2(3); ideal = 2 + 1/log2(3)
    expected = (1 + 2 / math.log2(3)) / (2 + 1 / math.log2(3))
    assert ndcg_at_k(["b", "a"], {"a": 2, "b": 1}) == pytest.approx(expected)
    assert expected == pytest.approx(0.8597, abs=1e-4)
    # only the first k count, and the ideal is cut at k as well
    assert ndcg_at_k(["x", "a"], {"a": 1}, k=1) == 0.0
    assert ndcg_at_k(["a", "x"], {"a": 1, "b": 1}, k=1) == 1.0
    assert ndcg_at_k(["a"], {"a": 0}) == 0.0


def test_recall_by_hand() -> None:
    judged = {"a": 1, "b": 2, "c": 1, "d": 0}
    assert recall_at_k(["a", "x", "b", "d", "c"], judged, k=3) == pytest.approx(2 / 3)
    assert recall_at_k(["a", "a", "a", "b"], judged, k=2) == pytest.approx(2 / 3)  # no double count
    assert recall_at_k(["x"], {"x": 0}) == 0.0


def test_bad_k() -> None:
    with pytest.raises(MatchingInputError):
        ndcg_at_k(["a"], {"a": 1}, k=0)
    with pytest.raises(MatchingInputError):
        recall_at_k(["a"], {"a": 1}, k=0)


@given(rankings, judgements)
def test_measures_lie_in_unit_interval(ranking: list[str], judged: dict[str, int]) -> None:
    for value in (
        average_precision(ranking, judged),
        ndcg_at_k(ranking, judged, 10),
        recall_at_k(ranking, judged, 5),
    ):
        assert 0.0 <= value <= 1.0 + 1e-12


@given(rankings, judgements)
def test_ideal_ranking_is_perfect(ranking: list[str], judged: dict[str, int]) -> None:
    if not any(g > 0 for g in judged.values()):
        return
    ideal = sorted(ranking, key=lambda d: -judged.get(d, 0))
    assert average_precision(ideal, judged) == pytest.approx(1.0)
    assert ndcg_at_k(ideal, judged, 10) == pytest.approx(1.0)
    assert recall_at_k(ideal, judged, len(DOCS)) == pytest.approx(1.0)
    for metric in (average_precision, ndcg_at_k):
        assert metric(ranking, judged) <= metric(ideal, judged) + 1e-12


@given(rankings, judgements, st.integers(0, 10))
def test_promoting_a_relevant_document_never_hurts(
    ranking: list[str], judged: dict[str, int], position: int
) -> None:
    """Swapping a relevant document with a less relevant one ranked above it never lowers a score."""
    i = position + 1
    above, below = ranking[i - 1], ranking[i]
    if judged.get(below, 0) <= judged.get(above, 0):
        return
    better = list(ranking)
    better[i - 1], better[i] = below, above
    assert average_precision(better, judged) >= average_precision(ranking, judged) - 1e-12
    assert ndcg_at_k(better, judged, 10) >= ndcg_at_k(ranking, judged, 10) - 1e-12
    assert recall_at_k(better, judged, 5) >= recall_at_k(ranking, judged, 5)


def test_evaluate_averages_judged_queries_only() -> None:
    qrels = {"q1": {"a": 1}, "q2": {"b": 1, "c": 1}, "q3": {"a": 0}}
    run = {"q1": ["a", "b"], "q2": ["a", "b"]}
    metrics = evaluate(run, qrels)
    assert metrics.queries == 2
    assert metrics.map == pytest.approx((1.0 + (1 / 2) / 2) / 2)
    assert metrics.recall_at_50 == pytest.approx((1.0 + 0.5) / 2)
    with pytest.raises(MatchingInputError):
        evaluate(run, {"q3": {"a": 0}})


def test_rank_and_rerank() -> None:
    docs = np.eye(3, dtype=np.float32)
    query = np.array([[0.1, 0.9, 0.5]], dtype=np.float32)
    run = rank_by_vectors(["q"], query, ["a", "b", "c"], docs)
    assert run == {"q": ["b", "c", "a"]}
    second = {"a": np.array([1.0]), "b": np.array([0.0]), "c": np.array([2.0])}
    # only the first two are re-ranked; the tail keeps its place
    assert rerank(run, {"q": np.array([1.0])}, second, depth=2) == {"q": ["c", "b", "a"]}
    assert rank_by_vectors(["q"], query, [], np.zeros((0, 3), np.float32)) == {"q": []}


def write_beir(folder: Path, qrels: str) -> None:
    (folder / "qrels").mkdir(parents=True)
    corpus = [
        {"_id": "d1", "title": "", "text": "nurse in a rural clinic"},
        {"_id": "d2", "title": "Engineer", "text": "water and sanitation engineer"},
        {"_id": "d3", "text": "primary school teacher"},
    ]
    queries = [{"_id": "q1", "text": "clinic nurse"}, {"_id": "q2", "text": "teacher"}]
    (folder / "corpus.jsonl").write_text("\n".join(json.dumps(d) for d in corpus) + "\n")
    (folder / "queries.jsonl").write_text("\n".join(json.dumps(q) for q in queries) + "\n")
    (folder / "qrels" / "dev.tsv").write_text("query-id\tcorpus-id\tscore\n" + qrels)


def test_load_beir_and_evaluate(tmp_path: Path) -> None:
    write_beir(tmp_path, "q1\td1\t2\nq2\td3\t1\n")
    dataset = load_beir(tmp_path)
    assert dataset.corpus["d2"] == "Engineer. water and sanitation engineer"
    assert dataset.qrels == {"q1": {"d1": 2}, "q2": {"d3": 1}}
    assert dataset.judged_queries == ["q1", "q2"]
    encoded = encode_dataset(HashingEncoder(), dataset)
    assert encoded.query_vectors.shape == (2, 512) and encoded.doc_vectors.shape == (3, 512)
    metrics = evaluate_encoded(dataset, encoded, encoded)
    assert metrics.map == pytest.approx(1.0) and metrics.ndcg_at_10 == pytest.approx(1.0)


def test_load_beir_rejects_bad_input(tmp_path: Path) -> None:
    with pytest.raises(MatchingInputError, match="missing"):
        load_beir(tmp_path)
    write_beir(tmp_path / "unknown", "q1\tnope\t1\n")
    with pytest.raises(MatchingInputError, match="unknown"):
        load_beir(tmp_path / "unknown")
    write_beir(tmp_path / "grade", "q1\td1\thigh\n")
    with pytest.raises(MatchingInputError, match="no integer"):
        load_beir(tmp_path / "grade")
