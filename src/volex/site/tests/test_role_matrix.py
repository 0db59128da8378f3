"""What each role may see and change, beyond the status codes of `test_url_matrix` (which asks
every URL the resolver knows, as every role): whose drafts, whose personal data, which changes."""

import pytest


def _application(world):
    from volex.selection.models import Application
    from volex.selection.services import application_apply

    existing = Application.objects.filter(volunteer=world.volunteer).first()
    return existing or application_apply(volunteer=world.volunteer, assignment=world.published)


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


@pytest.mark.django_db
@pytest.mark.parametrize(
    "role,status,changed",
    [
        ("anonymous", 302, False),
        ("volunteer", 302, False),  # refused in words: only host staff shortlist
        ("supervisor_own", 302, True),
        ("supervisor_other", 404, False),
        ("manager", 302, True),
        ("admin", 302, True),
    ],
)
def test_shortlisting_by_role_changes_only_what_it_may(world, client_as, role, status, changed):
    from volex.selection.models import Application, ApplicationTransition

    application = _application(world)
    response = client_as(world.users[role]).post(
        f"/selection/applications/{application.pk}/shortlist/"
    )
    assert response.status_code == status
    stage = Application.objects.get(pk=application.pk).stage
    assert (stage == "shortlisted") is changed
    assert ApplicationTransition.objects.filter(application=application).count() == (
        2 if changed else 1
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    "role,status,state",
    [
        ("anonymous", 302, "draft"),
        ("volunteer", 404, "draft"),
        ("supervisor_own", 302, "submitted"),
        ("supervisor_other", 404, "draft"),
        ("manager", 302, "submitted"),
        ("admin", 302, "submitted"),
    ],
)
def test_submitting_a_draft_by_role(world, client_as, role, status, state):
    from volex.assignments.models import Assignment

    response = client_as(world.users[role]).post(f"/assignments/{world.draft.pk}/submit/")
    assert response.status_code == status
    assert Assignment.objects.get(pk=world.draft.pk).state == state


@pytest.mark.django_db
def test_host_supervisors_see_no_personal_data_on_application_pages(world, client_as):
    application = _application(world)
    url = f"/selection/applications/{application.pk}/"
    birth = world.volunteer.birth_date.strftime("%Y")
    supervisor_page = client_as(world.users["supervisor_own"]).get(url).content.decode()
    assert "Date of birth" not in supervisor_page and birth not in supervisor_page
    manager_page = client_as(world.users["manager"]).get(url).content.decode()
    assert "Date of birth" in manager_page and birth in manager_page
