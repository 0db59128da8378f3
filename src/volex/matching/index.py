"""The in-memory index of each process: the pool of profiles as columns with their embeddings, and
the published assignments with theirs, loaded from the database and refreshed incrementally.

`profile_index()` returns the process's `ProfileIndex`, refreshed first:

- the first call loads every stored embedding of the current encoder with the profile facts
  (in batches: a handful of queries per 5,000 profiles, see `fetch`);
- later calls read the `IndexVersion` counter (one query) and reload only the profiles whose
  embedding rows were stamped after the version the index last saw: the re-encoding task stamps
  every profile it sees, changed text or not, so consent, availability and language changes
  arrive too;
- a fingerprint of the volunteer table (count, last id, last update) catches what bypassed the
  services (bulk imports, the seeder, tests whose transactions never commit): profiles with no
  embedding yet are encoded inline (up to `VOLEX_MATCHING_INLINE_ENCODE_LIMIT`, else run
  `volex match reindex`), deleted ones are withdrawn, updated ones reloaded. Above
  `VOLEX_MATCHING_FINGERPRINT_ROWS` profiles the fingerprint is read at most every
  `VOLEX_MATCHING_FINGERPRINT_SECONDS`;
- a counter created anew (its token changed, e.g. a database restored or a test rolled back) or
  gone backwards makes the index reload everything.

The index may lag a profile change by the time the task takes; the services therefore check the
candidates they return against fresh facts from the database (`services`).
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass

import numpy as np
from django.conf import settings
from django.db.models import Count, Max

from volex.assignments.models import Assignment, AssignmentState
from volex.domain.categories import Category
from volex.domain.matching.columns import ProfileColumns
from volex.domain.matching.types import AssignmentNeeds
from volex.volunteers.models import Volunteer

from .fetch import SkillTaxonomy, fetch_assignment_needs, fetch_profiles
from .models import VECTOR_DTYPES, AssignmentEmbedding, ProfileEmbedding
from .store import (
    ASSIGNMENT,
    PROFILE,
    assignment_embeddings_update,
    current_encoder,
    profile_embeddings_update,
    read_version,
)

logger = logging.getLogger(__name__)

CATEGORY_BIT = {category.value: 1 << i for i, category in enumerate(Category)}
LOAD_CHUNK = 5_000


def category_bits(categories) -> int:
    bits = 0
    for code in categories:
        bits |= CATEGORY_BIT.get(code, 0)
    return bits


def _vectors(rows, dim: int) -> tuple[list[int], np.ndarray]:
    ids = []
    matrix = np.zeros((len(rows), dim), dtype=np.float16)
    n = 0
    for owner, vector, row_dim, dtype in rows:
        if row_dim != dim:
            continue
        matrix[n] = np.frombuffer(bytes(vector), dtype=VECTOR_DTYPES[dtype])
        ids.append(owner)
        n += 1
    return ids, matrix[:n]


@dataclass
class RefreshReport:
    full: bool = False
    loaded: int = 0
    removed: int = 0
    encoded: int = 0


class ProfileIndex:
    """Profiles as `ProfileColumns` (float16 embeddings) plus the categories each one chose."""

    def __init__(self, encoder_name: str, dim: int) -> None:
        self.encoder_name = encoder_name
        self.dim = dim
        self._lock = threading.RLock()
        self._reset()

    def _reset(self) -> None:
        self.columns = ProfileColumns(self.dim)
        self._chosen = np.zeros(0, dtype=np.int32)
        self.version = 0
        self.token = ""
        self.fingerprint: tuple | None = None
        self.fingerprint_at = 0.0
        self.updated_watermark = None
        self.loaded = False

    def __len__(self) -> int:
        return int(self.columns.active.sum()) if len(self.columns) else 0

    # public reads

    def rows_of(self, volunteer_ids) -> np.ndarray:
        """Rows of the given volunteers (-1 for those not in the index)."""
        return np.array(
            [self.columns.row_of.get(str(v), -1) for v in volunteer_ids], dtype=np.int64
        )

    def volunteer_id(self, row: int) -> int:
        return int(self.columns.ids[row])

    def chose_category_mask(self, category: str) -> np.ndarray:
        """Rows whose volunteer chose `category` or chose none (any)."""
        chosen = self._chosen[: len(self.columns)]
        bit = CATEGORY_BIT.get(category, 0)
        return (chosen == 0) | ((chosen & bit) != 0)

    # loading

    def _upsert(self, volunteer_ids: list[int], matrix: np.ndarray, taxonomy) -> int:
        if not volunteer_ids:
            return 0
        by_id = {vid: i for i, vid in enumerate(volunteer_ids)}
        loaded = 0
        for batch in fetch_profiles(volunteer_ids, taxonomy=taxonomy):
            if not batch:
                continue
            rows = self.columns.upsert(
                [r.facts for r in batch], matrix[[by_id[r.volunteer_id] for r in batch]]
            )
            if len(self._chosen) < len(self.columns):
                grown = np.zeros(max(len(self.columns), 2 * len(self._chosen)), dtype=np.int32)
                grown[: len(self._chosen)] = self._chosen
                self._chosen = grown
            self._chosen[rows] = [category_bits(r.categories) for r in batch]
            loaded += len(batch)
        return loaded

    def _load_embeddings(self, queryset, taxonomy) -> int:
        loaded = 0
        last = 0
        while True:
            rows = list(
                queryset.filter(volunteer_id__gt=last)
                .order_by("volunteer_id")
                .values_list("volunteer_id", "vector", "dim", "dtype")[:LOAD_CHUNK]
            )
            if not rows:
                return loaded
            last = rows[-1][0]
            ids, matrix = _vectors(rows, self.dim)
            loaded += self._upsert(ids, matrix, taxonomy)

    def _embeddings(self):
        return ProfileEmbedding.objects.filter(encoder=self.encoder_name)

    def _fingerprint(self) -> tuple:
        found = Volunteer.objects.aggregate(n=Count("pk"), last=Max("pk"), at=Max("updated_at"))
        return found["n"], found["last"], found["at"]

    def _reconcile(self, fingerprint: tuple, taxonomy, report: RefreshReport) -> None:
        """Encode profiles with no embedding, withdraw deleted ones, reload updated ones."""
        limit = settings.VOLEX_MATCHING_INLINE_ENCODE_LIMIT
        missing = list(
            Volunteer.objects.exclude(pk__in=self._embeddings().values("volunteer_id"))
            .order_by("pk")
            .values_list("pk", flat=True)[: limit + 1]
        )
        if len(missing) > limit:
            logger.warning(
                "More than %s profiles have no embedding: run `volex match reindex`.", limit
            )
        elif missing:
            report.encoded += profile_embeddings_update(missing, taxonomy=taxonomy).encoded
        previous = self.fingerprint
        if previous is not None and previous[1] is not None and len(self):
            added = Volunteer.objects.filter(pk__gt=previous[1]).count()
            deleted = fingerprint[0] != previous[0] + added
        else:
            deleted = False
        if deleted:
            existing = set(map(str, Volunteer.objects.values_list("pk", flat=True)))
            gone = [pid for pid in self.columns.ids if pid not in existing]
            self.columns.remove(gone)
            report.removed += len(gone)
        if self.updated_watermark is not None and fingerprint[2] is not None:
            updated = list(
                Volunteer.objects.filter(updated_at__gt=self.updated_watermark).values_list(
                    "pk", flat=True
                )
            )
            if updated:
                # Rows stamped after `self.version` are reloaded by the version path below.
                rows = list(
                    self._embeddings()
                    .filter(volunteer_id__in=updated, version__lte=self.version)
                    .values_list("volunteer_id", "vector", "dim", "dtype")
                )
                ids, matrix = _vectors(rows, self.dim)
                report.loaded += self._upsert(ids, matrix, taxonomy)
        self.updated_watermark = fingerprint[2]

    def refresh(self, *, force_check: bool = False) -> RefreshReport:
        with self._lock:
            report = RefreshReport()
            taxonomy = SkillTaxonomy()
            now = time.monotonic()
            small = len(self.columns) <= settings.VOLEX_MATCHING_FINGERPRINT_ROWS
            interval = settings.VOLEX_MATCHING_FINGERPRINT_SECONDS
            if not self.loaded or small or force_check or now - self.fingerprint_at >= interval:
                fingerprint = self._fingerprint()
                self.fingerprint_at = now
                if fingerprint != self.fingerprint:
                    self._reconcile(fingerprint, taxonomy, report)
                    self.fingerprint = fingerprint
            value, token = read_version(PROFILE)
            if not self.loaded or token != self.token or value < self.version:
                fingerprint, watermark = self.fingerprint, self.updated_watermark
                self._reset()
                self.fingerprint, self.updated_watermark = fingerprint, watermark
                self.fingerprint_at = now
                report.full = True
                report.loaded += self._load_embeddings(self._embeddings(), taxonomy)
            elif value > self.version:
                report.loaded += self._load_embeddings(
                    self._embeddings().filter(version__gt=self.version), taxonomy
                )
            self.version, self.token, self.loaded = value, token, True
            return report


@dataclass(frozen=True)
class AssignmentEntry:
    assignment_id: int
    host_id: int
    needs: AssignmentNeeds


class AssignmentIndex:
    """The published assignments, their needs and embeddings; reloaded whole when they change
    (they number in thousands, not millions)."""

    def __init__(self, encoder_name: str, dim: int) -> None:
        self.encoder_name = encoder_name
        self.dim = dim
        self._lock = threading.RLock()
        self.entries: list[AssignmentEntry] = []
        self.matrix = np.zeros((0, dim), dtype=np.float32)
        self.key: tuple | None = None

    def refresh(self) -> bool:
        with self._lock:
            published = Assignment.objects.filter(state=AssignmentState.PUBLISHED)
            found = published.aggregate(n=Count("pk"), last=Max("pk"), at=Max("updated_at"))
            key = (found["n"], found["last"], found["at"], *read_version(ASSIGNMENT))
            if key == self.key:
                return False
            taxonomy = SkillTaxonomy()
            hosts = dict(published.values_list("pk", "host_id"))
            ids = sorted(hosts)
            stored = set(
                AssignmentEmbedding.objects.filter(
                    encoder=self.encoder_name, assignment_id__in=ids
                ).values_list("assignment_id", flat=True)
            )
            missing = [pk for pk in ids if pk not in stored]
            if missing:
                assignment_embeddings_update(missing, taxonomy=taxonomy)
            needs = fetch_assignment_needs(ids, taxonomy=taxonomy)
            rows = list(
                AssignmentEmbedding.objects.filter(encoder=self.encoder_name, assignment_id__in=ids)
                .order_by("assignment_id")
                .values_list("assignment_id", "vector", "dim", "dtype")
            )
            with_vectors, matrix = _vectors(rows, self.dim)
            keep = [i for i, pk in enumerate(with_vectors) if pk in needs]
            self.entries = [
                AssignmentEntry(pk, hosts[pk], needs[pk]) for pk in (with_vectors[i] for i in keep)
            ]
            self.matrix = matrix[keep].astype(np.float32)
            self.key = (found["n"], found["last"], found["at"], *read_version(ASSIGNMENT))
            return True


_profile_indexes: dict[str, ProfileIndex] = {}
_assignment_indexes: dict[str, AssignmentIndex] = {}
_registry_lock = threading.Lock()


def profile_index(refresh: bool = True) -> ProfileIndex:
    """This process's index of profiles for the current encoder, refreshed (see module doc)."""
    name, encoder = current_encoder()
    with _registry_lock:
        index = _profile_indexes.get(name)
        if index is None:
            index = _profile_indexes[name] = ProfileIndex(name, encoder.dim)
    if refresh:
        index.refresh()
    return index


def assignment_index(refresh: bool = True) -> AssignmentIndex:
    name, encoder = current_encoder()
    with _registry_lock:
        index = _assignment_indexes.get(name)
        if index is None:
            index = _assignment_indexes[name] = AssignmentIndex(name, encoder.dim)
    if refresh:
        index.refresh()
    return index


def reset_indexes() -> None:
    """Forget every in-memory index (tests; a process that switched encoders)."""
    with _registry_lock:
        _profile_indexes.clear()
        _assignment_indexes.clear()
