"""The admin's assignment form refuses what the category rules refuse, naming the rule."""

from datetime import date, timedelta

import pytest

from volex.assignments.models import Assignment
from volex.assignments.tests.factories import station
from volex.organizations.tests.factories import OrganizationFactory


def _post(client, admin_user, **overrides):
    host = OrganizationFactory()
    start = date(2027, 5, 3)
    data = {
        "host": host.pk,
        "title": "Logistics Officer",
        "category": "international_specialist",
        "sector": "logistics",
        "positions": 1,
        "start_date": start.isoformat(),
        "end_date": (start + timedelta(weeks=5)).isoformat(),
        "state": "draft",
        "duty_station": station("SS", "Juba", "D").pk,
        "groups_reached": "[]",
        "skills-TOTAL_FORMS": 0,
        "skills-INITIAL_FORMS": 0,
        "languages-TOTAL_FORMS": 0,
        "languages-INITIAL_FORMS": 0,
    }
    data.update(overrides)
    client.force_login(admin_user)
    return client.post("/admin/assignments/assignment/add/", data)


@pytest.mark.django_db
def test_admin_form_refuses_a_five_week_assignment(client, admin_user):
    response = _post(client, admin_user)
    assert response.status_code == 200
    assert "at least 6 weeks" in response.content.decode()
    assert Assignment.objects.count() == 0


@pytest.mark.django_db
def test_admin_form_accepts_a_valid_assignment(client, admin_user):
    response = _post(client, admin_user, end_date="2027-12-31")
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Assignment.objects.count() == 1
