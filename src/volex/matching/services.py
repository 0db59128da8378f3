"""Matching services: ranked candidates for an assignment, matches for a volunteer, allocation.

Interface for the other apps (selection calls these two; both are keyword-only):

``candidates_for_assignment(*, assignment, k=50, include_applicants=True, created_by=None,
force=False, weights=None) -> MatchRunResult``
    Runs the engine for one assignment, or reuses the latest stored run when it is fresh (same
    parameters and encoder, no profile or assignment changed since, younger than
    ``VOLEX_MATCHING_RUN_TTL`` seconds, default 900). ``result.run`` is the stored `MatchRun`;
    ``result.candidates`` a tuple of `CandidateResult`, best first, each with ``volunteer_id``,
    ``rank`` (1-based), ``score`` (0-1), ``components`` (dict: semantic, required_skills,
    desired_skills, languages, experience, preference, total), ``eligible`` (always True: only
    volunteers who pass every hard rule are listed), ``explanation`` (words, in English, e.g.
    "score 0.81; covers 4 of 5 required skills; missing: Midwifery; ..."), ``phrases`` (the same,
    as templates and parameters: `explanation_text(phrases)` renders them in the active language),
    ``display_name`` and ``headline``. No personal data (birth date, gender, nationality) is in a
    result. ``include_applicants=False`` leaves out volunteers who already applied (read from
    ``selection.Application`` with fields ``assignment`` and ``volunteer``, when that model
    exists). An assignment with nothing to match on, or a pool where no one passes the filters,
    gives an empty result with ``result.reason`` in words; never an exception.

``matches_for_volunteer(*, volunteer, k=20) -> list[AssignmentMatch]``
    Published assignments ranked for one volunteer (only those whose hard rules they meet, and
    in the categories they chose): ``assignment_id``, ``rank``, ``score``, ``components``,
    ``explanation``, ``phrases``. Computed on the fly (not stored); consent to be matched is not
    required here, since the volunteer only sees their own matches.

Hard rules are the engine's vectorised filters (category eligibility from
`volex.domain.eligibility`, required languages, availability, not deployed elsewhere, consent)
plus, in this adapter, the categories a volunteer chose on their profile (none chosen: any).
Every candidate listed is also re-checked against fresh facts from the database, so a profile
changed a moment ago (consent withdrawn) is never shown even before the index has caught up.

Weights: `MatchWeights` defaults, overridden by the ``VOLEX_MATCHING_WEIGHTS`` setting (a dict),
then by the `ProgrammeSettings` of the host organization or its nearest ancestor, then by the
``weights`` argument; the weights used are stored on each run.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import timedelta

import numpy as np
from django.apps import apps
from django.conf import settings
from django.core.exceptions import FieldError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from volex.assignments.models import Assignment
from volex.domain.matching.encoders import Encoder
from volex.domain.matching.engine import MatchResult, RankedCandidate, match_assignment
from volex.domain.matching.filters import FilterOptions, hard_filter, why_excluded
from volex.domain.matching.retrieval import top_k
from volex.domain.matching.scoring import (
    PHRASES,
    explain,
    relatedness,
    score_profile,
    score_rows,
)
from volex.domain.matching.text import assignment_text, profile_text
from volex.domain.matching.types import (
    COMPONENTS,
    AssignmentNeeds,
    MatchingInputError,
    MatchWeights,
    Phrase,
)
from volex.domain.tree import ancestor_chain
from volex.organizations.selectors import organization_parents
from volex.reference.models import Language

from .encoders import get_reranker, reranker_name
from .fetch import SkillTaxonomy, fetch_assignment, fetch_profile_records
from .index import ProfileIndex, assignment_index, profile_index
from .models import (
    AssignmentEmbedding,
    MatchCandidate,
    MatchRun,
    ProfileEmbedding,
    ProgrammeSettings,
    RunStatus,
)
from .store import (
    ASSIGNMENT,
    PROFILE,
    current_encoder,
    profile_embeddings_write,
    shortlist_vectors,
    stored_name,
    text_hash,
)
from .store import (
    assignment_embeddings_update as _assignment_embeddings_update,
)

VERIFY_MARGIN = 20  # candidates ranked beyond k, in case fresh facts exclude some
# Candidates the second-stage encoder re-scores (ADR 2: MiniLM over the static model's top 100
# recovers 99.8 % of its nDCG@10 while encoding only the shortlist).
RERANK_DEPTH = 100
NOTHING_TO_MATCH = "The assignment has no skills and no text: nothing to match on."


# Explanations in words


def _language_names(codes: Iterable[str]) -> dict[str, str]:
    codes = {c for c in codes if c}
    if not codes:
        return {}
    return {lang.code: lang.localized_name for lang in Language.objects.filter(code__in=codes)}


def phrases_to_json(phrases: Sequence[Phrase]) -> list[list]:
    return [[p.template, {k: str(v) for k, v in p.params.items()}] for p in phrases]


def phrases_from_json(data) -> tuple[Phrase, ...]:
    return tuple(Phrase(template, dict(params)) for template, params in data or ())


def explanation_texts(explanations: Sequence[Sequence[Phrase]]) -> list[str]:
    """Each explanation in the active language, language codes as names (one query in all),
    without its "score …" phrase: every page and the API show the score beside it."""
    names = _language_names(
        str(p.params.get("language", "")) for phrases in explanations for p in phrases
    )
    out = []
    for phrases in explanations:
        words = []
        for phrase in phrases:
            if phrase.template == PHRASES["total"]:
                continue
            params = dict(phrase.params)
            if "language" in params:
                params["language"] = names.get(str(params["language"]), params["language"])
            if "kind" in params:
                params["kind"] = gettext(str(params["kind"]))
            words.append(gettext(phrase.template) % params)
        out.append("; ".join(words))
    return out


def explanation_text(phrases: Sequence[Phrase]) -> str:
    return explanation_texts([phrases])[0]


# Results


@dataclass(frozen=True)
class CandidateResult:
    volunteer_id: int
    rank: int
    score: float
    components: dict[str, float]
    explanation: str
    phrases: tuple[Phrase, ...]
    display_name: str = ""
    headline: str = ""
    eligible: bool = True

    @classmethod
    def from_model(cls, candidate: MatchCandidate) -> CandidateResult:
        volunteer = candidate.volunteer
        return cls(
            volunteer_id=candidate.volunteer_id,
            rank=candidate.rank,
            score=candidate.score,
            components=dict(candidate.components),
            explanation=candidate.explanation,
            phrases=phrases_from_json(candidate.phrases),
            display_name=volunteer.display_name,
            headline=volunteer.headline,
        )


@dataclass(frozen=True)
class MatchRunResult:
    run: MatchRun
    candidates: tuple[CandidateResult, ...]
    reused: bool = False

    @property
    def reason(self) -> str:
        return self.run.reason

    @property
    def eligible_count(self) -> int:
        return self.run.eligible_count


@dataclass(frozen=True)
class AssignmentMatch:
    assignment_id: int
    rank: int
    score: float
    components: dict[str, float]
    explanation: str
    phrases: tuple[Phrase, ...]
    eligible: bool = True


# Weights and options per programme


@dataclass
class ProgrammeRules:
    """Weights and filter options of every programme, read once (two queries)."""

    parents: dict[int, int | None] = field(default_factory=dict)
    settings_by_org: dict[int, tuple[dict, float]] = field(default_factory=dict)

    @classmethod
    def load(cls) -> ProgrammeRules:
        rows = list(
            ProgrammeSettings.objects.values_list(
                "organization_id", "weights", "min_availability_share"
            )
        )
        parents = organization_parents() if rows else {}
        return cls(parents, {org: (w or {}, share) for org, w, share in rows})

    def for_host(
        self, host_id: int, override: Mapping[str, float] | None = None
    ) -> tuple[MatchWeights, FilterOptions]:
        values = dict(MatchWeights().__dict__)
        values.update(getattr(settings, "VOLEX_MATCHING_WEIGHTS", {}) or {})
        share = 1.0
        for org in ancestor_chain(host_id, self.parents):
            if org in self.settings_by_org:
                weights, share = self.settings_by_org[org]
                values.update(weights)
                break
        values.update(override or {})
        known = {k: float(v) for k, v in values.items() if k in MatchWeights.__dataclass_fields__}
        return MatchWeights(**known), FilterOptions(min_availability_share=share)


def _weights_json(weights: MatchWeights, options: FilterOptions) -> dict:
    return {
        "weights": {k: float(v) for k, v in weights.__dict__.items()},
        "min_availability_share": options.min_availability_share,
    }


# The pipeline


def rank_candidates(
    needs: AssignmentNeeds,
    index: ProfileIndex,
    query: np.ndarray,
    k: int,
    weights: MatchWeights,
    options: FilterOptions,
    extra_mask: np.ndarray | None = None,
) -> MatchResult:
    """`engine.match_assignment`, with the adapter's own mask (categories chosen, applicants)
    applied with the engine's filters when there is one; the same steps otherwise."""
    columns = index.columns
    baseline = current_encoder()[1].similarity_baseline  # the encoder of the index's vectors
    if extra_mask is None or extra_mask.all():
        return match_assignment(
            needs, columns, query, k, weights, options, similarity_baseline=baseline
        )
    if needs.is_empty:
        raise MatchingInputError(NOTHING_TO_MATCH)
    result = hard_filter(columns, needs, options)
    mask = result.mask & extra_mask
    if not mask.any():
        reason = result.reason_if_empty() or "no profile passes the hard filters"
        return MatchResult((), 0, result.excluded, reason)
    found = top_k(query, columns.embeddings, max(k, 10_000), mask)
    scores = score_rows(columns, needs, found.rows, relatedness(found.scores, baseline), weights)
    best = np.lexsort((found.rows, -scores.total))[:k]
    candidates = tuple(
        RankedCandidate(columns.ids[int(found.rows[i])], int(found.rows[i]), scores.at(int(i)))
        for i in best
    )
    return MatchResult(candidates, int(mask.sum()), result.excluded)


