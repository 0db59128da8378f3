"""Duty of care: check-ins and the risk flags the pure rules raise (`volex.domain.duty_of_care`)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from volex.domain import duty_of_care

from .service import Deployment


class Safety(models.TextChoices):
    SAFE = duty_of_care.Safety.SAFE, _("I feel safe")
    CONCERNED = duty_of_care.Safety.CONCERNED, _("I am concerned")
    UNSAFE = duty_of_care.Safety.UNSAFE, _("I feel unsafe")


class CheckIn(models.Model):
    """A periodic well-being check-in. Health and security details: personal data."""

    deployment = models.ForeignKey(
        Deployment, verbose_name=_("deployment"), on_delete=models.CASCADE, related_name="checkins"
    )
    submitted_at = models.DateTimeField(_("submitted at"), db_index=True)
    wellbeing = models.PositiveSmallIntegerField(_("well-being (1–5)"))
    workload = models.PositiveSmallIntegerField(_("workload (1–5)"))
    safety = models.CharField(_("safety"), max_length=12, choices=Safety.choices)
    note = models.TextField(_("anything else"), blank=True)
    wants_to_talk = models.BooleanField(_("I would like to talk to someone"), default=False)

    class Meta:
        verbose_name = _("check-in")
        verbose_name_plural = _("check-ins")
        ordering = ["-submitted_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(wellbeing__gte=1, wellbeing__lte=5), name="checkin_wellbeing_range"
            ),
            models.CheckConstraint(
                condition=Q(workload__gte=1, workload__lte=5), name="checkin_workload_range"
            ),
            models.CheckConstraint(
                condition=Q(safety__in=Safety.values), name="checkin_safety_valid"
            ),
        ]
        indexes = [models.Index(fields=["deployment", "-submitted_at"])]

    def __str__(self) -> str:
        return f"{self.deployment_id} @ {self.submitted_at:%Y-%m-%d}"


class RiskRule(models.TextChoices):
    LONG_HOURS = duty_of_care.RuleCode.LONG_HOURS, _("Long hours several weeks running")
    LOW_WELLBEING = duty_of_care.RuleCode.LOW_WELLBEING, _("Low well-being in a row")
    SILENCE = duty_of_care.RuleCode.SILENCE, _("No check-in at a hardship duty station")
    UNSAFE = duty_of_care.RuleCode.UNSAFE, _("Feels unsafe")


class FlagStatus(models.TextChoices):
    OPEN = "open", _("Open")
    FOLLOWED_UP = "followed_up", _("Followed up")
    CLOSED = "closed", _("Closed")


class RiskFlag(models.Model):
    """A volunteer flagged at risk by a duty-of-care rule; the programme manager follows up."""

    deployment = models.ForeignKey(
        Deployment, verbose_name=_("deployment"), on_delete=models.CASCADE, related_name="flags"
    )
    rule = models.CharField(_("rule"), max_length=24, choices=RiskRule.choices)
    raised_at = models.DateTimeField(_("raised at"), db_index=True)
    evidence = models.CharField(
        _("evidence"),
        max_length=64,
        help_text=_("What the rule saw (a week, a check-in): one flag per episode."),
    )
    details = models.TextField(_("details"), blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=FlagStatus.choices, default=FlagStatus.OPEN
    )
    follow_up = models.TextField(_("follow-up notes"), blank=True)
    followed_up_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("followed up by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    followed_up_at = models.DateTimeField(_("followed up at"), null=True, blank=True)

    class Meta:
        verbose_name = _("risk flag")
        verbose_name_plural = _("risk flags")
        ordering = ["-raised_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(rule__in=RiskRule.values), name="risk_flag_rule"),
            models.CheckConstraint(
                condition=Q(status__in=FlagStatus.values), name="risk_flag_status_valid"
            ),
            # One flag per episode: re-evaluating the rules never piles up duplicates, nor
            # reopens a flag the manager closed, even when two check-ins race.
            models.UniqueConstraint(
                fields=["deployment", "rule", "evidence"], name="risk_flag_one_per_episode"
            ),
        ]
        indexes = [models.Index(fields=["deployment", "status"])]

    def __str__(self) -> str:
        return f"{self.get_rule_display()} ({self.get_status_display()})"
