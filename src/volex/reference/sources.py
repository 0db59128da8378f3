"""Read and clean the packaged reference data: plain dataclasses in, plain dataclasses out.

This module imports nothing from Django or from other Volex apps, so that it can be tested (and
reused) without settings or a database. It reads only the copies under ``data/`` next to it (see
``data/ATTRIBUTION.md``) and the ``pycountry`` package.

Every known flaw of the peace-operations extract is corrected here, by a pure function or a small
documented table: see :func:`clean_peace_operation`.
"""

from __future__ import annotations

import csv
import gzip
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path

import pycountry
import yaml

DATA_DIR = Path(__file__).resolve().parent / "data"
SDG_DIR = DATA_DIR / "sdg"
ESCO_DIR = DATA_DIR / "esco"
PEACE_OPERATIONS_CSV = DATA_DIR / "peace-operations" / "DPPADPOSS-PKO.csv"

#: The six official UN languages, as the SDG translations name them; English is the reference.
SDG_LANGUAGES: tuple[str, ...] = ("en", "fr", "es", "ar", "ru", "zh-Hans")
SDG_TRANSLATED_LANGUAGES: tuple[str, ...] = tuple(lang for lang in SDG_LANGUAGES if lang != "en")
COORDINATE_PLACES = Decimal("0.000001")


# --------------------------------------------------------------------------------------------
# Countries and languages (pycountry)
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CountryRecord:
    code: str  # ISO 3166-1 alpha-2
    alpha3: str
    name: str  # the English common name where ISO gives one ("Bolivia"), else the ISO name
    numeric: str


@dataclass(frozen=True, slots=True)
class LanguageRecord:
    code: str  # ISO 639-1 alpha-2 when the language has one, else ISO 639-3 alpha-3
    alpha3: str
    name: str
    is_common: bool  # has an ISO 639-1 code: the short list forms offer first


def read_countries() -> list[CountryRecord]:
    records = [
        CountryRecord(
            code=country.alpha_2,
            alpha3=country.alpha_3,
            name=getattr(country, "common_name", None) or country.name,
            numeric=country.numeric,
        )
        for country in pycountry.countries
    ]
    return sorted(records, key=lambda record: record.code)


def read_languages() -> list[LanguageRecord]:
    """Every living individual language of ISO 639-3, plus every language with an ISO 639-1 code
    (which adds a few macrolanguages such as Arabic or Chinese, and constructed or historical
    ones such as Esperanto or Latin)."""
    records = []
    for language in pycountry.languages:
        alpha2 = getattr(language, "alpha_2", None)
        living_individual = (
            getattr(language, "type", None) == "L" and getattr(language, "scope", None) == "I"
        )
        if not (living_individual or alpha2):
            continue
        records.append(
            LanguageRecord(
                code=alpha2 or language.alpha_3,
                alpha3=language.alpha_3,
                name=language.name,
                is_common=bool(alpha2),
            )
        )
    return sorted(records, key=lambda record: record.code)


# --------------------------------------------------------------------------------------------
# Sustainable Development Goals
# --------------------------------------------------------------------------------------------


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
        translations = {}
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
        translations = {
            lang: targets_by_lang[lang][key]
            for lang in SDG_TRANSLATED_LANGUAGES
            if key in targets_by_lang[lang]
        }
        targets.append(
            SDGTargetRecord(f"{goal}.{suffix}", goal, target_sort_key(suffix), title, translations)
        )
    targets.sort(key=lambda target: (target.goal, target.sort_key))
    return goals, targets


# --------------------------------------------------------------------------------------------
# ESCO: ISCO-08 groups, occupations, skill groups (tabiya CSV export)
# --------------------------------------------------------------------------------------------


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


def _primary_parent_key(child: RawSkillGroup, parent: RawSkillGroup) -> tuple:
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


# --------------------------------------------------------------------------------------------
# UN peace operations (UN Peace and Security Data Hub extract)
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RawPeaceOperation:
    """One row of DPPADPOSS-PKO.csv, as text."""

    acronym: str
    name: str
    lead_department: str
    is_active: str
    start_date: str
    end_date: str
    headquarters: str
    longitude: str
    latitude: str


