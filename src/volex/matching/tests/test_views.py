import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from volex.matching.models import MatchRun

from . import helpers

ROLES = ["anonymous", "volunteer", "supervisor_own", "supervisor_other", "manager", "admin"]


def _statuses(world, client_as, url, method="get"):
    got = []
    for role in ROLES:
        client = client_as(world.users[role])
        got.append(getattr(client, method)(url).status_code)
    return dict(zip(ROLES, got, strict=True))


@pytest.mark.django_db
def test_role_matrix_of_the_candidate_list(world, client_as):
    published = f"/matching/assignments/{world.published.pk}/candidates/"
    draft = f"/matching/assignments/{world.draft.pk}/candidates/"
    assert _statuses(world, client_as, published) == dict(
        zip(ROLES, [302, 403, 200, 403, 200, 200], strict=True)
    )
    assert _statuses(world, client_as, draft) == dict(
        zip(ROLES, [302, 404, 200, 404, 200, 200], strict=True)
    )


@pytest.mark.django_db
def test_role_matrix_of_matches_for_me(world, client_as):
    assert _statuses(world, client_as, "/matching/for-me/") == dict(
        zip(ROLES, [302, 200, 404, 404, 404, 404], strict=True)
    )


@pytest.mark.django_db
def test_denied_requests_change_nothing(world, client_as):
    url = f"/matching/assignments/{world.published.pk}/candidates/"
    for role in ("anonymous", "volunteer", "supervisor_other"):
        for method in ("get", "post"):
            before = MatchRun.objects.count()
            response = getattr(client_as(world.users[role]), method)(url)
            assert response.status_code in (302, 403)
            assert MatchRun.objects.count() == before
    other = f"/matching/assignments/{world.other_draft.pk}/candidates/"
    response = client_as(world.users["supervisor_own"]).post(other)
    assert response.status_code == 404 and MatchRun.objects.count() == 0


@pytest.mark.django_db
def test_supervisor_of_another_organization_cannot_read_candidates(world, client_as):
    helpers.volunteer(headline="Secret candidate")
    client_as(world.users["supervisor_own"]).get(
        f"/matching/assignments/{world.published.pk}/candidates/"
    )
    response = client_as(world.users["supervisor_other"]).get(
        f"/matching/assignments/{world.published.pk}/candidates/"
    )
    assert response.status_code == 403
    assert "Secret candidate" not in response.content.decode()


@pytest.mark.django_db
def test_the_candidate_list_shows_words_and_no_personal_data(world, client_as):
    first, second = helpers.skills(2)
    job = helpers.assignment(host=world.own_org, required=[first, second], country="UG")
    helpers.volunteer(
        skill_levels=[(first, "advanced", 4)],
        headline="Shown headline",
        gender="Woman",
        birth_date=__import__("datetime").date(1987, 3, 9),
        nationalities=("TZ",),
        residence_country="TZ",
    )
    helpers.volunteer(headline="Never shown", consent_to_matching=False)
    helpers.volunteer(headline="Ugandan national", nationalities=("UG",))
    page = client_as(world.users["supervisor_own"]).get(
        f"/matching/assignments/{job.pk}/candidates/"
    )
    text = page.content.decode()
    assert page.status_code == 200
    assert "Shown headline" in text
    assert "covers 0 of 2 required skills" in text or "covers 1 of 2 required skills" in text
    assert f"missing: {second.title}" in text
    for personal in ("1987", "Woman", "Tanzania", "9 March"):
        assert personal not in text
    assert "Never shown" not in text and "Ugandan national" not in text


@pytest.mark.django_db
def test_rank_again_is_a_plain_post(world, client_as):
    client = client_as(world.users["manager"])
    url = f"/matching/assignments/{world.published.pk}/candidates/"
    client.get(url)
    response = client.post(url)
    assert response.status_code == 302 and response["Location"] == url
    assert MatchRun.objects.filter(assignment=world.published).count() == 2
    fragment = client.get(url, headers={"HX-Request": "true"})
    assert fragment.status_code == 200 and b"<html" not in fragment.content


@pytest.mark.django_db
def test_candidate_page_query_count_does_not_grow_with_the_pool(world, client_as):
    first, _ = helpers.skills(2)
    job = helpers.assignment(host=world.own_org, required=[first], country="UG")
    url = f"/matching/assignments/{job.pk}/candidates/"
    client = client_as(world.users["supervisor_own"])

    def settled_queries() -> int:
        client.get(url)  # ranks (or re-ranks) and warms the index
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200
        return len(queries)

    small = settled_queries()
    for n in range(12):
        helpers.volunteer(skill_levels=[(first, "advanced", n % 5)], headline=f"Extra {n}")
    large = settled_queries()
    assert large == small
    assert small <= 20


@pytest.mark.django_db
def test_matches_for_me_page(world, client_as):
    first, _ = helpers.skills(2)
    job = helpers.assignment(host=world.own_org, required=[first], country="UG",
                             title="Matching job")  # fmt: skip
    from volex.volunteers.services import SkillEntry, volunteer_skills_set

    volunteer_skills_set(volunteer=world.volunteer, skills=[SkillEntry(first.pk, "expert", 5)])
    text = client_as(world.users["volunteer"]).get("/matching/for-me/").content.decode()
    assert "Matching job" in text and "covers 1 of 1 required skills" in text
    assert job.title in text
