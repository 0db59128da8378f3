"""Adapter between assignments/volunteers and the pure category rules of `volex.domain`."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError

from volex.core.choices import Category
from volex.core.errors import raise_for_violations
from volex.domain.categories import Category as DomainCategory
from volex.domain.eligibility import Candidate, RuleViolation, Service, check_rules
from volex.reference.models import Country


def service_facts(
    *, category: str, country_code: str | None, start_date: date, end_date: date
) -> Service:
    return Service(
        category=DomainCategory(category),
        country=country_code,
        start_date=start_date,
        end_date=end_date,
    )


def assignment_service(assignment) -> Service:
    country = assignment.duty_station.country_id if assignment.duty_station_id else None
    return service_facts(
        category=assignment.category,
        country_code=country,
        start_date=assignment.start_date,
        end_date=assignment.end_date,
    )


def volunteer_candidate(volunteer) -> Candidate:
    return Candidate(
        birth_date=volunteer.birth_date,
        nationalities=frozenset(c.pk for c in volunteer.nationalities.all()),
        heritage_countries=frozenset(c.pk for c in volunteer.heritage_countries.all()),
        residence_country=volunteer.residence_country_id,
    )


def _labels(violations: list[RuleViolation]) -> dict[str, dict[object, str]]:
    codes = {v.params["country"] for v in violations if "country" in v.params}
    countries = {c.pk: c.localized_name for c in Country.objects.filter(pk__in=codes)}
    return {"category": dict(Category.choices), "country": countries}


def ensure_rules_met(service: Service, candidate: Candidate | None = None) -> None:
    """Raise a `ValidationError` naming every broken category rule, by field."""
    violations = check_rules(service, candidate)
    raise_for_violations(violations, _labels(violations))


def eligibility_errors(service: Service, candidate: Candidate) -> list[str]:
    """The broken rules in words, for pages that show eligibility rather than refuse."""
    try:
        ensure_rules_met(service, candidate)
    except ValidationError as error:
        return [message for messages in error.message_dict.values() for message in messages]
    return []
