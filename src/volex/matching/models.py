"""The matching engine's state in the database: embeddings (the vector store), match runs with
their candidates and explanations, and allocation runs.

Embeddings are stored as raw little-endian float16 bytes (`dtype` says which, `dim` how many),
one row per (profile or assignment, encoder), with a hash of the text that was encoded so that
unchanged text is never encoded again. Every write of an embedding row, and every change of the
facts behind one (consent, availability, state of an assignment), stamps it with a fresh value of
`IndexVersion`: the in-memory index of each process reloads exactly the rows stamped after the
version it last saw (see `volex.matching.index`).
"""

from __future__ import annotations

import uuid

import numpy as np
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from volex.core.models import AuditedModel

VECTOR_DTYPES = {"float16": np.float16, "float32": np.float32}


class IndexVersion(models.Model):
    """A counter per kind ("profile", "assignment"), bumped under a row lock by every write to
    the vector store: versions therefore commit in increasing order."""

    kind = models.CharField(_("kind"), max_length=16, primary_key=True)
    value = models.BigIntegerField(_("value"), default=0)
    token = models.UUIDField(
        _("token"),
        default=uuid.uuid4,
        help_text=_("Changes when the counter is created again: indexes then reload everything."),
    )

    class Meta:
        verbose_name = _("index version")
        verbose_name_plural = _("index versions")

    def __str__(self) -> str:
        return f"{self.kind}: {self.value}"


class Embedding(models.Model):
    encoder = models.CharField(_("encoder"), max_length=64)
    dim = models.PositiveSmallIntegerField(_("dimension"))
    dtype = models.CharField(
        _("number type"), max_length=8, default="float16", choices=[(k, k) for k in VECTOR_DTYPES]
    )
    vector = models.BinaryField(_("vector"))
    text_hash = models.CharField(_("hash of the encoded text"), max_length=64)
    version = models.BigIntegerField(_("index version"), default=0, db_index=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        abstract = True

    def as_array(self) -> np.ndarray:
        return np.frombuffer(bytes(self.vector), dtype=VECTOR_DTYPES[self.dtype])


class ProfileEmbedding(Embedding):
    volunteer = models.ForeignKey(
        "volunteers.Volunteer",
        verbose_name=_("volunteer"),
        on_delete=models.CASCADE,
        related_name="embeddings",
    )

    class Meta:
        verbose_name = _("profile embedding")
        verbose_name_plural = _("profile embeddings")
        constraints = [
            models.UniqueConstraint(
                fields=["volunteer", "encoder"], name="profile_embedding_unique_encoder"
            ),
        ]
        indexes = [models.Index(fields=["encoder", "version"])]

    def __str__(self) -> str:
        return f"{self.volunteer_id} ({self.encoder})"


class AssignmentEmbedding(Embedding):
    assignment = models.ForeignKey(
        "assignments.Assignment",
        verbose_name=_("assignment"),
        on_delete=models.CASCADE,
        related_name="embeddings",
    )

    class Meta:
        verbose_name = _("assignment embedding")
        verbose_name_plural = _("assignment embeddings")
        constraints = [
            models.UniqueConstraint(
                fields=["assignment", "encoder"], name="assignment_embedding_unique_encoder"
            ),
        ]
        indexes = [models.Index(fields=["encoder", "version"])]

    def __str__(self) -> str:
        return f"{self.assignment_id} ({self.encoder})"


class RunStatus(models.TextChoices):
    DONE = "done", _("Done")
    EMPTY = "empty", _("No candidate")
    FAILED = "failed", _("Failed")


class MatchRun(AuditedModel):
    """One run of the engine for one assignment: its parameters, counts and ranked candidates."""

    assignment = models.ForeignKey(
        "assignments.Assignment",
        verbose_name=_("assignment"),
        on_delete=models.CASCADE,
        related_name="match_runs",
    )
    parameters = models.JSONField(
        _("parameters"), default=dict, blank=True, help_text=_("k, weights and filter options.")
    )
    encoder = models.CharField(_("encoder"), max_length=64)
    status = models.CharField(
        _("status"), max_length=8, choices=RunStatus.choices, default=RunStatus.DONE
    )
    reason = models.TextField(_("reason"), blank=True, help_text=_("Why the list is empty."))
    pool_size = models.PositiveIntegerField(_("profiles in the pool"), default=0)
    eligible_count = models.PositiveIntegerField(_("profiles that pass the filters"), default=0)
    excluded = models.JSONField(_("excluded by each filter"), default=dict, blank=True)
    candidate_count = models.PositiveIntegerField(_("candidates"), default=0)
    profile_version = models.BigIntegerField(_("profile index version"), default=0)
    assignment_version = models.BigIntegerField(_("assignment version"), default=0)
    seconds = models.FloatField(_("seconds"), default=0.0)

    class Meta:
        verbose_name = _("match run")
        verbose_name_plural = _("match runs")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["assignment", "-created_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=RunStatus.values), name="match_run_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.assignment_id} @ {self.created_at:%Y-%m-%d %H:%M}"


class MatchCandidate(models.Model):
    run = models.ForeignKey(
        MatchRun, verbose_name=_("run"), on_delete=models.CASCADE, related_name="candidates"
    )
    volunteer = models.ForeignKey(
        "volunteers.Volunteer",
        verbose_name=_("volunteer"),
        on_delete=models.CASCADE,
        related_name="match_candidacies",
    )
    rank = models.PositiveIntegerField(_("rank"))
    score = models.FloatField(_("score"))
    components = models.JSONField(_("score components"), default=dict)
    phrases = models.JSONField(
        _("explanation (templates and parameters)"),
        default=list,
        help_text=_("[[template, params], ...]: translated when shown."),
    )
    explanation = models.TextField(_("explanation"), help_text=_("In English, as stored."))

    class Meta:
        verbose_name = _("match candidate")
        verbose_name_plural = _("match candidates")
        ordering = ["run", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["run", "rank"], name="match_candidate_unique_rank"),
            models.UniqueConstraint(
                fields=["run", "volunteer"], name="match_candidate_unique_volunteer"
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.rank} {self.volunteer_id} ({self.score:.3f})"


class AllocationRun(AuditedModel):
    """One global allocation over many assignments (`volex allocate`)."""

    parameters = models.JSONField(_("parameters"), default=dict, blank=True)
    method = models.CharField(_("method"), max_length=32)
    encoder = models.CharField(_("encoder"), max_length=64, blank=True)
    objective = models.FloatField(_("objective"), default=0.0)
    unconstrained_objective = models.FloatField(
        _("objective without targets"), null=True, blank=True
    )
    greedy_objective = models.FloatField(_("greedy objective"), null=True, blank=True)
    target_costs = models.JSONField(_("cost of each target"), default=list, blank=True)
    edge_count = models.PositiveIntegerField(_("candidate edges"), default=0)
    volunteer_count = models.PositiveIntegerField(_("volunteers in the graph"), default=0)
    positions = models.PositiveIntegerField(_("positions"), default=0)
    filled = models.PositiveIntegerField(_("positions filled"), default=0)
    reason = models.TextField(_("reason"), blank=True)
    seconds = models.FloatField(_("seconds"), default=0.0)
    assignments = models.ManyToManyField(
        "assignments.Assignment",
        verbose_name=_("assignments"),
        through="AllocationResult",
        related_name="allocation_runs",
    )

    class Meta:
        verbose_name = _("allocation run")
        verbose_name_plural = _("allocation runs")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.method} @ {self.created_at:%Y-%m-%d %H:%M}"


