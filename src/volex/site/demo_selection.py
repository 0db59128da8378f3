"""Staff a demo assignment in service: create it months back, pick the volunteers who may serve it
and take each one through the selection pipeline, every step through the real services.

`demo_service` calls these for each spec of `demo_specs.SPECS`, then starts the deployments.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from volex.accounts.models import User
from volex.assignments import services as assignment_services
from volex.assignments.models import Assignment
from volex.assignments.rules import assignment_service, volunteer_candidate
from volex.assignments.services import AssignmentData
from volex.domain.eligibility import check_rules
from volex.organizations.models import Organization
from volex.reference.models import Occupation, SDGTarget
from volex.selection import services as selection_services
from volex.selection.models import Application, AssessmentKind, ItemStatus
from volex.site.demo_specs import DEMO_VOLUNTEER_SPEC, AssignmentSpec
from volex.volunteers.models import Volunteer


def _months_ago(today: date, months: int) -> date:
    """A Monday about `months` months before `today`."""
    day = today - timedelta(days=round(months * 30.4))
    return day - timedelta(days=day.weekday())


def _assignment(spec: AssignmentSpec, host: Organization, staff: User, today: date) -> Assignment:
    start = _months_ago(today, spec.months_ago)
    if spec.ended_months_ago:
        end = _months_ago(today, spec.ended_months_ago) - timedelta(days=3)  # a Friday
    else:
        end = start + timedelta(days=round(spec.months_long * 30.4))
    station = None
    if spec.station:
        country, place, hardship, family = spec.station
        station = assignment_services.duty_station_get_or_create(
            country_id=country, place=place, hardship_class=hardship, is_family=family
        )
    occupation_id = None
    if spec.occupation:
        occupation_id = (
            Occupation.objects.filter(title__iexact=spec.occupation)
            .values_list("pk", flat=True)
            .first()
        )
    data = AssignmentData(
        title=spec.title,
        category=spec.category,
        sector=spec.sector,
        duty_station=station,
        start_date=start,
        end_date=end,
        positions=spec.positions,
        tasks=spec.tasks,
        occupation_id=occupation_id,
        sdg_goal_ids=spec.goals,
        sdg_target_ids=list(
            SDGTarget.objects.filter(code__in=spec.targets).values_list("pk", flat=True)
        ),
        groups_reached=spec.groups,
        languages=spec.languages,
    )
    assignment = assignment_services.assignment_create(host=host, created_by=staff, data=data)
    return assignment_services.assignment_fast_track(assignment=assignment, by=staff)


def _eligible(
    assignment: Assignment, pool: list[Volunteer], used: set[int], sector: str
) -> list[Volunteer]:
    service = assignment_service(assignment)
    fits = [
        v for v in pool if v.pk not in used and not check_rules(service, volunteer_candidate(v))
    ]
    # Volunteers who work in the sector first; the pool order is already shuffled.
    return sorted(fits, key=lambda v: sector not in (v.sectors or []))


def assignment_with_volunteers(
    spec: AssignmentSpec,
    host: Organization,
    staff: User,
    today: date,
    pool: list[Volunteer],
    used: set[int],
    demo_volunteer: Volunteer,
) -> tuple[Assignment, list[Volunteer]] | None:
    """The assignment with the volunteers who will serve it (None when nobody is eligible)."""
    assignment = _assignment(spec, host, staff, today)
    volunteers = _eligible(assignment, pool, used, spec.sector)
    if spec.key == DEMO_VOLUNTEER_SPEC and not check_rules(
        assignment_service(assignment), volunteer_candidate(demo_volunteer)
    ):
        volunteers = [demo_volunteer, *volunteers]
    volunteers = volunteers[: spec.positions]
    if not volunteers:
        assignment_services.assignment_cancel(
            assignment=assignment, by=staff, comment="No eligible volunteer in the demo pool."
        )
        return None
    return assignment, volunteers


def select_volunteer(
    assignment: Assignment, volunteer: Volunteer, staff: User, start: date, rng: random.Random
) -> Application:
    """Apply → (longlist) → shortlist → assess → offer → accept → onboarding → ready."""
    application = selection_services.application_apply(
        volunteer=volunteer,
        assignment=assignment,
        motivation=f"I would like to contribute my experience to the {assignment.title} role.",
    )
    if rng.random() < 0.5:
        application = selection_services.application_longlist(application=application, by=staff)
    application = selection_services.application_shortlist(application=application, by=staff)
    selection_services.application_assess(
        application=application,
        by=staff,
        kind=AssessmentKind.INTERVIEW,
        score=rng.randint(68, 95),
        notes="Competency-based interview.",
        assessed_on=start - timedelta(days=45),
    )
    application = selection_services.application_offer(application=application, by=staff)
    application = selection_services.application_accept(application=application, by=volunteer.user)
    for offset, item in enumerate(selection_services.checklist_for(application.assignment)):
        selection_services.onboarding_item_update(
            application=application,
            item=item,
            status=ItemStatus.DONE,
            by=staff,
            status_date=start - timedelta(days=20 - 4 * offset),
        )
    return application
