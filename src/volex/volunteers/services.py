"""Writes for volunteer profiles: registration and every change to a profile."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from volex.core.choices import Category, CEFRLevel, Sector
from volex.domain.dates import age_on
from volex.volunteers.signals import announce_profile_changed

from .models import SkillLevel, Volunteer, VolunteerLanguage, VolunteerSkill

# Registration is open from 16 (youth programmes recruit before the age of service); the category
# rules check the age at the start of each assignment.
MIN_REGISTRATION_AGE = 16


@dataclass(frozen=True)
class LanguageEntry:
    language_id: str
    level: str


@dataclass(frozen=True)
class SkillEntry:
    skill_id: int
    level: str
    years: int = 0


@dataclass(frozen=True)
class ProfileData:
    """Everything a volunteer says on their profile, as `volunteer_profile_edit` takes it."""

    birth_date: date | None
    gender: str
    nationality_ids: Sequence[str]
    heritage_country_ids: Sequence[str]
    residence_country_id: str | None
    headline: str = ""
    summary: str = ""
    occupation_id: int | None = None
    sectors: Sequence[str] = ()
    eligible_categories: Sequence[str] = ()
    available_from: date | None = None
    available_until: date | None = None
    consent_to_matching: bool = False
    languages: Sequence[LanguageEntry] = field(default_factory=tuple)
    skills: Sequence[SkillEntry] = field(default_factory=tuple)


@transaction.atomic
def volunteer_register(
    *,
    email: str,
    password: str,
    first_name: str,
    last_name: str,
    preferred_language: str = "en",
    username: str | None = None,
) -> Volunteer:
    """Create a user and their volunteer profile; consent to data processing is part of signing up."""
    user_model = get_user_model()
    email = user_model.objects.normalize_email(email).lower()
    if user_model.objects.filter(email__iexact=email).exists():
        raise ValidationError({"email": _("An account with this e-mail address already exists.")})
    user = user_model(
        username=username or email,
        email=email,
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        preferred_language=preferred_language,
    )
    try:
        validate_password(password, user)
    except ValidationError as error:
        raise ValidationError({"password": error.messages}) from error
    user.set_password(password)
    user.full_clean()
    user.save()
    return Volunteer.objects.create(user=user, consent_data_processing_at=timezone.now())


def _check_choices(field: str, values: Iterable[str], allowed: Sequence[str]) -> list[str]:
    """The values once each, in the order of the choices: the order a volunteer ticked or sent
    them in means nothing, and a profile sent back unchanged stays unchanged."""
    given = set(values)
    unknown = sorted(given - set(allowed))
    if unknown:
        raise ValidationError({field: _("Unknown value(s): %s.") % ", ".join(unknown)})
    return [value for value in allowed if value in given]


def _check_profile(
    *,
    birth_date: date | None,
    available_from: date | None,
    available_until: date | None,
    today: date,
) -> None:
    errors: dict[str, str] = {}
    if birth_date is not None:
        if birth_date > today:
            errors["birth_date"] = _("The date of birth cannot be in the future.")
        elif age_on(birth_date, today) < MIN_REGISTRATION_AGE:
            errors["birth_date"] = _("Volunteers register from the age of %(age)s.") % {
                "age": MIN_REGISTRATION_AGE
            }
        elif age_on(birth_date, today) > 110:
            errors["birth_date"] = _("This date of birth is not plausible.")
    if available_from and available_until and available_until < available_from:
        errors["available_until"] = _("“Available until” must be on or after “available from”.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def volunteer_profile_update(
    *,
    volunteer: Volunteer,
    birth_date: date | None,
    gender: str,
    nationality_ids: Sequence[str],
    heritage_country_ids: Sequence[str],
    residence_country_id: str | None,
    headline: str = "",
    summary: str = "",
    occupation_id: int | None = None,
    sectors: Sequence[str] = (),
    eligible_categories: Sequence[str] = (),
    available_from: date | None = None,
    available_until: date | None = None,
    consent_to_matching: bool = False,
) -> Volunteer:
    _check_profile(
        birth_date=birth_date,
        available_from=available_from,
        available_until=available_until,
        today=timezone.localdate(),
    )
    volunteer = Volunteer.objects.select_for_update().get(pk=volunteer.pk)
    volunteer.birth_date = birth_date
    volunteer.gender = gender.strip()
    volunteer.residence_country_id = residence_country_id or None
    volunteer.headline = headline.strip()
    volunteer.summary = summary.strip()
    volunteer.occupation_id = occupation_id
    volunteer.sectors = _check_choices("sectors", sectors, Sector.values)
    volunteer.eligible_categories = _check_choices(
        "eligible_categories", eligible_categories, Category.values
    )
    volunteer.available_from = available_from
    volunteer.available_until = available_until
    if consent_to_matching and not volunteer.consent_to_matching:
        volunteer.consent_to_matching_at = timezone.now()
    if not consent_to_matching:
        volunteer.consent_to_matching_at = None
    volunteer.consent_to_matching = consent_to_matching
    volunteer.save()
    # Countries are keyed by their ISO code; the stubs expect integer keys.
    volunteer.nationalities.set(nationality_ids)  # type: ignore[arg-type]
    volunteer.heritage_countries.set(heritage_country_ids)  # type: ignore[arg-type]
    announce_profile_changed(volunteer.pk)
    return volunteer


@transaction.atomic
def volunteer_languages_set(*, volunteer: Volunteer, languages: Sequence[LanguageEntry]) -> None:
    """Replace the volunteer's languages; refuses duplicates and unknown levels as a whole."""
    seen: set[str] = set()
    for entry in languages:
        if entry.level not in CEFRLevel.values:
            raise ValidationError({"languages": _("Unknown CEFR level “%s”.") % entry.level})
        if entry.language_id in seen:
            raise ValidationError(
                {"languages": _("The language “%s” is listed twice.") % entry.language_id}
            )
        seen.add(entry.language_id)
    VolunteerLanguage.objects.filter(volunteer=volunteer).delete()
    VolunteerLanguage.objects.bulk_create(
        VolunteerLanguage(volunteer=volunteer, language_id=e.language_id, level=e.level)
        for e in languages
    )
    announce_profile_changed(volunteer.pk)


@transaction.atomic
def volunteer_skills_set(*, volunteer: Volunteer, skills: Sequence[SkillEntry]) -> None:
    seen: set[int] = set()
    for entry in skills:
        if entry.level not in SkillLevel.values:
            raise ValidationError({"skills": _("Unknown skill level “%s”.") % entry.level})
        if not 0 <= entry.years <= 70:
            raise ValidationError({"skills": _("Years of experience must be between 0 and 70.")})
        if entry.skill_id in seen:
            raise ValidationError({"skills": _("A skill is listed twice.")})
        seen.add(entry.skill_id)
    VolunteerSkill.objects.filter(volunteer=volunteer).delete()
    VolunteerSkill.objects.bulk_create(
        VolunteerSkill(volunteer=volunteer, skill_id=e.skill_id, level=e.level, years=e.years)
        for e in skills
    )
    announce_profile_changed(volunteer.pk)


@transaction.atomic
def volunteer_profile_edit(*, volunteer: Volunteer, data: ProfileData) -> Volunteer:
    """Write the whole profile at once: its facts, its languages and its skills."""
    facts = asdict(data)
    del facts["languages"], facts["skills"]
    volunteer = volunteer_profile_update(volunteer=volunteer, **facts)
    volunteer_languages_set(volunteer=volunteer, languages=data.languages)
    volunteer_skills_set(volunteer=volunteer, skills=data.skills)
    return volunteer
