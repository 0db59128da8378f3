"""The input mapping of the profile edit, shared by the edit page and the API.

Both speak the words of the API's `ProfileInput`: the form's cleaned data is put in those words by
`volex.volunteers.forms.profile_values`, the serializer's validated data already is. An edit keeps
every field it is not given, so neither the page (which has no occupation field) nor a request
that leaves a field out erases it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Model

from volex.reference.models import Country, Language, Skill

from .models import Volunteer
from .services import LanguageEntry, ProfileData, SkillEntry

# Fields whose value goes to `ProfileData` as it is, under the same name.
_PLAIN = (
    "birth_date",
    "headline",
    "summary",
    "gender",
    "sectors",
    "eligible_categories",
    "available_from",
    "available_until",
    "consent_to_matching",
)


def profile_data_of(volunteer: Volunteer) -> ProfileData:
    """What `volunteer`'s profile says now, as `volunteer_profile_edit` takes it."""
    return ProfileData(
        **{name: getattr(volunteer, name) for name in _PLAIN},
        nationality_ids=[c.pk for c in volunteer.nationalities.all()],
        heritage_country_ids=[c.pk for c in volunteer.heritage_countries.all()],
        residence_country_id=volunteer.residence_country_id,
        occupation_id=volunteer.occupation_id,
        languages=[LanguageEntry(vl.language_id, vl.level) for vl in volunteer.languages.all()],
        skills=[SkillEntry(vs.skill_id, vs.level, vs.years) for vs in volunteer.skills.all()],
    )


def _known(field: str, model: type[Model], ids: Iterable[Any]) -> list[Any]:
    ids = list(ids)
    known = set(model._default_manager.filter(pk__in=ids).values_list("pk", flat=True))
    unknown = [str(i) for i in ids if i not in known]
    if unknown:
        raise ValidationError({field: f"Unknown {field}: {', '.join(unknown)}."})
    return ids


def _countries(codes: Iterable[str] | None) -> list[str]:
    return [code.upper() for code in codes or []]


def profile_data(values: Mapping[str, Any], *, volunteer: Volunteer) -> ProfileData:
    """`ProfileData` from `values` (the words of `ProfileInput`); every field missing from
    `values` keeps what `volunteer`'s profile says. Unknown countries, languages and skills are
    refused by field."""
    given: dict[str, Any] = {name: values[name] for name in _PLAIN if name in values}
    for name in ("headline", "summary", "gender"):
        if name in given:
            given[name] = given[name] or ""
    for name in ("sectors", "eligible_categories"):
        if name in given:
            given[name] = list(given[name] or [])
    if "consent_to_matching" in given:
        given["consent_to_matching"] = bool(given["consent_to_matching"])
    if "nationalities" in values:
        given["nationality_ids"] = _known(
            "nationalities", Country, _countries(values["nationalities"])
        )
    if "heritage_countries" in values:
        given["heritage_country_ids"] = _known(
            "heritage_countries", Country, _countries(values["heritage_countries"])
        )
    if "residence_country" in values:
        residence = (values["residence_country"] or "").upper() or None
        _known("residence_country", Country, [residence] if residence else [])
        given["residence_country_id"] = residence
    if "languages" in values:
        entries = values["languages"] or []
        _known("languages", Language, [e["language"] for e in entries])
        given["languages"] = [LanguageEntry(e["language"], e["level"]) for e in entries]
    if "skills" in values:
        entries = values["skills"] or []
        _known("skills", Skill, [e["skill"] for e in entries])
        given["skills"] = [SkillEntry(e["skill"], e["level"], e.get("years") or 0) for e in entries]
    return dataclasses.replace(profile_data_of(volunteer), **given)
