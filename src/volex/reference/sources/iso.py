"""Countries (ISO 3166-1) and languages (ISO 639-3), read from the ``pycountry`` package.

Nothing is copied under ``data/``: ``pycountry`` bundles the Debian ``iso-codes`` data.
"""

from __future__ import annotations

from dataclasses import dataclass

import pycountry


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
