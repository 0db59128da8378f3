"""Reads of reference data, with their joins and prefetches already applied."""

from __future__ import annotations

import unicodedata

from django.db.models import Case, IntegerField, Prefetch, Q, QuerySet, Value, When

from .models import (
    Country,
    ISCOGroup,
    Language,
    Occupation,
    PeaceOperation,
    SDGGoal,
    SDGTarget,
    Skill,
)

DEFAULT_LIMIT = 20
MAX_LIMIT = 100


def _sort_key(text: str) -> str:
    # Accent-insensitive, case-insensitive: "Åland" sorts with "A", "Émirats" with "E".
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()


def _limit(limit: int) -> int:
    return max(1, min(int(limit), MAX_LIMIT))


def country_list() -> QuerySet[Country]:
    return Country.objects.order_by("name")


def country_choices() -> list[tuple[str, str]]:
    """(code, name in the active language) pairs, sorted by the localized name."""
    pairs = [(country.code, country.localized_name) for country in country_list()]
    return sorted(pairs, key=lambda pair: _sort_key(pair[1]))


def language_list(*, common_first: bool = True) -> QuerySet[Language]:
    """All languages by name; with ``common_first`` the ISO 639-1 languages (about 180) come
    first, so that a form can show them before the 7,000 others."""
    if common_first:
        return Language.objects.order_by("-is_common", "name")
    return Language.objects.order_by("name")


def language_choices(*, common_only: bool = False) -> list[tuple[str, str]]:
    queryset = language_list(common_first=True)
    if common_only:
        queryset = queryset.filter(is_common=True)
    pairs = [(language.code, language.localized_name, language.is_common) for language in queryset]
    pairs.sort(key=lambda item: (not item[2], _sort_key(item[1])))
    return [(code, name) for code, name, _common in pairs]


def sdg_goal_list() -> QuerySet[SDGGoal]:
    """The 17 goals with their targets prefetched in official order."""
    return SDGGoal.objects.order_by("number").prefetch_related(
        Prefetch("targets", queryset=SDGTarget.objects.order_by("sort_key"))
    )


def sdg_target_list(*, goal: int | None = None) -> QuerySet[SDGTarget]:
    queryset = SDGTarget.objects.select_related("goal").order_by("goal_id", "sort_key")
    return queryset.filter(goal_id=goal) if goal is not None else queryset


def isco_group_list(*, level: int | None = None) -> QuerySet[ISCOGroup]:
    queryset = ISCOGroup.objects.select_related("parent").order_by("code")
    return queryset.filter(level=level) if level is not None else queryset


def _ranked(queryset: QuerySet, query: str, *, code_field: str) -> QuerySet:
    """Match ``query`` in the title, the alternative labels or the code, best matches first:
    exact title, title prefix, title contains, code prefix, alternative label."""
    return (
        queryset.filter(
            Q(title__icontains=query)
            | Q(alt_labels__icontains=query)
            | Q(**{f"{code_field}__istartswith": query})
        )
        .annotate(
            rank=Case(
                When(title__iexact=query, then=Value(0)),
                When(title__istartswith=query, then=Value(1)),
                When(title__icontains=query, then=Value(2)),
                When(**{f"{code_field}__istartswith": query}, then=Value(3)),
                default=Value(4),
                output_field=IntegerField(),
            )
        )
        .order_by("rank", "title")
    )


def skill_search(query: str, limit: int = DEFAULT_LIMIT) -> list[Skill]:
    """Skills whose title, alternative labels or ESCO code match ``query``; parent and top-level
    group are joined in (one query)."""
    query = " ".join(query.split())
    if not query:
        return []
    queryset = Skill.objects.select_related("parent", "root")
    return list(_ranked(queryset, query, code_field="code")[: _limit(limit)])


def occupation_search(query: str, limit: int = DEFAULT_LIMIT) -> list[Occupation]:
    query = " ".join(query.split())
    if not query:
        return []
    queryset = Occupation.objects.select_related("isco_group")
    return list(_ranked(queryset, query, code_field="esco_code")[: _limit(limit)])


def peace_operation_list(*, active: bool | None = None) -> QuerySet[PeaceOperation]:
    queryset = PeaceOperation.objects.select_related("country").order_by("acronym")
    return queryset.filter(is_active=active) if active is not None else queryset
