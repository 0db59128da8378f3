"""UN peace operations: the UN Peace and Security Data Hub extract, read and cleaned.

Read from ``data/peace-operations/DPPADPOSS-PKO.csv``, kept byte for byte as published. Every
known flaw of the extract is corrected here, by a pure function or a small documented table: see
:func:`clean_peace_operation`.
"""

from __future__ import annotations

import csv
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path

from .paths import DATA_DIR

PEACE_OPERATIONS_CSV = DATA_DIR / "peace-operations" / "DPPADPOSS-PKO.csv"
COORDINATE_PLACES = Decimal("0.000001")


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
