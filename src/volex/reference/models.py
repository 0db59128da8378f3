"""Reference data: countries, languages, SDGs, ISCO-08, ESCO occupations and skills, UN peace
operations. Loaded by migration ``0002_load_reference_data`` (and ``manage.py load_reference``)
from the files under ``data/``; see ``data/ATTRIBUTION.md`` for sources and licences."""

from __future__ import annotations

from django.db import models
from django.db.models.functions import Length
from django.utils.translation import gettext_lazy as _

from .localization import (
    COUNTRY_DOMAIN,
    LANGUAGE_DOMAIN,
    sdg_language,
    translate_iso_name,
)


class Country(models.Model):
    code = models.CharField(
        _("code"), max_length=2, primary_key=True, help_text=_("ISO 3166-1 alpha-2 code.")
    )
    alpha3 = models.CharField(
        _("alpha-3 code"), max_length=3, unique=True, help_text=_("ISO 3166-1 alpha-3 code.")
    )
    name = models.CharField(_("name"), max_length=100, help_text=_("English common name."))
    numeric = models.CharField(
        _("numeric code"), max_length=3, help_text=_("ISO 3166-1 numeric code.")
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("country")
        verbose_name_plural = _("countries")

    def __str__(self) -> str:
        return self.localized_name

    @property
    def localized_name(self) -> str:
        """The name in the active language (pycountry's iso3166-1 catalogues)."""
        return translate_iso_name(COUNTRY_DOMAIN, self.name)


class Language(models.Model):
    code = models.CharField(
        _("code"),
        max_length=3,
        primary_key=True,
        help_text=_("ISO 639-1 code where the language has one, else ISO 639-3."),
    )
    alpha3 = models.CharField(
        _("ISO 639-3 code"), max_length=3, unique=True, help_text=_("ISO 639-3 code.")
    )
    name = models.CharField(_("name"), max_length=100)
    is_common = models.BooleanField(
        _("common"),
        default=False,
        db_index=True,
        help_text=_("Has an ISO 639-1 code; forms offer these languages first."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("language")
        verbose_name_plural = _("languages")

    def __str__(self) -> str:
        return self.localized_name

    @property
    def localized_name(self) -> str:
        """The name in the active language (pycountry's iso639-3 catalogues), without ISO's
        "(macrolanguage)" qualifier that no volunteer uses ("Swahili", not "Swahili
        (macrolanguage)")."""
        name = translate_iso_name(LANGUAGE_DOMAIN, self.name)
        return name.split(" (macro")[0] if "(macro" in name else name


class SDGGoal(models.Model):
    number = models.PositiveSmallIntegerField(_("number"), primary_key=True)
    title = models.TextField(_("title"), help_text=_("Official title, in English."))
    short_title = models.CharField(
        _("short title"), max_length=100, help_text=_("Short title, in English.")
    )
    translations = models.JSONField(
        _("translations"),
        default=dict,
        blank=True,
        help_text=_('Titles in the other UN languages: {"fr": {"title": ..., "short": ...}}.'),
    )

    class Meta:
        ordering = ["number"]
        verbose_name = _("SDG goal")
        verbose_name_plural = _("SDG goals")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(number__gte=1, number__lte=17),
                name="reference_sdggoal_number_1_17",
            )
        ]

    def __str__(self) -> str:
        return _("SDG %(number)s: %(title)s") % {
            "number": self.number,
            "title": self.localized_short_title,
        }

    def _text_in(self, kind: str, language: str | None) -> str:
        lang = sdg_language(language)
        english = self.title if kind == "title" else self.short_title
        if lang == "en":
            return english
        return (self.translations or {}).get(lang, {}).get(kind) or english

    def title_in(self, language: str | None) -> str:
        return self._text_in("title", language)

    def short_in(self, language: str | None) -> str:
        return self._text_in("short", language)

    @property
    def localized_title(self) -> str:
        return self.title_in(None)

    @property
    def localized_short_title(self) -> str:
        return self.short_in(None)


class SDGTarget(models.Model):
    code = models.CharField(_("code"), max_length=5, primary_key=True)
    goal = models.ForeignKey(
        SDGGoal, on_delete=models.PROTECT, related_name="targets", verbose_name=_("goal")
    )
    sort_key = models.PositiveSmallIntegerField(
        _("sort key"),
        help_text=_("Order within the goal: numbered targets (1-99), then lettered ones (101+)."),
    )
    title = models.TextField(_("title"), help_text=_("Official text, in English."))
    translations = models.JSONField(
        _("translations"),
        default=dict,
        blank=True,
        help_text=_('Texts in the other UN languages: {"fr": "..."}.'),
    )

    class Meta:
        ordering = ["goal", "sort_key"]
        verbose_name = _("SDG target")
        verbose_name_plural = _("SDG targets")
        constraints = [
            models.UniqueConstraint(
                fields=["goal", "sort_key"], name="reference_sdgtarget_unique_goal_sort_key"
            )
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.localized_title}"

    def title_in(self, language: str | None) -> str:
        lang = sdg_language(language)
        if lang == "en":
            return self.title
        return (self.translations or {}).get(lang) or self.title

    @property
    def localized_title(self) -> str:
        return self.title_in(None)


class ISCOGroup(models.Model):
    code = models.CharField(
        _("code"),
        max_length=4,
        primary_key=True,
        help_text=_("ISCO-08 code: 1 digit for a major group ... 4 digits for a unit group."),
    )
    level = models.PositiveSmallIntegerField(
        _("level"), help_text=_("1 major, 2 sub-major, 3 minor, 4 unit group.")
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent group"),
    )
    title = models.CharField(_("title"), max_length=255)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("ISCO-08 group")
        verbose_name_plural = _("ISCO-08 groups")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(level__gte=1, level__lte=4), name="reference_iscogroup_level_1_4"
            ),
            models.CheckConstraint(
                condition=models.Q(level=Length("code")),
                name="reference_iscogroup_level_is_code_length",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class Occupation(models.Model):
    esco_code = models.CharField(
        _("ESCO code"), max_length=20, unique=True, help_text=_('For example "2654.1.7".')
    )
    uri = models.URLField(_("ESCO URI"), max_length=255, unique=True)
    title = models.CharField(_("title"), max_length=255)
    alt_labels = models.TextField(
        _("alternative labels"), blank=True, help_text=_("One label per line.")
    )
    description = models.TextField(_("description"), blank=True)
    isco_group = models.ForeignKey(
        ISCOGroup,
        on_delete=models.PROTECT,
        related_name="occupations",
        verbose_name=_("ISCO-08 unit group"),
    )

    class Meta:
        ordering = ["title"]
        verbose_name = _("occupation")
        verbose_name_plural = _("occupations")

    def __str__(self) -> str:
        return self.title

    @property
    def alt_label_list(self) -> list[str]:
        return [label for label in self.alt_labels.splitlines() if label]


class Skill(models.Model):
    """An ESCO skill group. The individual ESCO skills are not shipped, so the skill groups are
    the taxonomy volunteers and assignments pick skills from."""

    uri = models.URLField(_("ESCO URI"), max_length=255, unique=True)
    code = models.CharField(
        _("ESCO code"),
        max_length=10,
        blank=True,
        db_index=True,
        help_text=_('ESCO skill-group code such as "S1.2"; blank for knowledge fields.'),
    )
    title = models.CharField(_("title"), max_length=255)
    alt_labels = models.TextField(
        _("alternative labels"), blank=True, help_text=_("One label per line.")
    )
    description = models.TextField(_("description"), blank=True)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("broader group"),
    )
    level = models.PositiveSmallIntegerField(
        _("level"), help_text=_("Depth from the top of the taxonomy: 1 = top level.")
    )
    root = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="descendants",
        verbose_name=_("top-level group"),
        help_text=_("The level-1 ancestor (a top-level group is its own root)."),
    )

    class Meta:
        ordering = ["title"]
        verbose_name = _("skill")
        verbose_name_plural = _("skills")
        constraints = [
            models.CheckConstraint(condition=models.Q(level__gte=1), name="reference_skill_level")
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def alt_label_list(self) -> list[str]:
        return [label for label in self.alt_labels.splitlines() if label]

    def same_group_as(self, other: Skill) -> bool:
        """Whether both skills sit under the same top-level ESCO group."""
        return self.root_id is not None and self.root_id == other.root_id


class PeaceOperation(models.Model):
    acronym = models.CharField(_("acronym"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=255)
    lead_department = models.CharField(
        _("lead department"), max_length=20, blank=True, help_text=_("DPO or DPPA.")
    )
    is_active = models.BooleanField(_("active"), default=False)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    headquarters = models.CharField(_("headquarters"), max_length=100, blank=True)
    country = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="peace_operations",
        verbose_name=_("country of the headquarters"),
    )
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )

    class Meta:
        ordering = ["acronym"]
        verbose_name = _("UN peace operation")
        verbose_name_plural = _("UN peace operations")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(latitude__isnull=True)
                | models.Q(latitude__gte=-90, latitude__lte=90),
                name="reference_peaceoperation_latitude_range",
            ),
            models.CheckConstraint(
                condition=models.Q(longitude__isnull=True)
                | models.Q(longitude__gte=-180, longitude__lte=180),
                name="reference_peaceoperation_longitude_range",
            ),
            models.CheckConstraint(
                condition=models.Q(latitude__isnull=True, longitude__isnull=True)
                | models.Q(latitude__isnull=False, longitude__isnull=False),
                name="reference_peaceoperation_both_coordinates",
            ),
            models.CheckConstraint(
                condition=models.Q(start_date__isnull=True)
                | models.Q(end_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="reference_peaceoperation_dates_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.acronym} — {self.name}"
