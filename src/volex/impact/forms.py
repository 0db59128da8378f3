from django import forms
from django.core.validators import FileExtensionValidator
from django.utils.translation import gettext_lazy as _

from volex.reference.models import Country

from .models import MAX_YEAR, MIN_YEAR
from .services import MAX_FILE_BYTES


class WageImportForm(forms.Form):
    file = forms.FileField(
        label=_("Wage table"),
        help_text=_(
            "A CSV (UTF-8) or Excel (.xlsx) file with the columns country, isco_code, currency, "
            "hourly_wage, year and source. Leave isco_code empty for a country's default wage. "
            "Nothing is saved unless every row is valid."
        ),
        validators=[FileExtensionValidator(["csv", "xlsx"])],
    )

    def clean_file(self):
        file = self.cleaned_data["file"]
        if file.size > MAX_FILE_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(mb)s MB."),
                code="too_large",
                params={"mb": MAX_FILE_BYTES // (1024 * 1024)},
            )
        return file


class WageFilterForm(forms.Form):
    country = forms.ModelChoiceField(
        label=_("Country"), queryset=Country.objects.none(), required=False
    )
    isco = forms.RegexField(
        label=_("ISCO-08 code"), regex=r"^[0-9]{1,4}$", required=False, max_length=4
    )
    year = forms.IntegerField(
        label=_("Year"), required=False, min_value=MIN_YEAR, max_value=MAX_YEAR
    )

    def __init__(self, *args, countries=None, **kwargs):
        super().__init__(*args, **kwargs)
        if countries is not None:
            self.fields["country"].queryset = countries

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        return {
            "country": data["country"].pk if data.get("country") else None,
            "isco": data.get("isco") or None,
            "year": data.get("year"),
        }
