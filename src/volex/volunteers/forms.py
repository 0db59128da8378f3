"""Profile forms. Languages and skills are typed with a browser suggestion list (a <datalist>),
which works without JavaScript and keeps the page light on slow links."""

from typing import Any

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from volex.core.choices import Category, CEFRLevel, Sector
from volex.reference.models import Country, Language, Skill

from .models import SkillLevel


class DateInput(forms.DateInput):
    input_type = "date"


class ProfileForm(forms.Form):
    headline = forms.CharField(label=_("Headline"), max_length=160, required=False)
    summary = forms.CharField(
        label=_("About me"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    birth_date = forms.DateField(label=_("Date of birth"), required=False, widget=DateInput)
    gender = forms.CharField(
        label=_("Gender"),
        max_length=64,
        required=False,
        help_text=_("Optional, in your own words."),
    )
    nationalities = forms.ModelMultipleChoiceField(
        label=_("Nationalities"),
        queryset=Country.objects.all(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    heritage_countries = forms.ModelMultipleChoiceField(
        label=_("Countries of heritage"),
        queryset=Country.objects.all(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=_("Countries your family comes from, for diaspora assignments."),
    )
    residence_country = forms.ModelChoiceField(
        label=_("Country of residence"), queryset=Country.objects.all(), required=False
    )
    sectors = forms.MultipleChoiceField(
        label=_("Sectors of interest"),
        choices=Sector.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    eligible_categories = forms.MultipleChoiceField(
        label=_("Categories I may serve in"),
        choices=Category.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    available_from = forms.DateField(label=_("Available from"), required=False, widget=DateInput)
    available_until = forms.DateField(label=_("Available until"), required=False, widget=DateInput)
    consent_to_matching = forms.BooleanField(
        label=_("Suggest me to host organizations for assignments that fit my profile."),
        required=False,
    )


class LanguageRowForm(forms.Form):
    language = forms.CharField(
        label=_("Language"),
        required=False,
        widget=forms.TextInput(attrs={"list": "language-options", "autocomplete": "off"}),
    )
    level = forms.ChoiceField(
        label=_("Level"), choices=[("", "—"), *CEFRLevel.choices], required=False
    )

    def clean(self):
        data = super().clean()
        text = (data.get("language") or "").strip()
        if not text:
            return data
        # pycountry names some languages "Swahili (macrolanguage)"; people type "Swahili".
        match = (
            Language.objects.filter(
                Q(code__iexact=text)
                | Q(name__iexact=text)
                | Q(name__iexact=f"{text} (macrolanguage)")
            )
            .order_by("-is_common", "name")
            .first()
        )
        if match is None:
            self.add_error("language", _("Unknown language “%(text)s”.") % {"text": text})
        elif not data.get("level"):
            self.add_error("level", _("Choose your level in %(language)s.") % {"language": match})
        data["language_obj"] = match
        return data


class SkillRowForm(forms.Form):
    skill = forms.CharField(
        label=_("Skill"),
        required=False,
        widget=forms.TextInput(attrs={"list": "skill-options", "autocomplete": "off"}),
    )
    level = forms.ChoiceField(
        label=_("Level"), choices=[("", "—"), *SkillLevel.choices], required=False
    )
    years = forms.IntegerField(label=_("Years"), min_value=0, max_value=70, required=False)

    def clean(self):
        data = super().clean()
        text = (data.get("skill") or "").strip()
        if not text:
            return data
        match = Skill.objects.filter(title__iexact=text).order_by("level").first()
        if match is None:
            self.add_error(
                "skill",
                _("“%(text)s” is not in the skill list; pick a suggestion.") % {"text": text},
            )
        elif not data.get("level"):
            self.add_error("level", _("Choose your level."))
        data["skill_obj"] = match
        return data


LanguageFormSet = forms.formset_factory(LanguageRowForm, extra=2, max_num=20)
SkillFormSet = forms.formset_factory(SkillRowForm, extra=3, max_num=40)


def profile_values(form: ProfileForm, languages, skills) -> dict[str, Any]:
    """What the profile page says, in the words of the API's `ProfileInput`, for the one mapping
    both share (`volex.volunteers.inputs.profile_data`). Every field of the form is passed on;
    only the countries and the formset rows change shape."""
    data = dict(form.cleaned_data)
    data["nationalities"] = [c.pk for c in data.get("nationalities", [])]
    data["heritage_countries"] = [c.pk for c in data.get("heritage_countries", [])]
    residence = data.get("residence_country")
    data["residence_country"] = residence.pk if residence else None
    data["languages"] = [
        {"language": row["language_obj"].pk, "level": row["level"]}
        for row in languages.cleaned_data
        if row.get("language_obj")
    ]
    data["skills"] = [
        {"skill": row["skill_obj"].pk, "level": row["level"], "years": row.get("years") or 0}
        for row in skills.cleaned_data
        if row.get("skill_obj")
    ]
    return data
