"""The vector store: encode profiles and assignments, persist their embeddings, skip unchanged text.

Embeddings are float16 bytes in `ProfileEmbedding` / `AssignmentEmbedding` (see models). A write
encodes only the texts whose SHA-256 differs from the stored hash; every row it touches (encoded or
not, since facts such as consent or availability change without the text) gets the new value of
the `IndexVersion` counter, taken under a row lock in the same transaction, so that in-memory
indexes can reload exactly what changed (`volex.matching.index`).

`assignment_query` and `profile_vector` read one embedding for a query, encoding it first when
its text changed since it was stored.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from django.conf import settings
from django.db import transaction
from django.db.models import Model

from volex.domain.matching.encoders import Encoder, HashingEncoder
from volex.domain.matching.text import assignment_text, profile_text
from volex.domain.matching.types import AssignmentNeeds

from .encoders import get_encoder
from .fetch import ProfileRecord, SkillTaxonomy, fetch_assignment_needs, fetch_profiles
from .models import VECTOR_DTYPES, AssignmentEmbedding, IndexVersion, ProfileEmbedding

PROFILE = "profile"
ASSIGNMENT = "assignment"
STORE_DTYPE = "float16"


def stored_name(name: str, encoder: Encoder) -> str:
    """The name the embeddings of `encoder` (set up as `name`) are stored under."""
    if isinstance(encoder, HashingEncoder):
        return f"hashing-{encoder.dim}"
    # The weights' hash is part of the name: a rebuilt model must not reuse old vectors.
    version = getattr(encoder, "version", "")
    return f"{name}-{encoder.dim}" + (f"-{version}" if version else "")


def current_encoder() -> tuple[str, Encoder]:
    """(the name embeddings are stored under, the encoder) for this process's settings."""
    encoder = get_encoder()
    name = str(settings.VOLEX_MATCHING_ENCODER)
    return stored_name(name, encoder), encoder


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def to_bytes(vector: np.ndarray) -> bytes:
    return np.asarray(vector, dtype=np.float16).tobytes()


def bump_version(kind: str) -> int:
    """The next version of `kind`, under a row lock (call inside a transaction)."""
    IndexVersion.objects.get_or_create(kind=kind)
    locked = IndexVersion.objects.select_for_update().get(kind=kind)
    locked.value += 1
    locked.save(update_fields=["value"])
    return int(locked.value)


def read_version(kind: str) -> tuple[int, str]:
    """(value, token) of the counter; (0, "") before the first write."""
    row = IndexVersion.objects.filter(kind=kind).values_list("value", "token").first()
    return (int(row[0]), str(row[1])) if row else (0, "")


@dataclass
class EncodeReport:
    encoded: int = 0
    unchanged: int = 0

    def __iadd__(self, other: EncodeReport) -> EncodeReport:
        self.encoded += other.encoded
        self.unchanged += other.unchanged
        return self


def _write(
    model: type[Model], owner: str, ids: Sequence[int], texts: Sequence[str], kind: str, force: bool
) -> EncodeReport:
    name, encoder = current_encoder()
    hashes = [text_hash(t) for t in texts]
    stored = dict(
        model.objects.filter(encoder=name, **{f"{owner}__in": ids}).values_list(owner, "text_hash")
    )
    changed = [
        i for i, (pk, h) in enumerate(zip(ids, hashes, strict=True)) if force or stored.get(pk) != h
    ]
    vectors = encoder.encode([texts[i] for i in changed]) if changed else None
    with transaction.atomic():
        version = bump_version(kind)
        changed_set = {ids[i] for i in changed}
        unchanged = [pk for pk in ids if pk in stored and pk not in changed_set]
        if unchanged:
            model.objects.filter(encoder=name, **{f"{owner}__in": unchanged}).update(
                version=version
            )
        if changed:
            _replace(model, owner, name, encoder.dim, ids, hashes, changed, vectors, version)
    return EncodeReport(encoded=len(changed), unchanged=len(ids) - len(changed))


def _replace(
    model: type[Model],
    owner: str,
    name: str,
    dim: int,
    ids: Sequence[int],
    hashes: Sequence[str],
    rows: Sequence[int],
    vectors: np.ndarray,
    version: int,
) -> None:
    """Store `vectors` (one per index in `rows` of `ids`/`hashes`) under `name`, replacing what
    was stored for those owners (call inside a transaction)."""
    owners = [ids[i] for i in rows]
    model.objects.filter(encoder=name, **{f"{owner}__in": owners}).delete()
    model.objects.bulk_create(
        [
            model(
                **{owner: ids[i]},
                encoder=name,
                dim=dim,
                dtype=STORE_DTYPE,
                vector=to_bytes(vectors[j]),
                text_hash=hashes[i],
                version=version,
            )
            for j, i in enumerate(rows)
        ],
        batch_size=2000,
    )


