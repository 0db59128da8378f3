from typing import Any

from django import forms
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from volex.core.choices import Category, LeaveNoOneBehindGroup, Sector
from volex.reference.models import Country, Language, Occupation, SDGGoal, SDGTarget
from volex.volunteers.forms import LanguageRowForm, SkillRowForm

from .models import HardshipClass
from .selectors import AssignmentFilters, occupation_by_title_or_code


class AssignmentFilterForm(forms.Form):
    """The filters of the public list; every field optional, bad values are ignored."""

    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    country = forms.ModelChoiceField(
        label=_("Country"),
        queryset=Country.objects.none(),
        required=False,
        empty_label=_("Any country"),
    )
    category = forms.ChoiceField(
        label=_("Category"), choices=[("", _("Any category")), *Category.choices], required=False
    )
    sector = forms.ChoiceField(
        label=_("Sector"), choices=[("", _("Any sector")), *Sector.choices], required=False
    )
    sdg = forms.ModelChoiceField(
        label=_("SDG"), queryset=SDGGoal.objects.all(), required=False, empty_label=_("Any goal")
    )
    language = forms.ModelChoiceField(
        label=_("Language"),
        queryset=Language.objects.none(),
        required=False,
        empty_label=_("Any language"),
    )

    def __init__(self, *args, countries=None, languages=None, **kwargs):
        super().__init__(*args, **kwargs)
        # Only the values that published assignments use: short lists, light pages.
        if countries is not None:
            self.fields["country"].queryset = countries
        if languages is not None:
            self.fields["language"].queryset = languages

    def filters(self) -> AssignmentFilters:
        if not self.is_valid():
            return AssignmentFilters()
        data = self.cleaned_data
        return AssignmentFilters(
            q=data.get("q") or "",
            country=data["country"].pk if data.get("country") else "",
            category=data.get("category") or "",
            sector=data.get("sector") or "",
            sdg=data["sdg"].pk if data.get("sdg") else None,
            language=data["language"].pk if data.get("language") else "",
        )


class DateInput(forms.DateInput):
    input_type = "date"


class AssignmentForm(forms.Form):
    """Every field of a description of assignment, as a host supervisor writes it."""

    title = forms.CharField(label=_("Title"), max_length=200)
    context = forms.CharField(
        label=_("Organizational context"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    tasks = forms.CharField(
        label=_("Tasks"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    expected_results = forms.CharField(
        label=_("Expected results"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    qualifications = forms.CharField(
        label=_("Qualifications"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    occupation = forms.CharField(
        label=_("ESCO occupation"),
        required=False,
        max_length=255,
        help_text=_(
            "The occupation of the work, by its ESCO title or code: it values the hours and "
            "guides matching."
        ),
        widget=forms.TextInput(
            attrs={
                "list": "occupation-options",
                "autocomplete": "off",
                "hx-get": reverse_lazy("assignments:occupation-options"),
                "hx-trigger": "input changed delay:300ms",
                "hx-target": "#occupation-options",
                "hx-swap": "innerHTML",
            }
        ),
    )
    category = forms.ChoiceField(label=_("Category"), choices=Category.choices)
    sector = forms.ChoiceField(label=_("Sector"), choices=Sector.choices)
    country = forms.ModelChoiceField(
        label=_("Duty station country"),
        queryset=Country.objects.all(),
        required=False,
        help_text=_("Leave empty for online assignments."),
    )
    place = forms.CharField(label=_("Duty station place"), max_length=120, required=False)
    hardship_class = forms.ChoiceField(
        label=_("Hardship class"), choices=HardshipClass.choices, initial=HardshipClass.A
    )
    is_family = forms.BooleanField(label=_("Family duty station"), required=False, initial=True)
    positions = forms.IntegerField(label=_("Number of positions"), min_value=1, initial=1)
    start_date = forms.DateField(label=_("Start date"), widget=DateInput)
    end_date = forms.DateField(
        label=_("End date"), widget=DateInput, help_text=_("The last day of service.")
    )
    application_deadline = forms.DateField(
        label=_("Application deadline"), required=False, widget=DateInput
    )
    sdg_goals = forms.ModelMultipleChoiceField(
        label=_("SDG goals"),
        queryset=SDGGoal.objects.all(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    sdg_targets = forms.CharField(
        label=_("SDG targets"),
        required=False,
        help_text=_("Target codes separated by commas, e.g. 3.1, 3.2."),
    )
    groups_reached = forms.MultipleChoiceField(
        label=_("Groups reached"),
        choices=LeaveNoOneBehindGroup.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def clean_occupation(self) -> Occupation | None:
        text = " ".join((self.cleaned_data.get("occupation") or "").split())
        if not text:
            return None
        found = occupation_by_title_or_code(text)
        if found is None:
            raise forms.ValidationError(
                _("“%(text)s” is not an ESCO occupation; pick a suggestion or give its code.")
                % {"text": text}
            )
        return found

    def clean_sdg_targets(self):
        codes = [c.strip() for c in (self.cleaned_data.get("sdg_targets") or "").split(",")]
        codes = [c for c in codes if c]
        found = set(SDGTarget.objects.filter(code__in=codes).values_list("code", flat=True))
        unknown = [c for c in codes if c not in found]
        if unknown:
            raise forms.ValidationError(
                _("Unknown SDG target(s): %(codes)s.") % {"codes": ", ".join(unknown)}
            )
        return codes

    def clean(self):
        data = super().clean()
        if data.get("category") == Category.ONLINE:
            data["country"] = None
        elif data.get("country") and not (data.get("place") or "").strip():
            self.add_error("place", _("Name the place of the duty station."))
        return data


class AssignmentLanguageRowForm(LanguageRowForm):
    is_required = forms.BooleanField(label=_("Required"), required=False, initial=True)


class AssignmentSkillRowForm(SkillRowForm):
    years = forms.IntegerField(label=_("Minimum years"), min_value=0, max_value=70, required=False)
    is_required = forms.BooleanField(label=_("Required"), required=False, initial=True)


AssignmentLanguageFormSet = forms.formset_factory(AssignmentLanguageRowForm, extra=2, max_num=20)
AssignmentSkillFormSet = forms.formset_factory(AssignmentSkillRowForm, extra=3, max_num=40)


class CommentForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


_STATION_FIELDS = ("country", "place", "hardship_class", "is_family")


def assignment_values(form: AssignmentForm, languages, skills) -> dict[str, Any]:
    """What the edit page says, in the words of the API's `AssignmentInput`, for the one mapping
    both share (`volex.assignments.inputs.assignment_data`). Every field of the form is passed on;
    only the duty station's four fields, the goals and the formset rows change shape."""
    data = dict(form.cleaned_data)
    station = {name: data.pop(name, None) for name in _STATION_FIELDS}
    data["duty_station"] = (
        {**station, "country": station["country"].pk} if station["country"] else None
    )
    data["sdg_goals"] = [goal.pk for goal in data.get("sdg_goals", [])]
    occupation = data.pop("occupation", None)
    data["occupation"] = occupation.pk if occupation else None
    data["skills"] = [
        {
            "skill": row["skill_obj"].pk,
            "is_required": row.get("is_required", False),
            "min_level": row["level"],
            "min_years": row.get("years") or 0,
        }
        for row in skills.cleaned_data
        if row.get("skill_obj")
    ]
    data["languages"] = [
        {
            "language": row["language_obj"].pk,
            "min_level": row["level"],
            "is_required": row.get("is_required", False),
        }
        for row in languages.cleaned_data
        if row.get("language_obj")
    ]
    return data
