"""The in-app inbox: one row per message sent to a person (also sent by e-mail)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    INVITED = "invited", _("Invited to apply")
    SHORTLISTED = "shortlisted", _("Shortlisted")
    OFFERED = "offered", _("Offer made")
    OFFER_EXPIRING = "offer_expiring", _("Offer about to expire")
    OFFER_EXPIRED = "offer_expired", _("Offer expired")
    NOT_SELECTED = "not_selected", _("Not selected")
    OFFER_ACCEPTED = "offer_accepted", _("Offer accepted")
    APPLICATION_RECEIVED = "application_received", _("Application received")
    ASSIGNMENT_SUBMITTED = "assignment_submitted", _("Assignment submitted for approval")
    ASSIGNMENT_RETURNED = "assignment_returned", _("Assignment returned for changes")
    ASSIGNMENT_APPROVED = "assignment_approved", _("Assignment approved")
    SERVICE_ENDING = "service_ending", _("End of service approaching")
    RISK_FLAG = "risk_flag", _("Volunteer at risk")
    ROLL_CALL = "roll_call", _("Roll-call")
    HOURS_REJECTED = "hours_rejected", _("Hours rejected")


class Notification(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    language = models.CharField(_("language"), max_length=8)
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("message"))
    url = models.CharField(_("link"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("e-mailed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["recipient", "read_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=Kind.values), name="notification_kind_valid"
            )
        ]

    def __str__(self) -> str:
        return self.subject
