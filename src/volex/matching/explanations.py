"""Explanations in words: the engine's phrases (templates and parameters) in the active language,
and their JSON form as stored on each `MatchCandidate`."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.utils.translation import gettext

from volex.domain.matching.scoring import PHRASES
from volex.domain.matching.types import Phrase
from volex.reference.models import Language


def _language_names(codes: Iterable[str]) -> dict[str, str]:
    wanted = {c for c in codes if c}
    if not wanted:
        return {}
    return {lang.code: lang.localized_name for lang in Language.objects.filter(code__in=wanted)}


def phrases_to_json(phrases: Sequence[Phrase]) -> list[list[Any]]:
    return [[p.template, {k: str(v) for k, v in p.params.items()}] for p in phrases]


def phrases_from_json(data: Iterable[Sequence[Any]] | None) -> tuple[Phrase, ...]:
    return tuple(Phrase(template, dict(params)) for template, params in data or ())


def explanation_texts(explanations: Sequence[Sequence[Phrase]]) -> list[str]:
    """Each explanation in the active language, language codes as names (one query in all),
    without its "score …" phrase: every page and the API show the score beside it."""
    names = _language_names(
        str(p.params.get("language", "")) for phrases in explanations for p in phrases
    )
    out = []
    for phrases in explanations:
        words = []
        for phrase in phrases:
            if phrase.template == PHRASES["total"]:
                continue
            params = dict(phrase.params)
            if "language" in params:
                params["language"] = names.get(str(params["language"]), params["language"])
            if "kind" in params:
                params["kind"] = gettext(str(params["kind"]))
            words.append(gettext(phrase.template) % params)
        out.append("; ".join(words))
    return out


def explanation_text(phrases: Sequence[Phrase]) -> str:
    return explanation_texts([phrases])[0]
