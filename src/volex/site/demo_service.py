"""Volunteers in service for the demo: deployments, hours, check-ins, risk flags and results.

`load_demo` calls `load_demo_service` once the curated programme and the synthetic talent pool
exist. It creates dedicated assignments that started months ago (hosted by the demo's
organizations), and takes eligible volunteers through the whole selection pipeline, the entry on
duty and the weeks of service since, every step through the real services: so the duty of care
board, the volunteer's own space, "Hours to approve" and the contribution reports have something
to show. A fixed random seed keeps the demo the same on every load.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from volex.assignments import services as assignment_services
from volex.assignments.rules import assignment_service, volunteer_candidate
from volex.assignments.services import AssignmentData, LanguageNeed
from volex.deployments import services as deployment_services
from volex.deployments.models import Deployment, HourRecord, HourStatus
from volex.domain.eligibility import check_rules
from volex.organizations.models import Organization
from volex.reference.models import Occupation, SDGTarget
from volex.selection import services as selection_services
from volex.selection.models import AssessmentKind, ChecklistItem, ItemStatus
from volex.volunteers.models import Volunteer

RNG_SEED = 2026
DEMO_VOLUNTEER = "volunteer@volex.demo"


@dataclass
class _Spec:
    key: str
    host: str  # organization name
    staff: str  # e-mail of the host staff who selects, starts and reviews
    title: str
    category: str
    sector: str
    station: tuple[str, str, str, bool] | None  # country, place, hardship class, family
    months_ago: int
    months_long: int
    positions: int
    goals: list[int]
    targets: list[str]
    groups: list[str]
    tasks: str
    activities: list[str]
    occupation: str | None = None
    languages: list[LanguageNeed] = field(default_factory=list)
    weekly: tuple[int, int] = (35, 50)
    ended_months_ago: int = 0  # > 0: the assignment itself ended that long ago


UNDP_KE = "United Nations Development Programme – Kenya"
UNHCR_UG = "Office of the UN High Commissioner for Refugees – Uganda"
MINUSCA = "UN Multidimensional Integrated Stabilization Mission in the Central African Republic"
MINUSCA_BRIA = "MINUSCA Field Office Bria"
KRCS = "Kenya Red Cross Society"
MOH_UG = "Ministry of Health, Uganda"
NYSC = "National Youth Service Corps"
SUPERVISOR = "supervisor@volex.demo"
SUPERVISOR_MINUSCA = "supervisor.minusca@volex.demo"
MANAGER = "manager@volex.demo"

SPECS = [
    _Spec(
        key="climate_info",
        host=UNDP_KE,
        staff=SUPERVISOR,
        title="County Climate Information Officer",
        category="national_specialist",
        sector="environment",
        station=("KE", "Nairobi", "A", True),
        months_ago=7,
        months_long=12,
        positions=5,
        goals=[13, 1],
        targets=["13.1", "13.3", "1.5"],
        groups=["rural", "women_girls"],
        tasks="Turn rainfall, pasture and market data into monthly drought bulletins for county "
        "disaster committees; train county officers to read and use them.",
        activities=[
            "County drought bulletin: data cleaning and analysis",
            "Training of county officers on the early-warning dashboard",
            "Field visit to ward climate committees",
            "Rainfall and livelihood survey analysis",
        ],
        occupation="statistician",
        languages=[LanguageNeed("en", "C1"), LanguageNeed("sw", "C1")],
    ),
    _Spec(
        key="online_data",
        host=UNDP_KE,
        staff=SUPERVISOR,
        title="Online Drought Dashboard Volunteer",
        category="online",
        sector="environment",
        station=None,
        months_ago=5,
        months_long=9,
        positions=4,
        goals=[13],
        targets=["13.1"],
        groups=["rural"],
        tasks="Maintain the open drought dashboard and geocode settlement data, remotely.",
        activities=[
            "Dashboard maintenance and data updates",
            "Geocoding settlements from satellite imagery",
            "Documentation of the data pipeline",
        ],
        languages=[LanguageNeed("en", "B2")],
        weekly=(15, 25),
    ),
    _Spec(
        key="kakuma_adaptation",
        host=UNDP_KE,
        staff=SUPERVISOR,
        title="Climate Adaptation Specialist (Kakuma and Turkana West)",
        category="international_specialist",
        sector="environment",
        station=("KE", "Kakuma", "D", False),
        months_ago=8,
        months_long=12,
        positions=3,
        goals=[13, 11],
        targets=["13.1", "11.5"],
        groups=["refugees", "rural"],
        tasks="Design flood and drought adaptation plans with refugee and host communities.",
        activities=[
            "Community adaptation planning workshops",
            "Flood-risk mapping with camp block leaders",
            "Reporting to the county climate change unit",
        ],
        occupation="data analyst",
        languages=[LanguageNeed("en", "C1")],
    ),
    _Spec(
        key="governance",
        host=UNDP_KE,
        staff=SUPERVISOR,
        title="Devolution and Governance Analyst",
        category="international_specialist",
        sector="governance",
        station=("KE", "Nairobi", "A", True),
        months_ago=10,
        months_long=9,
        positions=1,
        goals=[16],
        targets=["16.6", "16.7"],
        groups=["women_girls"],
        tasks="Review county public-participation processes and recommend reforms.",
        activities=[
            "County public-participation review",
            "Drafting the devolution policy brief",
            "Stakeholder consultations",
        ],
        languages=[LanguageNeed("en", "C1")],
        ended_months_ago=1,
    ),
    _Spec(
        key="protection",
        host=UNHCR_UG,
        staff=MANAGER,
        title="Protection Associate (Settlement Response)",
        category="international_youth",
        sector="protection",
        station=("UG", "Arua", "C", True),
        months_ago=6,
        months_long=12,
        positions=4,
        goals=[16, 5],
        targets=["16.1", "5.2"],
        groups=["refugees", "women_girls", "children"],
        tasks="Register protection cases and support community-based protection committees.",
        activities=[
            "Protection case registration at the reception centre",
            "Community protection committee meetings",
            "Child protection referrals follow-up",
        ],
        occupation="human rights officer",
        languages=[LanguageNeed("en", "B2")],
    ),
    _Spec(
        key="outreach",
        host=UNHCR_UG,
        staff=MANAGER,
        title="Community Outreach Volunteer (Rhino Camp)",
        category="community",
        sector="protection",
        station=("UG", "Arua", "C", True),
        months_ago=4,
        months_long=10,
        positions=3,
        goals=[16, 10],
        targets=["16.1", "10.2"],
        groups=["refugees", "youth"],
        tasks="Relay information between refugee communities and protection services.",
        activities=[
            "Door-to-door information sessions",
            "Youth dialogue sessions",
            "Feedback desk at the food distribution point",
        ],
        languages=[LanguageNeed("en", "B1")],
    ),
    _Spec(
        key="electoral",
        host=MINUSCA,
        staff=SUPERVISOR_MINUSCA,
        title="Electoral Logistics Officer",
        category="international_specialist",
        sector="governance",
        station=("CF", "Bangui", "E", False),
        months_ago=9,
        months_long=12,
        positions=4,
        goals=[16],
        targets=["16.7"],
        groups=["women_girls", "idps"],
        tasks="Plan voter registration logistics with the National Elections Authority.",
        activities=[
            "Voter registration kit distribution planning",
            "Training of registration agents",
            "Coordination meetings with the National Elections Authority",
        ],
        occupation="election observer",
        languages=[LanguageNeed("fr", "B2")],
    ),
    _Spec(
        key="civil_affairs",
        host=MINUSCA_BRIA,
        staff=SUPERVISOR_MINUSCA,
        title="Civil Affairs Associate",
        category="international_expert",
        sector="peacebuilding",
        station=("CF", "Bria", "E", False),
        months_ago=5,
        months_long=12,
        positions=2,
        goals=[16],
        targets=["16.1", "16.7"],
        groups=["idps"],
        tasks="Support local peace committees and conflict analysis in Haute-Kotto.",
        activities=[
            "Local peace committee facilitation",
            "Conflict analysis field missions",
            "Weekly civil affairs report",
        ],
        languages=[LanguageNeed("fr", "B2")],
    ),
    _Spec(
        key="flood_response",
        host=KRCS,
        staff=MANAGER,
        title="Flood Response Volunteer (Garissa Branch)",
        category="national_specialist",
        sector="emergency",
        station=("KE", "Garissa", "C", True),
        months_ago=3,
        months_long=6,
        positions=3,
        goals=[11, 1],
        targets=["11.5", "1.5"],
        groups=["rural", "children"],
        tasks="Support shelter and cash distributions for flood-affected households.",
        activities=[
            "Household registration for cash transfers",
            "Shelter kit distribution",
            "Post-distribution monitoring",
        ],
        languages=[LanguageNeed("sw", "B2")],
    ),
    _Spec(
        key="health_info",
        host=MOH_UG,
        staff=MANAGER,
        title="District Health Information Officer",
        category="national_specialist",
        sector="health",
        station=("UG", "Kampala", "B", True),
        months_ago=6,
        months_long=12,
        positions=3,
        goals=[3],
        targets=["3.1", "3.8"],
        groups=["women_girls", "children"],
        tasks="Improve the quality of district health data and antenatal care reporting.",
        activities=[
            "Health facility data quality audits",
            "Training of records assistants",
            "Monthly district health report",
        ],
        occupation="statistician",
        languages=[LanguageNeed("en", "B2")],
    ),
    _Spec(
        key="corps_health",
        host=NYSC,
        staff=MANAGER,
        title="Corps Member – Community Health Educator",
        category="national_youth",
        sector="health",
        station=("NG", "Abuja", "B", True),
        months_ago=5,
        months_long=11,
        positions=5,
        goals=[3, 4],
        targets=["3.3", "4.7"],
        groups=["youth", "rural"],
        tasks="Run health education sessions in rural secondary schools.",
        activities=[
            "School health education sessions",
            "Community malaria prevention campaign",
            "Preparing teaching materials",
        ],
        languages=[LanguageNeed("en", "B2")],
    ),
]

# Results recorded under some deployments: (spec key, description, output, sdg targets, reach).
RESULTS = [
    (
        "climate_info",
        "Monthly drought bulletin adopted by 6 county disaster committees",
        "6 bulletins published; 48 county officers trained",
        ["13.1", "13.3"],
        [
            ("female", "25-64", False, "rural", 140),
            ("male", "25-64", False, "rural", 160),
            ("female", "65+", False, "older_persons", 25),
            ("male", "25-64", True, "disabilities", 8),
        ],
    ),
    (
        "kakuma_adaptation",
        "Flood-risk maps drawn with 12 camp blocks",
        "12 block maps; 3 drainage works prioritised",
        ["11.5", "13.1"],
        [
            ("female", "25-64", False, "refugees", 310),
            ("male", "25-64", False, "refugees", 270),
            ("female", "0-14", False, "children", 180),
            ("male", "0-14", True, "children", 12),
        ],
    ),
    (
        "protection",
        "Community-based protection committees set up in 4 settlement zones",
        "4 committees, 36 members trained",
        ["16.1", "5.2"],
        [
            ("female", "15-24", False, "refugees", 220),
            ("female", "25-64", False, "refugees", 340),
            ("male", "15-24", False, "refugees", 150),
            ("female", "25-64", True, "disabilities", 19),
        ],
    ),
    (
        "electoral",
        "Voter registration kits delivered to 85 registration centres",
        "85 centres equipped; 240 registration agents trained",
        ["16.7"],
        [
            ("female", "25-64", False, "women_girls", 1200),
            ("male", "25-64", False, "", 1450),
            ("female", "15-24", False, "idps", 380),
            ("male", "65+", True, "disabilities", 22),
        ],
    ),
    (
        "health_info",
        "Antenatal care reporting completeness raised from 61% to 88% in two districts",
        "14 facilities audited; 22 records assistants trained",
        ["3.1"],
        [
            ("female", "15-24", False, "women_girls", 610),
            ("female", "25-64", False, "", 930),
            ("female", "25-64", True, "disabilities", 14),
        ],
    ),
    (
        "corps_health",
        "Malaria prevention sessions in 18 rural secondary schools",
        "18 schools; 2,100 pupils reached",
        ["3.3", "4.7"],
        [
            ("female", "0-14", False, "rural", 520),
            ("male", "0-14", False, "rural", 490),
            ("female", "15-24", False, "youth", 560),
            ("male", "15-24", False, "youth", 530),
        ],
    ),
    (
        "flood_response",
        "Cash transfers registered for flood-affected households in Garissa",
        "1,150 households registered",
        ["1.5", "11.5"],
        [
            ("female", "25-64", False, "rural", 1320),
            ("male", "25-64", False, "rural", 1080),
            ("female", "65+", False, "older_persons", 140),
            ("male", "0-14", False, "children", 900),
        ],
    ),
    (
        "civil_affairs",
        "Local peace committee re-established in Bria town",
        "1 committee, 21 members, 5 mediated disputes",
        ["16.1"],
        [("female", "25-64", False, "idps", 45), ("male", "25-64", False, "idps", 60)],
    ),
]


def _at(day: date, hour: int = 9) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def _months_ago(today: date, months: int) -> date:
    """A Monday about `months` months before `today`."""
    day = today - timedelta(days=round(months * 30.4))
    return day - timedelta(days=day.weekday())


def _assignment(spec: _Spec, host: Organization, staff, today: date):
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


def _eligible(assignment, pool: list[Volunteer], used: set[int], sector: str) -> list[Volunteer]:
    service = assignment_service(assignment)
    fits = [
        v for v in pool if v.pk not in used and not check_rules(service, volunteer_candidate(v))
    ]
    # Volunteers who work in the sector first; the pool order is already shuffled.
    return sorted(fits, key=lambda v: sector not in (v.sectors or []))


def _select(assignment, volunteer: Volunteer, staff, start: date, rng: random.Random):
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
    for offset, item in enumerate(ChecklistItem.values):
        selection_services.onboarding_item_update(
            application=application,
            item=item,
            status=ItemStatus.DONE,
            by=staff,
            status_date=start - timedelta(days=20 - 4 * offset),
        )
    return application


@dataclass
class _Story:
    """What happens during one volunteer's service."""

    long_hours: bool = False
    low_wellbeing: bool = False
    unsafe: bool = False
    rejected: bool = False
    pending_weeks: int = 0
    end_early: bool = False
    complete: bool = False


