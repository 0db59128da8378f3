"""The hiring journey in Chromium across three logins: a supervisor writes and submits a
description of assignment, a programme manager approves it, a volunteer finds it in "Matches for
me" and applies, the supervisor shortlists, assesses and offers, the volunteer accepts, and the
onboarding checklist completes."""

from datetime import timedelta

import pytest
from django.utils import timezone

from volex.accounts.tests.factories import PASSWORD
from volex.organizations.tests.factories import MembershipFactory, OrganizationFactory
from volex.reference.models import Skill
from volex.selection.models import Application
from volex.volunteers import services as volunteer_services
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


def test_supervisor_manager_and_volunteer_walk_the_whole_journey(live_server, page):
    base = live_server.url
    host = OrganizationFactory(name="Gulu District Health Office", country_id="UG")
    supervisor = MembershipFactory(organization=host).user
    manager = MembershipFactory(organization=host, role="programme_manager").user
    skill = Skill.objects.filter(level__gte=2).order_by("pk").first()
    volunteer = VolunteerFactory(first_name="Achieng", last_name="Otieno")
    volunteer_services.volunteer_skills_set(
        volunteer=volunteer, skills=[volunteer_services.SkillEntry(skill.pk, "advanced", 6)]
    )
    volunteer_services.volunteer_languages_set(
        volunteer=volunteer, languages=[volunteer_services.LanguageEntry("en", "C1")]
    )
    start = timezone.localdate() + timedelta(days=60)

    # 1. The supervisor writes the description and submits it.
    _login(page, base, supervisor)
    page.get_by_role("link", name="Manage assignments").click()
    page.get_by_role("link", name="New assignment").click()
    page.get_by_label("Title").fill("Community Health Data Officer")
    page.get_by_label("Organizational context").fill("The district rebuilds its health data.")
    page.get_by_label("Tasks").fill("Train clinic staff in health information systems.")
    page.get_by_label("Expected results").fill("Monthly reports on time in 20 clinics.")
    page.get_by_label("Qualifications").fill("Degree in public health.")
    page.get_by_label("Category").select_option("international_specialist")
    page.get_by_label("Sector").select_option("health")
    page.get_by_label("Duty station country").select_option("UG")
    page.get_by_label("Duty station place").fill("Gulu")
    page.get_by_label("Start date").fill(start.isoformat())
    page.get_by_label("End date").fill((start + timedelta(days=364)).isoformat())
    page.get_by_label("Rural communities").check()
    page.locator("input[name='lang-0-language']").fill("English")
    page.locator("select[name='lang-0-level']").select_option("B2")
    page.locator("input[name='skill-0-skill']").fill(skill.title)
    page.locator("select[name='skill-0-level']").select_option("intermediate")
    page.get_by_role("button", name="Save the assignment").click()
    assert "The assignment is saved." in _main(page)
    page.get_by_role("button", name="Submit for approval").click()
    assert "submitted for approval" in _main(page)
    assignment_url = page.url

    # 2. The programme manager approves it: it is published.
    _login(page, base, manager)
    page.goto(assignment_url)
    page.get_by_label("Comment").fill("Clear and complete.")
    page.get_by_role("button", name="Approve and publish").click()
    assert "approved and published" in _main(page)
    assert "Published" in _main(page)

    # 3. The volunteer finds it in "Matches for me" and applies.
    _login(page, base, volunteer.user)
    page.get_by_role("link", name="Matches for me").click()
    page.get_by_role("link", name="Community Health Data Officer").click()
    page.get_by_role("link", name="Apply").click()
    page.get_by_label("Why you, why this assignment").fill("Six years running clinic data.")
    page.get_by_role("button", name="Send my application").click()
    assert "Your application is sent." in _main(page)
    application = Application.objects.get(volunteer=volunteer)

    # 4. The supervisor shortlists, assesses and offers, from the ranked candidate list.
    _login(page, base, supervisor)
    page.goto(assignment_url)
    page.get_by_role("link", name="Candidates and applications").click()
    assert "Achieng Otieno" in _main(page)
    assert "1995" not in _main(page)  # no personal data for host supervisors
    page.get_by_role("link", name="Applied").click()
    page.get_by_role("button", name="Shortlist").click()
    assert "shortlisted" in _main(page)
    page.get_by_label("Assessment").select_option("interview")
    page.get_by_label("Score (0–100)").fill("84")
    page.get_by_label("Notes").fill("Strong on data quality.")
    page.get_by_role("button", name="Record the assessment").click()
    assert "The assessment is recorded." in _main(page)
    page.get_by_role("button", name="Send the offer").click()
    assert "The offer is sent." in _main(page)

    # 5. The volunteer accepts the offer (announced in the inbox).
    _login(page, base, volunteer.user)
    page.get_by_role("link", name="Inbox").click()
    assert "An offer for you: Community Health Data Officer" in _main(page)
    page.get_by_role("link", name="My applications").click()
    assert "Offered" in _main(page)
    page.get_by_role("link", name="Community Health Data Officer").click()
    page.get_by_role("button", name="Accept the offer").click()
    assert "You accepted the offer." in _main(page)
    assert "Onboarding" in _main(page)

    # 6. The supervisor completes the onboarding checklist.
    _login(page, base, supervisor)
    page.goto(f"{base}/selection/applications/{application.pk}/")
    for item in ["Medical clearance", "Security training", "Visa and travel", "Contract signature"]:
        page.get_by_label("Item").select_option(label=item)
        page.get_by_label("Status").select_option("done")
        page.get_by_role("button", name="Update", exact=True).click()
        assert "The checklist is updated." in _main(page)
    assert page.locator("#stage").inner_text() == "Ready for entry on duty"
    history = page.locator("#history").inner_text()
    assert "Onboarding → Ready for entry on duty" in history
    application.refresh_from_db()
    assert application.stage == "ready"