@dataclass(frozen=True, slots=True)
class PeaceOperationRecord:
    acronym: str
    name: str
    lead_department: str
    is_active: bool
    start_date: date | None
    end_date: date | None
    headquarters: str
    country_code: str | None
    latitude: Decimal | None
    longitude: Decimal | None
    #: what the cleaning changed, for the load report ("coordinates swapped", ...)
    fixes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Correction:
    """A fix the data itself cannot reveal; ``None`` leaves a field as published."""

    reason: str
    name: str | None = None
    is_active: bool | None = None
    end_date: date | None = None


#: Corrections by acronym. Keep it short, and give the reason and the source of each fix.
CORRECTIONS: Mapping[str, Correction] = {
    "DOMREP": Correction(
        reason="name truncated in the extract; full name as in the UN list of peacekeeping "
        "operations 1948-present",
        name="Mission of the Representative of the Secretary-General in the Dominican Republic",
    ),
    "MINUSMA": Correction(
        reason="still marked active in the extract; Security Council resolution 2690 (2023) "
        "ended the mandate on 30 June 2023 and the mission closed on 31 December 2023",
        is_active=False,
        end_date=date(2023, 12, 31),
    ),
}

#: Headquarters (as written in the file, compared case- and space-insensitively) -> ISO 3166-1
#: alpha-2. ``None`` records a deliberate choice: the place has no single ISO country.
HEADQUARTERS_COUNTRY: Mapping[str, str | None] = {
    "Abidjan": "CI",
    "Abyei": None,  # the Abyei Area: final status between Sudan and South Sudan unresolved
    "Al Fashir": "SD",
    "Asmara": "ER",
    "Athens": "GR",
    "Baghdad": "IQ",
    "Bamako": "ML",
    "Bangui": "CF",
    "Bujumbura": "BI",
    "Camp Faouar": "SY",  # UNDOF's camp on the Syrian (Bravo) side of the area of separation
    "Cavtat": "HR",
    "Damascus": "SY",
    "Dili": "TL",
    "Dushanbe": "TJ",
    "Freetown": "SL",
    "Gaza": "PS",
    "Guatemala City": "GT",
    # UNMOGIP alternates its headquarters between Pakistan and India: no single country.
    "Islamabad (Nov-Apr) and Srinagar (May-Oct)": None,
    "Jerusalem": None,  # status unresolved under UN resolutions; UNTSO's seat is not assigned
    "Juba": "SS",
    "Kabale": "UG",
    "Kabul": "AF",
    "Khartoum": "SD",
    "Kigali": "RW",
    "Kinshasa": "CD",
    "Laayoune": "EH",
    "Luanda": "AO",
    "Maputo": "MZ",
    "Mogadishu": "SO",
    "Monrovia": "LR",
    "N'Djamena": "TD",
    "Naqoura": "LB",
    "Nicosia": "CY",
    "Phnom Penh": "KH",
    "Port-au-Prince": "HT",
    "Pristina": None,  # Kosovo (UNSC resolution 1244) has no ISO 3166-1 code
    "San Salvador": "SV",
    "Sarajevo": "BA",
    "Skopje": "MK",
    "Sukhumi": "GE",
    "Tegucigalpa": "HN",
    "Tehran": "IR",
    "Umm Qasr": "IQ",
    "Vukovar": "HR",
    "Zagreb": "HR",
}

