"""Volunteers in service for the demo: deployments, hours, check-ins, risk flags and results.

`load_demo` calls `load_demo_service` once the curated programme and the synthetic talent pool
exist. For each assignment of `demo_specs.SPECS` it creates the assignment months back (hosted by
the demo's organizations) and takes eligible volunteers through the whole selection pipeline
(`demo_selection`), then the entry on duty and the weeks of service since, with the story
`demo_specs.story_for` gives each volunteer, every step through the real services: so the duty
of care board, the volunteer's own space, "Hours to approve" and the contribution reports have
something to show. A fixed random seed keeps the demo the same on every load.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from volex.accounts.models import User
from volex.assignments import services as assignment_services
from volex.deployments import services as deployment_services
from volex.deployments.models import Deployment, HourRecord, HourStatus
from volex.organizations.models import Organization
from volex.site.demo_selection import assignment_with_volunteers, select_volunteer
from volex.site.demo_specs import (
    DEMO_VOLUNTEER,
    RESULTS,
    SPECS,
    AssignmentSpec,
    ServiceStory,
    story_for,
)
from volex.volunteers.models import Volunteer

RNG_SEED = 2026


@transaction.atomic
def load_demo_service(*, today: date | None = None) -> None:
    today = today or timezone.localdate()
    rng = random.Random(RNG_SEED)
    users = {u.email: u for u in User.objects.filter(email__endswith="@volex.demo")}
    amina = Volunteer.objects.prefetch_related("nationalities", "heritage_countries").get(
        user__email=DEMO_VOLUNTEER
    )
    pool = list(
        Volunteer.objects.filter(birth_date__isnull=False)
        .exclude(user__email__endswith="@volex.demo")
        .select_related("user")
        .prefetch_related("nationalities", "heritage_countries")
        .order_by("pk")
    )
    rng.shuffle(pool)
    used: set[int] = set()
    deployments: dict[str, list[Deployment]] = {}
    for spec in SPECS:
        staff = users[spec.staff]
        host = Organization.objects.get(name=spec.host)
        chosen = assignment_with_volunteers(spec, host, staff, today, pool, used, amina)
        if chosen is None:
            continue
        assignment, volunteers = chosen
        deployments[spec.key] = []
        for slot, volunteer in enumerate(volunteers):
            used.add(volunteer.pk)
            application = select_volunteer(assignment, volunteer, staff, assignment.start_date, rng)
            deployment = deployment_services.deployment_start(
                application=application, by=staff, start_date=assignment.start_date
            )
            story = story_for(spec.key, slot)
            _serve(deployment, spec=spec, reviewer=staff, story=story, today=today, rng=rng)
            _close(deployment, staff, story)
            deployments[spec.key].append(deployment)
        assignment_services.assignment_mark_filled(assignment=assignment, by=staff)
    _results(deployments, rng)


def _at(day: date, hour: int = 9) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def _serve(
    deployment: Deployment,
    *,
    spec: AssignmentSpec,
    reviewer: User,
    story: ServiceStory,
    today: date,
    rng: random.Random,
) -> None:
    """Weekly hours (approved monthly), fortnightly check-ins, until today or the end."""
    user = deployment.volunteer.user
    start = deployment.start_date
    # Whole weeks only while in service: the last one ended on the Sunday before today.
    last = min(deployment.planned_end_date, today - timedelta(days=today.weekday() + 1))
    if story.end_early:
        last = min(last, start + timedelta(weeks=9, days=4))
    weeks: list[tuple[date, date]] = []
    day = start
    while day <= last:
        weeks.append((day, min(day + timedelta(days=6), last)))
        day += timedelta(days=7)
    pending_from = len(weeks) - story.pending_weeks
    checkin_days = [start + timedelta(days=10 + 14 * n) for n in range(60)]
    checkin_days = [d for d in checkin_days if d <= last]
    low_at = {len(checkin_days) - 4, len(checkin_days) - 3} if story.low_wellbeing else set()
    unsafe_at = len(checkin_days) - 5 if story.unsafe else -1
    next_checkin = 0
    unapproved: list[HourRecord] = []
    for index, (period_start, period_end) in enumerate(weeks):
        low, high = spec.weekly
        hours = Decimal(rng.randint(low * 2, high * 2)) / 2
        if period_end - period_start < timedelta(days=6):
            days = (period_end - period_start).days + 1
            hours = (hours * days * 2 / 7).quantize(Decimal(1)) / 2
            hours = max(hours, Decimal(4))
        if story.long_hours and index in (8, 9, 10):
            hours = Decimal((58, 62, 57)[index - 8])
        if story.rejected and index == 5:
            hours = Decimal(84)
        activity = rng.choice(spec.activities)
        record_day = min(period_end + timedelta(days=1), today)
        record = deployment_services.hours_record(
            deployment=deployment,
            by=user,
            period_start=period_start,
            period_end=period_end,
            hours=hours,
            activity=activity,
            today=record_day,
        )
        if story.rejected and index == 5:
            deployment_services.hours_reject(
                record=record,
                by=reviewer,
                reason="84 hours is more than the week allows: the travel days to the field are "
                "not service hours. Please correct and submit again.",
                now=_at(record_day, 15),
            )
            record = deployment_services.hours_record(
                deployment=deployment,
                by=user,
                period_start=period_start,
                period_end=period_end,
                hours=Decimal(46),
                activity=activity,
                today=record_day,
            )
        if index < pending_from:
            unapproved.append(record)
        while next_checkin < len(checkin_days) and checkin_days[next_checkin] <= period_end:
            _check_in(
                deployment,
                user,
                next_checkin,
                low_at,
                unsafe_at,
                checkin_days[next_checkin],
                spec,
                rng,
            )
            next_checkin += 1
        month_end = index % 4 == 3 or index == pending_from - 1
        if unapproved and month_end:
            review_day = min(period_end + timedelta(days=3), today)
            deployment_services.hours_approve_bulk(
                record_ids=[r.pk for r in unapproved], by=reviewer, now=_at(review_day, 11)
            )
            unapproved = []


def _check_in(
    deployment: Deployment,
    user: User,
    n: int,
    low_at: set[int],
    unsafe_at: int,
    day: date,
    spec: AssignmentSpec,
    rng: random.Random,
) -> None:
    hardship = bool(spec.station) and spec.station[2] in "CDE"
    wellbeing = rng.choices([3, 4, 5], weights=[2, 5, 3])[0]
    workload = rng.choices([2, 3, 4], weights=[2, 5, 3])[0]
    safety = "concerned" if hardship and rng.random() < 0.1 else "safe"
    note, talk = "", False
    if n in low_at:
        wellbeing, workload = (2 if n == min(low_at) else 1), 5
        note = "Very tired, not sleeping well; the workload has not eased."
        talk = n != min(low_at)
    if n == unsafe_at:
        wellbeing, safety, talk = 2, "unsafe", True
        note = "Gunfire near the compound last night; we sheltered in place."
    deployment_services.checkin_submit(
        deployment=deployment,
        by=user,
        wellbeing=wellbeing,
        workload=workload,
        safety=safety,
        note=note,
        wants_to_talk=talk,
        now=_at(day, 8 + rng.randint(0, 9)),
    )


def _close(deployment: Deployment, staff: User, story: ServiceStory) -> None:
    if story.end_early:
        last = HourRecord.objects.filter(deployment=deployment).order_by("-period_end").first()
        deployment_services.deployment_end_early(
            deployment=deployment,
            by=staff,
            reason="medical",
            end_date=last.period_end if last else deployment.start_date,
            note="Medical evacuation to Nairobi after a severe malaria episode; recovering well.",
        )
    elif story.complete:
        deployment_services.deployment_complete(
            deployment=deployment,
            by=staff,
            rating="outstanding",
            assessment="Delivered the county public-participation review ahead of schedule; the "
            "policy brief was adopted by the Council of Governors' devolution committee.",
            end_date=deployment.planned_end_date,
        )


def _results(deployments: dict[str, list[Deployment]], rng: random.Random) -> None:
    for key, description, output, targets, reach in RESULTS:
        if not deployments.get(key):
            continue
        deployment = deployments[key][0]
        approved = HourRecord.objects.filter(deployment=deployment, status=HourStatus.APPROVED)
        last = approved.order_by("-period_end").values_list("period_end", flat=True).first()
        day = last or deployment.start_date
        day = max(deployment.start_date, day - timedelta(days=rng.randint(0, 10)))
        deployment_services.result_record(
            deployment=deployment,
            by=deployment.volunteer.user,
            description=description,
            date=day,
            output=output,
            sdg_target_codes=targets,
            reach=[
                {
                    "sex": sex,
                    "age_group": age,
                    "with_disability": disability,
                    "group": group,
                    "people": people,
                }
                for sex, age, disability, group, people in reach
            ],
        )
