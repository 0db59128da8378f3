import numpy as np
import pytest

from volex.matching.index import profile_index
from volex.matching.models import IndexVersion, ProfileEmbedding
from volex.volunteers import services as volunteer_services
from volex.volunteers.tests.factories import VolunteerFactory


def _update(volunteer, **changes):
    values = {
        "birth_date": volunteer.birth_date,
        "gender": volunteer.gender,
        "nationality_ids": ["KE"],
        "heritage_country_ids": [],
        "residence_country_id": "KE",
        "headline": volunteer.headline,
        "consent_to_matching": volunteer.consent_to_matching,
    }
    values.update(changes)
    return volunteer_services.volunteer_profile_update(volunteer=volunteer, **values)


@pytest.mark.django_db
def test_first_load_encodes_and_loads_every_profile():
    made = [VolunteerFactory() for _ in range(3)]
    index = profile_index(refresh=False)
    report = index.refresh()
    assert report.full and report.loaded == 3 and report.encoded == 3
    assert len(index) == 3
    assert ProfileEmbedding.objects.count() == 3
    assert sorted(index.columns.ids) == sorted(str(v.pk) for v in made)
    norms = np.linalg.norm(index.columns.embeddings.astype(np.float32), axis=1)
    assert np.allclose(norms, 1.0, atol=1e-2)


@pytest.mark.django_db
def test_refresh_reloads_only_what_changed(django_capture_on_commit_callbacks):
    made = [VolunteerFactory() for _ in range(4)]
    index = profile_index()
    assert len(index) == 4
    # Nothing changed: nothing reloaded, one or two cheap queries.
    report = index.refresh()
    assert not report.full and report.loaded == 0
    # Consent withdrawn through the service: the task runs after commit, the index follows.
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        _update(made[0], consent_to_matching=False, headline="Water engineer")
    assert callbacks
    report = index.refresh()
    assert not report.full and report.loaded == 1
    row = index.columns.row_of[str(made[0].pk)]
    assert not index.columns.consent[row]
    assert index.columns.consent.sum() == 3


@pytest.mark.django_db
def test_unchanged_text_is_not_encoded_again(django_capture_on_commit_callbacks):
    volunteer = VolunteerFactory()
    profile_index()
    before = ProfileEmbedding.objects.get(volunteer=volunteer)
    with django_capture_on_commit_callbacks(execute=True):
        _update(volunteer, consent_to_matching=False)  # same text
    after = ProfileEmbedding.objects.get(volunteer=volunteer)
    assert after.text_hash == before.text_hash and bytes(after.vector) == bytes(before.vector)
    assert after.version > before.version
    with django_capture_on_commit_callbacks(execute=True):
        _update(volunteer, headline="Epidemiologist")
    changed = ProfileEmbedding.objects.get(volunteer=volunteer)
    assert changed.text_hash != before.text_hash


@pytest.mark.django_db
def test_new_and_deleted_profiles_are_picked_up():
    first = VolunteerFactory()
    index = profile_index()
    second = VolunteerFactory()  # made without the task (its transaction never commits here)
    report = index.refresh()
    assert report.encoded == 1 and str(second.pk) in index.columns.row_of
    first.user.delete()
    index.refresh()
    assert len(index) == 1
    assert not index.columns.active[index.columns.row_of[str(first.pk)]]


@pytest.mark.django_db
def test_a_counter_created_anew_reloads_everything():
    VolunteerFactory()
    index = profile_index()
    IndexVersion.objects.all().delete()
    VolunteerFactory()
    report = index.refresh()
    assert report.full and len(index) == 2
