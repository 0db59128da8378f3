"""Assignment pages name language levels in words, never by their stored codes."""

import pytest
from django.urls import reverse

from volex.assignments.services import LanguageNeed
from volex.assignments.tests.factories import AssignmentFactory
from volex.core.choices import CEFRLevel


@pytest.mark.django_db
def test_the_detail_and_the_list_name_the_language_level(world, client):
    job = AssignmentFactory(host=world.own_org, languages=[LanguageNeed("fr", "native")])
    label = str(CEFRLevel.NATIVE.label)
    detail = client.get(reverse("assignments:detail", args=[job.pk])).content.decode()
    assert f" {label}" in detail
    listing = client.get(reverse("assignments:list")).content.decode()
    assert f"{label}</span>" in listing
