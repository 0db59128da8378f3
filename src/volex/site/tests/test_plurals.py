"""Counts on pages agree with their noun in every language ("1 position", "2 positions"), through
the catalogue's plural forms rather than "position(s)" or a plural for one."""

import pytest

from volex.reference.models import Skill
from volex.selection.services import application_apply
from volex.volunteers.models import VolunteerSkill


@pytest.mark.django_db
def test_the_pipeline_counts_positions_in_the_singular_for_one(world, client_as):
    page = client_as(world.users["supervisor_own"]).get(
        f"/selection/assignments/{world.published.pk}/"
    )
    text = page.content.decode()
    assert "0 of 1 position taken" in text
    assert "position(s)" not in text


@pytest.mark.django_db
def test_an_application_shows_one_year_of_a_skill_in_the_singular(world, client_as):
    VolunteerSkill.objects.create(
        volunteer=world.volunteer, skill=Skill.objects.first(), level="expert", years=1
    )
    application = application_apply(volunteer=world.volunteer, assignment=world.published)
    page = client_as(world.users["supervisor_own"]).get(
        f"/selection/applications/{application.pk}/"
    )
    assert page.status_code == 200
    assert "Expert, 1 year)" in page.content.decode()
