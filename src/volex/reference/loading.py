"""Load the packaged reference data into the database.

``load_reference_data(apps)`` works with the historical app registry of a migration (it touches
only fields that ``0001_initial`` defines) as well as with ``django.apps.apps``. It is an upsert
keyed by each model's natural key, so it is fast on an empty database (bulk inserts only), and
safe to run again on a populated one (``manage.py load_reference``): changed rows are updated in
place and keep their primary keys, rows gone from the sources are deleted unless something still
refers to them (those are kept and counted as ``kept``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import DEFAULT_DB_ALIAS, transaction
from django.db.models import Model, ProtectedError

from . import sources

APP = "reference"
BATCH_SIZE = 1000


@dataclass
class SyncResult:
    model: str  # the model name ("country")
    label: str = ""  # its plural verbose name, for reports
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    deleted: int = 0
    kept: int = 0  # gone from the source but still referenced, so not deleted
    unchanged_keys: set = field(default_factory=set, repr=False)

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged


Reporter = Callable[[SyncResult], None]


def _alias(schema_editor: Any | None, using: str | None) -> str:
    if using:
        return using
    if schema_editor is not None:
        return schema_editor.connection.alias
    return DEFAULT_DB_ALIAS


def _sync(
    model: type[Model],
    key: str,
    rows: Sequence[dict[str, Any]],
    *,
    using: str,
    batch_size: int,
) -> tuple[SyncResult, list[Model]]:
    """Create or update ``rows`` (dicts of field attnames) keyed by ``key``; return the result
    and the existing objects that no row matched (the caller deletes them in a safe order)."""
    result = SyncResult(
        model._meta.model_name or model.__name__, label=str(model._meta.verbose_name_plural)
    )
    manager = model._default_manager.db_manager(using)
    existing = {getattr(obj, key): obj for obj in manager.all()}
    to_create: list[Model] = []
    to_update: list[Model] = []
    changed_fields: set[str] = set()
    for values in rows:
        obj = existing.pop(values[key], None)
        if obj is None:
            to_create.append(model(**values))
            continue
        changed = [name for name, value in values.items() if getattr(obj, name) != value]
        if changed:
            for name in changed:
                setattr(obj, name, values[name])
            changed_fields.update(changed)
            to_update.append(obj)
        else:
            result.unchanged += 1
            result.unchanged_keys.add(values[key])
    if to_create:
        manager.bulk_create(to_create, batch_size=batch_size)
    if to_update:
        manager.bulk_update(to_update, sorted(changed_fields), batch_size=batch_size)
    result.created, result.updated = len(to_create), len(to_update)
    return result, list(existing.values())


def _is_referenced(obj: Model, *, using: str, ignore_own_model: bool = False) -> bool:
    """Whether any row (of any app, through a foreign key or a many-to-many) points at ``obj``;
    with ``ignore_own_model``, links within the same table (a tree's parent) do not count."""
    for relation in obj._meta.related_objects:
        if ignore_own_model and relation.related_model is type(obj):
            continue
        related = relation.related_model._base_manager.db_manager(using)
        if related.filter(**{relation.field.name: obj}).exists():
            return True
    return False


def _delete_stale(objects: Iterable[Model], result: SyncResult, *, using: str) -> None:
    """Delete rows gone from the sources, but never one that something refers to: whatever the
    referring app chose for ``on_delete``, a reload must not cascade into user data."""
    for obj in objects:
        if _is_referenced(obj, using=using):
            result.kept += 1
            continue
        try:
            with transaction.atomic(using=using):
                obj.delete(using=using)
        except ProtectedError:  # pragma: no cover - checked above; kept as a safety net
            result.kept += 1
        else:
            result.deleted += 1


def _lines(labels: Iterable[str]) -> str:
    return "\n".join(labels)


def load_countries(apps, *, using: str, batch_size: int) -> SyncResult:
    Country = apps.get_model(APP, "Country")
    rows = [
        {"code": r.code, "alpha3": r.alpha3, "name": r.name, "numeric": r.numeric}
        for r in sources.read_countries()
    ]
    result, stale = _sync(Country, "code", rows, using=using, batch_size=batch_size)
    _delete_stale(stale, result, using=using)
    return result


def load_languages(apps, *, using: str, batch_size: int) -> SyncResult:
    Language = apps.get_model(APP, "Language")
    rows = [
        {"code": r.code, "alpha3": r.alpha3, "name": r.name, "is_common": r.is_common}
        for r in sources.read_languages()
    ]
    result, stale = _sync(Language, "code", rows, using=using, batch_size=batch_size)
    _delete_stale(stale, result, using=using)
    return result


def load_sdgs(apps, *, using: str, batch_size: int) -> list[SyncResult]:
    SDGGoal = apps.get_model(APP, "SDGGoal")
    SDGTarget = apps.get_model(APP, "SDGTarget")
    goals, targets = sources.read_sdg()
    goal_rows = [
        {
            "number": g.number,
            "title": g.title,
            "short_title": g.short_title,
            "translations": g.translations,
        }
        for g in goals
    ]
    goal_result, stale_goals = _sync(
        SDGGoal, "number", goal_rows, using=using, batch_size=batch_size
    )
    # The goal and the sort key both derive from the code (the key), so an update can never
    # make two rows collide on the unique (goal, sort_key) constraint.
    target_rows = [
        {
            "code": t.code,
            "goal_id": t.goal,
            "sort_key": t.sort_key,
            "title": t.title,
            "translations": t.translations,
        }
        for t in targets
    ]
    target_result, stale_targets = _sync(
        SDGTarget, "code", target_rows, using=using, batch_size=batch_size
    )
    _delete_stale(stale_targets, target_result, using=using)
    _delete_stale(stale_goals, goal_result, using=using)
    return [goal_result, target_result]


def load_isco_and_occupations(apps, *, using: str, batch_size: int) -> list[SyncResult]:
    ISCOGroup = apps.get_model(APP, "ISCOGroup")
    Occupation = apps.get_model(APP, "Occupation")
    groups = sources.read_isco_groups()  # parents before children
    group_rows = [
        {
            "code": g.code,
            "level": g.level,
            "parent_id": g.parent_code,
            "title": g.title,
            "description": g.description,
        }
        for g in groups
    ]
    group_result, stale_groups = _sync(
        ISCOGroup, "code", group_rows, using=using, batch_size=batch_size
    )
    occupation_rows = [
        {
            "uri": o.uri,
            "esco_code": o.esco_code,
            "title": o.title,
            "alt_labels": _lines(o.alt_labels),
            "description": o.description,
            "isco_group_id": o.isco_code,
        }
        for o in sources.read_occupations()
    ]
    occupation_result, stale_occupations = _sync(
        Occupation, "uri", occupation_rows, using=using, batch_size=batch_size
    )
    _delete_stale(stale_occupations, occupation_result, using=using)
    _delete_stale(
        sorted(stale_groups, key=lambda g: -g.level), group_result, using=using
    )  # deepest first
    return [group_result, occupation_result]


def load_skills(apps, *, using: str, batch_size: int) -> SyncResult:
    """Skill groups in two passes: the rows themselves keyed by URI, then the tree links
    (``parent``, ``root``), which need the primary keys of the first pass."""
    Skill = apps.get_model(APP, "Skill")
    records = sources.read_skill_groups()
    rows = [
        {
            "uri": r.uri,
            "code": r.code,
            "title": r.title,
            "alt_labels": _lines(r.alt_labels),
            "description": r.description,
            "level": r.level,
        }
        for r in records
    ]
    result, stale = _sync(Skill, "uri", rows, using=using, batch_size=batch_size)
    unchanged = result.unchanged_keys
    manager = Skill._default_manager.db_manager(using)
    current = {obj.uri: obj for obj in manager.only("pk", "uri", "parent_id", "root_id")}
    relinked = []
    for record in records:
        obj = current[record.uri]
        parent_id = current[record.parent_uri].pk if record.parent_uri else None
        root_id = current[record.root_uri].pk
        if (obj.parent_id, obj.root_id) != (parent_id, root_id):
            obj.parent_id, obj.root_id = parent_id, root_id
            relinked.append(obj)
    if relinked:
        manager.bulk_update(relinked, ["parent", "root"], batch_size=batch_size)
        # Rows created by the first pass are counted there; count the others whose links moved.
        moved = sum(1 for obj in relinked if obj.uri in unchanged)
        result.updated += moved
        result.unchanged -= moved
    if stale:
        # Every row still in the source now points at rows still in the source, so only stale
        # rows can point at stale rows. Keep those something outside the tree refers to; detach
        # the others (from each other, and from themselves as their own root) and delete them.
        kept = {obj.pk for obj in stale if _is_referenced(obj, using=using, ignore_own_model=True)}
        doomed = [obj.pk for obj in stale if obj.pk not in kept]
        manager.filter(pk__in=doomed).update(parent=None, root=None)
        manager.filter(pk__in=kept, parent_id__in=doomed).update(parent=None)
        manager.filter(pk__in=kept, root_id__in=doomed).update(root=None)
        manager.filter(pk__in=doomed).delete()
        result.deleted, result.kept = len(doomed), len(kept)
    return result


def load_peace_operations(apps, *, using: str, batch_size: int) -> SyncResult:
    PeaceOperation = apps.get_model(APP, "PeaceOperation")
    Country = apps.get_model(APP, "Country")
    known_countries = set(Country._default_manager.db_manager(using).values_list("pk", flat=True))
    rows = [
        {
            "acronym": r.acronym,
            "name": r.name,
            "lead_department": r.lead_department,
            "is_active": r.is_active,
            "start_date": r.start_date,
            "end_date": r.end_date,
            "headquarters": r.headquarters,
            "country_id": r.country_code if r.country_code in known_countries else None,
            "latitude": r.latitude,
            "longitude": r.longitude,
        }
        for r in sources.read_peace_operations()
    ]
    result, stale = _sync(PeaceOperation, "acronym", rows, using=using, batch_size=batch_size)
    _delete_stale(stale, result, using=using)
    return result


def load_reference_data(
    apps,
    schema_editor=None,
    *,
    using: str | None = None,
    batch_size: int = BATCH_SIZE,
    report: Reporter | None = None,
) -> list[SyncResult]:
    """Create or update every reference table from the packaged files, in one transaction.

    Usable directly as a ``RunPython`` forward function."""
    alias = _alias(schema_editor, using)
    results: list[SyncResult] = []

    def done(outcome: SyncResult | list[SyncResult]) -> None:
        for item in outcome if isinstance(outcome, list) else [outcome]:
            results.append(item)
            if report is not None:
                report(item)

    options = {"using": alias, "batch_size": batch_size}
    with transaction.atomic(using=alias):
        done(load_countries(apps, **options))
        done(load_languages(apps, **options))
        done(load_sdgs(apps, **options))
        done(load_isco_and_occupations(apps, **options))
        done(load_skills(apps, **options))
        done(load_peace_operations(apps, **options))
    return results


def unload_reference_data(apps, schema_editor=None, *, using: str | None = None) -> None:
    """Delete every reference row (the reverse of migration 0002)."""
    alias = _alias(schema_editor, using)

    def manager(name: str):
        return apps.get_model(APP, name)._default_manager.db_manager(alias)

    with transaction.atomic(using=alias):
        manager("PeaceOperation").all().delete()
        manager("Occupation").all().delete()
        manager("Skill").all().update(parent=None, root=None)
        manager("Skill").all().delete()
        manager("ISCOGroup").all().update(parent=None)
        manager("ISCOGroup").all().delete()
        manager("SDGTarget").all().delete()
        manager("SDGGoal").all().delete()
        manager("Language").all().delete()
        manager("Country").all().delete()
