"""The admin is branded, and it can neither rewrite nor delete the rows that record history
(pipeline transitions, workflow events, extensions, job runs) nor delete an application, whose
pipeline history would go with it."""

import pytest
from django.contrib import admin
from django.test import RequestFactory

from volex.assignments.models import AssignmentEvent
from volex.core.models import ScheduledJob
from volex.deployments.models import DeploymentExtension
from volex.selection.models import Application, ApplicationTransition

HISTORY = [ApplicationTransition, AssignmentEvent, DeploymentExtension, ScheduledJob]


def _admins_of(model):
    """The admin page of `model` and every inline that shows its rows under another page."""
    found = [admin.site._registry[model]] if admin.site.is_registered(model) else []
    for parent_admin in admin.site._registry.values():
        found += [
            inline(parent_admin.model, admin.site)
            for inline in parent_admin.inlines
            if inline.model is model
        ]
    return found


@pytest.fixture
def superuser_request(db):
    from volex.accounts.tests.factories import UserFactory

    request = RequestFactory().get("/admin/")
    request.user = UserFactory(is_staff=True, is_superuser=True)
    return request


def test_the_admin_says_whose_it_is():
    assert admin.site.site_header == "Volex administration"
    assert admin.site.site_title == "Volex administration"


@pytest.mark.parametrize("model", HISTORY, ids=lambda m: m.__name__)
def test_history_rows_cannot_be_changed_or_deleted_even_by_a_superuser(model, superuser_request):
    admins = _admins_of(model)
    assert admins, f"{model.__name__} has no admin page or inline"
    for model_admin in admins:
        assert not model_admin.has_change_permission(superuser_request), model_admin
        assert not model_admin.has_delete_permission(superuser_request), model_admin
        if isinstance(model_admin, admin.options.InlineModelAdmin):
            assert not model_admin.has_add_permission(superuser_request, None), model_admin
        else:
            assert not model_admin.has_add_permission(superuser_request), model_admin


def test_an_application_cannot_be_deleted_in_the_admin(superuser_request):
    assert not admin.site._registry[Application].has_delete_permission(superuser_request)


def test_a_superuser_gets_no_delete_page_for_an_application(world, client_as):
    from volex.selection.services import application_apply

    application = application_apply(volunteer=world.volunteer, assignment=world.published)
    client = client_as(world.users["admin"])
    response = client.post(
        f"/admin/selection/application/{application.pk}/delete/", {"post": "yes"}
    )
    assert response.status_code == 403
    assert Application.objects.filter(pk=application.pk).exists()
