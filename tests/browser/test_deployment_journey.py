"""The service journey in Chromium: entry on duty, hours and a check-in by the volunteer, the
supervisor's approval, a low check-in raising a flag the programme manager sees, a roll-call
answered by one volunteer and pending for another, end of assignment and the certificate."""

from datetime import timedelta
from io import BytesIO

import pytest
from django.utils import timezone
from pypdf import PdfReader

from volex.accounts.tests.factories import PASSWORD
from volex.assignments.tests.factories import AssignmentFactory
from volex.deployments import services
from volex.deployments.models import Deployment, HourRecord, RiskFlag, RollCallAnswer
from volex.deployments.tests.factories import deploy, ready
from volex.organizations.tests.factories import MembershipFactory, OrganizationFactory
from volex.volunteers.tests.factories import VolunteerFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture(autouse=True)
def _matching_engine(lexical_matching_engine):
    """Every test here matches with the lexical encoder (root conftest)."""


def _login(page, base, user):
    page.context.clear_cookies()
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("E-mail address").fill(user.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_load_state()


def _main(page) -> str:
    return page.locator("main").inner_text()


def test_service_from_entry_on_duty_to_certificate(live_server, page):
    base = live_server.url
    host = OrganizationFactory(name="Gulu District Health Office", country_id="UG")
    supervisor = MembershipFactory(organization=host).user
    manager = MembershipFactory(organization=host, role="programme_manager").user
    today = timezone.localdate()
    assignment = AssignmentFactory(
        host=host, title="Community Health Officer", start_date=today - timedelta(days=60)
    )
    volunteer = VolunteerFactory(first_name="Achieng", last_name="Otieno")
    application = ready(volunteer, assignment, supervisor)
    colleague = VolunteerFactory(first_name="Moses", last_name="Okello")
    deploy(colleague, AssignmentFactory(host=host, title="Nurse Mentor"), supervisor)

    # Entry on duty, by the supervisor.
    _login(page, base, supervisor)
    page.goto(f"{base}/deployments/start/{application.pk}/")
    page.get_by_label("Entry on duty").fill(str(today - timedelta(days=30)))
    page.get_by_role("button", name="Record the entry on duty").click()
    assert "In service" in _main(page)
    deployment = Deployment.objects.get(volunteer=volunteer)

    # The volunteer logs a week of hours and checks in (low, after an earlier low one).
    services.checkin_submit(
        deployment=deployment,
        by=volunteer.user,
        wellbeing=2,
        workload=4,
        safety="safe",
        now=timezone.now() - timedelta(days=14),
    )
    _login(page, base, volunteer.user)
    page.goto(f"{base}/deployments/mine/")
    hours = page.locator("[data-testid=hours-form]")
    hours.get_by_label("From").fill(str(today - timedelta(days=7)))
    hours.get_by_label("To").fill(str(today - timedelta(days=1)))
    hours.get_by_label("Hours").fill("42")
    hours.get_by_label("Activity").fill("Household visits in Gulu")
    hours.get_by_role("button", name="Record hours").click()
    assert "Hours recorded" in _main(page)
    checkin = page.locator("[data-testid=checkin-form]")
    checkin.get_by_label("How are you?").select_option("1")
    checkin.get_by_label("Workload").select_option("5")
    checkin.get_by_label("Safety").select_option("safe")
    checkin.get_by_label("I would like to talk to someone").check()
    checkin.get_by_role("button", name="Send my check-in").click()
    assert "Thank you for checking in" in _main(page)
    assert "Low well-being in a row" in _main(page)  # the volunteer sees their own flag

    # The supervisor approves the team's hours.
    _login(page, base, supervisor)
    page.get_by_role("link", name="Hours to approve").click()
    assert "Household visits in Gulu" in _main(page)
    # Nothing is ticked for the supervisor: sending the form untouched approves nothing.
    page.get_by_role("button", name="Approve the selected hours").click()
    assert "Tick the hours to approve." in _main(page)
    assert HourRecord.objects.get().status == "submitted"
    page.locator("input[name=record]").first.check()
    page.get_by_role("button", name="Approve the selected hours").click()
    assert "1 hour record approved" in _main(page)
    assert HourRecord.objects.get().status == "approved"

    # The manager sees the flag and records a follow-up.
    _login(page, base, manager)
    page.goto(f"{base}/inbox/")
    assert "Volunteer at risk" in _main(page)
    page.goto(f"{base}/deployments/{deployment.pk}/")
    assert "Low well-being in a row" in _main(page)
    page.get_by_label("What was done").fill("Called Achieng; counselling booked.")
    page.get_by_role("button", name="Record follow-up").click()
    assert RiskFlag.objects.get().status == "followed_up"

    # Roll-call for Uganda: one answers, the other is pending.
    page.goto(f"{base}/deployments/board/?country=UG")
    assert "2 deployed" in _main(page)
    page.get_by_role("button", name="Start a roll-call").click()
    assert "Roll-call started: 2 volunteers asked" in _main(page)
    token = RollCallAnswer.objects.get(deployment=deployment).token
    _login(page, base, volunteer.user)
    page.goto(f"{base}/inbox/")
    assert "Roll-call: are you safe?" in _main(page)
    page.goto(f"{base}/deployments/roll-call/{token}/")
    page.get_by_role("button", name="I am safe").click()
    assert "your answer was recorded" in _main(page)
    _login(page, base, manager)
    page.goto(f"{base}/deployments/board/?country=UG")
    assert "1 safe, 0 need help, 1 not answered" in _main(page)
    rows = {
        row.locator("td").first.inner_text(): row.locator(
            "[data-testid=roll-call-cell]"
        ).inner_text()
        for row in page.locator("[data-testid=board-row]").all()
    }
    assert rows == {"Achieng Otieno": "Safe", "Moses Okello": "Not answered"}

    # End of assignment with the supervisor's assessment; the volunteer downloads the certificate.
    _login(page, base, supervisor)
    page.goto(f"{base}/deployments/{deployment.pk}/")
    page.locator("summary", has_text="End of assignment").click()
    form = page.locator("[data-testid=complete-form]")
    form.locator("select[name=rating]").select_option("outstanding")
    form.locator("textarea[name=assessment]").fill("Built the household visit schedule.")
    form.get_by_role("button", name="End the assignment").click()
    assert "Ended" in page.locator("[data-testid=deployment-state]").inner_text()
    _login(page, base, volunteer.user)
    page.goto(f"{base}/deployments/mine/")
    with page.expect_download() as download:
        page.locator("[data-testid=certificate]").click()
    with open(download.value.path(), "rb") as handle:
        text = " ".join(PdfReader(BytesIO(handle.read())).pages[0].extract_text().split())
    assert "Certificate of service" in text
    assert "Achieng Otieno" in text and "Community Health Officer" in text
    assert "42" in text and "Built the household visit schedule." in text
