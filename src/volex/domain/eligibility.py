"""The category rules of volunteer service, in one function.

`check_rules` returns every broken rule with the field it concerns and a message that names the
rule, so a form, a service, an import report and the matching engine all refuse for the same
reasons in the same words. Messages are English templates marked for translation; the web layer
translates them with the same parameters.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from .categories import SCOPE, Category, Scope, age_bounds
from .dates import add_months, age_on

MIN_DURATION = timedelta(weeks=6)
MAX_DURATION_MONTHS = 24


def _(message: str) -> str:
    """Marks a message for extraction by `makemessages`; translation happens in the web layer."""
    return message


class Rule(StrEnum):
    END_BEFORE_START = "end_before_start"
    DURATION_TOO_SHORT = "duration_too_short"
    DURATION_TOO_LONG = "duration_too_long"
    DUTY_STATION_REQUIRED = "duty_station_required"
    ONLINE_WITHOUT_DUTY_STATION = "online_without_duty_station"
    BIRTH_DATE_REQUIRED = "birth_date_required"
    TOO_YOUNG = "too_young"
    TOO_OLD = "too_old"
    INTERNATIONAL_IN_COUNTRY_OF_NATIONALITY = "international_in_country_of_nationality"
    NATIONAL_OUTSIDE_NATIONALITY = "national_outside_nationality"
    DIASPORA_OUTSIDE_HERITAGE = "diaspora_outside_heritage"
    OUTSIDE_COUNTRY_OF_RESIDENCE = "outside_country_of_residence"


MESSAGES: dict[Rule, str] = {
    Rule.END_BEFORE_START: _("The end date must be after the start date."),
    Rule.DURATION_TOO_SHORT: _(
        "An assignment lasts at least 6 weeks; this one lasts %(days)s days."
    ),
    Rule.DURATION_TOO_LONG: _(
        "An assignment lasts at most 24 months, extensions included; this one ends after %(limit)s."
    ),
    Rule.DUTY_STATION_REQUIRED: _("A %(category)s assignment needs a duty station."),
    Rule.ONLINE_WITHOUT_DUTY_STATION: _(
        "An online assignment is served from anywhere and has no duty station."
    ),
    Rule.BIRTH_DATE_REQUIRED: _(
        "The date of birth is needed to check the age limits of the %(category)s category."
    ),
    Rule.TOO_YOUNG: _(
        "The %(category)s category takes volunteers aged %(min_age)s or more at the start of "
        "service; the volunteer will be %(age)s."
    ),
    Rule.TOO_OLD: _(
        "The %(category)s category takes volunteers aged up to %(max_age)s at the start of "
        "service; the volunteer will be %(age)s."
    ),
    Rule.INTERNATIONAL_IN_COUNTRY_OF_NATIONALITY: _(
        "An international volunteer serves outside every country of nationality; "
        "%(country)s is one of the volunteer's nationalities."
    ),
    Rule.NATIONAL_OUTSIDE_NATIONALITY: _(
        "A national volunteer serves in a country of nationality; %(country)s is not one of "
        "the volunteer's nationalities."
    ),
    Rule.DIASPORA_OUTSIDE_HERITAGE: _(
        "A diaspora volunteer serves in a country of heritage; %(country)s is not one of the "
        "volunteer's countries of heritage."
    ),
    Rule.OUTSIDE_COUNTRY_OF_RESIDENCE: _(
        "A %(category)s volunteer serves in the country of residence; %(country)s is not the "
        "volunteer's country of residence."
    ),
}


@dataclass(frozen=True)
class Service:
    """What an assignment asks for: category, where (ISO 3166 alpha-2 or None), and when."""

    category: Category
    country: str | None
    start_date: date
    end_date: date


@dataclass(frozen=True)
class Candidate:
    """The facts about a volunteer that the category rules look at."""

    birth_date: date | None
    nationalities: frozenset[str] = frozenset()
    heritage_countries: frozenset[str] = frozenset()
    residence_country: str | None = None


@dataclass(frozen=True)
class RuleViolation:
    rule: Rule
    field: str
    params: dict[str, object] = dataclasses.field(default_factory=dict)

    @property
    def template(self) -> str:
        return MESSAGES[self.rule]

    @property
    def message(self) -> str:
        return self.template % self.params


def last_allowed_end(start_date: date) -> date:
    """The last day of service that keeps an assignment within 24 months."""
    return add_months(start_date, MAX_DURATION_MONTHS) - timedelta(days=1)


def duration_days(start_date: date, end_date: date) -> int:
    """Days of service, both ends included."""
    return (end_date - start_date).days + 1


def check_service(service: Service) -> list[RuleViolation]:
    """Rules an assignment must meet whoever serves it."""
    errors: list[RuleViolation] = []
    category = service.category
    if service.end_date < service.start_date:
        errors.append(RuleViolation(Rule.END_BEFORE_START, "end_date"))
    elif duration_days(service.start_date, service.end_date) < MIN_DURATION.days:
        errors.append(
            RuleViolation(
                Rule.DURATION_TOO_SHORT,
                "end_date",
                {"days": duration_days(service.start_date, service.end_date)},
            )
        )
    elif service.end_date > last_allowed_end(service.start_date):
        errors.append(
            RuleViolation(
                Rule.DURATION_TOO_LONG,
                "end_date",
                {"limit": last_allowed_end(service.start_date).isoformat()},
            )
        )
    online = SCOPE[category] is Scope.ONLINE
    if online and service.country is not None:
        errors.append(RuleViolation(Rule.ONLINE_WITHOUT_DUTY_STATION, "duty_station"))
    if not online and service.country is None:
        errors.append(
            RuleViolation(Rule.DUTY_STATION_REQUIRED, "duty_station", {"category": category.value})
        )
    return errors


def check_candidate(candidate: Candidate, service: Service) -> list[RuleViolation]:
    """Rules a volunteer must meet to serve in this assignment (age, where they may serve)."""
    errors: list[RuleViolation] = []
    category = service.category
    min_age, max_age = age_bounds(category)
    if candidate.birth_date is None:
        errors.append(
            RuleViolation(Rule.BIRTH_DATE_REQUIRED, "birth_date", {"category": category.value})
        )
    else:
        age = age_on(candidate.birth_date, service.start_date)
        if age < min_age:
            errors.append(
                RuleViolation(
                    Rule.TOO_YOUNG,
                    "birth_date",
                    {"category": category.value, "min_age": min_age, "age": age},
                )
            )
        elif max_age is not None and age > max_age:
            errors.append(
                RuleViolation(
                    Rule.TOO_OLD,
                    "birth_date",
                    {"category": category.value, "max_age": max_age, "age": age},
                )
            )
    country = service.country
    scope = SCOPE[category]
    if country is None or scope is Scope.ONLINE:
        return errors
    params: dict[str, object] = {"country": country, "category": category.value}
    if scope is Scope.INTERNATIONAL and country in candidate.nationalities:
        errors.append(
            RuleViolation(Rule.INTERNATIONAL_IN_COUNTRY_OF_NATIONALITY, "nationalities", params)
        )
    elif scope is Scope.NATIONAL and country not in candidate.nationalities:
        errors.append(RuleViolation(Rule.NATIONAL_OUTSIDE_NATIONALITY, "nationalities", params))
    elif scope is Scope.DIASPORA and country not in candidate.heritage_countries:
        errors.append(RuleViolation(Rule.DIASPORA_OUTSIDE_HERITAGE, "heritage_countries", params))
    elif scope is Scope.RESIDENCE and country != candidate.residence_country:
        errors.append(RuleViolation(Rule.OUTSIDE_COUNTRY_OF_RESIDENCE, "residence_country", params))
    return errors


def check_rules(service: Service, candidate: Candidate | None = None) -> list[RuleViolation]:
    """Every category rule that `service` (and, if given, `candidate` in it) breaks; [] if none."""
    errors = check_service(service)
    if candidate is not None:
        errors.extend(check_candidate(candidate, service))
    return errors


def rules_broken(violations: Iterable[RuleViolation]) -> set[Rule]:
    return {violation.rule for violation in violations}
