"""Who may read contribution reports, and the report a request asks for.

Administrators see everything; programme managers the organizations they manage (and their field
offices); host supervisors their own organizations only; volunteers and anonymous users nothing.
The same parsing serves the pages, the exports and the API."""

from __future__ import annotations

from datetime import date

from django import forms
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from volex.organizations.models import Organization
from volex.organizations.roles import (
    is_administrator,
    managed_organization_ids,
    supervised_organization_ids,
)
from volex.reference.models import Country, PeaceOperation

from .report_scope import ReportError, ReportScope, ScopeKind


def report_organization_ids(user) -> frozenset[int] | None:
    """Organizations whose reports `user` may read; None: all (administrators)."""
    if is_administrator(user):
        return None
    return managed_organization_ids(user) | supervised_organization_ids(user)


def can_read_reports(user) -> bool:
    ids = report_organization_ids(user)
    return ids is None or bool(ids)


class ReportForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Report on"),
        choices=[(k.value, k.label) for k in ScopeKind],
        initial=ScopeKind.ALL.value,
        required=False,
    )
    organization = forms.ModelChoiceField(
        label=_("Programme or organization"), queryset=Organization.objects.none(), required=False
    )
    country = forms.ModelChoiceField(
        label=_("Country of service"), queryset=Country.objects.all(), required=False
    )
    mission = forms.ModelChoiceField(
        label=_("Mission"), queryset=PeaceOperation.objects.order_by("acronym"), required=False
    )
    start = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    currency = forms.RegexField(
        label=_("Currency"),
        regex=r"^[A-Za-z]{3}$",
        required=False,
        help_text=_("ISO 4217 code; empty: the wages' own currency where they share one."),
    )

    def __init__(self, data=None, *, user, **kwargs):
        super().__init__(data, **kwargs)
        self.user = user
        self.visible = report_organization_ids(user)
        organizations = Organization.objects.order_by("name")
        if self.visible is not None:
            organizations = organizations.filter(pk__in=self.visible)
        self.fields["organization"].queryset = organizations
        self.fields["mission"].label_from_instance = lambda m: f"{m.acronym}: {m.name}"

    def clean(self):
        data = super().clean()
        today = timezone.localdate()
        data["kind"] = data.get("kind") or ScopeKind.ALL.value
        data["start"] = data.get("start") or date(today.year, 1, 1)
        data["end"] = data.get("end") or date(data["start"].year, 12, 31)
        kind = ScopeKind(data["kind"])
        needs = {
            ScopeKind.PROGRAMME: "organization",
            ScopeKind.ORGANIZATION: "organization",
            ScopeKind.COUNTRY: "country",
            ScopeKind.MISSION: "mission",
        }.get(kind)
        if needs and not data.get(needs):
            self.add_error(needs, _("Choose one for this report."))
        if data["end"] < data["start"]:
            self.add_error("end", _("The period ends before it starts."))
        return data

    def scope(self) -> ReportScope:
        data = self.cleaned_data
        try:
            return ReportScope(
                kind=ScopeKind(data["kind"]),
                start=data["start"],
                end=data["end"],
                organization=data.get("organization"),
                country=data.get("country"),
                mission=data.get("mission"),
                visible_organization_ids=self.visible,
                currency=(data.get("currency") or "").upper() or None,
            )
        except ReportError as error:  # pragma: no cover - clean() catches these first
            raise forms.ValidationError(str(error)) from error


def report_form(request_data, user) -> ReportForm:
    """The bound form of a request; PermissionDenied for users who may read no report."""
    if not can_read_reports(user):
        raise PermissionDenied
    # an unbound request still gets the defaults (this year, everything visible)
    return ReportForm(request_data if request_data else {}, user=user)