def _applicant_ids(assignment: Assignment) -> set[int]:
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


def assignment_query(needs: AssignmentNeeds, assignment_id: int) -> tuple[np.ndarray, int]:
    """The assignment's embedding (encoded again only if its text changed) and its version."""
    name, _encoder = current_encoder()
    digest = text_hash(assignment_text(needs))
    row = (
        AssignmentEmbedding.objects.filter(assignment_id=assignment_id, encoder=name)
        .values_list("vector", "dtype", "text_hash", "version")
        .first()
    )
    if row is None or row[2] != digest:
        _assignment_embeddings_update([assignment_id])
        row = (
            AssignmentEmbedding.objects.filter(assignment_id=assignment_id, encoder=name)
            .values_list("vector", "dtype", "text_hash", "version")
            .first()
        )
    vector = np.frombuffer(bytes(row[0]), dtype=np.float16 if row[1] == "float16" else np.float32)
    return vector.astype(np.float32), int(row[3])


def _fresh_run(assignment: Assignment, parameters: dict, encoder: str, versions: tuple[int, int]):
    ttl = getattr(settings, "VOLEX_MATCHING_RUN_TTL", 900)
    run = (
        MatchRun.objects.filter(
            assignment=assignment,
            encoder=encoder,
            profile_version=versions[0],
            assignment_version=versions[1],
            created_at__gte=timezone.now() - timedelta(seconds=ttl),
        )
        .order_by("-created_at", "-pk")
        .first()
    )
    return run if run is not None and run.parameters == parameters else None