#: Rough bounding boxes (min lat, max lat, min lon, max lon) of the countries above, each padded
#: by about half a degree: enough to tell a point from its transpose, not a border survey.
COUNTRY_BOUNDS: Mapping[str, tuple[float, float, float, float]] = {
    "AF": (28.9, 39.0, 60.0, 75.5),
    "AO": (-18.5, -4.0, 11.0, 24.5),
    "BA": (42.0, 45.8, 15.2, 20.2),
    "BI": (-5.0, -2.0, 28.5, 31.4),
    "CD": (-14.0, 5.9, 11.7, 31.8),
    "CF": (1.7, 11.5, 13.9, 28.0),
    "CI": (3.8, 11.3, -9.1, -2.0),
    "CY": (34.0, 36.2, 31.7, 35.1),
    "EH": (20.2, 28.2, -17.6, -8.2),
    "ER": (11.9, 18.6, 35.9, 43.7),
    "GE": (40.5, 44.1, 39.5, 47.3),
    "GR": (34.3, 42.3, 18.8, 30.2),
    "GT": (13.2, 18.3, -92.8, -87.7),
    "HN": (12.4, 17.0, -89.9, -82.6),
    "HR": (41.8, 47.1, 12.9, 20.0),
    "HT": (17.5, 20.6, -75.0, -71.1),
    "IQ": (28.5, 37.9, 38.3, 49.1),
    "IR": (24.5, 40.3, 43.5, 63.9),
    "KH": (9.9, 15.2, 101.8, 108.2),
    "LB": (32.5, 35.2, 34.6, 37.2),
    "LR": (3.8, 9.1, -12.0, -6.8),
    "MK": (40.3, 42.9, 19.9, 23.6),
    "ML": (9.6, 25.5, -12.8, 4.8),
    "MZ": (-27.4, -9.9, 29.7, 41.4),
    "PS": (30.7, 33.1, 33.7, 36.1),
    "RW": (-3.4, -0.5, 28.3, 31.4),
    "SD": (8.1, 22.8, 21.3, 39.1),
    "SL": (6.4, 10.5, -13.9, -9.7),
    "SO": (-2.2, 12.5, 40.4, 52.0),
    "SS": (3.0, 12.8, 22.9, 36.5),
    "SV": (12.6, 15.0, -90.7, -87.1),
    "SY": (31.8, 37.9, 35.2, 42.9),
    "TD": (6.9, 24.0, 13.0, 24.5),
    "TJ": (36.1, 41.6, 66.8, 75.7),
    "TL": (-10.1, -7.6, 123.5, 127.9),
    "UG": (-2.0, 4.8, 29.0, 35.6),
}

_TRUE = frozenset({"yes", "y", "true", "t", "1"})
_FALSE = frozenset({"no", "n", "false", "f", "0"})
_TRAILING_FUNCTION_WORDS = frozenset({"the", "of", "in", "and", "for", "to", "on", "a", "an"})


def parse_bool(value: str) -> bool:
    """``Yes``/``No`` in any case (the extract has one ``NO``); anything else is an error."""
    token = value.strip().casefold()
    if token in _TRUE:
        return True
    if token in _FALSE:
        return False
    raise ValueError(f"not a yes/no value: {value!r}")


def parse_date(value: str) -> date | None:
    """An ISO date, or ``None`` for a blank cell."""
    value = value.strip()
    return date.fromisoformat(value) if value else None


def parse_decimal(value: str) -> Decimal | None:
    """A number written with a decimal comma ("15,9833") or point; ``None`` for a blank cell."""
    value = value.strip().replace("\u00a0", "").replace(" ", "")
    if not value:
        return None
    if "," in value and "." in value:
        raise ValueError(f"ambiguous number (both a comma and a point): {value!r}")
    try:
        number = Decimal(value.replace(",", "."))
    except InvalidOperation as error:
        raise ValueError(f"not a number: {value!r}") from error
    if not number.is_finite():
        raise ValueError(f"not a finite number: {value!r}")
    return number.quantize(COORDINATE_PLACES)


def _normalize_place(value: str) -> str:
    return " ".join(unicodedata.normalize("NFC", value).split()).casefold()


_HEADQUARTERS_INDEX = {_normalize_place(city): code for city, code in HEADQUARTERS_COUNTRY.items()}


def country_for_headquarters(headquarters: str) -> str | None:
    """The ISO alpha-2 code of a headquarters city from :data:`HEADQUARTERS_COUNTRY`;
    ``None`` for a blank, unknown or deliberately unassigned place."""
    return _HEADQUARTERS_INDEX.get(_normalize_place(headquarters))


def in_bounds(latitude: Decimal, longitude: Decimal, country_code: str) -> bool:
    min_lat, max_lat, min_lon, max_lon = COUNTRY_BOUNDS[country_code]
    return min_lat <= latitude <= max_lat and min_lon <= longitude <= max_lon


