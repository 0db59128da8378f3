"""The loaded tables: counts against the sources, constraints, ordering and localized names."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.utils import translation

from volex.reference import sources
from volex.reference.models import (
    Country,
    ISCOGroup,
    Language,
    Occupation,
    PeaceOperation,
    SDGGoal,
    SDGTarget,
    Skill,
)

pytestmark = pytest.mark.django_db


def test_migrations_load_every_source_row():
    goals, targets = sources.read_sdg()
    assert Country.objects.count() == len(sources.read_countries()) == 249
    assert Language.objects.count() == len(sources.read_languages())
    assert Language.objects.filter(is_common=True).count() == sum(
        1 for lang in sources.read_languages() if lang.is_common
    )
    assert SDGGoal.objects.count() == len(goals) == 17
    assert SDGTarget.objects.count() == len(targets) == 169
    assert ISCOGroup.objects.count() == len(sources.read_isco_groups()) == 619
    assert Occupation.objects.count() == len(sources.read_occupations()) == 3007
    assert Skill.objects.count() == len(sources.read_skill_groups()) == 640
    assert PeaceOperation.objects.count() == len(sources.read_peace_operations()) == 81


def test_country_names_follow_the_active_language():
    germany = Country.objects.get(code="DE")
    assert str(germany) == "Germany"
    with translation.override("fr"):
        assert germany.localized_name == "Allemagne"
        assert str(germany) == "Allemagne"
    with translation.override("es"):
        assert germany.localized_name == "Alemania"
    with translation.override("zh-hans"):
        assert germany.localized_name == "德国"
    with translation.override("xx"):  # no catalogue: English
        assert germany.localized_name == "Germany"
    assert Country.objects.get(code="BO").name == "Bolivia"


def test_language_names_follow_the_active_language():
    german = Language.objects.get(code="de")
    assert german.alpha3 == "deu" and german.is_common
    assert str(german) == "German"
    with translation.override("fr"):
        assert str(german) == "Allemand"
    assert not Language.objects.get(code="apc").is_common


def test_sdg_goal_titles_in_every_language():
    goal = SDGGoal.objects.get(number=4)
    assert str(goal) == "SDG 4: Quality education"
    assert goal.short_in("fr") == "Éducation de qualité"
    assert goal.title_in("zh-hans") == goal.translations["zh-Hans"]["title"]
    assert goal.title_in("de") == goal.title  # no German SDG data: English
    with translation.override("es"):
        assert goal.localized_short_title == goal.translations["es"]["short"]
        assert goal.localized_title == goal.translations["es"]["title"]
    with translation.override("ar"):
        assert str(goal).endswith(goal.translations["ar"]["short"])
    with translation.override("fr-ca"):
        assert goal.localized_title == goal.translations["fr"]["title"]


def test_a_missing_translation_falls_back_to_english():
    goal = SDGGoal.objects.get(number=1)
    goal.translations = {}
    target = SDGTarget(code="1.1", goal=goal, sort_key=1, title="English", translations={})
    assert goal.title_in("fr") == goal.title
    assert target.title_in("ru") == "English"


def test_targets_are_in_official_order_in_the_database():
    codes = list(SDGTarget.objects.filter(goal=17).values_list("code", flat=True))
    assert codes[:3] == ["17.1", "17.2", "17.3"] and codes[-1] == "17.19"
    goal_1 = list(SDGGoal.objects.get(number=1).targets.values_list("code", flat=True))
    assert goal_1 == ["1.1", "1.2", "1.3", "1.4", "1.5", "1.a", "1.b"]
    target = SDGTarget.objects.get(code="4.a")
    with translation.override("ru"):
        assert target.localized_title == target.translations["ru"]


@pytest.mark.parametrize("number", [0, 18])
def test_goal_numbers_are_constrained(number):
    with pytest.raises(IntegrityError), transaction.atomic():
        SDGGoal.objects.create(number=number, title="x", short_title="x")


def test_isco_levels_are_constrained():
    with pytest.raises(IntegrityError), transaction.atomic():
        ISCOGroup.objects.create(code="99", level=5, title="x")
    with pytest.raises(IntegrityError), transaction.atomic():
        ISCOGroup.objects.create(code="99", level=3, title="x")  # level must be the code length


def test_isco_tree_and_occupations():
    unit = ISCOGroup.objects.get(code="2654")
    assert unit.level == 4
    assert [unit.parent.code, unit.parent.parent.code, unit.parent.parent.parent.code] == [
        "265",
        "26",
        "2",
    ]
    assert ISCOGroup.objects.get(code="0").children.count() == 3
    occupation = Occupation.objects.get(esco_code="2654.1.7")
    assert occupation.isco_group_id == "2654"
    assert "head of technical" in occupation.alt_label_list
    assert not Occupation.objects.exclude(isco_group__level=4).exists()


def test_skill_roots_make_same_group_a_column_compare():
    roots = Skill.objects.filter(level=1)
    assert sorted(roots.values_list("code", flat=True)) == ["K", "L", "S", "T"]
    assert all(root.root_id == root.pk and root.parent_id is None for root in roots)
    assert not Skill.objects.filter(root__isnull=True).exists()
    assert not Skill.objects.exclude(root__level=1).exists()
    assert not Skill.objects.filter(level__gt=1, parent__isnull=True).exists()
    deep = Skill.objects.filter(level=4).select_related("parent__parent__parent").first()
    assert deep.root_id == deep.parent.parent.parent_id
    sibling = deep.parent.children.exclude(pk=deep.pk).first() or deep.parent
    assert deep.same_group_as(sibling)
    other_root = Skill.objects.filter(level=1).exclude(pk=deep.root_id).first()
    assert not deep.same_group_as(other_root)


def test_peace_operations_are_cleaned():
    minusma = PeaceOperation.objects.select_related("country").get(acronym="MINUSMA")
    assert not minusma.is_active and minusma.end_date.isoformat() == "2023-12-31"
    assert minusma.country.code == "ML"
    assert minusma.latitude == Decimal("12.65") and minusma.longitude == Decimal("-8")
    assert PeaceOperation.objects.get(acronym="DOMREP").name.endswith("Dominican Republic")
    assert PeaceOperation.objects.get(acronym="UNOHCI").start_date is None
    assert str(minusma).startswith("MINUSMA")
    assert minusma in minusma.country.peace_operations.all()


@pytest.mark.parametrize(
    ("latitude", "longitude"), [("91", "0"), ("-90.5", "0"), ("0", "180.5"), ("10", None)]
)
def test_coordinates_are_constrained(latitude, longitude):
    with pytest.raises(IntegrityError), transaction.atomic():
        PeaceOperation.objects.create(
            acronym="UNTEST", name="Test", latitude=latitude, longitude=longitude
        )