def run_candidates(run: MatchRun) -> tuple[CandidateResult, ...]:
    """The stored candidates of `run`, explained in the active language (two queries)."""
    stored = [
        CandidateResult.from_model(c)
        for c in run.candidates.select_related("volunteer__user").order_by("rank")
    ]
    texts = explanation_texts([c.phrases for c in stored])
    return tuple(
        dataclasses.replace(c, explanation=text) for c, text in zip(stored, texts, strict=True)
    )


def _empty(run: MatchRun, started: float, *, store: bool) -> MatchRunResult:
    """An empty result, stored only when asked to rank again (`store`): reads read, and an
    empty list is no cache worth a row, since it takes as long to compute as to look up."""
    run.seconds = time.perf_counter() - started
    if store:
        run.save()
    else:
        run.created_at = timezone.now()  # when it was ranked, for the page; never saved
    return MatchRunResult(run, ())


def candidates_for_assignment(
    *,
    assignment: Assignment,
    k: int = 50,
    include_applicants: bool = True,
    created_by=None,
    force: bool = False,
    weights: Mapping[str, float] | None = None,
) -> MatchRunResult:
    """The best `k` volunteers for `assignment`, explained (see module doc)."""
    if k < 1:
        raise MatchingInputError("k must be at least 1")
    started = time.perf_counter()
    taxonomy = SkillTaxonomy()
    index = profile_index()
    match_weights, options = ProgrammeRules.load().for_host(assignment.host_id, weights)
    reranker = _Reranker.for_index(index.encoder_name)
    parameters = {
        "k": k,
        "include_applicants": include_applicants,
        **_weights_json(match_weights, options),
    }
    if reranker is not None:
        parameters["reranker"] = reranker.store_as
        parameters["rerank_depth"] = RERANK_DEPTH
    needs = fetch_assignment(assignment.pk, taxonomy=taxonomy)
    run = MatchRun(
        assignment=assignment,
        parameters=parameters,
        encoder=index.encoder_name,
        created_by=created_by,
        pool_size=len(index),
        profile_version=index.version,
    )
    if needs.is_empty:
        run.status, run.reason = RunStatus.EMPTY, NOTHING_TO_MATCH
        return _empty(run, started, store=force)
    query, assignment_version = assignment_query(needs, assignment.pk)
    run.assignment_version = assignment_version
    if not force:
        fresh = _fresh_run(
            assignment, parameters, index.encoder_name, (index.version, assignment_version)
        )
        if fresh is not None:
            return MatchRunResult(fresh, run_candidates(fresh), reused=True)
    extra = index.chose_category_mask(needs.category)
    if not include_applicants:
        applicants = index.rows_of(_applicant_ids(assignment))
        extra = extra.copy()
        extra[applicants[applicants >= 0]] = False
    try:
        depth = max(k + VERIFY_MARGIN, RERANK_DEPTH if reranker is not None else 0)
        result = rank_candidates(needs, index, query, depth, match_weights, options, extra)
    except MatchingInputError as error:
        run.status, run.reason = RunStatus.EMPTY, str(error)
        return _empty(run, started, store=force)
    run.eligible_count = result.eligible
    run.excluded = {str(name): count for name, count in result.excluded.items()}
    excluded_ids = set() if include_applicants else _applicant_ids(assignment)
    chosen = _verified(
        needs, result.candidates, k, match_weights, options, excluded_ids, taxonomy, reranker
    )
    texts = explanation_texts([phrases for _r, phrases, _c in chosen])
    run.candidate_count = len(chosen)
    if not chosen:
        run.status = RunStatus.EMPTY
        run.reason = result.reason or "No volunteer passes the hard rules."
        return _empty(run, started, store=force)
    run.seconds = time.perf_counter() - started
    with transaction.atomic():
        run.save()
        MatchCandidate.objects.bulk_create(
            MatchCandidate(
                run=run,
                volunteer_id=record.volunteer_id,
                rank=rank,
                score=components["total"],
                components=components,
                phrases=phrases_to_json(phrases),
                explanation="; ".join(p.text for p in phrases),
            )
            for rank, (record, phrases, components) in enumerate(chosen, start=1)
        )
    candidates = tuple(
        CandidateResult(
            volunteer_id=record.volunteer_id,
            rank=rank,
            score=components["total"],
            components=components,
            explanation=text,
            phrases=phrases,
            display_name=record.display_name,
            headline=record.headline,
        )
        for rank, ((record, phrases, components), text) in enumerate(
            zip(chosen, texts, strict=True), start=1
        )
    )
    return MatchRunResult(run, candidates)


