"""Selectors: results and query counts."""

from __future__ import annotations

import pytest
from django.utils import translation

from volex.reference import selectors

pytestmark = pytest.mark.django_db


def test_country_list_and_localized_choices():
    names = list(selectors.country_list().values_list("name", flat=True))
    assert names == sorted(names)
    with translation.override("fr"):
        choices = selectors.country_choices()
    labels = [label for _code, label in choices]
    assert dict(choices)["DE"] == "Allemagne"
    assert labels.index("Égypte") < labels.index("Espagne")  # accents do not sort last


def test_language_list_puts_common_languages_first():
    languages = list(selectors.language_list(common_first=True)[:300])
    flags = [language.is_common for language in languages]
    assert flags == sorted(flags, reverse=True) and flags[0] and not flags[-1]
    plain = list(selectors.language_list(common_first=False).values_list("name", flat=True)[:50])
    assert plain == sorted(plain)
    common = selectors.language_choices(common_only=True)
    assert ("en", "English") in common and all(len(code) == 2 for code, _name in common)


def test_sdg_goal_list_prefetches_targets(django_assert_num_queries):
    with django_assert_num_queries(2):
        goals = list(selectors.sdg_goal_list())
        codes = {goal.number: [t.code for t in goal.targets.all()] for goal in goals}
    assert len(goals) == 17 and sum(len(c) for c in codes.values()) == 169
    assert codes[1][-2:] == ["1.a", "1.b"]


def test_skill_search_ranks_title_matches_first(django_assert_num_queries):
    with django_assert_num_queries(1):
        found = selectors.skill_search("communication", limit=10)
        roots = {skill.root.title for skill in found}
    assert found and roots
    assert "communication" in found[0].title.lower()
    assert len(found) <= 10
    assert selectors.skill_search("   ") == []
    assert selectors.skill_search("zzqqxx-no-such-skill") == []


def test_skill_search_by_code():
    found = selectors.skill_search("S1", limit=100)
    assert found and all(
        skill.code.startswith("S1") or "s1" in (skill.title + skill.alt_labels).lower()
        for skill in found
    )


def test_occupation_search(django_assert_num_queries):
    with django_assert_num_queries(1):
        found = selectors.occupation_search("technical director", limit=5)
        groups = [occupation.isco_group.title for occupation in found]
    assert found[0].title == "technical director" and groups


def test_peace_operation_list_filters_active():
    active = list(selectors.peace_operation_list(active=True))
    assert active and all(operation.is_active for operation in active)
    assert "MINUSMA" not in {operation.acronym for operation in active}
    assert selectors.peace_operation_list().count() == 81


def test_isco_group_list_by_level():
    assert selectors.isco_group_list(level=1).count() == 10
    assert selectors.sdg_target_list(goal=4).count() == 10