class AllocationResult(models.Model):
    """Per assignment of an allocation run: positions, how many were filled, and by whom."""

    run = models.ForeignKey(
        AllocationRun, verbose_name=_("run"), on_delete=models.CASCADE, related_name="results"
    )
    assignment = models.ForeignKey(
        "assignments.Assignment", verbose_name=_("assignment"), on_delete=models.CASCADE
    )
    positions = models.PositiveIntegerField(_("positions"))
    filled = models.PositiveIntegerField(_("filled"))
    score = models.FloatField(_("total score"), default=0.0)
    volunteer_ids = models.JSONField(_("volunteers allocated"), default=list)

    class Meta:
        verbose_name = _("allocation result")
        verbose_name_plural = _("allocation results")
        ordering = ["run", "assignment"]
        constraints = [
            models.UniqueConstraint(
                fields=["run", "assignment"], name="allocation_result_unique_assignment"
            ),
            models.CheckConstraint(
                condition=Q(filled__lte=models.F("positions")),
                name="allocation_result_within_capacity",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.assignment_id}: {self.filled}/{self.positions}"


class ProgrammeSettings(models.Model):
    """Weights and filter options of a programme (an organization and its field offices); an
    assignment uses those of its host or of the nearest ancestor that has some, else the
    `VOLEX_MATCHING_WEIGHTS` setting, else the engine's defaults."""

    organization = models.OneToOneField(
        "organizations.Organization",
        verbose_name=_("organization"),
        on_delete=models.CASCADE,
        related_name="matching_settings",
    )
    weights = models.JSONField(
        _("weights"),
        default=dict,
        blank=True,
        help_text=_(
            'Component weights, e.g. {"semantic": 0.3, "required_skills": 0.4}; '
            "missing ones keep their default."
        ),
    )
    min_availability_share = models.FloatField(
        _("share of the assignment period the volunteer must be available"), default=1.0
    )

    class Meta:
        verbose_name = _("programme matching settings")
        verbose_name_plural = _("programme matching settings")
        constraints = [
            models.CheckConstraint(
                condition=Q(min_availability_share__gte=0, min_availability_share__lte=1),
                name="programme_settings_share_range",
            ),
        ]

    def __str__(self) -> str:
        return str(self.organization)