@dataclass(frozen=True)
class _Reranker:
    """The second stage: re-scores the semantic similarity of a shortlist with a better encoder."""

    store_as: str
    encoder: Encoder

    @classmethod
    def for_index(cls, first_stage: str) -> _Reranker | None:
        encoder = get_reranker()
        name = reranker_name()
        if encoder is None or name is None:
            return None
        store_as = stored_name(name, encoder)
        # The same encoder as the first stage would only repeat its scores.
        return None if store_as == first_stage else cls(store_as, encoder)

    def similarities(self, needs, records) -> dict[int, float]:
        """The semantic score by the re-ranker of the assignment and each profile (by
        volunteer): the `relatedness` of their cosine, on the re-ranker's own baseline."""
        ids = [r.volunteer_id for r in records]
        profiles = shortlist_vectors(
            PROFILE, ids, [profile_text(r.facts) for r in records], self.store_as, self.encoder
        )
        query = shortlist_vectors(
            ASSIGNMENT,
            [needs.assignment_id],
            [assignment_text(needs)],
            self.store_as,
            self.encoder,
        )[0]
        semantic = relatedness(profiles @ query, self.encoder.similarity_baseline)
        return dict(zip(ids, semantic.tolist(), strict=True))


def _verified(needs, ranked, k, weights, options, excluded_ids, taxonomy, reranker=None):
    """The ranked candidates that still pass every rule on fresh facts, explained, best first;
    with a `reranker`, their semantic similarity is the re-ranker's."""
    records = fetch_profile_records([int(c.profile_id) for c in ranked], taxonomy=taxonomy)
    passing = []
    for candidate in ranked:
        record = records.get(int(candidate.profile_id))
        if record is None or record.volunteer_id in excluded_ids:
            continue
        if record.categories and needs.category.value not in record.categories:
            continue
        passing.append((candidate, record))
    similarity = (
        reranker.similarities(needs, [record for _c, record in passing])
        if reranker is not None and passing
        else {}
    )
    chosen = []
    for candidate, record in passing:
        semantic = similarity.get(record.volunteer_id, candidate.components.semantic)
        explanation = explain(needs, record.facts, semantic, weights, options)
        if not explanation.eligible or explanation.components is None:
            continue
        components = {
            name: round(float(getattr(explanation.components, name)), 6)
            for name in (*COMPONENTS, "total")
        }
        chosen.append((record, explanation.phrases, components))
    chosen.sort(key=lambda item: (-item[2]["total"], item[0].volunteer_id))
    return chosen[:k]


