"""The host's candidates page: applications first, profiles linked for who may open them."""

import pytest
from django.urls import reverse

from volex.matching.tests import helpers
from volex.selection.ranking import candidate_list

from .factories import apply


@pytest.fixture
def job(world):
    """A published assignment, two ranked suggestions, and an applicant the engine does not
    rank (they are not open to suggestions): before, the applicant came last."""
    skill = helpers.skills(1)[0]
    job = helpers.assignment(host=world.own_org, required=[skill], country="UG")
    for name in ("Suggested One", "Suggested Two"):
        helpers.volunteer(skill_levels=[(skill, "advanced", 5)], headline=name)
    applicant = helpers.volunteer(headline="The applicant", consent_to_matching=False)
    apply(applicant, job)
    return job


@pytest.mark.django_db
def test_applicants_come_before_the_suggestions(job):
    rows = candidate_list(assignment=job, k=2).rows
    assert [row.application is not None for row in rows] == [True, False, False]


@pytest.mark.django_db
def test_the_page_lists_the_applications_above_the_suggestions(world, client_as, job):
    html = (
        client_as(world.users["supervisor_own"])
        .get(reverse("selection:pipeline", args=[job.pk]))
        .content.decode()
    )
    assert html.index("The applicant") < html.index("Suggested One")
    assert 'data-testid="applications"' in html and 'data-testid="suggestions"' in html


@pytest.mark.django_db
def test_the_page_links_the_profiles_a_programme_manager_may_open(world, client_as, job):
    from volex.volunteers.models import Volunteer

    suggested = Volunteer.objects.get(headline="Suggested One")
    applicant = Volunteer.objects.get(headline="The applicant")
    url = reverse("selection:pipeline", args=[job.pk])
    manager = client_as(world.users["manager"]).get(url).content.decode()
    assert f'href="{reverse("volunteers:detail", args=[suggested.pk])}"' in manager
    # Not open to suggestions: not in the talent pool, so the manager may not open the profile.
    assert f'href="{reverse("volunteers:detail", args=[applicant.pk])}"' not in manager
    supervisor = client_as(world.users["supervisor_own"]).get(url).content.decode()
    assert reverse("volunteers:detail", args=[suggested.pk]) not in supervisor


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["supervisor_own", "manager", "admin"])
def test_the_page_links_to_the_ranking_for_the_host_staff(world, client_as, job, role):
    html = (
        client_as(world.users[role])
        .get(reverse("selection:pipeline", args=[job.pk]))
        .content.decode()
    )
    assert f'href="{reverse("matching:candidates", args=[job.pk])}"' in html


@pytest.mark.django_db
def test_the_application_page_names_language_levels_in_words(world, client_as, job):
    from volex.core.choices import CEFRLevel
    from volex.volunteers import services as volunteer_services
    from volex.volunteers.models import Volunteer

    applicant = Volunteer.objects.get(headline="The applicant")
    volunteer_services.volunteer_languages_set(
        volunteer=applicant, languages=[volunteer_services.LanguageEntry("fr", "native")]
    )
    application = applicant.applications.get()
    html = (
        client_as(world.users["supervisor_own"])
        .get(reverse("selection:application", args=[application.pk]))
        .content.decode()
    )
    assert f"— {CEFRLevel.NATIVE.label}<" in html
