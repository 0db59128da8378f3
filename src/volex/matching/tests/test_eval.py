"""`volex eval matching` on the committed ESCO dev set, with the static and hashing encoders."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

import volex.matching

DEV = Path(volex.matching.__file__).resolve().parent / "eval_data" / "esco-dev"


@pytest.fixture(scope="module")
def rows(django_db_blocker) -> dict[str, dict[str, float]]:
    with django_db_blocker.unblock():
        out = StringIO()
        call_command("eval", "matching", str(DEV), encoders="hashing,static", json=True, stdout=out)
    return {row["encoder"]: row for row in json.loads(out.getvalue())}


def test_the_fixture_is_small_and_in_beir_layout():
    files = [DEV / "corpus.jsonl", DEV / "queries.jsonl", DEV / "qrels" / "dev.tsv"]
    assert all(f.is_file() for f in files)
    assert sum(f.stat().st_size for f in files) <= 2_000_000


def test_metrics_lie_in_unit_interval(rows):
    assert set(rows) == {"hashing", "static"}
    for row in rows.values():
        assert row["queries"] == 300 and row["documents"] > 2000
        for metric in ("map", "ndcg@10", "recall@50"):
            assert 0.0 < row[metric] < 1.0
        assert row["texts_per_s"] > 0


def test_static_beats_hashing_on_every_measure(rows):
    """Measured: nDCG@10 0.59 vs 0.39, MAP 0.35 vs 0.17, recall@50 0.49 vs 0.26."""
    static, hashing = rows["static"], rows["hashing"]
    for metric in ("map", "ndcg@10", "recall@50"):
        assert static[metric] > hashing[metric] + 0.05, metric


MINILM_NDCG_AT_10 = 0.5862  # measured on this dev set (ADR 2); needs the transformer extra


def test_static_keeps_ninety_percent_of_minilm(rows):
    """Issue 3's quality target for the default encoder, on the committed artifact."""
    assert rows["static"]["ndcg@10"] >= 0.90 * MINILM_NDCG_AT_10


def test_a_candidate_static_model_can_be_evaluated(tmp_path, rows):
    """`--static-path` reads another model directory in place of the packaged one."""
    import shutil

    from volex.matching.encoders import STATIC_MODEL_DIR

    shutil.copytree(STATIC_MODEL_DIR, tmp_path / "candidate")
    out = StringIO()
    call_command(
        "eval",
        "matching",
        str(DEV),
        encoders="static",
        static_path=str(tmp_path / "candidate"),
        json=True,
        stdout=out,
    )
    (row,) = json.loads(out.getvalue())
    assert row["ndcg@10"] == rows["static"]["ndcg@10"] and row["map"] == rows["static"]["map"]
    with pytest.raises(CommandError, match="no static model"):
        call_command("eval", "matching", str(DEV), encoders="static", static_path=str(tmp_path))


def test_table_output():
    out = StringIO()
    call_command("eval", "matching", str(DEV), encoders="hashing", stdout=out)
    text = out.getvalue()
    assert "nDCG@10" in text and "recall@50" in text and "unrelated" in text
    row = next(line for line in text.splitlines() if line.startswith("hashing"))
    assert "0.15" in row.split()[4]  # the hashing encoder's baseline (SIMILARITY_BASELINES)


def test_bad_dataset_and_encoder(tmp_path):
    with pytest.raises(CommandError, match="not a BEIR dataset"):
        call_command("eval", "matching", str(tmp_path))
    with pytest.raises(CommandError, match="unknown encoders"):
        call_command("eval", "matching", str(DEV), encoders="word2vec")
