from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import AssessmentKind, ChecklistItem, ItemStatus
from .services import OFFER_DAYS


class DateInput(forms.DateInput):
    input_type = "date"


class ApplyForm(forms.Form):
    motivation = forms.CharField(
        label=_("Why you, why this assignment"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("A few sentences; up to 2,000 characters."),
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Why (optional)"), max_length=1000, required=False)


class AssessForm(forms.Form):
    kind = forms.ChoiceField(label=_("Assessment"), choices=AssessmentKind.choices)
    score = forms.IntegerField(label=_("Score (0–100)"), min_value=0, max_value=100)
    assessed_on = forms.DateField(label=_("Date"), required=False, widget=DateInput)
    notes = forms.CharField(
        label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


def default_expiry():
    return timezone.localdate() + timedelta(days=OFFER_DAYS)


class OfferForm(forms.Form):
    expires_on = forms.DateField(
        label=_("Offer open until"),
        widget=DateInput,
        initial=default_expiry,
        help_text=_("The offer expires at the end of this day (default: in 14 days)."),
    )
    reason = forms.CharField(label=_("Note (optional)"), max_length=1000, required=False)


class InviteForm(forms.Form):
    volunteer = forms.IntegerField(widget=forms.HiddenInput)
    message = forms.CharField(label=_("Message"), max_length=2000, required=False)


class OnboardingForm(forms.Form):
    item = forms.ChoiceField(label=_("Item"), choices=ChecklistItem.choices)
    status = forms.ChoiceField(label=_("Status"), choices=ItemStatus.choices)
    status_date = forms.DateField(label=_("Date"), required=False, widget=DateInput)
    notes = forms.CharField(label=_("Notes"), max_length=300, required=False)

    def __init__(self, *args, items: tuple[str, ...] | None = None, **kwargs) -> None:
        """`items`: the checklist items that apply (`services.checklist_for`); all by default."""
        super().__init__(*args, **kwargs)
        if items is not None:
            self.fields["item"].choices = [c for c in ChecklistItem.choices if c[0] in items]