def _serve(
    deployment: Deployment,
    *,
    spec: _Spec,
    reviewer,
    story: _Story,
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
                story,
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


def _check_in(deployment, user, story, n, low_at, unsafe_at, day, spec, rng) -> None:
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


def _stories(spec_key: str, slot: int) -> _Story:
    story = _Story()
    if spec_key in ("climate_info", "online_data", "kakuma_adaptation"):
        story.pending_weeks = 2 if slot < 3 else 1  # "Hours to approve" for the supervisor
    elif slot == 0:
        story.pending_weeks = 1
    story.long_hours = spec_key == "electoral" and slot == 1
    story.low_wellbeing = spec_key == "protection" and slot == 1
    story.unsafe = spec_key == "kakuma_adaptation" and slot == 0
    story.rejected = spec_key == "online_data" and slot == 0
    story.end_early = spec_key == "civil_affairs" and slot == 1
    story.complete = spec_key == "governance"
    if story.end_early or story.complete:
        story.pending_weeks = 0
    return story


@transaction.atomic
def load_demo_service(*, today: date | None = None) -> None:
    today = today or timezone.localdate()
    rng = random.Random(RNG_SEED)
    users = {u.email: u for u in get_user_model().objects.filter(email__endswith="@volex.demo")}
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
        chosen = _eligible_for(spec, host, staff, today, pool, used, amina)
        if chosen is None:
            continue
        assignment, volunteers = chosen
        deployments[spec.key] = []
        for slot, volunteer in enumerate(volunteers):
            used.add(volunteer.pk)
            application = _select(assignment, volunteer, staff, assignment.start_date, rng)
            deployment = deployment_services.deployment_start(
                application=application, by=staff, start_date=assignment.start_date
            )
            story = _stories(spec.key, slot)
            _serve(deployment, spec=spec, reviewer=staff, story=story, today=today, rng=rng)
            _close(deployment, staff, story)
            deployments[spec.key].append(deployment)
        assignment_services.assignment_mark_filled(assignment=assignment, by=staff)
    _results(deployments, rng)


def _eligible_for(spec, host, staff, today, pool, used, amina):
    """The assignment with the volunteers who will serve it (None when nobody is eligible)."""
    assignment = _assignment(spec, host, staff, today)
    volunteers = _eligible(assignment, pool, used, spec.sector)
    if spec.key == "climate_info" and not check_rules(
        assignment_service(assignment), volunteer_candidate(amina)
    ):
        volunteers = [amina, *volunteers]
    volunteers = volunteers[: spec.positions]
    if not volunteers:
        assignment_services.assignment_cancel(
            assignment=assignment, by=staff, comment="No eligible volunteer in the demo pool."
        )
        return None
    return assignment, volunteers


def _close(deployment: Deployment, staff, story: _Story) -> None:
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
