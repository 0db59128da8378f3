"""Encoding rate of the default (static) encoder and of the MiniLM transformer on profile texts.

    .venv/bin/python bench/encoding.py                     # 100,000 profiles, MiniLM on 1,000
    .venv/bin/python bench/encoding.py --profiles 20000 --quality

Profiles are synthetic `ProfileFacts` (occupation, 3-8 skills with their ESCO groups, languages,
years, education, a one-sentence summary) turned into text by `profile_text`, as production does.
The hashing encoder is the baseline (measured on a slice); MiniLM (the `transformer` extra) is
measured on a slice and extrapolated, and labelled so. `--quality` adds nDCG@10 on the committed
ESCO dev set, for the issue's "keep >= 90 % of MiniLM's nDCG@10".

Issue 3 target (2 cores): default encoder >= 10,000 profiles/s (2 M profiles in under 4 min).
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "volex.settings.test")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

import django  # noqa: E402

django.setup()

from volex.domain.cefr import CEFRLevel  # noqa: E402
from volex.domain.matching.encoders import Encoder, HashingEncoder  # noqa: E402
from volex.domain.matching.text import profile_text  # noqa: E402
from volex.domain.matching.types import ProfileFacts, SkillFact  # noqa: E402
from volex.matching.encoders import (  # noqa: E402
    STATIC_MODEL_DIR,
    StaticEncoder,
    get_encoder,
    transformer_available,
)

DEV = ROOT / "src" / "volex" / "matching" / "eval_data" / "esco-dev"

OCCUPATIONS = [
    "registered nurse", "midwife", "water and sanitation engineer", "civil engineer",
    "primary school teacher", "programme officer", "monitoring and evaluation specialist",
    "logistics officer", "accountant", "IT support technician", "electoral officer",
    "community mobiliser", "nutritionist", "agronomist", "social worker", "data analyst",
    "public health officer", "human rights officer", "procurement assistant", "architect",
]  # fmt: skip
SKILLS = [
    ("provide first aid", "providing health care or medical treatments"),
    ("administer vaccinations", "providing health care or medical treatments"),
    ("design water supply systems", "designing systems and products"),
    ("supervise construction projects", "supervising a team or group"),
    ("teach literacy", "teaching and training"),
    ("develop lesson plans", "teaching and training"),
    ("prepare financial reports", "performing administrative activities"),
    ("manage budgets", "managing budgets or finances"),
    ("coordinate logistics", "organising, planning and scheduling work and activities"),
    ("collect survey data", "collecting information"),
    ("analyse statistical data", "analysing and evaluating information and data"),
    ("train community volunteers", "teaching and training"),
    ("negotiate with stakeholders", "negotiating"),
    ("write project proposals", "writing and composing"),
    ("maintain computer networks", "setting up and protecting computer systems"),
    ("advise on nutrition", "advising and consulting"),
    ("monitor elections", "monitoring developments in area of expertise"),
    ("document human rights violations", "documenting and recording information"),
]
SUMMARIES = [
    "I have worked with rural communities for several years and want to serve abroad.",
    "Experienced in emergency response, comfortable in hardship duty stations.",
    "Keen to share my skills with a national volunteer scheme near my home town.",
    "Available for a twelve month assignment; I speak the local language fluently.",
    "",
]
EDUCATION = ["", "secondary school", "bachelor's degree in nursing", "master's degree in economics"]


def synthetic_profiles(count: int, seed: int = 0) -> list[str]:
    rng = random.Random(seed)
    levels = list(CEFRLevel)
    texts = []
    for i in range(count):
        skills = tuple(
            SkillFact(f"s{j}", f"g{j}", rng.randint(1, 4), rng.choice([0, 1, 3, 5]), label, group)
            for j, (label, group) in enumerate(rng.sample(SKILLS, rng.randint(3, 8)))
        )
        languages = {c: rng.choice(levels) for c in rng.sample(["en", "fr", "es", "ar", "sw"], 2)}
        facts = ProfileFacts(
            profile_id=str(i),
            languages=languages,
            skills=skills,
            experience_years=float(rng.randint(0, 25)),
            occupation=rng.choice(OCCUPATIONS),
            education=rng.choice(EDUCATION),
            summary=rng.choice(SUMMARIES),
        )
        texts.append(profile_text(facts))
    return texts


def dev_texts() -> list[str]:
    """Every query and document text of the committed dev set (real ESCO wording)."""
    import json

    texts = []
    for name in ("queries.jsonl", "corpus.jsonl"):
        with (DEV / name).open(encoding="utf-8") as handle:
            texts += [json.loads(line)["text"] for line in handle if line.strip()]
    return texts


def rate(encoder: Encoder, texts: list[str], batch: int = 4096) -> float:
    encoder.encode(texts[:64])  # warm-up (lazy loads)
    start = time.perf_counter()
    for i in range(0, len(texts), batch):
        encoder.encode(texts[i : i + batch])
    return len(texts) / (time.perf_counter() - start)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--profiles", type=int, default=100_000)
    parser.add_argument("--slice", type=int, default=1_000, help="profiles for slow encoders")
    parser.add_argument("--quality", action="store_true", help="also nDCG@10 on the dev set")
    args = parser.parse_args()
    texts = synthetic_profiles(args.profiles)
    chars = sum(map(len, texts)) / len(texts)
    print(f"{len(texts):,} synthetic profile texts, {chars:.0f} characters on average")
    print(f"cores available: {len(os.sched_getaffinity(0))}")
    rows: list[tuple[str, int, float, str]] = []
    hashing_slice = texts[: max(args.slice, 5_000)]
    rows.append(
        ("hashing (baseline)", len(hashing_slice), rate(HashingEncoder(), hashing_slice), "")
    )
    static = get_encoder("static")
    rows.append((f"static ({type(static).__name__})", len(texts), rate(static, texts), ""))
    dev = dev_texts()
    fresh = StaticEncoder(STATIC_MODEL_DIR)  # an empty word cache: varied, unseen words
    rows.append(("static, ESCO dev texts", len(dev), rate(fresh, dev), "cold word cache"))
    try:
        from model2vec import StaticModel

        model = StaticModel.from_pretrained(str(STATIC_MODEL_DIR))
        rows.append(("static (model2vec encode)", len(texts), rate(model, texts), "same vectors"))
    except ImportError:
        pass
    minilm = None
    if transformer_available():
        minilm = get_encoder("minilm")
        part = texts[: args.slice]
        label = f"slice of {len(part):,}, extrapolated"
        rows.append(("minilm (transformer)", len(part), rate(minilm, part, batch=256), label))
    print(f"{'encoder':<28}{'profiles':>10}{'profiles/s':>13}{'2 M profiles':>14}  note")
    for name, count, per_second, note in rows:
        two_million = 2_000_000 / per_second
        shown = (
            f"{two_million / 60:.1f} min" if two_million < 36_000 else f"{two_million / 3600:.0f} h"
        )
        print(f"{name:<28}{count:>10,}{per_second:>13,.0f}{shown:>14}  {note}")
    static_rate = rows[1][2]
    print(f"target: static >= 10,000 profiles/s: {'met' if static_rate >= 10_000 else 'NOT met'}")
    if args.quality:
        from volex.domain.matching.evaluation import encode_dataset, evaluate_encoded, load_beir

        dataset = load_beir(DEV)
        scores = {"static": evaluate_encoded(dataset, encode_dataset(static, dataset)).ndcg_at_10}
        if minilm is not None:
            scores["minilm"] = evaluate_encoded(dataset, encode_dataset(minilm, dataset)).ndcg_at_10
        line = ", ".join(f"{k} {v:.4f}" for k, v in scores.items())
        print(f"nDCG@10 on esco-dev: {line}")
        if "minilm" in scores:
            share = scores["static"] / scores["minilm"]
            print(f"static keeps {share:.1%} of MiniLM's nDCG@10 (target >= 90 %)")


if __name__ == "__main__":
    main()
