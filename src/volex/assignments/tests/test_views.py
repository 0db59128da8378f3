import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from volex.assignments.services import LanguageNeed
from volex.assignments.tests.factories import AssignmentFactory
from volex.organizations.tests.factories import OrganizationFactory


@pytest.mark.django_db
def test_list_filters_by_country_category_sector_sdg_and_language(client):
    host = OrganizationFactory()
    health_ug = AssignmentFactory(
        host=host,
        title="Nurse Mentor",
        country="UG",
        sector="health",
        sdg_goal_ids=[3],
        languages=[LanguageNeed("en", "B2")],
    )
    governance_cf = AssignmentFactory(
        host=host,
        title="Elections Officer",
        country="CF",
        sector="governance",
        category="international_expert",
        sdg_goal_ids=[16],
        languages=[LanguageNeed("fr", "C1")],
    )
    cases = {
        "country=UG": health_ug,
        "country=CF": governance_cf,
        "sector=governance": governance_cf,
        "category=international_expert": governance_cf,
        "sdg=3": health_ug,
        "language=fr": governance_cf,
        "q=nurse": health_ug,
    }
    for query, expected in cases.items():
        page = client.get(f"/assignments/?{query}").content.decode()
        other = governance_cf if expected is health_ug else health_ug
        assert expected.title in page, query
        assert other.title not in page, query


@pytest.mark.django_db
def test_htmx_request_gets_only_the_results_fragment(client):
    AssignmentFactory(title="Fragment Check")
    response = client.get("/assignments/", headers={"HX-Request": "true"})
    body = response.content.decode()
    assert "Fragment Check" in body
    assert "<html" not in body


@pytest.mark.django_db
def test_list_page_of_50_rows_takes_a_bounded_number_of_queries(client):
    host = OrganizationFactory()
    for n in range(25):
        AssignmentFactory(
            host=host, title=f"Role {n}", languages=[LanguageNeed("en", "B2")], sdg_goal_ids=[3, 4]
        )
    with CaptureQueriesContext(connection) as small:
        client.get("/assignments/")
    for n in range(25, 50):
        AssignmentFactory(
            host=host, title=f"Role {n}", languages=[LanguageNeed("en", "B2")], sdg_goal_ids=[3, 4]
        )
    with CaptureQueriesContext(connection) as large:
        response = client.get("/assignments/")
    assert response.status_code == 200
    assert len(large) == len(small), "queries grow with rows: an N+1 on the list page"
    assert len(large) <= 15


@pytest.mark.django_db
def test_pages_stay_light(client):
    AssignmentFactory()
    for url in ["/", "/assignments/", "/accounts/signup/"]:
        assert len(client.get(url).content) < 150_000, url


@pytest.mark.django_db
def test_pagination_clamps_out_of_range_pages(client):
    AssignmentFactory(title="Only One")
    assert "Only One" in client.get("/assignments/?page=999").content.decode()


@pytest.mark.django_db
def test_pages_name_groups_sectors_and_categories_in_words_not_codes(world, client_as):
    from volex.assignments.models import Assignment

    Assignment.objects.filter(pk=world.published.pk).update(groups_reached=["women_girls"])
    page = client_as(None).get(f"/assignments/{world.published.pk}/").content.decode()
    assert "Women and girls" in page and "women_girls" not in page.replace('"women_girls"', "")
    volunteer = world.volunteer
    volunteer.sectors = ["wash"]
    volunteer.eligible_categories = ["international_specialist"]
    volunteer.save()
    profile = client_as(volunteer.user).get("/volunteers/me/").content.decode()
    assert "international_specialist" not in profile
    assert ">wash<" not in profile