def profile_embeddings_write(
    records: Sequence[ProfileRecord], *, force: bool = False
) -> EncodeReport:
    """Encode (where the text changed) and store the embeddings of these profiles."""
    if not records:
        return EncodeReport()
    ids = [r.volunteer_id for r in records]
    texts = [profile_text(r.facts) for r in records]
    return _write(ProfileEmbedding, "volunteer_id", ids, texts, PROFILE, force)


def profile_embeddings_update(
    volunteer_ids: Iterable[int], *, force: bool = False, taxonomy: SkillTaxonomy | None = None
) -> EncodeReport:
    report = EncodeReport()
    for batch in fetch_profiles(volunteer_ids, taxonomy=taxonomy):
        report += profile_embeddings_write(batch, force=force)
    return report


def assignment_embeddings_update(
    assignment_ids: Iterable[int], *, force: bool = False, taxonomy: SkillTaxonomy | None = None
) -> EncodeReport:
    needs = fetch_assignment_needs(list(assignment_ids), taxonomy=taxonomy)
    if not needs:
        return EncodeReport()
    ids = sorted(needs)
    texts = [assignment_text(needs[pk]) for pk in ids]
    return _write(AssignmentEmbedding, "assignment_id", ids, texts, ASSIGNMENT, force)


def shortlist_vectors(
    kind: str, ids: Sequence[int], texts: Sequence[str], name: str, encoder: Encoder
) -> np.ndarray:
    """Embeddings by a second-stage encoder (the re-ranker) of a shortlist, in `ids` order.

    Read from the store under the encoder's own name where the text is unchanged; the rest is
    encoded now and stored, so the slow transformer encodes each profile text once, not once per
    run. These rows take no new `IndexVersion` (the in-memory index holds the first stage's
    embeddings only; a stamp would make every index reload and every stored run look stale).
    """
    model, owner = (
        (ProfileEmbedding, "volunteer_id")
        if kind == PROFILE
        else (AssignmentEmbedding, "assignment_id")
    )
    store_as = stored_name(name, encoder)
    hashes = [text_hash(t) for t in texts]
    stored = {
        pk: (bytes(vector), digest)
        for pk, vector, digest in model.objects.filter(
            encoder=store_as, **{f"{owner}__in": ids}
        ).values_list(owner, "vector", "text_hash")
    }
    out = np.zeros((len(ids), encoder.dim), dtype=np.float32)
    missing = []
    for i, (pk, digest) in enumerate(zip(ids, hashes, strict=True)):
        row = stored.get(pk)
        if row is not None and row[1] == digest:
            out[i] = np.frombuffer(row[0], dtype=np.float16)
        else:
            missing.append(i)
    if missing:
        vectors = encoder.encode([texts[i] for i in missing])
        out[missing] = np.asarray(vectors, dtype=np.float16)  # as stored, so reruns agree
        with transaction.atomic():
            _replace(model, owner, store_as, encoder.dim, ids, hashes, missing, vectors, 0)
    return out


def reindex_profiles(
    *,
    batch_size: int = 5_000,
    force: bool = False,
    progress: Callable[[int], None] | None = None,
) -> EncodeReport:
    """Every profile, batch by batch (`volex match reindex`)."""
    report = EncodeReport()
    taxonomy = SkillTaxonomy()
    for batch in fetch_profiles(batch_size=batch_size, taxonomy=taxonomy):
        report += profile_embeddings_write(batch, force=force)
        if progress:
            progress(len(batch))
    # Embeddings of volunteers that no longer exist went with them (cascade): nothing to drop.
    return report


# One embedding, read for a query (encoded again first only if its text changed)


def _vector(row: tuple[Any, ...]) -> np.ndarray:
    vector, dtype = row[0], row[1]
    return np.frombuffer(bytes(vector), dtype=VECTOR_DTYPES[dtype]).astype(np.float32)


def _current_row(
    model: type[Model], owner: str, owner_id: int, digest: str, encode: Callable[[], object]
) -> tuple[Any, ...]:
    """The stored (vector, dtype, version) of `owner_id` for the current encoder, after
    `encode()` when none is stored for this text (`digest`)."""
    name, _encoder = current_encoder()
    rows = model.objects.filter(**{owner: owner_id}, encoder=name)
    row = rows.values_list("vector", "dtype", "version", "text_hash").first()
    if row is None or row[3] != digest:
        encode()
        row = rows.values_list("vector", "dtype", "version", "text_hash").first()
    return tuple(row)


def assignment_query(needs: AssignmentNeeds, assignment_id: int) -> tuple[np.ndarray, int]:
    """The assignment's embedding (encoded again only if its text changed) and its version."""
    row = _current_row(
        AssignmentEmbedding,
        "assignment_id",
        assignment_id,
        text_hash(assignment_text(needs)),
        lambda: assignment_embeddings_update([assignment_id]),
    )
    return _vector(row), int(row[2])


def profile_vector(record: ProfileRecord) -> np.ndarray:
    """The profile's embedding (encoded again only if its text changed)."""
    row = _current_row(
        ProfileEmbedding,
        "volunteer_id",
        record.volunteer_id,
        text_hash(profile_text(record.facts)),
        lambda: profile_embeddings_write([record]),
    )
    return _vector(row)