def fix_coordinates(
    latitude: Decimal | None, longitude: Decimal | None, country_code: str | None
) -> tuple[Decimal | None, Decimal | None, bool]:
    """Return ``(latitude, longitude, swapped)`` with transposed pairs put back.

    A pair is swapped when its "latitude" cannot be one (outside +-90 while the longitude could
    be), or when the point falls outside its country's rough bounds and the transposed point
    falls inside. Anything else is kept as published. A pair with one half missing is dropped.
    """
    if latitude is None or longitude is None:
        return None, None, False
    if abs(latitude) > 90 and abs(longitude) <= 90:
        return longitude, latitude, True
    if (
        country_code in COUNTRY_BOUNDS
        and not in_bounds(latitude, longitude, country_code)
        and in_bounds(longitude, latitude, country_code)
    ):
        return longitude, latitude, True
    return latitude, longitude, False


def clean_name(value: str) -> str:
    """Collapse spaces and strip the stray quotes a broken CSV cell leaves around a name."""
    return " ".join(value.split()).strip("\"'\u201c\u201d ")


def looks_truncated(name: str) -> bool:
    """A name that ends on a function word ("... in the") or with an open parenthesis."""
    words = name.split()
    return (
        not words
        or words[-1].casefold() in _TRAILING_FUNCTION_WORDS
        or name.count("(") != name.count(")")
    )


def clean_peace_operation(
    raw: RawPeaceOperation, corrections: Mapping[str, Correction] = CORRECTIONS
) -> PeaceOperationRecord:
    """Clean one row. Handles, in turn: blank and missing dates (``None``); yes/no flags in any
    case; decimal commas; transposed coordinates; the headquarters city mapped to a country;
    stray quotes around names; and the per-acronym :data:`CORRECTIONS` (a truncated name,
    a closed mission still flagged active)."""
    fixes: list[str] = []
    acronym = " ".join(raw.acronym.split())
    headquarters = " ".join(raw.headquarters.split())
    country_code = country_for_headquarters(headquarters)
    if headquarters and _normalize_place(headquarters) not in _HEADQUARTERS_INDEX:
        fixes.append(f"headquarters {headquarters!r} not in the city table: no country")
    latitude, longitude, swapped = fix_coordinates(
        parse_decimal(raw.latitude), parse_decimal(raw.longitude), country_code
    )
    if swapped:
        fixes.append("latitude and longitude swapped back")
    if (
        latitude is not None
        and longitude is not None
        and (abs(latitude) > 90 or abs(longitude) > 180)
    ):
        fixes.append("coordinates out of range: dropped")
        latitude = longitude = None
    name = clean_name(raw.name)
    if name != raw.name:
        fixes.append("name whitespace or quotes cleaned")
    record = PeaceOperationRecord(
        acronym=acronym,
        name=name,
        lead_department=raw.lead_department.strip(),
        is_active=parse_bool(raw.is_active),
        start_date=parse_date(raw.start_date),
        end_date=parse_date(raw.end_date),
        headquarters=headquarters,
        country_code=country_code,
        latitude=latitude,
        longitude=longitude,
    )
    correction = corrections.get(acronym)
    if correction is not None:
        changes = {
            key: value
            for key in ("name", "is_active", "end_date")
            if (value := getattr(correction, key)) is not None
        }
        record = replace(record, **changes)
        fixes.append(f"corrected {', '.join(sorted(changes))}: {correction.reason}")
    return replace(record, fixes=tuple(fixes))


def read_raw_peace_operations(path: Path = PEACE_OPERATIONS_CSV) -> list[RawPeaceOperation]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return [
        RawPeaceOperation(
            acronym=row["mission_acronym"],
            name=row["mission_name"],
            lead_department=row["lead_department"],
            is_active=row["mission_isactive"],
            start_date=row["start_date"],
            end_date=row["end_date"],
            headquarters=row["mission_location"] or "",
            longitude=row["mission_longitude"] or "",
            latitude=row["mission_latitude"] or "",
        )
        for row in rows
    ]


def read_peace_operations(path: Path = PEACE_OPERATIONS_CSV) -> list[PeaceOperationRecord]:
    records = [clean_peace_operation(raw) for raw in read_raw_peace_operations(path)]
    acronyms = [record.acronym for record in records]
    if len(set(acronyms)) != len(acronyms):
        raise ValueError("duplicate peace-operation acronyms")
    return sorted(records, key=lambda record: record.acronym)
