"""The volunteer profile and what it is made of (domain brief, "Volunteer")."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from volex.core.choices import Category, CEFRLevel, Sector, labels_of
from volex.core.models import TimeStampedModel


class Volunteer(TimeStampedModel):
    """A user's volunteer profile. Birth date, gender, nationality and residence are personal
    data: `volex.volunteers.permissions` decides who may see them."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="volunteer",
    )
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    gender = models.CharField(
        _("gender"),
        max_length=64,
        blank=True,
        help_text=_("Optional, in your own words."),
    )
    nationalities = models.ManyToManyField(
        "reference.Country",
        verbose_name=_("nationalities"),
        related_name="nationals",
        blank=True,
    )
    heritage_countries = models.ManyToManyField(
        "reference.Country",
        verbose_name=_("countries of heritage"),
        related_name="diaspora",
        blank=True,
        help_text=_("Countries your family comes from, for diaspora assignments."),
    )
    residence_country = models.ForeignKey(
        "reference.Country",
        verbose_name=_("country of residence"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="residents",
    )
    headline = models.CharField(
        _("headline"),
        max_length=160,
        blank=True,
        help_text=_(
            "One line that says what you do, e.g. 'Midwife with 8 years in rural clinics'."
        ),
    )
    summary = models.TextField(_("about me"), blank=True)
    occupation = models.ForeignKey(
        "reference.Occupation",
        verbose_name=_("occupation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="volunteers",
    )
    sectors = models.JSONField(
        _("sectors of interest"), default=list, blank=True, help_text=_("Sector codes.")
    )
    eligible_categories = models.JSONField(
        _("categories I may serve in"), default=list, blank=True, help_text=_("Category codes.")
    )
    available_from = models.DateField(_("available from"), null=True, blank=True)
    available_until = models.DateField(_("available until"), null=True, blank=True)
    consent_to_matching = models.BooleanField(
        _("I agree to be suggested to host organizations"),
        default=False,
        help_text=_("Your profile (without your personal data) may be matched to assignments."),
    )
    consent_to_matching_at = models.DateTimeField(_("matching consent given at"), null=True)
    consent_data_processing_at = models.DateTimeField(
        _("data processing consent given at"), null=True
    )

    class Meta:
        verbose_name = _("volunteer")
        verbose_name_plural = _("volunteers")
        ordering = ["user__last_name", "user__first_name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(available_until__isnull=True)
                | Q(available_from__isnull=True)
                | Q(available_until__gte=F("available_from")),
                name="volunteer_availability_ordered",
            ),
        ]
        indexes = [models.Index(fields=["available_from", "available_until"])]

    def __str__(self) -> str:
        return str(self.user)

    @property
    def display_name(self) -> str:
        return self.user.get_full_name() or self.user.username

    @property
    def sector_labels(self) -> list[str]:
        return labels_of(Sector, self.sectors)

    @property
    def eligible_category_labels(self) -> list[str]:
        return labels_of(Category, self.eligible_categories)


class VolunteerLanguage(models.Model):
    volunteer = models.ForeignKey(
        Volunteer, verbose_name=_("volunteer"), on_delete=models.CASCADE, related_name="languages"
    )
    language = models.ForeignKey(
        "reference.Language", verbose_name=_("language"), on_delete=models.PROTECT
    )
    level = models.CharField(_("level (CEFR)"), max_length=8, choices=CEFRLevel.choices)

    class Meta:
        verbose_name = _("language")
        verbose_name_plural = _("languages")
        constraints = [
            models.UniqueConstraint(
                fields=["volunteer", "language"], name="volunteer_language_unique"
            ),
            models.CheckConstraint(
                condition=Q(level__in=CEFRLevel.values), name="volunteer_language_level_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.language} ({self.level})"


class SkillLevel(models.TextChoices):
    BASIC = "basic", _("Basic")
    INTERMEDIATE = "intermediate", _("Intermediate")
    ADVANCED = "advanced", _("Advanced")
    EXPERT = "expert", _("Expert")


class VolunteerSkill(models.Model):
    volunteer = models.ForeignKey(
        Volunteer, verbose_name=_("volunteer"), on_delete=models.CASCADE, related_name="skills"
    )
    skill = models.ForeignKey("reference.Skill", verbose_name=_("skill"), on_delete=models.PROTECT)
    level = models.CharField(_("level"), max_length=16, choices=SkillLevel.choices)
    years = models.PositiveSmallIntegerField(_("years of experience"), default=0)

    class Meta:
        verbose_name = _("skill")
        verbose_name_plural = _("skills")
        constraints = [
            models.UniqueConstraint(fields=["volunteer", "skill"], name="volunteer_skill_unique"),
            models.CheckConstraint(
                condition=Q(level__in=SkillLevel.values), name="volunteer_skill_level_valid"
            ),
            models.CheckConstraint(condition=Q(years__lte=70), name="volunteer_skill_years_max"),
        ]

    def __str__(self) -> str:
        return f"{self.skill} ({self.get_level_display()}, {self.years})"


class EducationLevel(models.TextChoices):
    """ISCED 2011 levels, grouped as programmes ask for them."""

    SECONDARY = "secondary", _("Secondary")
    VOCATIONAL = "vocational", _("Vocational or technical")
    BACHELOR = "bachelor", _("Bachelor's or equivalent")
    MASTER = "master", _("Master's or equivalent")
    DOCTORATE = "doctorate", _("Doctorate")


class Education(models.Model):
    volunteer = models.ForeignKey(
        Volunteer, verbose_name=_("volunteer"), on_delete=models.CASCADE, related_name="education"
    )
    level = models.CharField(_("level"), max_length=16, choices=EducationLevel.choices)
    field_of_study = models.CharField(_("field of study"), max_length=160)
    institution = models.CharField(_("institution"), max_length=200, blank=True)
    year_completed = models.PositiveSmallIntegerField(_("year completed"), null=True, blank=True)

    class Meta:
        verbose_name = _("education")
        verbose_name_plural = _("education")
        ordering = ["-year_completed"]
        constraints = [
            models.CheckConstraint(
                condition=Q(level__in=EducationLevel.values), name="education_level_valid"
            ),
            models.CheckConstraint(
                condition=Q(year_completed__isnull=True)
                | Q(year_completed__gte=1940, year_completed__lte=2100),
                name="education_year_plausible",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_level_display()}, {self.field_of_study}"


class WorkExperience(models.Model):
    volunteer = models.ForeignKey(
        Volunteer, verbose_name=_("volunteer"), on_delete=models.CASCADE, related_name="experience"
    )
    title = models.CharField(_("job title"), max_length=160)
    employer = models.CharField(_("employer"), max_length=200, blank=True)
    occupation = models.ForeignKey(
        "reference.Occupation",
        verbose_name=_("occupation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
    )
    country = models.ForeignKey(
        "reference.Country",
        verbose_name=_("country"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
    )
    start_date = models.DateField(_("from"))
    end_date = models.DateField(_("until"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("work experience")
        verbose_name_plural = _("work experience")
        ordering = ["-start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="work_experience_dates_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} – {self.employer}" if self.employer else self.title
