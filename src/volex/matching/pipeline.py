"""The steps of the candidate pipeline that write nothing: rank the pool with the engine, then
re-check the shortlist on fresh facts (optionally re-scored by a second-stage encoder).

Ranking is the engine's (`volex.domain.matching.engine.match_assignment`): the hard rules are
its vectorised filters (category eligibility from `volex.domain.eligibility`, required
languages, availability, not deployed elsewhere, consent), and the adapter's own rules (the
categories a volunteer chose on their profile, none chosen: any; applicants left out when asked)
reach it as its `allowed` mask. The index may lag a profile change by the time a task takes, so
every candidate shown is checked again against fresh facts from the database
(`verified_candidates`, ordered by `engine.rank_explained`): a profile changed a moment ago
(consent withdrawn) is never shown even before the index has caught up.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

import numpy as np
from django.apps import apps
from django.core.exceptions import FieldError

from volex.assignments.models import Assignment
from volex.domain.matching.encoders import Encoder
from volex.domain.matching.engine import (
    MatchResult,
    Pairing,
    RankedCandidate,
    match_assignment,
    rank_explained,
)
from volex.domain.matching.filters import FilterOptions
from volex.domain.matching.scoring import relatedness
from volex.domain.matching.text import assignment_text, profile_text
from volex.domain.matching.types import AssignmentNeeds, MatchWeights, Phrase

from .encoders import get_reranker, reranker_name
from .fetch import ProfileRecord, SkillTaxonomy, fetch_profile_records
from .index import ProfileIndex
from .results import components_json
from .store import ASSIGNMENT, PROFILE, current_encoder, shortlist_vectors, stored_name

VERIFY_MARGIN = 20  # candidates ranked beyond k, in case fresh facts exclude some
# Candidates the second-stage encoder re-scores (ADR 2: MiniLM over the static model's top 100
# recovers 99.8 % of its nDCG@10 while encoding only the shortlist).
RERANK_DEPTH = 100


def rank_candidates(
    needs: AssignmentNeeds,
    index: ProfileIndex,
    query: np.ndarray,
    k: int,
    weights: MatchWeights,
    options: FilterOptions,
    allowed: np.ndarray | None = None,
) -> MatchResult:
    """`engine.match_assignment` over the index, on the baseline of the encoder of its
    vectors, with the adapter's own rules as the `allowed` mask."""
    baseline = current_encoder()[1].similarity_baseline
    return match_assignment(
        needs,
        index.columns,
        query,
        k,
        weights,
        options,
        similarity_baseline=baseline,
        allowed=None if allowed is None or allowed.all() else allowed,
    )


def allowed_rows(
    index: ProfileIndex, needs: AssignmentNeeds, left_out: Collection[int] = ()
) -> np.ndarray:
    """The adapter's rules as a mask of the index: volunteers who chose the assignment's
    category (or none), less those of `left_out`."""
    mask = index.chose_category_mask(needs.category)
    if left_out:
        rows = index.rows_of(left_out)
        mask = mask.copy()
        mask[rows[rows >= 0]] = False
    return mask


def applicant_ids(assignment: Assignment) -> set[int]:
    """Who applied to `assignment`, read from ``selection.Application`` (fields ``assignment``
    and ``volunteer``) when that model exists: selection sits above matching."""
    try:
        application = apps.get_model("selection", "Application")
    except LookupError:
        return set()
    try:
        return set(
            application.objects.filter(assignment=assignment).values_list("volunteer_id", flat=True)
        )
    except FieldError:
        return set()


@dataclass(frozen=True)
class Reranker:
    """The second stage: re-scores the semantic similarity of a shortlist with a better encoder."""

    store_as: str
    encoder: Encoder

    @classmethod
    def for_index(cls, first_stage: str) -> Reranker | None:
        encoder = get_reranker()
        name = reranker_name()
        if encoder is None or name is None:
            return None
        store_as = stored_name(name, encoder)
        # The same encoder as the first stage would only repeat its scores.
        return None if store_as == first_stage else cls(store_as, encoder)

    def similarities(
        self, needs: AssignmentNeeds, records: Sequence[ProfileRecord]
    ) -> dict[int, float]:
        """The semantic score by the re-ranker of the assignment and each profile (by
        volunteer): the `relatedness` of their cosine, on the re-ranker's own baseline."""
        ids = [r.volunteer_id for r in records]
        profiles = shortlist_vectors(
            PROFILE, ids, [profile_text(r.facts) for r in records], self.store_as, self.encoder
        )
        query = shortlist_vectors(
            ASSIGNMENT,
            [int(needs.assignment_id)],  # the store's ids are numbers
            [assignment_text(needs)],
            self.store_as,
            self.encoder,
        )[0]
        semantic = relatedness(profiles @ query, self.encoder.similarity_baseline)
        return dict(zip(ids, semantic.tolist(), strict=True))


@dataclass(frozen=True)
class Verified:
    """A candidate that passed every rule on fresh facts, explained."""

    record: ProfileRecord
    phrases: tuple[Phrase, ...]
    components: dict[str, float]


def verified_candidates(
    needs: AssignmentNeeds,
    ranked: Sequence[RankedCandidate],
    k: int,
    weights: MatchWeights,
    options: FilterOptions,
    left_out: Collection[int],
    taxonomy: SkillTaxonomy,
    reranker: Reranker | None = None,
) -> list[Verified]:
    """The best `k` of the `ranked` candidates that still pass every rule on fresh facts (and
    are not `left_out`), explained; with a `reranker`, their semantic similarity is its own."""
    records = fetch_profile_records([int(c.profile_id) for c in ranked], taxonomy=taxonomy)
    passing: list[tuple[RankedCandidate, ProfileRecord]] = []
    for candidate in ranked:
        record = records.get(int(candidate.profile_id))
        if record is None or record.volunteer_id in left_out:
            continue
        if record.categories and needs.category.value not in record.categories:
            continue
        passing.append((candidate, record))
    similarity = (
        reranker.similarities(needs, [record for _c, record in passing])
        if reranker is not None and passing
        else {}
    )
    pairings = [
        Pairing(
            needs,
            record.facts,
            similarity.get(record.volunteer_id, candidate.components.semantic),
            weights,
            options,
        )
        for candidate, record in passing
    ]
    return [
        Verified(passing[i][1], explanation.phrases, components_json(explanation.components))
        for i, explanation in rank_explained(pairings, k)
        if explanation.components is not None
    ]
