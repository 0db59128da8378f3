from django import forms
from django.utils.translation import gettext_lazy as _

from volex.core.choices import LeaveNoOneBehindGroup

from .models import AgeGroup, EarlyEndReason, PerformanceRating, Safety, Sex


class DateInput(forms.DateInput):
    input_type = "date"


class StartForm(forms.Form):
    start_date = forms.DateField(label=_("Entry on duty"), widget=DateInput, required=False)


class HoursForm(forms.Form):
    period_start = forms.DateField(label=_("From"), widget=DateInput)
    period_end = forms.DateField(label=_("To"), widget=DateInput)
    hours = forms.DecimalField(label=_("Hours"), max_digits=5, decimal_places=2, min_value=0)
    activity = forms.CharField(
        label=_("Activity"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class RejectForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=1000)


class CheckInForm(forms.Form):
    # The empty first choice: a form sent untouched must not report "1, very low" or "safe";
    # every answer is required, so the volunteer picks each one.
    SCALE = [("", "—"), *((n, str(n)) for n in range(1, 6))]
    wellbeing = forms.TypedChoiceField(
        label=_("How are you? (1 very low – 5 very well)"), choices=SCALE, coerce=int
    )
    workload = forms.TypedChoiceField(
        label=_("Workload (1 very light – 5 overwhelming)"), choices=SCALE, coerce=int
    )
    safety = forms.ChoiceField(label=_("Safety"), choices=[("", "—"), *Safety.choices])
    note = forms.CharField(
        label=_("Anything else"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    wants_to_talk = forms.BooleanField(label=_("I would like to talk to someone"), required=False)


class ResultForm(forms.Form):
    description = forms.CharField(label=_("Description"), widget=forms.Textarea(attrs={"rows": 2}))
    output = forms.CharField(label=_("Output"), max_length=300, required=False)
    date = forms.DateField(label=_("Date"), widget=DateInput)
    sdg_targets = forms.CharField(
        label=_("SDG targets"), required=False, help_text=_("Codes separated by commas, e.g. 4.1")
    )
    sex = forms.ChoiceField(label=_("Sex"), choices=Sex.choices, initial=Sex.UNKNOWN)
    age_group = forms.ChoiceField(
        label=_("Age group"), choices=AgeGroup.choices, initial=AgeGroup.UNKNOWN
    )
    with_disability = forms.BooleanField(label=_("With a disability"), required=False)
    group = forms.ChoiceField(
        label=_("Group left behind"),
        choices=[("", "—"), *LeaveNoOneBehindGroup.choices],
        required=False,
    )
    people = forms.IntegerField(label=_("People reached"), min_value=1)


class ExtendForm(forms.Form):
    # The deployment page shows the three forms together: ids of their own, names unchanged.
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "extend_%s")
        super().__init__(*args, **kwargs)

    new_end_date = forms.DateField(label=_("New end date"), widget=DateInput)
    reason = forms.CharField(label=_("Reason"), required=False, max_length=1000)


class EndEarlyForm(forms.Form):
    # The deployment page shows the three forms together: ids of their own, names unchanged.
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "end_early_%s")
        super().__init__(*args, **kwargs)

    reason = forms.ChoiceField(label=_("Reason"), choices=EarlyEndReason.choices)
    end_date = forms.DateField(label=_("Last day"), widget=DateInput, required=False)
    note = forms.CharField(label=_("Note"), required=False, max_length=2000)


class CompleteForm(forms.Form):
    # The deployment page shows the three forms together: ids of their own, names unchanged.
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "complete_%s")
        super().__init__(*args, **kwargs)

    rating = forms.ChoiceField(label=_("Performance"), choices=PerformanceRating.choices)
    assessment = forms.CharField(
        label=_("Performance assessment"), widget=forms.Textarea(attrs={"rows": 4})
    )
    end_date = forms.DateField(label=_("Last day"), widget=DateInput, required=False)


class FollowUpForm(forms.Form):
    notes = forms.CharField(label=_("What was done"), widget=forms.Textarea(attrs={"rows": 2}))
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("followed_up", _("Followed up")), ("closed", _("Closed"))],
    )


class RollCallForm(forms.Form):
    message = forms.CharField(label=_("Message"), required=False, max_length=1000)
