"""Duty stations and descriptions of assignment (domain brief, "Assignment")."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from volex.core.choices import Category, CEFRLevel, LeaveNoOneBehindGroup, Sector, labels_of
from volex.core.models import AuditedModel
from volex.domain.eligibility import MIN_DURATION
from volex.volunteers.models import SkillLevel

from .rules import ensure_rules_met, service_facts


class HardshipClass(models.TextChoices):
    """ICSC hardship classification: H for headquarters duty stations, A (least) to E (most)."""

    H = "H", _("H – headquarters")
    A = "A", _("A")
    B = "B", _("B")
    C = "C", _("C")
    D = "D", _("D")
    E = "E", _("E – most difficult")


class DutyStation(models.Model):
    country = models.ForeignKey(
        "reference.Country",
        verbose_name=_("country"),
        on_delete=models.PROTECT,
        related_name="duty_stations",
    )
    place = models.CharField(_("place"), max_length=120)
    hardship_class = models.CharField(
        _("hardship class"), max_length=1, choices=HardshipClass.choices, default=HardshipClass.A
    )
    is_family = models.BooleanField(
        _("family duty station"),
        default=True,
        help_text=_("Non-family duty stations do not allow dependants to accompany the volunteer."),
    )
    peace_operation = models.ForeignKey(
        "reference.PeaceOperation",
        verbose_name=_("peace operation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="duty_stations",
    )
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )

    class Meta:
        verbose_name = _("duty station")
        verbose_name_plural = _("duty stations")
        ordering = ["country__name", "place"]
        constraints = [
            models.UniqueConstraint(fields=["country", "place"], name="duty_station_unique_place"),
            models.CheckConstraint(
                condition=Q(hardship_class__in=HardshipClass.values),
                name="duty_station_hardship_class_valid",
            ),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True) | Q(latitude__gte=-90, latitude__lte=90),
                name="duty_station_latitude_range",
            ),
            models.CheckConstraint(
                condition=Q(longitude__isnull=True) | Q(longitude__gte=-180, longitude__lte=180),
                name="duty_station_longitude_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.place}, {self.country}"


class AssignmentState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted for approval")
    RETURNED = "returned", _("Returned for changes")
    APPROVED = "approved", _("Approved")
    PUBLISHED = "published", _("Published")
    CLOSED = "closed", _("Closed")
    FILLED = "filled", _("Filled")
    CANCELLED = "cancelled", _("Cancelled")


# States before publication: the description is still being written or reviewed.
UNPUBLISHED_STATES = (
    AssignmentState.DRAFT,
    AssignmentState.SUBMITTED,
    AssignmentState.RETURNED,
    AssignmentState.APPROVED,
)


class Assignment(AuditedModel):
    """A description of assignment: what a host organization needs, where, when and from whom."""

    host = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("host organization"),
        on_delete=models.PROTECT,
        related_name="assignments",
    )
    title = models.CharField(_("title"), max_length=200)
    context = models.TextField(_("organizational context"), blank=True)
    tasks = models.TextField(_("tasks"), blank=True)
    expected_results = models.TextField(_("expected results"), blank=True)
    qualifications = models.TextField(_("qualifications"), blank=True)
    duty_station = models.ForeignKey(
        DutyStation,
        verbose_name=_("duty station"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assignments",
        help_text=_("Leave empty for online assignments."),
    )
    category = models.CharField(_("category"), max_length=32, choices=Category.choices)
    positions = models.PositiveIntegerField(_("number of positions"), default=1)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), help_text=_("The last day of service."))
    sector = models.CharField(_("sector"), max_length=32, choices=Sector.choices)
    occupation = models.ForeignKey(
        "reference.Occupation",
        verbose_name=_("occupation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assignments",
        help_text=_("The ISCO-08 occupation of the work, used to value volunteer hours."),
    )
    sdg_goals = models.ManyToManyField(
        "reference.SDGGoal", verbose_name=_("SDG goals"), related_name="assignments", blank=True
    )
    sdg_targets = models.ManyToManyField(
        "reference.SDGTarget", verbose_name=_("SDG targets"), related_name="assignments", blank=True
    )
    groups_reached = models.JSONField(
        _("groups reached"),
        default=list,
        blank=True,
        help_text=_("Groups left behind that the assignment reaches."),
    )
    state = models.CharField(
        _("state"), max_length=16, choices=AssignmentState.choices, default=AssignmentState.DRAFT
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    application_deadline = models.DateField(_("application deadline"), null=True, blank=True)

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        ordering = ["-published_at", "-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(category__in=Category.values), name="assignment_category_valid"
            ),
            models.CheckConstraint(
                condition=Q(sector__in=Sector.values), name="assignment_sector_valid"
            ),
            models.CheckConstraint(
                condition=Q(state__in=AssignmentState.values), name="assignment_state_valid"
            ),
            models.CheckConstraint(condition=Q(positions__gte=1), name="assignment_positions_min"),
            # The domain rule (volex.domain.eligibility) gives the message; the database keeps the
            # bounds even against writes that skip the services: at least 6 weeks, both ends
            # included, and never more than 731 days (the longest 24 calendar months).
            # Written as a strict "greater than" because SQLite compares the date with the
            # timestamp that date arithmetic yields as text ("2026-02-11" < "2026-02-11 00:00:00");
            # PostgreSQL compares them as times: both then agree on the boundary.
            models.CheckConstraint(
                condition=Q(end_date__gt=F("start_date") + (MIN_DURATION - timedelta(days=2))),
                name="assignment_min_duration",
            ),
            models.CheckConstraint(
                condition=Q(end_date__lte=F("start_date") + timedelta(days=731)),
                name="assignment_max_duration",
            ),
            models.CheckConstraint(
                condition=Q(category=Category.ONLINE, duty_station__isnull=True)
                | (~Q(category=Category.ONLINE) & Q(duty_station__isnull=False)),
                name="assignment_duty_station_matches_category",
            ),
            models.CheckConstraint(
                condition=Q(published_at__isnull=False)
                | Q(state__in=[*UNPUBLISHED_STATES, AssignmentState.CANCELLED]),
                name="assignment_published_has_date",
            ),
        ]
        indexes = [
            models.Index(fields=["state", "-published_at"]),
            models.Index(fields=["category", "state"]),
            models.Index(fields=["sector", "state"]),
            models.Index(fields=["start_date", "end_date"]),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def country(self):
        return self.duty_station.country if self.duty_station_id else None

    def clean(self) -> None:
        # Forms (the admin's included) refuse with the same rule messages as the services.
        if self.category and self.start_date and self.end_date:
            ensure_rules_met(
                service_facts(
                    category=self.category,
                    country_code=self.duty_station.country_id if self.duty_station_id else None,
                    start_date=self.start_date,
                    end_date=self.end_date,
                )
            )

    @property
    def groups_reached_labels(self) -> list[str]:
        """The groups reached in words (the stored codes are for machines)."""
        return labels_of(LeaveNoOneBehindGroup, self.groups_reached)

    @property
    def duration_days(self) -> int:
        return (self.end_date - self.start_date).days + 1


class AssignmentSkill(models.Model):
    assignment = models.ForeignKey(
        Assignment, verbose_name=_("assignment"), on_delete=models.CASCADE, related_name="skills"
    )
    skill = models.ForeignKey("reference.Skill", verbose_name=_("skill"), on_delete=models.PROTECT)
    is_required = models.BooleanField(_("required"), default=True)
    min_level = models.CharField(
        _("minimum level"),
        max_length=16,
        choices=SkillLevel.choices,
        default=SkillLevel.INTERMEDIATE,
    )
    min_years = models.PositiveSmallIntegerField(_("minimum years"), default=0)

    class Meta:
        verbose_name = _("skill asked")
        verbose_name_plural = _("skills asked")
        constraints = [
            models.UniqueConstraint(fields=["assignment", "skill"], name="assignment_skill_unique"),
            models.CheckConstraint(
                condition=Q(min_level__in=SkillLevel.values), name="assignment_skill_level_valid"
            ),
        ]

    def __str__(self) -> str:
        return str(self.skill)


class AssignmentLanguage(models.Model):
    assignment = models.ForeignKey(
        Assignment, verbose_name=_("assignment"), on_delete=models.CASCADE, related_name="languages"
    )
    language = models.ForeignKey(
        "reference.Language", verbose_name=_("language"), on_delete=models.PROTECT
    )
    min_level = models.CharField(_("minimum level (CEFR)"), max_length=8, choices=CEFRLevel.choices)
    is_required = models.BooleanField(_("required"), default=True)

    class Meta:
        verbose_name = _("language asked")
        verbose_name_plural = _("languages asked")
        constraints = [
            models.UniqueConstraint(
                fields=["assignment", "language"], name="assignment_language_unique"
            ),
            models.CheckConstraint(
                condition=Q(min_level__in=CEFRLevel.values), name="assignment_language_level_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.language} {self.min_level}"


class AssignmentEvent(models.Model):
    """One step of an assignment's workflow: who moved it from which state to which, and why."""

    assignment = models.ForeignKey(
        Assignment, verbose_name=_("assignment"), on_delete=models.CASCADE, related_name="events"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    from_state = models.CharField(
        _("from"), max_length=16, choices=AssignmentState.choices, blank=True
    )
    to_state = models.CharField(_("to"), max_length=16, choices=AssignmentState.choices)
    comment = models.TextField(_("comment"), blank=True)
    created_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("workflow step")
        verbose_name_plural = _("workflow steps")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.from_state or '—'} → {self.to_state}"
