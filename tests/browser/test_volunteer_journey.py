"""A new volunteer signs up, fills the profile and finds an assignment by filter, in Chromium."""

import pytest

from volex.assignments.services import LanguageNeed
from volex.assignments.tests.factories import AssignmentFactory
from volex.organizations.tests.factories import OrganizationFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_volunteer_signs_up_fills_profile_and_finds_assignment_by_filter(live_server, page):
    host = OrganizationFactory(name="UNDP Uganda", country_id="UG")
    AssignmentFactory(
        host=host,
        title="Refugee Education Officer",
        country="UG",
        sector="education",
        languages=[LanguageNeed("en", "B2")],
    )
    AssignmentFactory(
        host=host,
        title="Election Logistics Officer",
        country="CF",
        sector="governance",
        languages=[LanguageNeed("fr", "C1")],
    )

    page.goto(f"{live_server.url}/accounts/signup/")
    page.get_by_label("First name").fill("Achieng")
    page.get_by_label("Last name").fill("Otieno")
    page.get_by_label("E-mail address").fill("achieng@example.org")
    page.get_by_label("Password", exact=True).fill("rainy-season-2026")
    page.get_by_label("Password again").fill("rainy-season-2026")
    page.get_by_label("I agree that Volex processes my data").check()
    page.get_by_role("button", name="Create my account").click()

    # Sign-up leads straight to the profile editor.
    page.wait_for_url("**/volunteers/me/edit/")
    page.get_by_label("Headline").fill("Teacher trainer, 7 years in refugee settings")
    page.get_by_label("Date of birth").fill("1992-04-18")
    page.get_by_label("Nationalities").select_option("KE")
    page.get_by_label("Country of residence").select_option("KE")
    page.locator("input[name='lang-0-language']").fill("English")
    page.locator("select[name='lang-0-level']").select_option("C1")
    page.locator("input[name='lang-1-language']").fill("Swahili")
    page.locator("select[name='lang-1-level']").select_option("native")
    page.get_by_label("Education", exact=True).check()
    page.get_by_label("International specialist").check()
    page.get_by_label("Suggest me to host organizations").check()
    page.get_by_role("button", name="Save my profile").click()

    page.wait_for_url("**/volunteers/me/")
    body = page.locator("main").inner_text()
    assert "Your profile is saved." in body
    assert "Teacher trainer" in body
    assert "18 Apr 1992" in body
    assert "English — C1" in body

    page.get_by_role("link", name="Assignments", exact=True).click()
    page.get_by_label("Country").select_option(label="Uganda")
    page.get_by_role("button", name="Show assignments").click()
    results = page.locator("#results")
    results.get_by_text("Refugee Education Officer").wait_for()
    assert "Election Logistics Officer" not in results.inner_text()

    page.get_by_role("link", name="Refugee Education Officer").click()
    assert "You meet the category rules of this assignment." in page.locator("main").inner_text()
