"""Applications and their pipeline (domain brief, "Application"; rules in volex.domain.pipeline)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from volex.core.models import TimeStampedModel
from volex.domain import pipeline


class Stage(models.TextChoices):
    APPLIED = pipeline.Stage.APPLIED, _("Applied")
    LONGLISTED = pipeline.Stage.LONGLISTED, _("Longlisted")
    SHORTLISTED = pipeline.Stage.SHORTLISTED, _("Shortlisted")
    ASSESSED = pipeline.Stage.ASSESSED, _("Assessed")
    PREFERRED = pipeline.Stage.PREFERRED, _("Preferred")
    OFFERED = pipeline.Stage.OFFERED, _("Offered")
    ACCEPTED = pipeline.Stage.ACCEPTED, _("Accepted")
    ONBOARDING = pipeline.Stage.ONBOARDING, _("Onboarding")
    READY = pipeline.Stage.READY, _("Ready for entry on duty")
    WITHDRAWN = pipeline.Stage.WITHDRAWN, _("Withdrawn")
    NOT_SELECTED = pipeline.Stage.NOT_SELECTED, _("Not selected")
    DECLINED = pipeline.Stage.DECLINED, _("Declined")
    OFFER_EXPIRED = pipeline.Stage.OFFER_EXPIRED, _("Offer expired")


# An offer accepted, not yet a deployment: the volunteer is committed to the assignment's dates
# (matching's "one assignment at a time" rule reads them, `selectors.accepted_offer_periods`).
# The stages that hold a position: one rule, the pipeline's.
COMMITTED_STAGES = tuple(sorted(pipeline.HOLDS_POSITION))


class ActionChoice(models.TextChoices):
    APPLY = "apply", _("applied")
    LONGLIST = pipeline.Action.LONGLIST, _("longlisted")
    SHORTLIST = pipeline.Action.SHORTLIST, _("shortlisted")
    ASSESS = pipeline.Action.ASSESS, _("assessed")
    PREFER = pipeline.Action.PREFER, _("marked preferred")
    OFFER = pipeline.Action.OFFER, _("made an offer")
    ACCEPT = pipeline.Action.ACCEPT, _("accepted the offer")
    DECLINE = pipeline.Action.DECLINE, _("declined the offer")
    EXPIRE = pipeline.Action.EXPIRE, _("offer expired")
    START_ONBOARDING = pipeline.Action.START_ONBOARDING, _("onboarding started")
    COMPLETE_ONBOARDING = pipeline.Action.COMPLETE_ONBOARDING, _("onboarding complete")
    WITHDRAW = pipeline.Action.WITHDRAW, _("withdrew")
    REJECT = pipeline.Action.REJECT, _("not selected")


class Application(TimeStampedModel):
    """A volunteer's candidacy for an assignment. The stage changes only through
    `volex.selection.services`, which records each change as an `ApplicationTransition`."""

    assignment = models.ForeignKey(
        "assignments.Assignment",
        verbose_name=_("assignment"),
        on_delete=models.PROTECT,
        related_name="applications",
    )
    volunteer = models.ForeignKey(
        "volunteers.Volunteer",
        verbose_name=_("volunteer"),
        on_delete=models.PROTECT,
        related_name="applications",
    )
    stage = models.CharField(
        _("stage"), max_length=16, choices=Stage.choices, default=Stage.APPLIED, db_index=True
    )
    motivation = models.TextField(_("motivation"), blank=True, max_length=2000)
    invited = models.BooleanField(_("invited to apply"), default=False)
    offered_at = models.DateTimeField(_("offered at"), null=True, blank=True)
    offer_expires_at = models.DateTimeField(_("offer expires at"), null=True, blank=True)
    offer_reminded_at = models.DateTimeField(_("expiry reminder sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["-created_at", "-pk"]
        constraints = [
            # One candidacy per volunteer and assignment: applying twice is refused by the
            # database even when two requests race past the service's check.
            models.UniqueConstraint(
                fields=["assignment", "volunteer"], name="application_one_per_assignment"
            ),
            models.CheckConstraint(
                condition=Q(stage__in=Stage.values), name="application_stage_valid"
            ),
            models.CheckConstraint(
                condition=~Q(stage=Stage.OFFERED) | Q(offer_expires_at__isnull=False),
                name="application_offer_has_expiry",
            ),
        ]
        indexes = [models.Index(fields=["assignment", "stage"])]

    def __str__(self) -> str:
        return f"{self.volunteer} → {self.assignment}"

    @property
    def domain_stage(self) -> pipeline.Stage:
        return pipeline.Stage(self.stage)

    @property
    def is_terminal(self) -> bool:
        return pipeline.is_terminal(self.domain_stage)


class Placement(models.Model):
    """A position of an assignment held by an accepted offer.

    Slots run from 1 to the assignment's number of positions; the unique constraints make a
    second holder of the same slot, or a second slot for the same application, impossible."""

    assignment = models.ForeignKey(
        "assignments.Assignment",
        verbose_name=_("assignment"),
        on_delete=models.PROTECT,
        related_name="placements",
    )
    application = models.OneToOneField(
        Application,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="placement",
    )
    slot = models.PositiveIntegerField(_("position"))
    created_at = models.DateTimeField(_("taken at"), auto_now_add=True)

    class Meta:
        verbose_name = _("placement")
        verbose_name_plural = _("placements")
        constraints = [
            models.UniqueConstraint(fields=["assignment", "slot"], name="placement_one_per_slot"),
            models.CheckConstraint(condition=Q(slot__gte=1), name="placement_slot_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.assignment} #{self.slot}"


class ApplicationTransition(models.Model):
    """The audit trail: who moved an application from which stage to which, when and why."""

    application = models.ForeignKey(
        Application,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="transitions",
    )
    action = models.CharField(_("action"), max_length=24, choices=ActionChoice.choices)
    from_stage = models.CharField(_("from"), max_length=16, choices=Stage.choices, blank=True)
    to_stage = models.CharField(_("to"), max_length=16, choices=Stage.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Empty when the system acted (an offer that expired, a completed checklist)."),
    )
    actor_role = models.CharField(_("as"), max_length=16)
    reason = models.TextField(_("why"), blank=True)
    created_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("pipeline step")
        verbose_name_plural = _("pipeline steps")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.from_stage or '—'} → {self.to_stage}"


class AssessmentKind(models.TextChoices):
    INTERVIEW = "interview", _("Interview")
    TEST = "test", _("Written or practical test")
    DESK_REVIEW = "desk_review", _("Desk review")


class Assessment(models.Model):
    application = models.ForeignKey(
        Application,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="assessments",
    )
    kind = models.CharField(_("kind"), max_length=16, choices=AssessmentKind.choices)
    score = models.PositiveSmallIntegerField(_("score (0–100)"))
    notes = models.TextField(_("notes"), blank=True)
    assessed_on = models.DateField(_("date"))
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assessed by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        ordering = ["assessed_on", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(score__lte=100), name="assessment_score_max"),
            models.CheckConstraint(
                condition=Q(kind__in=AssessmentKind.values), name="assessment_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.score}"


class Invitation(models.Model):
    """A host's invitation to a suggested volunteer to apply."""

    assignment = models.ForeignKey(
        "assignments.Assignment",
        verbose_name=_("assignment"),
        on_delete=models.CASCADE,
        related_name="invitations",
    )
    volunteer = models.ForeignKey(
        "volunteers.Volunteer",
        verbose_name=_("volunteer"),
        on_delete=models.CASCADE,
        related_name="invitations",
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    message = models.TextField(_("message"), blank=True, max_length=2000)
    created_at = models.DateTimeField(_("invited at"), auto_now_add=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["assignment", "volunteer"], name="invitation_one_per_assignment"
            )
        ]

    def __str__(self) -> str:
        return f"{self.volunteer} ← {self.assignment}"


