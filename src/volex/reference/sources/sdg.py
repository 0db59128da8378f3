"""The Sustainable Development Goals and their targets in the six UN languages.

Read from the Open SDG translations copied under ``data/sdg/`` (``<lang>/global_goals.yml`` and
``<lang>/global_targets.yml``).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .paths import DATA_DIR

SDG_DIR = DATA_DIR / "sdg"

#: The six official UN languages, as the SDG translations name them; English is the reference.
SDG_LANGUAGES: tuple[str, ...] = ("en", "fr", "es", "ar", "ru", "zh-Hans")
SDG_TRANSLATED_LANGUAGES: tuple[str, ...] = tuple(lang for lang in SDG_LANGUAGES if lang != "en")


@dataclass(frozen=True, slots=True)
class SDGGoalRecord:
    number: int
    title: str
    short_title: str
    #: {lang: {"title": ..., "short": ...}} for the languages other than English
    translations: dict[str, dict[str, str]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class SDGTargetRecord:
    code: str  # "1.1", "1.a", "17.19"
    goal: int
    sort_key: int
    title: str
    translations: dict[str, str] = field(default_factory=dict)  # {lang: title}


def target_sort_key(suffix: str) -> int:
    """Order of a target within its goal: numbered targets first (1.2 before 1.10), then the
    lettered means-of-implementation targets (1.a = 101, 1.b = 102, ...)."""
    if suffix.isdigit():
        number = int(suffix)
        if not 1 <= number < 100:
            raise ValueError(f"target number out of range: {suffix!r}")
        return number
    if len(suffix) == 1 and "a" <= suffix <= "z":
        return 100 + ord(suffix) - ord("a") + 1
    raise ValueError(f"not an SDG target suffix: {suffix!r}")


def _load_yaml(path: Path) -> dict[str, str]:
    with path.open(encoding="utf-8") as handle:
        content = yaml.safe_load(handle) or {}
    return {str(key): str(value).strip() for key, value in content.items() if value}


def read_sdg(sdg_dir: Path = SDG_DIR) -> tuple[list[SDGGoalRecord], list[SDGTargetRecord]]:
    """Goals and targets with their translations. English must be complete; a text missing in
    another language is simply absent from ``translations`` (callers fall back to English)."""
    goals_by_lang = {
        lang: _load_yaml(sdg_dir / lang / "global_goals.yml") for lang in SDG_LANGUAGES
    }
    targets_by_lang = {
        lang: _load_yaml(sdg_dir / lang / "global_targets.yml") for lang in SDG_LANGUAGES
    }
    goal_pattern = re.compile(r"^(\d{1,2})-(title|short)$")
    target_pattern = re.compile(r"^(\d{1,2})-([0-9]{1,2}|[a-z])-title$")

    english_goals: dict[int, dict[str, str]] = defaultdict(dict)
    for key, value in goals_by_lang["en"].items():
        match = goal_pattern.match(key)
        if match:
            english_goals[int(match[1])][match[2]] = value
    goals = []
    for number in sorted(english_goals):
        texts = english_goals[number]
        if "title" not in texts or "short" not in texts:
            raise ValueError(f"SDG {number} lacks an English title or short title")
        translations: dict[str, dict[str, str]] = {}
        for lang in SDG_TRANSLATED_LANGUAGES:
            entry = {
                kind: goals_by_lang[lang][f"{number}-{kind}"]
                for kind in ("title", "short")
                if f"{number}-{kind}" in goals_by_lang[lang]
            }
            if entry:
                translations[lang] = entry
        goals.append(SDGGoalRecord(number, texts["title"], texts["short"], translations))

    targets = []
    for key, title in targets_by_lang["en"].items():
        match = target_pattern.match(key)
        if not match:
            continue
        goal, suffix = int(match[1]), match[2]
        if goal not in english_goals:
            raise ValueError(f"target {key} belongs to an unknown goal")
        titles = {
            lang: targets_by_lang[lang][key]
            for lang in SDG_TRANSLATED_LANGUAGES
            if key in targets_by_lang[lang]
        }
        targets.append(
            SDGTargetRecord(f"{goal}.{suffix}", goal, target_sort_key(suffix), title, titles)
        )
    targets.sort(key=lambda target: (target.goal, target.sort_key))
    return goals, targets
