"""The demo programme's volunteers in service, as data; `demo_service` walks it through services.

The assignments that started months ago (`SPECS`: host, supervising staff, duty station, dates
counted back from today, SDGs, the activities their volunteers report hours on), the results
recorded under some of them (`RESULTS`), and what happens during each volunteer's service
(`story_for`: long hours, low wellbeing, an unsafe check-in, rejected hours, an early end...), so
that the duty of care board, "Hours to approve" and the contribution reports have something to
show. The names of the demo's organizations and logins live here too: `demo` creates them under
these names, and the specs refer to them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from volex.assignments.services import LanguageNeed

# The demo's organizations and logins, by name: `demo` creates them, the specs below refer to them.
UNDP_KE = "United Nations Development Programme – Kenya"
UNHCR_UG = "Office of the UN High Commissioner for Refugees – Uganda"
MINUSCA = "UN Multidimensional Integrated Stabilization Mission in the Central African Republic"
MINUSCA_BRIA = "MINUSCA Field Office Bria"
KRCS = "Kenya Red Cross Society"
MOH_UG = "Ministry of Health, Uganda"
NYSC = "National Youth Service Corps"
ADMIN = "admin@volex.demo"
MANAGER = "manager@volex.demo"
SUPERVISOR = "supervisor@volex.demo"
SUPERVISOR_MINUSCA = "supervisor.minusca@volex.demo"
DEMO_VOLUNTEER = "volunteer@volex.demo"

#: The spec the demo volunteer serves on (before the pool's volunteers), when she is eligible.
DEMO_VOLUNTEER_SPEC = "climate_info"


@dataclass
class AssignmentSpec:
    """An assignment that started months ago, and what its volunteers serve on."""

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
    weekly: tuple[int, int] = (35, 50)  # the hours of a week are drawn between these
    ended_months_ago: int = 0  # > 0: the assignment itself ended that long ago


SPECS: list[AssignmentSpec] = [
    AssignmentSpec(
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
    AssignmentSpec(
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
    AssignmentSpec(
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
    AssignmentSpec(
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
    AssignmentSpec(
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
    AssignmentSpec(
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
    AssignmentSpec(
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
    AssignmentSpec(
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
    AssignmentSpec(
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
    AssignmentSpec(
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
    AssignmentSpec(
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

#: One reach row of a result: (sex, age group, with a disability, group reached, people).
Reach = tuple[str, str, bool, str, int]

#: Results recorded under some deployments: (spec key, description, output, sdg targets, reach).
RESULTS: list[tuple[str, str, str, list[str], list[Reach]]] = [
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


@dataclass
class ServiceStory:
    """What happens during one volunteer's service."""

    long_hours: bool = False
    low_wellbeing: bool = False
    unsafe: bool = False
    rejected: bool = False
    pending_weeks: int = 0
    end_early: bool = False
    complete: bool = False


def story_for(spec_key: str, slot: int) -> ServiceStory:
    """The story of the volunteer in position `slot` (0 = the first selected) of a spec."""
    story = ServiceStory()
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
