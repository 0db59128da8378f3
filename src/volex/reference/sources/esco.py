"""ESCO: the ISCO-08 groups, the occupations and the skill groups (tabiya CSV export).

Read from the gzipped copies under ``data/esco/``. ESCO lets a skill group have several broader
groups; :func:`build_skill_tree` keeps one parent for each, so that the skills form a tree.
"""

from __future__ import annotations

import csv
import gzip
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from .paths import DATA_DIR

ESCO_DIR = DATA_DIR / "esco"


@dataclass(frozen=True, slots=True)
class ISCOGroupRecord:
    code: str  # "2", "26", "265", "2654"; major group "0" is the armed forces
    level: int  # 1 major, 2 sub-major, 3 minor, 4 unit group
    parent_code: str | None
    title: str
    description: str


@dataclass(frozen=True, slots=True)
class OccupationRecord:
    uri: str
    esco_code: str  # "2654.1.7"
    title: str
    alt_labels: tuple[str, ...]
    description: str
    isco_code: str  # the 4-digit ISCO-08 unit group


@dataclass(frozen=True, slots=True)
class SkillGroupRecord:
    uri: str
    code: str  # ESCO skill-group code ("S1.2.3"); blank for the ISCED-F knowledge fields
    title: str
    alt_labels: tuple[str, ...]
    description: str
    parent_uri: str | None
    root_uri: str  # the level-1 ancestor; a top-level group is its own root
    level: int  # depth from the top: 1 = one of the four pillars (S, K, T, L)


@dataclass(frozen=True, slots=True)
class RawSkillGroup:
    id: str  # the CSV-local ID ("key_620"), used only to resolve skills_hierarchy links
    uri: str
    code: str
    title: str
    alt_labels: tuple[str, ...]
    description: str


def _read_csv(path: Path) -> Iterator[dict[str, str]]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle)


def split_labels(value: str, *, exclude: str = "") -> tuple[str, ...]:
    """A tabiya list (one label per line) without blanks, duplicates or the preferred label."""
    seen = {exclude.strip().casefold()} if exclude else set()
    labels = []
    for raw in value.split("\n"):
        label = " ".join(raw.split())
        if label and label.casefold() not in seen:
            seen.add(label.casefold())
            labels.append(label)
    return tuple(labels)


def read_isco_groups(esco_dir: Path = ESCO_DIR) -> list[ISCOGroupRecord]:
    """ISCO-08 groups with the parent each one has in ``occupations_hierarchy.csv``.

    A group the hierarchy file does not place gets the parent its code implies ("265" -> "26");
    a parent link that contradicts the code is an error."""
    rows = list(_read_csv(esco_dir / "ISCOGroups.csv.gz"))
    code_by_id = {row["ID"]: row["CODE"].strip() for row in rows}
    parents: dict[str, str] = {}
    for link in _read_csv(esco_dir / "occupations_hierarchy.csv.gz"):
        if link["PARENTOBJECTTYPE"] == "iscogroup" and link["CHILDOBJECTTYPE"] == "iscogroup":
            parents[code_by_id[link["CHILDID"]]] = code_by_id[link["PARENTID"]]
    records = []
    for row in rows:
        code = row["CODE"].strip()
        if not code.isdigit() or not 1 <= len(code) <= 4:
            raise ValueError(f"not an ISCO-08 group code: {code!r}")
        implied = code[:-1] or None
        parent = parents.get(code, implied)
        if parent != implied:
            raise ValueError(f"ISCO group {code} is placed under {parent}, its code says {implied}")
        records.append(
            ISCOGroupRecord(
                code=code,
                level=len(code),
                parent_code=parent,
                title=row["PREFERREDLABEL"].strip(),
                description=row["DESCRIPTION"].strip(),
            )
        )
    return sorted(records, key=lambda record: (record.level, record.code))


def read_occupations(esco_dir: Path = ESCO_DIR) -> list[OccupationRecord]:
    records = []
    for row in _read_csv(esco_dir / "occupations.csv.gz"):
        title = row["PREFERREDLABEL"].strip()
        records.append(
            OccupationRecord(
                uri=row["ORIGINURI"].strip(),
                esco_code=row["CODE"].strip(),
                title=title,
                alt_labels=split_labels(row["ALTLABELS"], exclude=title),
                description=row["DESCRIPTION"].strip(),
                isco_code=row["ISCOGROUPCODE"].strip(),
            )
        )
    return sorted(records, key=lambda record: record.esco_code)


