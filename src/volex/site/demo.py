"""The demo programme that `volex demo` loads: named logins for every role, curated organizations
and assignments a visitor can read, and a synthetic talent pool from the seeder around them.

Everything is created through the services, as a real programme would create it.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from volex.assignments import services as assignment_services
from volex.assignments.services import AssignmentData, LanguageNeed, SkillNeed
from volex.impact.sample import load_sample_wages
from volex.organizations.models import MembershipRole, Organization, VerificationStatus
from volex.organizations.services import membership_grant, organization_create
from volex.reference.models import Occupation, PeaceOperation, SDGTarget, Skill
from volex.seeding import seed
from volex.site.demo_service import load_demo_service
from volex.site.demo_specs import (
    ADMIN,
    DEMO_VOLUNTEER,
    KRCS,
    MANAGER,
    MINUSCA,
    MINUSCA_BRIA,
    MOH_UG,
    NYSC,
    SUPERVISOR,
    SUPERVISOR_MINUSCA,
    UNDP_KE,
    UNHCR_UG,
)
from volex.volunteers import services as volunteer_services

DEMO_PASSWORD = "volex-demo-2026"
DEMO_LOGINS = [
    ("Administrator", ADMIN),
    ("Programme manager (Kenya, Uganda, CAR)", MANAGER),
    ("Host supervisor, UNDP Kenya", SUPERVISOR),
    ("Host supervisor, MINUSCA (another org)", SUPERVISOR_MINUSCA),
    ("Volunteer", DEMO_VOLUNTEER),
]


def demo_loaded() -> bool:
    return get_user_model().objects.filter(email=ADMIN).exists()


def _staff_user(email: str, first: str, last: str, *, is_staff: bool = False):
    user_model = get_user_model()
    user = user_model(
        username=email,
        email=email,
        first_name=first,
        last_name=last,
        is_staff=is_staff,
        is_superuser=is_staff,
    )
    user.set_password(DEMO_PASSWORD)
    user.save()
    return user


def _skill(title: str) -> int:
    return (
        Skill.objects.filter(title__iexact=title).order_by("level").values_list("pk", flat=True)[0]
    )


def _occupation(title: str) -> int | None:
    return Occupation.objects.filter(title__iexact=title).values_list("pk", flat=True).first()


def _targets(*codes: str) -> list[str]:
    return list(SDGTarget.objects.filter(code__in=codes).values_list("pk", flat=True))


def _organizations() -> dict[str, Organization]:
    verified = VerificationStatus.VERIFIED
    minusca_op = PeaceOperation.objects.filter(acronym="MINUSCA").first()
    orgs = {
        "undp_ke": organization_create(
            name=UNDP_KE,
            acronym="UNDP Kenya",
            kind="un_entity",
            country_id="KE",
            verification_status=verified,
            description="Supports Kenya's devolved counties on governance, climate resilience "
            "and inclusive growth.",
        ),
        "unhcr_ug": organization_create(
            name=UNHCR_UG,
            acronym="UNHCR Uganda",
            kind="un_entity",
            country_id="UG",
            verification_status=verified,
            description="Protects and assists over 1.5 million refugees in settlements across "
            "northern and south-western Uganda.",
        ),
        "minusca": organization_create(
            name=MINUSCA,
            acronym="MINUSCA",
            kind="peace_operation",
            country_id="CF",
            peace_operation_id=minusca_op.pk if minusca_op else None,
            verification_status=verified,
            description="Protects civilians and supports the peace process and elections.",
        ),
        "krcs": organization_create(
            name=KRCS,
            acronym="KRCS",
            kind="ngo",
            country_id="KE",
            verification_status=verified,
            is_network_member=True,
            description="Humanitarian first responder with 64 branches across Kenya.",
        ),
        "nysc": organization_create(
            name=NYSC,
            acronym="NYSC",
            kind="national_scheme",
            country_id="NG",
            verification_status=verified,
            is_network_member=True,
            description="Nigeria's national service scheme, mobilising graduates every year.",
        ),
        "moh_ug": organization_create(
            name=MOH_UG,
            acronym="MoH Uganda",
            kind="government",
            country_id="UG",
            verification_status=verified,
        ),
        "pending": organization_create(
            name="Green Horizons Youth Initiative",
            kind="ngo",
            country_id="GH",
            description="A new organization awaiting verification.",
        ),
    }
    orgs["minusca_bria"] = organization_create(
        name=MINUSCA_BRIA,
        kind="peace_operation",
        country_id="CF",
        parent=orgs["minusca"],
        verification_status=verified,
    )
    return orgs


def _assignments(orgs, supervisor, supervisor_minusca) -> None:
    today = timezone.localdate()
    start = today + timedelta(days=60)
    # The demo volunteer is in service until about 5 months from now (demo_specs: 7 of 12
    # months done); the assignments that suit her as her next one (the analyst, online GIS
    # mapping) start after that, since a volunteer serves one assignment at a time.
    after_her_service = today + timedelta(days=200)
    station = assignment_services.duty_station_get_or_create
    nairobi = station(country_id="KE", place="Nairobi", hardship_class="A")
    kakuma = station(country_id="KE", place="Kakuma", hardship_class="D", is_family=False)
    arua = station(country_id="UG", place="Arua", hardship_class="C")
    kampala = station(country_id="UG", place="Kampala", hardship_class="B")
    bangui = station(country_id="CF", place="Bangui", hardship_class="E", is_family=False)
    bria = station(country_id="CF", place="Bria", hardship_class="E", is_family=False)
    abuja = station(country_id="NG", place="Abuja", hardship_class="B")
    specs = [
        (
            orgs["undp_ke"],
            supervisor,
            AssignmentData(
                title="Climate Resilience Data Analyst",
                # national: the demo volunteer (a Kenyan statistician) may serve in Kenya only
                # as a national volunteer, and this is the assignment written for her
                category="national_specialist",
                sector="environment",
                duty_station=nairobi,
                start_date=after_her_service,
                end_date=after_her_service + timedelta(days=364),
                occupation_id=_occupation("data analyst"),
                context="UNDP Kenya's climate team supports 14 arid counties in planning for drought.",
                tasks="Build the county drought dashboard; train county officers in data use; "
                "analyse rainfall and livelihood surveys.",
                expected_results="A dashboard used monthly by 14 county disaster committees.",
                qualifications="Degree in statistics or data science; 3 years of data analysis.",
                sdg_goal_ids=[13, 1],
                sdg_target_ids=_targets("13.1", "13.3", "1.5"),
                groups_reached=["rural", "women_girls"],
                skills=[
                    SkillNeed(_skill("accessing and analysing digital data")),
                    SkillNeed(_skill("natural sciences, mathematics and statistics")),
                    SkillNeed(_skill("communicating"), is_required=False),
                ],
                languages=[LanguageNeed("en", "C1"), LanguageNeed("sw", "B1", is_required=False)],
            ),
        ),
        (
            orgs["undp_ke"],
            supervisor,
            AssignmentData(
                title="Youth Employment Programme Officer",
                category="national_specialist",
                sector="economic",
                duty_station=nairobi,
                start_date=start,
                end_date=start + timedelta(days=729),
                occupation_id=_occupation("project manager"),
                tasks="Coordinate the youth employment pilot in Nairobi's informal settlements.",
                sdg_goal_ids=[8],
                sdg_target_ids=_targets("8.6"),
                groups_reached=["youth", "urban_poor"],
                skills=[SkillNeed(_skill("directing, supervising and coordinating projects"))],
                languages=[LanguageNeed("en", "C1"), LanguageNeed("sw", "C1")],
            ),
        ),
        (
            orgs["unhcr_ug"],
            None,
            AssignmentData(
                title="Protection Associate (Refugee Settlements)",
                category="international_youth",
                sector="protection",
                duty_station=arua,
                start_date=start,
                end_date=start + timedelta(days=364),
                occupation_id=_occupation("human rights officer"),
                tasks="Register protection cases, support community-based protection committees.",
                sdg_goal_ids=[16, 5],
                sdg_target_ids=_targets("16.1", "5.2"),
                groups_reached=["refugees", "women_girls", "children"],
                skills=[SkillNeed(_skill("communicating"))],
                languages=[LanguageNeed("en", "B2"), LanguageNeed("ar", "B1", is_required=False)],
            ),
        ),
        (
            orgs["moh_ug"],
            None,
            AssignmentData(
                title="Community Midwife",
                category="community",
                sector="health",
                duty_station=kampala,
                start_date=start,
                end_date=start + timedelta(days=180),
                occupation_id=_occupation("midwife"),
                tasks="Antenatal care outreach in peri-urban health centres.",
                sdg_goal_ids=[3],
                sdg_target_ids=_targets("3.1", "3.7"),
                groups_reached=["women_girls"],
                skills=[SkillNeed(_skill("health"))],
                languages=[LanguageNeed("en", "B2")],
            ),
        ),
        (
            orgs["minusca"],
            supervisor_minusca,
            AssignmentData(
                title="Electoral Operations Officer",
                category="international_specialist",
                sector="governance",
                duty_station=bangui,
                start_date=start,
                end_date=start + timedelta(days=270),
                positions=3,
                occupation_id=_occupation("election observer"),
                tasks="Plan voter registration logistics with the National Elections Authority.",
                sdg_goal_ids=[16],
                sdg_target_ids=_targets("16.7"),
                skills=[SkillNeed(_skill("directing, supervising and coordinating projects"))],
                languages=[LanguageNeed("fr", "C1")],
            ),
        ),
        (
            orgs["minusca_bria"],
            supervisor_minusca,
            AssignmentData(
                title="Civil Affairs Officer",
                category="international_expert",
                sector="peacebuilding",
                duty_station=bria,
                start_date=start,
                end_date=start + timedelta(days=364),
                tasks="Support local peace committees and conflict analysis in Haute-Kotto.",
                sdg_goal_ids=[16],
                sdg_target_ids=_targets("16.1", "16.7"),
                groups_reached=["idps"],
                skills=[SkillNeed(_skill("communicating"))],
                languages=[LanguageNeed("fr", "C1")],
            ),
        ),
        (
            orgs["krcs"],
            None,
            AssignmentData(
                title="Emergency Shelter Volunteer",
                category="diaspora",
                sector="emergency",
                duty_station=kakuma,
                start_date=start,
                end_date=start + timedelta(days=90),
                tasks="Support shelter distribution and camp coordination after floods.",
                sdg_goal_ids=[11, 1],
                sdg_target_ids=_targets("11.5", "1.5"),
                groups_reached=["refugees", "children"],
                languages=[LanguageNeed("sw", "B2")],
            ),
        ),
        (
            orgs["nysc"],
            None,
            AssignmentData(
                title="Corps Member – Rural Primary Teacher",
                category="national_youth",
                sector="education",
                duty_station=abuja,
                start_date=start,
                end_date=start + timedelta(days=364),
                positions=40,
                occupation_id=_occupation("teacher of talented and gifted students"),
                tasks="Teach mathematics and English in rural primary schools.",
                sdg_goal_ids=[4],
                sdg_target_ids=_targets("4.1"),
                groups_reached=["rural", "children"],
                skills=[SkillNeed(_skill("education"))],
                languages=[LanguageNeed("en", "C1")],
            ),
        ),
        (
            orgs["undp_ke"],
            supervisor,
            AssignmentData(
                title="Online GIS Mapping Volunteer",
                category="online",
                sector="environment",
                start_date=after_her_service,
                end_date=after_her_service + timedelta(days=60),
                tasks="Map flood-prone settlements from satellite imagery.",
                sdg_goal_ids=[11, 13],
                groups_reached=["urban_poor"],
                skills=[SkillNeed(_skill("working with computers"))],
                languages=[LanguageNeed("en", "B2")],
            ),
        ),
    ]
    for index, (host, author, data) in enumerate(specs):
        assignment = assignment_services.assignment_create(host=host, created_by=author, data=data)
        if index != 1:  # one draft stays unpublished: it shows what only its own staff can see
            assignment_services.assignment_fast_track(assignment=assignment, by=author)


def _volunteer() -> None:
    volunteer = volunteer_services.volunteer_register(
        email=DEMO_VOLUNTEER,
        password=DEMO_PASSWORD,
        first_name="Amina",
        last_name="Odhiambo",
    )
    volunteer_services.volunteer_profile_update(
        volunteer=volunteer,
        birth_date=date(1994, 3, 14),
        gender="woman",
        nationality_ids=["KE"],
        heritage_country_ids=[],
        residence_country_id="KE",
        headline="Statistician with 6 years in public health surveys",
        summary="I design household surveys and turn them into dashboards that county teams use.",
        sectors=["health", "environment"],
        eligible_categories=["international_specialist", "national_specialist", "online"],
        available_from=timezone.localdate(),
        available_until=timezone.localdate() + timedelta(days=730),
        consent_to_matching=True,
        occupation_id=_occupation("statistician"),
    )
    volunteer_services.volunteer_languages_set(
        volunteer=volunteer,
        languages=[
            volunteer_services.LanguageEntry("sw", "native"),
            volunteer_services.LanguageEntry("en", "C2"),
            volunteer_services.LanguageEntry("fr", "B1"),
        ],
    )
    volunteer_services.volunteer_skills_set(
        volunteer=volunteer,
        skills=[
            volunteer_services.SkillEntry(
                _skill("accessing and analysing digital data"), "expert", 6
            ),
            volunteer_services.SkillEntry(
                _skill("natural sciences, mathematics and statistics"), "advanced", 8
            ),
            volunteer_services.SkillEntry(_skill("communicating"), "advanced", 5),
        ],
    )


@transaction.atomic
def _curated() -> None:
    _staff_user(ADMIN, "Ada", "Admin", is_staff=True)
    manager = _staff_user(MANAGER, "Moussa", "Diallo")
    supervisor = _staff_user(SUPERVISOR, "Grace", "Wanjiru")
    supervisor_minusca = _staff_user(SUPERVISOR_MINUSCA, "Jean-Pierre", "Ngaba")
    orgs = _organizations()
    for key in ("undp_ke", "unhcr_ug", "minusca", "krcs", "moh_ug", "nysc"):
        membership_grant(
            user=manager, organization=orgs[key], role=MembershipRole.PROGRAMME_MANAGER
        )
    membership_grant(
        user=supervisor,
        organization=orgs["undp_ke"],
        role=MembershipRole.HOST_SUPERVISOR,
        title="Climate Team Leader",
    )
    membership_grant(
        user=supervisor_minusca,
        organization=orgs["minusca"],
        role=MembershipRole.HOST_SUPERVISOR,
        title="Chief, Civil Affairs",
    )
    _assignments(orgs, supervisor, supervisor_minusca)
    _volunteer()


def load_demo(*, volunteers: int = 400, assignments: int = 80) -> None:
    _curated()
    load_sample_wages()
    seed(volunteers=volunteers, assignments=assignments, rng_seed=2026, progress=True)
    # The demo's candidate lists and "matches for me" need every profile encoded.
    call_command("match", "reindex", verbosity=0)
    load_demo_service()
