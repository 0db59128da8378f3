"""Every view and API endpoint against every role: anonymous, volunteer, supervisor of the owning
organization, supervisor of another organization, programme manager, administrator."""

import pytest

ROLES = ["anonymous", "volunteer", "supervisor_own", "supervisor_other", "manager", "admin"]


def _application(world):
    from volex.selection.models import Application
    from volex.selection.services import application_apply

    existing = Application.objects.filter(volunteer=world.volunteer).first()
    return existing or application_apply(volunteer=world.volunteer, assignment=world.published)


def _deployment_pk(world) -> int:
    from volex.deployments.models import Deployment
    from volex.deployments.tests.factories import deploy

    existing = Deployment.objects.filter(volunteer=world.volunteer).first()
    return (existing or deploy(world.volunteer, world.published, world.users["supervisor_own"])).pk


def _url(world, name):
    if "application" in name:
        application = _application(world)
    deployment = _deployment_pk(world) if "deployment_" in name else 0
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
        "assignment_create": "/assignments/new/",
        "assignment_edit_draft": f"/assignments/{world.draft.pk}/edit/",
        "selection_mine": "/selection/mine/",
        "selection_pipeline": f"/selection/assignments/{world.published.pk}/",
        "selection_apply": f"/selection/assignments/{world.published.pk}/apply/",
        "selection_application": "/selection/applications/{}/".format(
            application.pk if "application" in name else 0
        ),
        "inbox": "/inbox/",
        "api_assignment_manage": "/api/assignments/manage/",
        "api_assignment_history_draft": f"/api/assignments/{world.draft.pk}/history/",
        "api_selection_my_applications": "/api/selection/applications/",
        "api_selection_candidates": f"/api/selection/assignments/{world.published.pk}/candidates/",
        "api_selection_assignment_applications": (
            f"/api/selection/assignments/{world.published.pk}/applications/"
        ),
        "api_selection_application": "/api/selection/applications/{}/".format(
            application.pk if "application" in name else 0
        ),
        "api_inbox": "/api/inbox/",
        "impact_reports": "/impact/reports/",
        "impact_report_export_csv": "/impact/reports/export/csv/",
        "api_impact_reports": "/api/impact/reports/",
        "api_impact_report_breakdown": "/api/impact/reports/sdg_goal/",
        "deployments_mine": "/deployments/mine/",
        "deployments_team": "/deployments/team/",
        "deployments_board": "/deployments/board/?country=UG",
        "deployment_detail": f"/deployments/{deployment}/",
        "api_deployments": "/api/deployments/",
        "api_deployments_board": "/api/deployments/board/?country=UG",
        "api_deployment_detail": f"/api/deployments/{deployment}/",
        "api_deployment_hours": f"/api/deployments/{deployment}/hours/",
        "api_deployment_checkins": f"/api/deployments/{deployment}/check-ins/",
        "api_deployment_flags": f"/api/deployments/{deployment}/flags/",
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
    "assignment_create": [302, 403, 200, 200, 200, 200],
    "assignment_edit_draft": [302, 404, 200, 404, 200, 200],
    "selection_mine": [302, 200, 403, 403, 403, 403],
    "selection_pipeline": [302, 403, 200, 403, 200, 200],
    "selection_apply": [302, 200, 403, 403, 403, 403],
    "selection_application": [302, 200, 200, 404, 200, 200],
    "inbox": [302, 200, 200, 200, 200, 200],
    "api_assignment_manage": [401, 200, 200, 200, 200, 200],
    "api_assignment_history_draft": [401, 404, 200, 404, 200, 200],
    "api_selection_my_applications": [401, 200, 403, 403, 403, 403],
    "api_selection_candidates": [401, 403, 200, 403, 200, 200],
    "api_selection_assignment_applications": [401, 403, 200, 403, 200, 200],
    "api_selection_application": [401, 200, 200, 404, 200, 200],
    "api_inbox": [401, 200, 200, 200, 200, 200],
    "impact_reports": [302, 403, 200, 200, 200, 200],
    "impact_report_export_csv": [302, 403, 200, 200, 200, 200],
    "api_impact_reports": [401, 403, 200, 200, 200, 200],
    "api_impact_report_breakdown": [401, 403, 200, 200, 200, 200],
    "deployments_mine": [302, 200, 404, 404, 404, 404],
    "deployments_team": [302, 403, 200, 200, 200, 200],
    "deployments_board": [302, 403, 200, 200, 200, 200],
    "deployment_detail": [302, 200, 200, 404, 200, 200],
    "api_deployments": [401, 200, 200, 200, 200, 200],
    "api_deployments_board": [401, 403, 200, 200, 200, 200],
    "api_deployment_detail": [401, 200, 200, 404, 200, 200],
    "api_deployment_hours": [401, 200, 200, 404, 200, 200],
    "api_deployment_checkins": [401, 200, 403, 404, 200, 200],
    "api_deployment_flags": [401, 200, 403, 404, 200, 200],
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