# Matches for a volunteer


def _profile_vector(record) -> np.ndarray:
    name, _encoder = current_encoder()
    digest = text_hash(profile_text(record.facts))
    row = (
        ProfileEmbedding.objects.filter(volunteer_id=record.volunteer_id, encoder=name)
        .values_list("vector", "dtype", "text_hash")
        .first()
    )
    if row is None or row[2] != digest:
        profile_embeddings_write([record])
        row = (
            ProfileEmbedding.objects.filter(volunteer_id=record.volunteer_id, encoder=name)
            .values_list("vector", "dtype", "text_hash")
            .first()
        )
    vector = np.frombuffer(bytes(row[0]), dtype=np.float16 if row[1] == "float16" else np.float32)
    return vector.astype(np.float32)


def matches_for_volunteer(*, volunteer, k: int = 20) -> list[AssignmentMatch]:
    """Published assignments ranked for `volunteer`, with the reasons (see module doc)."""
    if k < 1:
        raise MatchingInputError("k must be at least 1")
    records = fetch_profile_records([volunteer.pk])
    record = records.get(volunteer.pk)
    index = assignment_index()
    if record is None or not index.entries:
        return []
    baseline = current_encoder()[1].similarity_baseline
    similarity = relatedness(index.matrix @ _profile_vector(record), baseline)
    rules = ProgrammeRules.load()
    scored = []
    for i, entry in enumerate(index.entries):
        needs = entry.needs
        if record.categories and needs.category.value not in record.categories:
            continue
        if needs.is_empty:
            continue
        weights, options = rules.for_host(entry.host_id)
        options = FilterOptions(options.min_availability_share, require_consent=False)
        if why_excluded(needs, record.facts, options):
            continue
        components = score_profile(needs, record.facts, float(similarity[i]), weights)
        scored.append((components.total, entry.assignment_id, i, weights, options))
    scored.sort(key=lambda item: (-item[0], item[1]))
    explained = []
    for _total, assignment_id, i, weights, options in scored[:k]:
        entry = index.entries[i]
        explanation = explain(entry.needs, record.facts, float(similarity[i]), weights, options)
        explained.append((assignment_id, explanation))
    texts = explanation_texts([e.phrases for _a, e in explained])
    return [
        AssignmentMatch(
            assignment_id=assignment_id,
            rank=rank,
            score=float(explanation.components.total) if explanation.components else 0.0,
            components={
                name: round(float(getattr(explanation.components, name)), 6)
                for name in (*COMPONENTS, "total")
            }
            if explanation.components
            else {},
            explanation=text,
            phrases=explanation.phrases,
        )
        for rank, ((assignment_id, explanation), text) in enumerate(
            zip(explained, texts, strict=True), start=1
        )
    ]
