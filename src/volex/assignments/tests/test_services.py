from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from volex.assignments import services
from volex.assignments.models import Assignment, AssignmentState
from volex.assignments.rules import (
    assignment_service,
    ensure_rules_met,
    volunteer_candidate,
)
from volex.assignments.tests.factories import AssignmentFactory, station
from volex.organizations.tests.factories import OrganizationFactory
from volex.volunteers.tests.factories import VolunteerFactory

START = date(2027, 3, 1)


def _data(**overrides):
    values = {
        "title": "Water Engineer",
        "category": "international_specialist",
        "sector": "wash",
        "start_date": START,
        "end_date": START + timedelta(days=364),
        "duty_station": None,
    }
    values.update(overrides)
    if values["duty_station"] is None and values["category"] != "online":
        values["duty_station"] = station("UG", "Gulu", "C")
    return services.AssignmentData(**values)


@pytest.mark.django_db
def test_assignment_of_five_weeks_is_refused_naming_the_rule():
    with pytest.raises(ValidationError) as error:
        services.assignment_create(
            host=OrganizationFactory(),
            created_by=None,
            data=_data(end_date=START + timedelta(weeks=5) - timedelta(days=1)),
        )
    assert error.value.error_dict["end_date"][0].code == "duration_too_short"
    assert "at least 6 weeks" in error.value.messages[0]
    assert Assignment.objects.count() == 0


@pytest.mark.django_db
def test_six_weeks_and_24_months_are_the_inclusive_bounds():
    host = OrganizationFactory()
    services.assignment_create(
        host=host, created_by=None, data=_data(end_date=START + timedelta(days=41))
    )
    services.assignment_create(host=host, created_by=None, data=_data(end_date=date(2029, 2, 28)))
    with pytest.raises(ValidationError) as error:
        services.assignment_create(
            host=host, created_by=None, data=_data(end_date=date(2029, 3, 1))
        )
    assert error.value.error_dict["end_date"][0].code == "duration_too_long"


@pytest.mark.django_db
def test_online_assignment_has_no_duty_station_and_others_need_one():
    host = OrganizationFactory()
    online = services.assignment_create(host=host, created_by=None, data=_data(category="online"))
    assert online.duty_station is None
    with pytest.raises(ValidationError) as error:
        services.assignment_create(
            host=host,
            created_by=None,
            data=_data(category="online", duty_station=station("KE", "Nairobi")),
        )
    assert error.value.error_dict["duty_station"][0].code == "online_without_duty_station"


@pytest.mark.django_db
@pytest.mark.parametrize(("days", "accepted"), [(40, False), (41, True), (731, True), (732, False)])
def test_database_keeps_duration_bounds_even_when_services_are_skipped(days, accepted):
    host = OrganizationFactory()
    row = {
        "host": host,
        "title": "Raw",
        "category": "online",
        "sector": "ict",
        "start_date": START,
        "end_date": START + timedelta(days=days),
    }
    if accepted:
        Assignment.objects.create(**row)
    else:
        with pytest.raises(IntegrityError), transaction.atomic():
            Assignment.objects.create(**row)


@pytest.mark.django_db
def test_database_refuses_online_assignment_with_duty_station():
    with pytest.raises(IntegrityError), transaction.atomic():
        Assignment.objects.create(
            host=OrganizationFactory(),
            title="Raw",
            category="online",
            sector="ict",
            start_date=START,
            end_date=START + timedelta(days=100),
            duty_station=station(),
        )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("birth", "rule"),
    [(date(2009, 3, 2), "too_young"), (date(1951, 2, 28), "too_old")],
)
def test_international_volunteer_of_17_or_76_is_refused(birth, rule):
    assignment = AssignmentFactory(country="UG", start_date=START)
    volunteer = VolunteerFactory(birth_date=birth, nationalities=("KE",))
    with pytest.raises(ValidationError) as error:
        ensure_rules_met(assignment_service(assignment), volunteer_candidate(volunteer))
    assert error.value.error_dict["birth_date"][0].code == rule
    assert "International specialist" in error.value.messages[0]


@pytest.mark.django_db
def test_ages_18_and_75_at_start_are_accepted():
    assignment = AssignmentFactory(country="UG", start_date=START)
    for birth in (date(2009, 3, 1), date(1951, 3, 2)):
        volunteer = VolunteerFactory(birth_date=birth, nationalities=("KE",))
        ensure_rules_met(assignment_service(assignment), volunteer_candidate(volunteer))


@pytest.mark.django_db
def test_national_assignment_outside_nationalities_is_refused_naming_the_country():
    assignment = AssignmentFactory(category="national_specialist", country="UG", start_date=START)
    volunteer = VolunteerFactory(nationalities=("KE",))
    with pytest.raises(ValidationError) as error:
        ensure_rules_met(assignment_service(assignment), volunteer_candidate(volunteer))
    assert error.value.error_dict["nationalities"][0].code == "national_outside_nationality"
    assert "Uganda" in error.value.messages[0]


@pytest.mark.django_db
def test_publish_then_edit_then_cancel_follows_the_life_cycle():
    assignment = AssignmentFactory(publish=False)
    assert assignment.state == AssignmentState.DRAFT
    with pytest.raises(ValidationError) as error:
        services.assignment_publish(assignment=assignment)
    assert "A draft assignment cannot become published." in error.value.messages[0]
    published = services.assignment_fast_track(assignment=assignment)
    assert published.published_at is not None
    assert [e.to_state for e in published.events.all()] == [
        "draft",
        "submitted",
        "approved",
        "published",
    ]
    with pytest.raises(ValidationError) as error:
        services.assignment_publish(assignment=published)
    assert "cannot become" in error.value.messages[0]
    filled = services.assignment_mark_filled(assignment=published)
    with pytest.raises(ValidationError):
        services.assignment_cancel(assignment=filled)
    with pytest.raises(ValidationError):
        services.assignment_update(assignment=filled, data=_data())
    assert Assignment.objects.get(pk=filled.pk).state == AssignmentState.FILLED


@pytest.mark.django_db
def test_stale_state_change_is_refused_and_changes_nothing():
    assignment = AssignmentFactory()
    services.assignment_close(assignment=assignment, expected=AssignmentState.PUBLISHED)
    with pytest.raises(ValidationError) as error:
        services.assignment_cancel(assignment=assignment, expected=AssignmentState.PUBLISHED)
    assert "Someone else changed" in error.value.messages[0]
    assert Assignment.objects.get(pk=assignment.pk).state == AssignmentState.CLOSED


@pytest.mark.django_db
def test_unknown_groups_reached_are_refused_by_field():
    with pytest.raises(ValidationError) as error:
        services.assignment_create(
            host=OrganizationFactory(), created_by=None, data=_data(groups_reached=["martians"])
        )
    assert "groups_reached" in error.value.error_dict
