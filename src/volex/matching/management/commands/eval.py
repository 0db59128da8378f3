"""`volex eval matching DATASET`: MAP, nDCG@10 and recall@50 of every available encoder.

DATASET is a folder in the BEIR layout (corpus.jsonl, queries.jsonl, qrels/<split>.tsv), for
example the committed dev set `src/volex/matching/eval_data/esco-dev`. Rows: each first-stage
encoder (hashing, static, minilm when the `transformer` extra is installed) and the static
encoder's top-`--rerank-depth` re-ranked by MiniLM. The rate is the first stage's encoding rate
(queries and documents per second); a re-ranker encodes only each query's shortlist in
production, so its cost is not in the rate. `--static-path DIR` evaluates another static model
directory (a candidate built by `scripts/distill_encoder.py --out DIR`) in place of the packaged
one, for the static rows.
"""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from volex.domain.matching.encoders import Encoder
from volex.domain.matching.evaluation import (
    EncodedDataset,
    encode_dataset,
    evaluate_encoded,
    load_beir,
    unrelated_similarity,
)
from volex.domain.matching.types import MatchingInputError
from volex.matching.encoders import (
    EncoderUnavailable,
    StaticEncoder,
    get_encoder,
    transformer_available,
)

RERANK = "static+minilm"


class Command(BaseCommand):
    help = "Evaluate the matching encoders on a BEIR-layout dataset (MAP, nDCG@10, recall@50)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("what", choices=["matching"], help="what to evaluate")
        parser.add_argument("dataset", help="folder with corpus.jsonl, queries.jsonl, qrels/")
        parser.add_argument("--split", default="dev", help="qrels/<split>.tsv (default dev)")
        parser.add_argument(
            "--encoders",
            default="",
            help=f"comma-separated, of hashing, static, minilm, {RERANK} (default: all available)",
        )
        parser.add_argument("--rerank-depth", type=int, default=100)
        parser.add_argument(
            "--static-path",
            default="",
            help="a static model directory to evaluate instead of the packaged encoder",
        )
        parser.add_argument("--json", action="store_true", help="print JSON rows, not a table")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            dataset = load_beir(options["dataset"], options["split"])
        except MatchingInputError as error:
            raise CommandError(str(error)) from error
        names = [n.strip() for n in options["encoders"].split(",") if n.strip()]
        if not names:
            names = ["hashing", "static"]
            if transformer_available():
                names += ["minilm", RERANK]
        unknown = set(names) - {"hashing", "static", "minilm", RERANK}
        if unknown:
            raise CommandError(f"unknown encoders: {', '.join(sorted(unknown))}")

        encoded: dict[str, EncodedDataset] = {}

        def encoder_called(name: str) -> Encoder:
            if name == "static" and options["static_path"]:
                return StaticEncoder(options["static_path"])
            return get_encoder(name)

        def encoded_by(name: str) -> EncodedDataset:
            if name not in encoded:
                if options["verbosity"] > 1:
                    self.stderr.write(f"encoding with {name}...")
                try:
                    encoded[name] = encode_dataset(encoder_called(name), dataset)
                except (EncoderUnavailable, MatchingInputError) as error:
                    raise CommandError(str(error)) from error
            return encoded[name]

        rows = []
        for name in names:
            if name == RERANK:
                first, second = encoded_by("static"), encoded_by("minilm")
            else:
                first, second = encoded_by(name), None
            metrics = evaluate_encoded(dataset, first, second, options["rerank_depth"])
            unrelated = unrelated_similarity(dataset, first) if second is None else None
            rows.append(
                {
                    "encoder": name,
                    "map": round(metrics.map, 4),
                    "ndcg@10": round(metrics.ndcg_at_10, 4),
                    "recall@50": round(metrics.recall_at_50, 4),
                    "unrelated": round(unrelated, 4) if unrelated is not None else None,
                    "texts_per_s": round(first.texts_per_second, 1),
                    "queries": metrics.queries,
                    "documents": len(dataset.corpus),
                }
            )
        if options["json"]:
            self.stdout.write(json.dumps(rows, indent=2))
            return
        self.stdout.write(
            f"{options['dataset']} ({options['split']}): {len(dataset.corpus)} documents, "
            f"{rows[0]['queries'] if rows else 0} judged queries"
        )
        header = (
            f"{'encoder':<16}{'MAP':>8}{'nDCG@10':>10}{'recall@50':>11}{'unrelated':>11}"
            f"{'texts/s':>12}"
        )
        self.stdout.write(header)
        self.stdout.write("-" * len(header))
        for row in rows:
            unrelated = f"{row['unrelated']:.4f}" if row["unrelated"] is not None else "-"
            self.stdout.write(
                f"{row['encoder']:<16}{row['map']:>8.4f}{row['ndcg@10']:>10.4f}"
                f"{row['recall@50']:>11.4f}{unrelated:>11}{row['texts_per_s']:>12,.0f}"
            )
        if RERANK in names:
            self.stdout.write(
                f"{RERANK}: static top-{options['rerank_depth']} re-ranked by MiniLM; "
                "texts/s is the static first stage's."
            )
        self.stdout.write(
            "unrelated: the median cosine of a query and a document not judged for it, the "
            "encoder's baseline of the semantic score (SIMILARITY_BASELINES)."
        )
