"""Roll-calls: everyone in service in a place is asked whether they are safe, each by a token."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .service import Deployment


class RollCall(models.Model):
    """An emergency roll-call: everyone deployed in a country, duty station or mission answers."""

    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("started by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    started_at = models.DateTimeField(_("started at"), auto_now_add=True)
    message = models.TextField(_("message"), blank=True)
    country = models.ForeignKey(
        "reference.Country",
        verbose_name=_("country"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    duty_station = models.ForeignKey(
        "assignments.DutyStation",
        verbose_name=_("duty station"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    peace_operation = models.ForeignKey(
        "reference.PeaceOperation",
        verbose_name=_("mission"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("roll-call")
        verbose_name_plural = _("roll-calls")
        ordering = ["-started_at", "-pk"]

    def __str__(self) -> str:
        return f"{_('Roll-call')} {self.started_at:%Y-%m-%d %H:%M}"


class RollCallStatus(models.TextChoices):
    SAFE = "safe", _("Safe")
    NEED_HELP = "need_help", _("Need help")


def _new_token() -> str:
    return secrets.token_urlsafe(24)


class RollCallAnswer(models.Model):
    """One volunteer's line in a roll-call; empty `answer` means not answered yet."""

    roll_call = models.ForeignKey(
        RollCall, verbose_name=_("roll-call"), on_delete=models.CASCADE, related_name="answers"
    )
    deployment = models.ForeignKey(
        Deployment, verbose_name=_("deployment"), on_delete=models.CASCADE, related_name="+"
    )
    token = models.CharField(_("token"), max_length=64, unique=True, default=_new_token)
    answer = models.CharField(
        _("answer"), max_length=12, choices=RollCallStatus.choices, blank=True
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    class Meta:
        verbose_name = _("roll-call answer")
        verbose_name_plural = _("roll-call answers")
        constraints = [
            models.UniqueConstraint(
                fields=["roll_call", "deployment"], name="roll_call_one_line_per_deployment"
            ),
            models.CheckConstraint(
                condition=Q(answer="") | Q(answer__in=RollCallStatus.values),
                name="roll_call_answer_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.deployment_id}: {self.answer or '—'}"
