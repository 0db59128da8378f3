"""Test data for reports: deployments, approved hours and results with known figures.

Deployments and their records are written with the ORM (the deployment services arrive with
issue 5), refreshing the summary of approved hours as the hour services do; assignments,
organizations and volunteers go through their services' factories."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils import timezone

from volex.assignments.models import Assignment, AssignmentState
from volex.assignments.tests.factories import AssignmentFactory, station
from volex.deployments.models import (
    Deployment,
    DeploymentState,
    HourRecord,
    HourStatus,
    Result,
    ResultReach,
    month_of,
)
from volex.deployments.services import hours_summary_refresh
from volex.organizations.tests.factories import OrganizationFactory
from volex.selection.models import Application
from volex.volunteers.tests.factories import VolunteerFactory


def assignment_in(
    host, *, country="KE", place="Nairobi", sector="health", category="international_specialist",
    sdg_goals=(3,), sdg_targets=(), occupation_isco="2221", start=date(2024, 1, 1),
) -> Assignment:  # fmt: skip
    """An assignment of `host` serving in the past (reports look back)."""
    from volex.reference.models import Occupation

    assignment = AssignmentFactory(
        host=host, country=country, sector=sector, category=category, publish=False
    )
    end = date(start.year + 1, start.month, start.day)
    occupation = Occupation.objects.filter(isco_group_id=occupation_isco).first()
    Assignment.objects.filter(pk=assignment.pk).update(
        start_date=start,
        end_date=end.replace(day=1) if end.day > 28 else end,
        state=AssignmentState.FILLED,
        published_at=timezone.now(),
        occupation=occupation,
        duty_station=None if category == "online" else station(country, place),
    )
    assignment.refresh_from_db()
    assignment.sdg_goals.set(sdg_goals)
    assignment.sdg_targets.set(sdg_targets)
    return assignment


def deployment_of(
    assignment, volunteer=None, *, start=date(2024, 1, 1), end=None, state=None
) -> Deployment:
    volunteer = volunteer or VolunteerFactory()
    application = Application.objects.create(
        assignment=assignment, volunteer=volunteer, stage="ready"
    )
    ended = end is not None
    return Deployment.objects.create(
        application=application,
        volunteer=volunteer,
        assignment=assignment,
        duty_station=assignment.duty_station,
        start_date=start,
        planned_end_date=end or date(start.year + 1, 1, 1),
        end_date=end,
        state=state or (DeploymentState.ENDED if ended else DeploymentState.IN_SERVICE),
    )


def hours_of(
    deployment, hours, *, on=date(2024, 3, 4), status=HourStatus.APPROVED, isco=None
) -> HourRecord:
    record = HourRecord.objects.create(
        deployment=deployment,
        period_start=on,
        period_end=on,
        hours=Decimal(str(hours)),
        activity="Training clinic staff",
        isco_group_id=isco,
        status=status,
        rejection_reason="Not this week" if status == HourStatus.REJECTED else "",
    )
    # written without the hour services, so keep the summary of approved hours as they would
    hours_summary_refresh(cells=[(deployment.pk, month_of(on))])
    return record


def result_of(deployment, *, on=date(2024, 3, 10), reach=()) -> Result:
    result = Result.objects.create(
        deployment=deployment, description="Clinics report on time", output="20 clinics", date=on
    )
    for sex, age, disabled, group, people in reach:
        ResultReach.objects.create(
            result=result,
            sex=sex,
            age_group=age,
            with_disability=disabled,
            group=group,
            people=people,
        )
    return result


@dataclass
class Programme:
    host: object
    field_office: object
    other: object
    nurse: object  # assignment in Kenya, ISCO 2221, SDG 3, targets 3.8
    online: object  # an online assignment of the field office


def programme() -> Programme:
    """A programme (host + field office) with a known set of records in 2024:

    - KE nurse assignment (ISCO 2221, SDG 3 / 3.8, health, international specialist): a woman
      born 1995 with 100 approved hours in March 2024 (+ 7 submitted, + 5 rejected, + 3 in 2023);
    - field office online assignment (ICT, SDG 4 / 4.4, no occupation): a man born 1960 with
      2,080 approved hours spread over 2024 (52 weeks × 40 h);
    - another organization's assignment in Uganda with 50 hours (outside the programme).
    """
    host = OrganizationFactory(name="Volunteer Programme Kenya", country_id="KE")
    field_office = OrganizationFactory(name="Turkana Field Office", country_id="KE", parent=host)
    other = OrganizationFactory(name="Another Host", country_id="UG")
    nurse = assignment_in(host, sdg_goals=(3,), sdg_targets=("3.8",))
    online = assignment_in(
        field_office,
        category="online",
        sector="ict",
        sdg_goals=(4,),
        sdg_targets=("4.4",),
        occupation_isco=None,
    )
    woman = VolunteerFactory(gender="Female", birth_date=date(1995, 6, 15))
    man = VolunteerFactory(gender="male", birth_date=date(1960, 2, 1))
    first = deployment_of(nurse, woman)
    hours_of(first, 100)
    hours_of(first, 7, status=HourStatus.SUBMITTED)
    hours_of(first, 5, status=HourStatus.REJECTED)
    hours_of(first, 3, on=date(2023, 12, 20))
    second = deployment_of(online, man)
    for week in range(52):
        day = date.fromordinal(date(2024, 1, 1).toordinal() + 7 * week)
        hours_of(second, 40, on=day)
    third = deployment_of(assignment_in(other, country="UG", place="Gulu"))
    hours_of(third, 50)
    result_of(
        first,
        reach=[
            ("female", "0-14", False, "children", 30),
            ("female", "25-64", True, "women_girls", 12),
            ("male", "0-14", False, "children", 20),
        ],
    )
    result_of(third, reach=[("male", "25-64", False, "", 99)])
    return Programme(host, field_office, other, nurse, online)
