"""Build the ESCO matching dev set in the BEIR layout (corpus, queries, qrels/dev.tsv).

Queries are assignments, documents are volunteer profiles, both made from the ESCO occupations
(shared/data/esco/occupations.csv) and turned into text by the same functions the engine uses
(`assignment_text`, `profile_text`), so that the evaluation reads what production reads:

- an assignment per sampled occupation: its preferred label as the title and the first sentence
  of its description as the description, with a required language;
- two volunteer profiles per occupation of the pool, neither naming the preferred label:
  (a) an alternative label as the occupation and the rest of the description, put in the first
  person ("They maintain..." becomes "I maintain..."), as the self-description;
  (b) another alternative label as the occupation, a one-line self-description naming a third,
  and random years, education and languages (noise every profile carries);
- only the occupations of half of the ISCO-08 unit groups (`is_dev_group`) are used; the other
  half is left for training encoders (`training_texts`), so that a tuned encoder never saw a dev
  occupation or group;
- relevance: a profile of the same occupation is 2, one of another occupation in the same ISCO-08
  unit group (4 digits) is 1, the rest 0.

The query sentence and the profile sentences are disjoint, so a match needs more than copying.
Deterministic for a given seed.

    python scripts/build_eval_set.py                      # the committed fixture
    python scripts/build_eval_set.py --queries 1000 --out /tmp/esco-dev-1000
    python scripts/build_eval_set.py --validation --out /tmp/esco-validation

`--validation` builds the same kind of set from the validation groups (`is_validation_group`), a
quarter of the TRAINING half's unit groups: encoder settings are chosen on it, never on the dev
set.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import random
import re
import sys
import zlib
from collections.abc import Callable
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from volex.domain.categories import Category  # noqa: E402
from volex.domain.cefr import CEFRLevel  # noqa: E402
from volex.domain.matching.text import assignment_text, profile_text  # noqa: E402
from volex.domain.matching.types import (  # noqa: E402
    AssignmentNeeds,
    LanguageNeed,
    Period,
    ProfileFacts,
)

DEFAULT_ESCO = ROOT.parent / "shared" / "data" / "esco"
DEFAULT_OUT = ROOT / "src" / "volex" / "matching" / "eval_data" / "esco-dev"
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")
LANGUAGES = ["en", "fr", "es", "ar", "pt", "ru", "sw", "zh"]
LEVELS = [CEFRLevel.B1, CEFRLevel.B2, CEFRLevel.C1, CEFRLevel.C2, CEFRLevel.NATIVE]
EDUCATION = [
    "",
    "secondary school",
    "vocational certificate",
    "bachelor's degree",
    "master's degree",
    "doctorate",
]
OPENERS = [
    "Looking for a volunteer assignment where I can use my experience as {label}.",
    "I have worked as {label} and want to put my skills to use abroad.",
    "Keen to support a community project drawing on my background as {label}.",
    "Experienced {label}, available for a field assignment.",
]


def is_dev_group(isco_unit_group: str) -> bool:
    """Half of the ISCO-08 unit groups make the dev set; the other half may train encoders."""
    return zlib.crc32(isco_unit_group.encode("ascii")) % 2 == 0


def is_validation_group(isco_unit_group: str) -> bool:
    """A quarter of the TRAINING half's unit groups, held out to choose an encoder's settings.

    Never a dev group: settings are chosen on these (with the encoder trained on the rest of the
    training half), so the dev figure is read once, for the chosen settings only.
    """
    if is_dev_group(isco_unit_group):
        return False
    # Not CRC-32 again: it is affine over GF(2), so its low bits would follow `is_dev_group`'s.
    return hashlib.sha256(isco_unit_group.encode("ascii")).digest()[0] % 4 == 0


def sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE.split(" ".join(text.split())) if s.strip()]


def first_person(sentence: str) -> str:
    """'They maintain...' -> 'I maintain...'; other sentences stay as they are."""
    sentence = re.sub(r"^They\b", "I", sentence)
    sentence = re.sub(r"\b(their|them|themselves)\b", lambda m: _PRONOUN[m.group(1)], sentence)
    return sentence


_PRONOUN = {"their": "my", "them": "me", "themselves": "myself"}


def load_occupations(esco: Path) -> list[dict[str, object]]:
    occupations = []
    with (esco / "occupations.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            label = row["PREFERREDLABEL"].strip()
            alts = sorted(
                {
                    " ".join(a.split())
                    for a in row["ALTLABELS"].split("\n")
                    if a.strip() and " ".join(a.split()).lower() != label.lower()
                }
            )
            parts = sentences(row["DESCRIPTION"])
            if len(alts) < 2 or not parts or len(row["ISCOGROUPCODE"]) != 4:
                continue
            occupations.append(
                {
                    "key": row["CODE"],
                    "label": label,
                    "alts": alts,
                    "sentences": parts,
                    "group": row["ISCOGROUPCODE"],
                }
            )
    occupations.sort(key=lambda o: str(o["key"]))
    return occupations


def make_profile(pid: str, occupation: str, summary: str, rng: random.Random) -> str:
    languages = {code: rng.choice(LEVELS) for code in rng.sample(LANGUAGES, rng.randint(1, 3))}
    facts = ProfileFacts(
        profile_id=pid,
        languages=languages,
        experience_years=float(rng.choice([0, 1, 2, 3, 5, 8, 12, 20])),
        occupation=occupation,
        education=rng.choice(EDUCATION),
        summary=summary,
    )
    return profile_text(facts)


def make_assignment(aid: str, occupation: dict[str, object], rng: random.Random) -> str:
    needs = AssignmentNeeds(
        assignment_id=aid,
        category=Category.INTERNATIONAL_SPECIALIST,
        country=None,
        period=Period(date(2026, 1, 1), date(2026, 12, 31)),
        title=str(occupation["label"]),
        description=list(occupation["sentences"])[0],  # type: ignore[call-overload]
        languages=(LanguageNeed(rng.choice(LANGUAGES), rng.choice(LEVELS[:3])),),
    )
    return assignment_text(needs)


def profile_variants(
    occupation: dict[str, object], rng: random.Random, prefix: str = "p"
) -> list[tuple[str, str]]:
    """The two (id, text) volunteer profiles of an occupation (see the module doc)."""
    alts = list(occupation["alts"])  # type: ignore[call-overload]
    picks = rng.sample(alts, 3) if len(alts) >= 3 else [*alts, alts[0]]
    rest = [first_person(s) for s in list(occupation["sentences"])[1:]]  # type: ignore[call-overload]
    docs = [
        (picks[0], " ".join(rest)),
        (picks[1], rng.choice(OPENERS).format(label=picks[2])),
    ]
    out = []
    for number, (title, summary) in enumerate(docs, start=1):
        pid = f"{prefix}{occupation['key']}-{number}"
        out.append((pid, make_profile(pid, title, summary, rng)))
    return out


def training_items(esco: Path, rounds: int = 4, seed: int = 7) -> list[dict[str, str]]:
    """Profile and assignment texts of the occupations OUTSIDE the dev unit groups, with their
    occupation, ISCO-08 unit group and kind ("profile" or "assignment").

    For training or distilling encoders without touching the dev set's occupations or groups;
    the items of the validation groups (`is_validation_group`) are among them, for the caller to
    leave out while it chooses settings.
    """
    rng = random.Random(seed)
    held_out = [o for o in load_occupations(esco) if not is_dev_group(str(o["group"]))]
    items: list[dict[str, str]] = []
    for _ in range(rounds):
        for occupation in held_out:
            key, group = str(occupation["key"]), str(occupation["group"])
            for _, text in profile_variants(occupation, rng, "t"):
                items.append({"text": text, "key": key, "group": group, "kind": "profile"})
            text = make_assignment("t", occupation, rng)
            items.append({"text": text, "key": key, "group": group, "kind": "assignment"})
    return items


def training_texts(esco: Path, rounds: int = 4, seed: int = 7) -> list[str]:
    """The texts of `training_items`, in the same order."""
    return [item["text"] for item in training_items(esco, rounds, seed)]


def build(
    esco: Path,
    out: Path,
    pool: int,
    queries: int,
    seed: int,
    groups: Callable[[str], bool] = is_dev_group,
) -> dict[str, int]:
    """Write a BEIR set of the occupations whose unit group `groups` admits (the dev set by
    default; `is_validation_group` for the validation split carved from the training half)."""
    rng = random.Random(seed)
    occupations = [o for o in load_occupations(esco) if groups(str(o["group"]))]
    chosen = rng.sample(occupations, pool) if 0 < pool < len(occupations) else occupations
    chosen.sort(key=lambda o: str(o["key"]))
    asked = rng.sample(chosen, min(queries, len(chosen)))
    asked.sort(key=lambda o: str(o["key"]))

    corpus: list[dict[str, str]] = []
    owner: dict[str, dict[str, object]] = {}
    for occupation in chosen:
        for pid, text in profile_variants(occupation, rng):
            owner[pid] = occupation
            corpus.append({"_id": pid, "title": "", "text": text})
    rng.shuffle(corpus)

    query_rows = []
    qrels: list[tuple[str, str, int]] = []
    for occupation in asked:
        qid = f"a{occupation['key']}"
        query_rows.append({"_id": qid, "text": make_assignment(qid, occupation, rng)})
        for doc in sorted(owner):
            other = owner[doc]
            if other["key"] == occupation["key"]:
                qrels.append((qid, doc, 2))
            elif other["group"] == occupation["group"]:
                qrels.append((qid, doc, 1))

    (out / "qrels").mkdir(parents=True, exist_ok=True)
    with (out / "corpus.jsonl").open("w", encoding="utf-8") as handle:
        handle.writelines(json.dumps(d, ensure_ascii=False) + "\n" for d in corpus)
    with (out / "queries.jsonl").open("w", encoding="utf-8") as handle:
        handle.writelines(json.dumps(q, ensure_ascii=False) + "\n" for q in query_rows)
    with (out / "qrels" / "dev.tsv").open("w", encoding="utf-8") as handle:
        handle.write("query-id\tcorpus-id\tscore\n")
        handle.writelines(f"{q}\t{d}\t{g}\n" for q, d, g in qrels)
    return {"occupations": len(chosen), "documents": len(corpus), "queries": len(query_rows)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--esco", type=Path, default=DEFAULT_ESCO)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument(
        "--pool", type=int, default=0, help="occupations in the corpus (0: all of the dev groups)"
    )
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument(
        "--validation",
        action="store_true",
        help="the validation groups of the training half, not the dev groups (needs --out)",
    )
    args = parser.parse_args()
    if args.validation:
        if args.out == DEFAULT_OUT:
            parser.error("--validation needs its own --out (the dev set's folder is not for it)")
        counts = build(args.esco, args.out, args.pool, args.queries, args.seed, is_validation_group)
        print(counts)
        return
    counts = build(args.esco, args.out, args.pool, args.queries, args.seed)
    readme = args.out / "README.md"
    readme.write_text(
        "# ESCO matching dev set (BEIR layout)\n\n"
        "Generated by `scripts/build_eval_set.py` from the ESCO occupations "
        "(European Commission, ESCO classification, CC BY 4.0, via the Tabiya CSV export).\n\n"
        f"- {counts['queries']} queries (assignments), {counts['documents']} documents "
        f"(volunteer profiles) from {counts['occupations']} occupations\n"
        "- qrels/dev.tsv: 2 = same occupation, 1 = same ISCO-08 unit group\n"
        "- only the occupations of the dev half of the ISCO-08 unit groups (`is_dev_group`)\n\n"
        f"Command: `python scripts/build_eval_set.py --pool {args.pool} --queries {args.queries} "
        f"--seed {args.seed}`\n",
        encoding="utf-8",
    )
    print(counts)


if __name__ == "__main__":
    main()
