"""The second stage: a better encoder re-scores the shortlist's semantic similarity.

The first stage here is the packaged static model and the second the hashing encoder: both run
for real with no extra installed; the transformer's own run is in test_encoders_transformer.py.
"""

import numpy as np
import pytest

from volex.domain.matching.encoders import HashingEncoder
from volex.domain.matching.scoring import relatedness
from volex.domain.matching.text import assignment_text, profile_text
from volex.matching import encoders
from volex.matching.encoders import SIMILARITY_BASELINES
from volex.matching.fetch import fetch_assignment, fetch_profile_records
from volex.matching.models import AssignmentEmbedding, ProfileEmbedding
from volex.matching.services import candidates_for_assignment

from . import helpers


@pytest.fixture
def static_then_hashing(settings):
    settings.VOLEX_MATCHING_ENCODER = "static"
    settings.VOLEX_MATCHING_RERANK = True
    settings.VOLEX_MATCHING_RERANKER = "hashing"
    encoders.clear_cache()
    yield
    encoders.clear_cache()


@pytest.fixture
def pool(world):
    first, second = helpers.skills(2)
    job = helpers.assignment(host=world.own_org, required=[first, second], country="UG")
    volunteers = [
        helpers.volunteer(skill_levels=[(first, "advanced", 6), (second, "advanced", 4)]),
        helpers.volunteer(skill_levels=[(first, "advanced", 3)], headline="Field nurse"),
        helpers.volunteer(skill_levels=[(second, "expert", 9)], headline="Logistics officer"),
    ]
    return job, volunteers


def expected_similarities(job, volunteer_ids) -> dict[int, float]:
    """The hashing encoder's semantic score of the assignment and each profile (its cosine,
    from float16 vectors, counted from the hashing encoder's baseline)."""
    encoder = HashingEncoder()
    records = fetch_profile_records(volunteer_ids)
    texts = [profile_text(records[pk].facts) for pk in volunteer_ids]
    profiles = encoder.encode(texts).astype(np.float16).astype(np.float32)
    query = encoder.encode([assignment_text(fetch_assignment(job.pk))])[0]
    query = query.astype(np.float16).astype(np.float32)
    semantic = relatedness(profiles @ query, SIMILARITY_BASELINES["hashing"])
    return dict(zip(volunteer_ids, semantic.tolist(), strict=True))


@pytest.mark.django_db
def test_the_shortlist_semantic_score_is_the_rerankers(static_then_hashing, pool):
    job, volunteers = pool
    result = candidates_for_assignment(assignment=job, k=10)
    ids = [c.volunteer_id for c in result.candidates]
    assert set(ids) >= {v.pk for v in volunteers}
    expected = expected_similarities(job, ids)
    for candidate in result.candidates:
        assert candidate.components["semantic"] == pytest.approx(
            expected[candidate.volunteer_id], abs=2e-3
        )
    assert result.run.parameters["reranker"] == "hashing-512"
    scores = [c.score for c in result.candidates]
    assert scores == sorted(scores, reverse=True)
    # The re-ranker's vectors are stored under its own name, outside the index's versioning.
    stored = ProfileEmbedding.objects.filter(encoder="hashing-512", volunteer_id__in=ids)
    assert stored.count() == len(ids) and set(stored.values_list("version", flat=True)) == {0}


@pytest.mark.django_db
def test_stored_rerank_vectors_are_reused_until_the_text_changes(static_then_hashing, pool):
    job, volunteers = pool
    candidates_for_assignment(assignment=job, k=10)
    rows = dict(
        ProfileEmbedding.objects.filter(encoder="hashing-512").values_list("volunteer_id", "pk")
    )
    changed = volunteers[1]
    changed.headline = "Midwife with ten years in district hospitals"
    changed.save()
    again = candidates_for_assignment(assignment=job, k=10, force=True)
    after = dict(
        ProfileEmbedding.objects.filter(encoder="hashing-512").values_list("volunteer_id", "pk")
    )
    assert after[changed.pk] != rows[changed.pk]  # encoded again: its text changed
    assert {pk: after[pk] for pk in rows if pk != changed.pk} == {
        pk: row for pk, row in rows.items() if pk != changed.pk
    }
    semantic = {c.volunteer_id: c.components["semantic"] for c in again.candidates}
    expected = expected_similarities(job, list(semantic))
    assert semantic == pytest.approx(expected, abs=2e-3)


@pytest.mark.django_db
def test_the_assignments_rerank_vector_is_reused_while_its_text_is_unchanged(
    static_then_hashing, pool
):
    """The assignment's id reaches the store as a number: looked up as text, its stored vector
    was never found, and every run encoded and replaced it again."""
    job, _volunteers = pool
    candidates_for_assignment(assignment=job, k=10)
    first = AssignmentEmbedding.objects.get(encoder="hashing-512", assignment=job).pk
    candidates_for_assignment(assignment=job, k=10, force=True)
    assert AssignmentEmbedding.objects.get(encoder="hashing-512", assignment=job).pk == first


@pytest.mark.django_db
def test_without_a_reranker_the_first_stage_scores_stand(static_then_hashing, pool, settings):
    settings.VOLEX_MATCHING_RERANK = False
    job, volunteers = pool
    result = candidates_for_assignment(assignment=job, k=10)
    assert "reranker" not in result.run.parameters
    assert not ProfileEmbedding.objects.filter(encoder="hashing-512").exists()
    hashing = expected_similarities(job, [c.volunteer_id for c in result.candidates])
    assert any(
        abs(c.components["semantic"] - hashing[c.volunteer_id]) > 1e-2 for c in result.candidates
    )
