from django import forms
from django.utils.translation import gettext_lazy as _

from volex.core.choices import Category, Sector
from volex.reference.models import Country, Language, SDGGoal

from .selectors import AssignmentFilters


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
