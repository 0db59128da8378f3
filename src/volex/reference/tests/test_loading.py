"""The data migration and the load_reference command."""

from __future__ import annotations

import importlib
from io import StringIO
from types import SimpleNamespace

import pytest
from django.apps import apps as global_apps
from django.core.management import call_command
from django.db import connection
from django.db.migrations.loader import MigrationLoader

from volex.reference import loading, sources
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
MODELS = [Country, Language, SDGGoal, SDGTarget, ISCOGroup, Occupation, Skill, PeaceOperation]


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in MODELS}


def test_the_data_migration_reverses_and_reapplies_with_the_historical_models():
    migration = importlib.import_module("volex.reference.migrations.0002_load_reference_data")
    operation = migration.Migration.operations[0]
    state = MigrationLoader(connection).project_state(("reference", "0002_load_reference_data"))
    historical = state.apps
    editor = SimpleNamespace(connection=connection)
    before = counts()
    assert all(before.values())

    operation.reverse_code(historical, editor)
    assert set(counts().values()) == {0}

    operation.code(historical, editor)
    assert counts() == before


def test_reloading_changes_nothing():
    before = counts()
    pks = dict(Skill.objects.values_list("uri", "pk"))
    results = loading.load_reference_data(global_apps)
    assert counts() == before
    assert dict(Skill.objects.values_list("uri", "pk")) == pks  # keys survive a reload
    assert {r.model: (r.created, r.updated, r.deleted) for r in results} == {
        r.model: (0, 0, 0) for r in results
    }
    assert sum(r.unchanged for r in results) == sum(before.values())


def test_reloading_repairs_edits_and_removes_strays():
    Country.objects.filter(code="FR").update(name="Gaul")
    PeaceOperation.objects.filter(acronym="MINUSMA").update(is_active=True, end_date=None)
    leaf = Skill.objects.filter(level=4).first()
    other_parent = Skill.objects.filter(level=3).exclude(pk=leaf.parent_id).first()
    Skill.objects.filter(pk=leaf.pk).update(parent=other_parent, root=None)
    stray = Country.objects.create(code="ZZ", alpha3="ZZZ", name="Nowhere", numeric="999")
    kept_goal = SDGGoal.objects.get(number=1)
    stray_target = SDGTarget.objects.create(
        code="1.z", goal=kept_goal, sort_key=126, title="Not a target"
    )

    results = {r.model: r for r in loading.load_reference_data(global_apps)}

    assert Country.objects.get(code="FR").name == "France"
    minusma = PeaceOperation.objects.get(acronym="MINUSMA")
    assert not minusma.is_active and minusma.end_date is not None
    leaf.refresh_from_db()
    assert leaf.parent_id != other_parent.pk and leaf.root_id is not None
    assert not Country.objects.filter(pk=stray.pk).exists()
    assert not SDGTarget.objects.filter(pk=stray_target.pk).exists()
    assert results["country"].updated == 1 and results["country"].deleted == 1
    assert results["skill"].updated == 1
    assert results["peaceoperation"].updated == 1


def test_a_stray_row_still_referenced_is_kept():
    stray = Country.objects.create(code="ZZ", alpha3="ZZZ", name="Nowhere", numeric="999")
    PeaceOperation.objects.create(acronym="UNTEST", name="Test", country=stray)
    results = {r.model: r for r in loading.load_reference_data(global_apps)}
    # the stray operation goes; the country it protected was examined first, so it is kept
    assert results["country"].kept == 1
    assert Country.objects.filter(pk="ZZ").exists()
    assert not PeaceOperation.objects.filter(acronym="UNTEST").exists()


def test_the_command_prints_a_summary():
    out = StringIO()
    call_command("load_reference", stdout=out)
    text = out.getvalue()
    assert "Reference data" in text
    for label in ("countries", "languages", "skills", "UN peace operations"):
        assert label in text
    quiet = StringIO()
    call_command("load_reference", verbosity=0, stdout=quiet)
    assert quiet.getvalue() == ""


def test_stray_skills_are_deleted_with_their_stray_subtree():
    parent = Skill.objects.filter(level=2).first()
    stray = Skill.objects.create(
        uri="http://example.org/stray", title="Stray", level=3, parent=parent, root=parent.root
    )
    Skill.objects.create(
        uri="http://example.org/stray/child", title="Stray child", level=4, parent=stray
    )
    stray_root = Skill.objects.create(uri="http://example.org/stray-root", title="Root", level=1)
    Skill.objects.filter(pk=stray_root.pk).update(root=stray_root)
    results = {r.model: r for r in loading.load_reference_data(global_apps)}
    assert results["skill"].deleted == 3 and results["skill"].kept == 0
    assert not Skill.objects.filter(uri__startswith="http://example.org/").exists()
    assert Skill.objects.count() == len(sources.read_skill_groups())