def read_raw_skill_groups(
    esco_dir: Path = ESCO_DIR,
) -> tuple[list[RawSkillGroup], list[tuple[str, str]]]:
    """The skill groups and the group-to-group links (parent ID, child ID) of the CSV export."""
    groups = []
    for row in _read_csv(esco_dir / "skillGroups.csv.gz"):
        title = row["PREFERREDLABEL"].strip()
        groups.append(
            RawSkillGroup(
                id=row["ID"].strip(),
                uri=row["ORIGINURI"].strip(),
                code=row["CODE"].strip(),
                title=title,
                alt_labels=split_labels(row["ALTLABELS"], exclude=title),
                description=row["DESCRIPTION"].strip(),
            )
        )
    links = [
        (row["PARENTID"].strip(), row["CHILDID"].strip())
        for row in _read_csv(esco_dir / "skills_hierarchy.csv.gz")
        if row["PARENTOBJECTTYPE"] == "skillgroup" and row["CHILDOBJECTTYPE"] == "skillgroup"
    ]
    return groups, links


def code_is_under(child_code: str, parent_code: str) -> bool:
    """Whether an ESCO skill-group code extends another one: "S1" under "S", "S1.2" under "S1"
    (but "S10" is not under "S1")."""
    if not parent_code or not child_code.startswith(parent_code):
        return False
    rest = child_code[len(parent_code) :]
    return rest.startswith(".") or (parent_code.isalpha() and rest[:1].isdigit())


def _primary_parent_key(child: RawSkillGroup, parent: RawSkillGroup) -> tuple[int, bool, str, str]:
    # 1. the parent whose ESCO code is the longest proper prefix of the child's code
    #    (S1.2.3 belongs under S1.2, not under some other group that also lists it);
    # 2. then a parent that has an ESCO code before one that has none;
    # 3. then the smallest code, then the smallest URI: a total order, so the choice does not
    #    depend on the order of the rows in the file.
    prefix = code_is_under(child.code, parent.code)
    return (
        -len(parent.code) if prefix else 0,
        not parent.code,
        parent.code,
        parent.uri,
    )


def build_skill_tree(
    groups: Sequence[RawSkillGroup], links: Iterable[tuple[str, str]]
) -> list[SkillGroupRecord]:
    """Turn the skill-group DAG of the export into a tree.

    ESCO lets a group have several broader groups; Volex keeps one, the *primary parent*, chosen
    by :func:`_primary_parent_key` (natural code prefix first, then coded parents, then the
    smallest code and URI). Links to unknown IDs and self-links are ignored. A cycle is an error.
    ``level`` is the depth from the top (1 = top) and ``root_uri`` the level-1 ancestor, so two
    skills share an ESCO pillar when their roots are equal.
    """
    by_id = {group.id: group for group in groups}
    if len(by_id) != len(groups):
        raise ValueError("duplicate skill-group IDs")
    candidates: dict[str, list[RawSkillGroup]] = defaultdict(list)
    for parent_id, child_id in links:
        if parent_id in by_id and child_id in by_id and parent_id != child_id:
            candidates[child_id].append(by_id[parent_id])
    parent_of: dict[str, str] = {}
    for child_id, parents in candidates.items():
        child = by_id[child_id]
        parent_of[child_id] = min(parents, key=lambda parent: _primary_parent_key(child, parent)).id

    def ancestry(group_id: str) -> list[str]:
        path = [group_id]
        while path[-1] in parent_of:
            path.append(parent_of[path[-1]])
            if len(path) > len(by_id):
                raise ValueError(f"the skill hierarchy has a cycle through {by_id[group_id].uri}")
        return path

    records = []
    for group in groups:
        path = ancestry(group.id)
        parent_id = parent_of.get(group.id)
        records.append(
            SkillGroupRecord(
                uri=group.uri,
                code=group.code,
                title=group.title,
                alt_labels=group.alt_labels,
                description=group.description,
                parent_uri=by_id[parent_id].uri if parent_id else None,
                root_uri=by_id[path[-1]].uri,
                level=len(path),
            )
        )
    return sorted(records, key=lambda record: (record.level, record.code, record.uri))


def read_skill_groups(esco_dir: Path = ESCO_DIR) -> list[SkillGroupRecord]:
    groups, links = read_raw_skill_groups(esco_dir)
    return build_skill_tree(groups, links)