class ChecklistItem(models.TextChoices):
    MEDICAL_CLEARANCE = pipeline.ChecklistItem.MEDICAL_CLEARANCE, _("Medical clearance")
    SECURITY_TRAINING = pipeline.ChecklistItem.SECURITY_TRAINING, _("Security training")
    VISA_TRAVEL = pipeline.ChecklistItem.VISA_TRAVEL, _("Visa and travel")
    CONTRACT_SIGNATURE = pipeline.ChecklistItem.CONTRACT_SIGNATURE, _("Contract signature")


class ItemStatus(models.TextChoices):
    PENDING = pipeline.ItemStatus.PENDING, _("Pending")
    IN_PROGRESS = pipeline.ItemStatus.IN_PROGRESS, _("In progress")
    DONE = pipeline.ItemStatus.DONE, _("Done")
    NOT_APPLICABLE = pipeline.ItemStatus.NOT_APPLICABLE, _("Not applicable")


class OnboardingItem(models.Model):
    application = models.ForeignKey(
        Application,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="onboarding_items",
    )
    item = models.CharField(_("item"), max_length=24, choices=ChecklistItem.choices)
    status = models.CharField(
        _("status"), max_length=16, choices=ItemStatus.choices, default=ItemStatus.PENDING
    )
    status_date = models.DateField(_("date"), null=True, blank=True)
    notes = models.CharField(_("notes"), max_length=300, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("updated by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("onboarding item")
        verbose_name_plural = _("onboarding checklist")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "item"], name="onboarding_item_once_per_application"
            ),
            models.CheckConstraint(
                condition=Q(status__in=ItemStatus.values), name="onboarding_item_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_item_display()}: {self.get_status_display()}"
