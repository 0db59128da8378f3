"""Results of a service and the people they reached, disaggregated for reports."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from volex.core.choices import LeaveNoOneBehindGroup
from volex.core.models import TimeStampedModel

from .service import Deployment


class Result(TimeStampedModel):
    """An output of the service and the people it reached."""

    deployment = models.ForeignKey(
        Deployment, verbose_name=_("deployment"), on_delete=models.CASCADE, related_name="results"
    )
    description = models.TextField(_("description"))
    output = models.CharField(_("output"), max_length=300, blank=True)
    sdg_targets = models.ManyToManyField(
        "reference.SDGTarget", verbose_name=_("SDG targets"), related_name="+", blank=True
    )
    date = models.DateField(_("date"))

    class Meta:
        verbose_name = _("result")
        verbose_name_plural = _("results")
        ordering = ["-date", "-pk"]

    def __str__(self) -> str:
        return self.output or self.description[:60]


class Sex(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")
    OTHER = "other", _("Other")
    UNKNOWN = "unknown", _("Unknown")


class AgeGroup(models.TextChoices):
    CHILDREN = "0-14", _("0–14")
    YOUTH = "15-24", _("15–24")
    ADULTS = "25-64", _("25–64")
    OLDER = "65+", _("65 and over")
    UNKNOWN = "unknown", _("Unknown")


class ResultReach(models.Model):
    """People reached by a result, in one cell of the disaggregation."""

    result = models.ForeignKey(
        Result, verbose_name=_("result"), on_delete=models.CASCADE, related_name="reach"
    )
    sex = models.CharField(_("sex"), max_length=8, choices=Sex.choices, default=Sex.UNKNOWN)
    age_group = models.CharField(
        _("age group"), max_length=8, choices=AgeGroup.choices, default=AgeGroup.UNKNOWN
    )
    with_disability = models.BooleanField(_("with a disability"), default=False)
    group = models.CharField(
        _("group left behind"), max_length=24, choices=LeaveNoOneBehindGroup.choices, blank=True
    )
    people = models.PositiveIntegerField(_("people"))

    class Meta:
        verbose_name = _("people reached")
        verbose_name_plural = _("people reached")
        constraints = [
            models.CheckConstraint(condition=Q(people__gt=0), name="result_reach_people_positive"),
            models.CheckConstraint(condition=Q(sex__in=Sex.values), name="result_reach_sex_valid"),
            models.CheckConstraint(
                condition=Q(age_group__in=AgeGroup.values), name="result_reach_age_group_valid"
            ),
            models.CheckConstraint(
                condition=Q(group="") | Q(group__in=LeaveNoOneBehindGroup.values),
                name="result_reach_group_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.people} ({self.sex}, {self.age_group})"
