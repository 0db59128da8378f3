"""Every reference admin page renders, searches and filters."""

from __future__ import annotations

import pytest
from django.urls import reverse

from volex.reference.models import (
    Country,
    ISCOGroup,
    Language,
    Occupation,
    PeaceOperation,
    SDGGoal,
    SDGTarget,
    Skill,
)

pytestmark = [pytest.mark.django_db, pytest.mark.urls("volex.reference.tests.urls")]
MODELS = [Country, Language, SDGGoal, SDGTarget, ISCOGroup, Occupation, Skill, PeaceOperation]


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.__name__)
def test_changelist_search_and_change_page(admin_client, model):
    name = model._meta.model_name
    changelist = reverse(f"admin:reference_{name}_changelist")
    assert admin_client.get(changelist).status_code == 200
    assert admin_client.get(changelist, {"q": "a"}).status_code == 200
    obj = model.objects.order_by("pk").first()
    change = admin_client.get(reverse(f"admin:reference_{name}_change", args=[obj.pk]))
    assert change.status_code == 200


def test_filters(admin_client):
    url = reverse("admin:reference_occupation_changelist")
    response = admin_client.get(url, {"major": "2"})
    assert response.status_code == 200
    assert (
        response.context["cl"].result_count
        == Occupation.objects.filter(isco_group__code__startswith="2").count()
    )
    root = Skill.objects.get(code="S")
    response = admin_client.get(reverse("admin:reference_skill_changelist"), {"root": root.pk})
    assert response.context["cl"].result_count == root.descendants.count()


def test_keys_are_read_only_once_created(admin_client):
    response = admin_client.get(reverse("admin:reference_country_change", args=["FR"]))
    assert "code" not in response.context["adminform"].form.fields
