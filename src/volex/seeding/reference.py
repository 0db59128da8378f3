"""The reference data a run draws from, read once into plain Python and numpy."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .countries import mother_tongue, nationalities, official_languages
from .names import NamePool, name_pool
from .sectors import occupation_sector
from .skills import OccupationRow, SkillMap, SkillRow, skill_map_for

# Share of volunteers by ISCO-08 major group of their occupation (professionals and technicians
# volunteer most; machine operators least).
ISCO_MAJOR_WEIGHT = {
    "1": 0.10, "2": 0.46, "3": 0.20, "4": 0.08, "5": 0.07, "6": 0.03, "7": 0.03, "8": 0.01,
    "9": 0.02, "0": 0.0,
}  # fmt: skip


@dataclass(frozen=True)
class CountryInfo:
    code: str
    name: str
    languages: tuple[str, ...]  # official languages known to the reference table


@dataclass(frozen=True)
class Origin:
    """A nationality volunteers come from, ready for drawing."""

    country: str
    pools: tuple[NamePool, ...]
    mother_tongues: tuple[str | None, ...]  # per pool
    languages: tuple[str, ...]  # official languages of the country


@dataclass(frozen=True)
class Reference:
    countries: dict[str, CountryInfo]
    languages: frozenset[str]
    language_names: dict[str, str]
    origins: tuple[Origin, ...]
    origin_weights: np.ndarray
    occupations: tuple[OccupationRow, ...]
    occupation_ids: np.ndarray
    occupation_weights: np.ndarray
    occupation_sectors: tuple[str, ...]
    occupation_major: np.ndarray  # ISCO major group as int
    skill_map: SkillMap
    skill_titles: dict[int, str]
    sdg_goals: tuple[int, ...]
    sdg_targets: dict[int, tuple[str, ...]]  # goal -> numbered target codes


def _skills(using: str) -> list[SkillRow]:
    from volex.reference.models import Skill

    rows = Skill.objects.using(using).values_list(
        "id", "code", "title", "alt_labels", "description", "level", "root__code", "root__uri"
    )
    result = []
    for pk, code, title, alt, description, level, root_code, root_uri in rows.order_by("id"):
        root = (root_code or "")[:1] or ("K" if "isced" in (root_uri or "") else "")
        text = " ".join([title, title, alt.replace("\n", " "), description])
        result.append(SkillRow(pk, code, title, text, level, root))
    return result


def _occupations(using: str) -> list[OccupationRow]:
    from volex.reference.models import Occupation

    rows = Occupation.objects.using(using).values_list(
        "id", "title", "alt_labels", "description", "isco_group_id", "isco_group__title"
    )
    return [
        OccupationRow(
            pk, title, " ".join([title, title, alt.replace("\n", " "), description, isco]), code
        )
        for pk, title, alt, description, code, isco in rows.order_by("id")
    ]


def _origins(countries: dict[str, CountryInfo], known: frozenset[str]) -> list[Origin]:
    result = []
    for nat in nationalities():
        if nat.code not in countries:
            continue
        pools = tuple(name_pool(source) for source in nat.sources)
        tongues = tuple(mother_tongue(nat.code, s, set(known)) for s in nat.sources)
        result.append(Origin(nat.code, pools, tongues, countries[nat.code].languages))
    return result


def load_reference(using: str = "default") -> Reference:
    from volex.reference.models import Country, Language, SDGTarget

    language_names = dict(Language.objects.using(using).values_list("code", "name"))
    known = frozenset(language_names)
    countries = {
        code: CountryInfo(code, name, tuple(c for c in official_languages(code) if c in known))
        for code, name in Country.objects.using(using).values_list("code", "name")
    }
    origins = _origins(countries, known)
    weight_by_code = {nat.code: nat.weight for nat in nationalities()}
    weights = np.array([weight_by_code[o.country] for o in origins], dtype=np.float64)
    skills = _skills(using)
    occupations = _occupations(using)
    major_weight = np.array([ISCO_MAJOR_WEIGHT.get(o.isco[0], 0.0) for o in occupations])
    per_major = {m: sum(1 for o in occupations if o.isco[0] == m) for m in ISCO_MAJOR_WEIGHT}
    occ_weights = major_weight / np.array([per_major[o.isco[0]] for o in occupations])
    targets: dict[int, list[str]] = {}
    for code, goal in (
        SDGTarget.objects.using(using)
        .filter(sort_key__lt=100)
        .order_by("goal", "sort_key")
        .values_list("code", "goal")
    ):
        targets.setdefault(goal, []).append(code)
    return Reference(
        countries=countries,
        languages=known,
        language_names=language_names,
        origins=tuple(origins),
        origin_weights=weights / weights.sum(),
        occupations=tuple(occupations),
        occupation_ids=np.array([o.id for o in occupations], dtype=np.int64),
        occupation_weights=occ_weights / occ_weights.sum(),
        occupation_sectors=tuple(occupation_sector(o.title, o.isco) for o in occupations),
        occupation_major=np.array([int(o.isco[0]) for o in occupations], dtype=np.int64),
        skill_map=skill_map_for(skills, occupations),
        skill_titles={s.id: s.title for s in skills},
        sdg_goals=tuple(sorted(targets)),
        sdg_targets={goal: tuple(codes) for goal, codes in targets.items()},
    )
