"""Boundaries of the category rules (`volex.domain.eligibility`), as hypothesis properties."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from volex.domain.categories import SCOPE, Category, Scope, age_bounds
from volex.domain.dates import add_months, age_on
from volex.domain.eligibility import (
    Candidate,
    Rule,
    Service,
    check_rules,
    last_allowed_end,
    rules_broken,
)

COUNTRIES = ("FR", "SN", "KE", "PE", "NP", "TL", "KH")
DURATION_RULES = {Rule.END_BEFORE_START, Rule.DURATION_TOO_SHORT, Rule.DURATION_TOO_LONG}
FIELD_OF_RULE = {
    Rule.END_BEFORE_START: "end_date",
    Rule.DURATION_TOO_SHORT: "end_date",
    Rule.DURATION_TOO_LONG: "end_date",
    Rule.DUTY_STATION_REQUIRED: "duty_station",
    Rule.ONLINE_WITHOUT_DUTY_STATION: "duty_station",
    Rule.BIRTH_DATE_REQUIRED: "birth_date",
    Rule.TOO_YOUNG: "birth_date",
    Rule.TOO_OLD: "birth_date",
    Rule.INTERNATIONAL_IN_COUNTRY_OF_NATIONALITY: "nationalities",
    Rule.NATIONAL_OUTSIDE_NATIONALITY: "nationalities",
    Rule.DIASPORA_OUTSIDE_HERITAGE: "heritage_countries",
    Rule.OUTSIDE_COUNTRY_OF_RESIDENCE: "residence_country",
}

starts = st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 12, 31))
countries = st.sampled_from(COUNTRIES)
country_sets = st.frozensets(countries, max_size=3)
categories = st.sampled_from(list(Category))
international = st.sampled_from(
    [c for c in Category if SCOPE[c] is Scope.INTERNATIONAL and age_bounds(c)[1] == 75]
)


def located(category: Category, start: date, country: str | None = "KE") -> Service:
    """A valid six-month service of `category` (with a duty station unless online)."""
    where = None if SCOPE[category] is Scope.ONLINE else country
    return Service(category, where, start, add_months(start, 6))


def birthday_on(day: date, age: int) -> date | None:
    """The birth date that makes `day` the `age`-th birthday (None if 29 Feb has no match)."""
    try:
        return day.replace(year=day.year - age)
    except ValueError:
        return None


# --- duration: 6 weeks to 24 months -------------------------------------------------------------


@given(start=starts, category=categories)
def test_six_weeks_is_42_days_both_ends_included(start: date, category: Category) -> None:
    ok = located(category, start)
    assert not rules_broken(
        check_rules(Service(category, ok.country, start, start + timedelta(41)))
    )
    short = check_rules(Service(category, ok.country, start, start + timedelta(40)))
    assert rules_broken(short) == {Rule.DURATION_TOO_SHORT}
    assert short[0].params == {"days": 41}


@given(start=starts, category=categories)
@example(start=date(2025, 8, 31), category=Category.INTERNATIONAL_SPECIALIST)
@example(start=date(2024, 2, 29), category=Category.NATIONAL_YOUTH)
@example(start=date(2024, 1, 31), category=Category.ONLINE)
def test_24_months_last_allowed_end_is_allowed_one_day_more_is_not(
    start: date, category: Category
) -> None:
    country = located(category, start).country
    last = last_allowed_end(start)
    assert not rules_broken(check_rules(Service(category, country, start, last)))
    too_long = check_rules(Service(category, country, start, last + timedelta(1)))
    assert rules_broken(too_long) == {Rule.DURATION_TOO_LONG}
    assert too_long[0].params == {"limit": last.isoformat()}


@pytest.mark.parametrize(
    ("start", "last"),
    [
        (date(2025, 8, 31), date(2027, 8, 30)),
        (date(2024, 2, 29), date(2026, 2, 27)),  # 29 Feb 2026 does not exist: clamped to 28 Feb
        (date(2025, 1, 1), date(2026, 12, 31)),
        (date(2025, 3, 31), date(2027, 3, 30)),
    ],
)
def test_last_allowed_end_clamps_to_month_end(start: date, last: date) -> None:
    assert last_allowed_end(start) == last


def test_add_months_clamps_31_august_to_end_of_february() -> None:
    assert add_months(date(2025, 8, 31), 6) == date(2026, 2, 28)
    assert add_months(date(2027, 8, 31), 6) == date(2028, 2, 29)


@given(start=starts, days=st.integers(min_value=1, max_value=400))
def test_end_before_start_is_one_violation(start: date, days: int) -> None:
    service = Service(Category.COMMUNITY, "KE", start, start - timedelta(days))
    assert rules_broken(check_rules(service)) == {Rule.END_BEFORE_START}


# --- ages at the start of service ---------------------------------------------------------------


@given(start=starts, category=international)
@example(start=date(2026, 3, 1), category=Category.INTERNATIONAL_SPECIALIST)
def test_international_ages_18_and_75_on_the_birthday_are_allowed(
    start: date, category: Category
) -> None:
    for age in (18, 75):
        birth = birthday_on(start, age)
        if birth is None:
            continue
        candidate = Candidate(birth_date=birth, nationalities=frozenset({"FR"}))
        assert age_on(birth, start) == age
        assert check_rules(located(category, start), candidate) == []


@given(start=starts, category=international)
def test_international_ages_17_and_76_are_refused(start: date, category: Category) -> None:
    service = located(category, start)
    eighteenth = birthday_on(start, 18)
    if eighteenth is not None:  # the 18th birthday falls the day after the start: still 17
        young = Candidate(eighteenth + timedelta(1), frozenset({"FR"}))
        violations = check_rules(service, young)
        assert rules_broken(violations) == {Rule.TOO_YOUNG}
        assert violations[0].params["age"] == 17
    seventy_sixth = birthday_on(start, 76)
    if seventy_sixth is not None:  # 76 on the start day: too old; one day later: still 75
        old = Candidate(seventy_sixth, frozenset({"FR"}))
        violations = check_rules(service, old)
        assert rules_broken(violations) == {Rule.TOO_OLD}
        assert violations[0].params["age"] == 76
        still_75 = Candidate(seventy_sixth + timedelta(1), frozenset({"FR"}))
        assert check_rules(service, still_75) == []


def test_a_29_february_birthday_counts_from_1_march_in_common_years() -> None:
    service_28 = located(Category.INTERNATIONAL_EXPERT, date(2026, 2, 28))
    service_1 = located(Category.INTERNATIONAL_EXPERT, date(2026, 3, 1))
    leapling = Candidate(date(2008, 2, 29), frozenset({"FR"}))
    assert rules_broken(check_rules(service_28, leapling)) == {Rule.TOO_YOUNG}
    assert check_rules(service_1, leapling) == []


@given(start=starts, category=categories)
def test_missing_birth_date_is_refused_in_every_category(start: date, category: Category) -> None:
    candidate = Candidate(None, frozenset({"KE"}), frozenset({"KE"}), "KE")
    assert Rule.BIRTH_DATE_REQUIRED in rules_broken(
        check_rules(located(category, start), candidate)
    )


# --- where a volunteer may serve ----------------------------------------------------------------


@given(start=starts, category=international, nationalities=country_sets, country=countries)
def test_international_in_a_country_of_nationality_is_refused(
    start: date, category: Category, nationalities: frozenset[str], country: str
) -> None:
    candidate = Candidate(
        birthday_on(start, 30) or date(start.year - 30, start.month, 28), nationalities
    )
    broken = rules_broken(check_rules(located(category, start, country), candidate))
    expected = {Rule.INTERNATIONAL_IN_COUNTRY_OF_NATIONALITY} if country in nationalities else set()
    assert broken == expected


@given(
    start=starts,
    category=st.sampled_from([c for c in Category if SCOPE[c] is Scope.NATIONAL]),
    nationalities=country_sets,
    country=countries,
)
def test_national_outside_nationalities_is_refused(
    start: date, category: Category, nationalities: frozenset[str], country: str
) -> None:
    candidate = Candidate(
        birthday_on(start, 22) or date(start.year - 22, start.month, 28), nationalities
    )
    broken = rules_broken(check_rules(located(category, start, country), candidate))
    assert broken == (set() if country in nationalities else {Rule.NATIONAL_OUTSIDE_NATIONALITY})


@given(start=starts, heritage=country_sets, nationalities=country_sets, country=countries)
def test_diaspora_outside_heritage_is_refused(
    start: date, heritage: frozenset[str], nationalities: frozenset[str], country: str
) -> None:
    candidate = Candidate(
        birthday_on(start, 40) or date(start.year - 40, start.month, 28), nationalities, heritage
    )
    broken = rules_broken(check_rules(located(Category.DIASPORA, start, country), candidate))
    assert broken == (set() if country in heritage else {Rule.DIASPORA_OUTSIDE_HERITAGE})


@given(start=starts, country=countries)
def test_online_with_a_duty_station_is_refused_and_others_need_one(
    start: date, country: str
) -> None:
    end = add_months(start, 3)
    online = check_rules(Service(Category.ONLINE, country, start, end))
    assert rules_broken(online) == {Rule.ONLINE_WITHOUT_DUTY_STATION}
    assert check_rules(Service(Category.ONLINE, None, start, end)) == []
    for category in Category:
        if category is not Category.ONLINE:
            missing = check_rules(Service(category, None, start, end))
            assert rules_broken(missing) == {Rule.DUTY_STATION_REQUIRED}


# --- every violation names its field and renders its parameters ----------------------------------


services = st.builds(
    Service,
    category=categories,
    country=st.none() | countries,
    start_date=starts,
    end_date=starts,
)
candidates = st.builds(
    Candidate,
    birth_date=st.none() | st.dates(min_value=date(1900, 1, 1), max_value=date(2085, 1, 1)),
    nationalities=country_sets,
    heritage_countries=country_sets,
    residence_country=st.none() | countries,
)


@given(service=services, candidate=st.none() | candidates)
def test_every_violation_names_its_field_and_renders_its_params(
    service: Service, candidate: Candidate | None
) -> None:
    violations = check_rules(service, candidate)
    assert len(violations) == len(rules_broken(violations))  # a rule is reported once
    assert len(rules_broken(violations) & DURATION_RULES) <= 1
    for violation in violations:
        assert violation.field == FIELD_OF_RULE[violation.rule]
        message = violation.message
        assert message and "%(" not in message
        placeholders = set(re.findall(r"%\((\w+)\)s", violation.template))
        assert placeholders <= set(violation.params)  # extra params (category) are context only
        for name in placeholders:
            assert str(violation.params[name]) in message
