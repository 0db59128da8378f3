"""Names of reference data in the active language.

Country and language names come from the gettext catalogues that ship with ``pycountry`` (the
Debian iso-codes translations); SDG texts come from the six-language SDG data. Catalogues are
loaded once per (domain, language) and kept for the life of the process.
"""

from __future__ import annotations

import gettext
from functools import lru_cache

import pycountry
from django.utils.translation import get_language, to_locale

from .sources import SDG_LANGUAGES

COUNTRY_DOMAIN = "iso3166-1"
LANGUAGE_DOMAIN = "iso639-3"

# Django language codes whose pycountry catalogue has another name.
_PYCOUNTRY_LOCALES = {
    "zh-hans": "zh_CN",
    "zh-cn": "zh_CN",
    "zh-sg": "zh_CN",
    "zh-hant": "zh_TW",
    "zh-tw": "zh_TW",
    "zh-hk": "zh_HK",
    "nb": "nb_NO",
}
_SDG_LANGUAGES = {lang.lower(): lang for lang in SDG_LANGUAGES}
_SDG_ALIASES = {"zh": "zh-Hans", "zh-cn": "zh-Hans", "zh-sg": "zh-Hans"}


def active_language() -> str:
    return (get_language() or "en").lower()


@lru_cache(maxsize=128)
def catalogue(domain: str, language: str) -> gettext.NullTranslations:
    """The pycountry catalogue of ``domain`` for a Django language code, with the base
    language as a fallback ("pt-br" -> pt_BR then pt), or a no-op one when none exists."""
    language = language.lower()
    base = language.split("-")[0]
    candidates = [_PYCOUNTRY_LOCALES.get(language), to_locale(language), base]
    languages = list(dict.fromkeys(code for code in candidates if code))
    return gettext.translation(domain, pycountry.LOCALES_DIR, languages=languages, fallback=True)


def translate_iso_name(domain: str, name: str, language: str | None = None) -> str:
    language = (language or active_language()).lower()
    if language == "en" or language.startswith("en-"):
        return name
    return catalogue(domain, language).gettext(name)


def sdg_language(language: str | None = None) -> str:
    """The SDG data's key for a Django language code ("zh-hans" -> "zh-Hans", "fr-ca" -> "fr");
    English when the SDG data has no such language."""
    language = (language or active_language()).lower()
    if language in _SDG_LANGUAGES:
        return _SDG_LANGUAGES[language]
    if language in _SDG_ALIASES:
        return _SDG_ALIASES[language]
    return _SDG_LANGUAGES.get(language.split("-")[0], "en")
