"""Where volunteers come from: nationalities with realistic weights, the name sources that fit
each one, and the languages spoken there (CLDR official languages, through Babel)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

# (country, weight, name sources separated by "|"). Weights follow the nationalities that large
# programmes report most (East and West Africa, South Asia, the Philippines, France, Latin
# America), with a long tail of other countries.
NATIONALITIES: tuple[tuple[str, float, str], ...] = (
    ("KE", 9.0, "en_KE|sw"),
    ("NG", 8.0, "en_NG|yo_NG|ha_NG|ig_NG"),
    ("UG", 6.0, "hand:east_africa"),
    ("IN", 6.0, "en_IN"),
    ("PH", 5.0, "hand:ph"),
    ("FR", 5.0, "fr_FR"),
    ("CD", 4.5, "hand:central_africa"),
    ("CO", 4.0, "es_CO"),
    ("BD", 4.0, "hand:bd"),
    ("CM", 3.5, "hand:central_africa"),
    ("BR", 3.0, "pt_BR"),
    ("ET", 3.0, "hand:et"),
    ("GH", 3.0, "tw_GH"),
    ("IT", 3.0, "it_IT"),
    ("TZ", 2.5, "sw"),
    ("SN", 2.5, "hand:west_africa_fr"),
    ("ML", 2.0, "hand:west_africa_fr"),
    ("BF", 2.0, "hand:west_africa_fr"),
    ("CI", 2.0, "hand:west_africa_fr"),
    ("NP", 2.0, "hand:np"),
    ("PK", 2.0, "en_PK"),
    ("US", 2.5, "en_US"),
    ("GB", 2.0, "en_GB"),
    ("ES", 2.0, "es_ES"),
    ("DE", 2.0, "de_DE"),
    ("CA", 1.5, "en_CA|fr_CA"),
    ("MX", 1.5, "es_MX"),
    ("ZA", 1.5, "zu_ZA"),
    ("RW", 1.5, "hand:east_africa"),
    ("BI", 1.0, "hand:east_africa"),
    ("EG", 1.5, "hand:arabic"),
    ("SD", 1.0, "hand:arabic"),
    ("SY", 1.0, "hand:arabic"),
    ("JO", 1.0, "hand:arabic"),
    ("LB", 0.8, "hand:arabic"),
    ("MA", 1.0, "fr_DZ"),
    ("TN", 1.0, "fr_DZ"),
    ("DZ", 0.8, "fr_DZ"),
    ("AF", 1.0, "hand:af"),
    ("SS", 1.0, "hand:ss"),
    ("SO", 0.8, "hand:so"),
    ("HT", 1.0, "hand:ht"),
    ("NE", 0.8, "hand:west_africa_fr"),
    ("GN", 0.8, "hand:west_africa_fr"),
    ("TD", 0.8, "hand:west_africa_fr"),
    ("ID", 1.0, "id_ID"),
    ("VN", 0.8, "vi_VN"),
    ("TH", 0.5, "en_TH"),
    ("AR", 1.0, "es_AR"),
    ("CL", 0.8, "es_CL"),
    ("PE", 0.8, "es_MX"),
    ("BE", 1.0, "fr_BE|nl_BE"),
    ("NL", 1.0, "nl_NL"),
    ("CH", 0.8, "de_CH|fr_CH"),
    ("PT", 0.8, "pt_PT"),
    ("IE", 0.6, "en_IE"),
    ("SE", 0.6, "sv_SE"),
    ("NO", 0.5, "no_NO"),
    ("DK", 0.5, "da_DK"),
    ("FI", 0.4, "fi_FI"),
    ("AT", 0.4, "de_AT"),
    ("AU", 0.8, "en_AU"),
    ("NZ", 0.3, "en_NZ"),
    ("PL", 0.5, "pl_PL"),
    ("RO", 0.4, "ro_RO"),
    ("TR", 0.6, "tr_TR"),
    ("AZ", 0.2, "az_AZ"),
    ("UZ", 0.3, "uz_UZ"),
)

# Where diaspora volunteers live (country of residence and, often, a second nationality).
DIASPORA_HOMES: tuple[tuple[str, float], ...] = (
    ("FR", 4.0),
    ("GB", 4.0),
    ("US", 4.0),
    ("CA", 2.0),
    ("DE", 2.0),
    ("IT", 1.5),
    ("BE", 1.5),
    ("SE", 1.0),
    ("NL", 1.0),
    ("AU", 1.0),
    ("ES", 1.0),
    ("CH", 0.5),
)

# Languages of the Volex interface a volunteer would pick, by the languages they speak.
FRENCH_SPEAKING_UI = frozenset({"fr"})

# Source locale -> the mother tongue it implies where it differs from the country's first
# official language (a Yoruba name in Nigeria, an English-speaking Canadian).
LOCALE_MOTHER_TONGUE = {
    "yo_NG": "yo",
    "ha_NG": "ha",
    "ig_NG": "ig",
    "en_NG": "en",
    "en_CA": "en",
    "fr_CA": "fr",
    "fr_BE": "fr",
    "nl_BE": "nl",
    "de_CH": "de",
    "fr_CH": "fr",
    "hand:ph": "fil",
    "en_KE": "sw",
}

# Country -> the mother tongue of most, where it is not the first official language.
COUNTRY_MOTHER_TONGUE = {
    "UG": "lg", "RW": "rw", "BI": "rn", "CD": "ln", "SN": "wo", "ML": "bm", "PH": "fil",
    "ZA": "zu", "GH": "tw", "NE": "ha", "CF": "sg", "HT": "ht", "SS": "en",
}  # fmt: skip


@dataclass(frozen=True)
class Nationality:
    code: str
    weight: float
    sources: tuple[str, ...]


def nationalities() -> list[Nationality]:
    return [Nationality(c, w, tuple(s.split("|"))) for c, w, s in NATIONALITIES]


@cache
def official_languages(country: str) -> tuple[str, ...]:
    """CLDR official languages of a country (de facto ones where none is official), base codes."""
    from babel.languages import get_official_languages

    codes = get_official_languages(country) or get_official_languages(country, de_facto=True)
    return tuple(dict.fromkeys(code.split("_")[0] for code in codes))


def mother_tongue(country: str, source: str, known: set[str]) -> str | None:
    """The language a volunteer from `country` named from `source` speaks natively."""
    override = LOCALE_MOTHER_TONGUE.get(source)
    if override and override in known:
        return override
    override = COUNTRY_MOTHER_TONGUE.get(country)
    if override and override in known:
        return override
    for code in official_languages(country):
        if code in known:
            return code
    return None
