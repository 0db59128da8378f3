"""Every view and API endpoint against every role: anonymous, volunteer, supervisor of the owning
organization, supervisor of another organization, programme manager, administrator."""

import pytest

ROLES = ["anonymous", "volunteer", "supervisor_own", "supervisor_other", "manager", "admin"]


def _url(world, name):
    return {
        "home": "/",
        "assignment_list": "/assignments/",
        "assignment_published": f"/assignments/{world.published.pk}/",
        "assignment_draft": f"/assignments/{world.draft.pk}/",
        "assignment_manage": "/assignments/manage/",
        "organization_list": "/organizations/",
        "organization_verified": f"/organizations/{world.own_org.slug}/",
        "organization_pending": f"/organizations/{world.pending_org.slug}/",
        "my_profile": "/volunteers/me/",
        "my_profile_edit": "/volunteers/me/edit/",
        "volunteer_other": f"/volunteers/{world.other_volunteer.pk}/",
        "admin": "/admin/",
        "api_assignments": "/api/assignments/",
        "api_assignment_draft": f"/api/assignments/{world.draft.pk}/",
        "api_organizations": "/api/organizations/",
        "api_my_profile": "/api/me/profile/",
        "api_schema": "/api/schema/",
    }[name]


# Expected status per view, in the order of ROLES. 302 = sent to log in; 404 = not visible.
MATRIX = {
    "home": [200, 200, 200, 200, 200, 200],
    "assignment_list": [200, 200, 200, 200, 200, 200],
    "assignment_published": [200, 200, 200, 200, 200, 200],
    "assignment_draft": [404, 404, 200, 404, 200, 200],
    "assignment_manage": [302, 403, 200, 200, 200, 200],
    "organization_list": [200, 200, 200, 200, 200, 200],
    "organization_verified": [200, 200, 200, 200, 200, 200],
    "organization_pending": [404, 404, 404, 404, 404, 200],
    "my_profile": [302, 200, 404, 404, 404, 404],
    "my_profile_edit": [302, 200, 404, 404, 404, 404],
    "volunteer_other": [302, 403, 403, 403, 200, 200],
    "admin": [302, 302, 302, 302, 302, 200],
    "api_assignments": [200, 200, 200, 200, 200, 200],
    "api_assignment_draft": [404, 404, 200, 404, 200, 200],
    "api_organizations": [200, 200, 200, 200, 200, 200],
    "api_my_profile": [401, 200, 404, 404, 404, 404],
    "api_schema": [200, 200, 200, 200, 200, 200],
}


@pytest.mark.django_db
@pytest.mark.parametrize("view", sorted(MATRIX))
def test_role_matrix(world, client_as, view):
    got = []
    for role in ROLES:
        response = client_as(world.users[role]).get(_url(world, view))
        got.append(response.status_code)
    assert got == MATRIX[view], dict(zip(ROLES, got, strict=True))


@pytest.mark.django_db
def test_supervisor_of_another_organization_cannot_read_its_candidates_or_drafts(world, client_as):
    client = client_as(world.users["supervisor_other"])
    page = client.get("/assignments/manage/").content.decode()
    assert "Other Draft" in page
    assert "Draft Role" not in page
    assert client.get(f"/volunteers/{world.volunteer.pk}/").status_code == 403
    assert client.get(f"/api/assignments/{world.draft.pk}/").status_code == 404


@pytest.mark.django_db
def test_personal_data_shown_only_to_roles_that_need_it(world, client_as):
    birth = world.other_volunteer.birth_date.strftime("%Y")
    manager_page = client_as(world.users["manager"]).get(f"/volunteers/{world.other_volunteer.pk}/")
    assert birth in manager_page.content.decode()
    own_page = client_as(world.other_volunteer.user).get("/volunteers/me/")
    assert birth in own_page.content.decode()
    # The public assignment pages never carry a volunteer's personal data.
    public = client_as(world.users["supervisor_other"]).get(f"/assignments/{world.published.pk}/")
    assert birth not in public.content.decode()


@pytest.mark.django_db
def test_manager_cannot_read_profiles_of_volunteers_who_did_not_consent(world, client_as):
    from volex.volunteers.tests.factories import VolunteerFactory

    private = VolunteerFactory(consent_to_matching=False)
    assert client_as(world.users["manager"]).get(f"/volunteers/{private.pk}/").status_code == 403
