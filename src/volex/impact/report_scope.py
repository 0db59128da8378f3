"""What a contribution report is about (ADR 0004): a scope over a period, seen by a user.

A scope is a programme (an organization and its field offices), an organization alone, a
country of service or a mission (UN peace operation), over a period: a host supervisor's report
holds only their organizations' deployments, a programme manager's only those of the
organizations they manage, an administrator's everything. The deployments serving in the period
and the approved hours dated in it are the scope's two querysets.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum
from functools import cached_property

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from volex.deployments.models import Deployment, HourRecord, HourStatus, ResultReach
from volex.deployments.selectors import in_service_during
from volex.domain.valuation import DEFAULT_FULL_TIME_YEAR, FullTimeYear
from volex.organizations.models import Organization
from volex.organizations.selectors import organization_descendant_ids
from volex.reference.models import Country, PeaceOperation


class ScopeKind(StrEnum):
    ALL = "all"
    PROGRAMME = "programme"  # an organization and its field offices
    ORGANIZATION = "organization"  # the organization alone
    COUNTRY = "country"  # the country of service
    MISSION = "mission"  # a UN peace operation

    @property
    def label(self) -> str:
        return str(SCOPE_LABELS[self])


SCOPE_LABELS = {
    ScopeKind.ALL: gettext_lazy("Everything you may see"),
    ScopeKind.PROGRAMME: gettext_lazy("Programme (an organization and its field offices)"),
    ScopeKind.ORGANIZATION: gettext_lazy("Organization"),
    ScopeKind.COUNTRY: gettext_lazy("Country of service"),
    ScopeKind.MISSION: gettext_lazy("Mission"),
}


class ReportError(Exception):
    """A report asked for something it cannot show (an unknown organization, a bad period)."""


@dataclass(frozen=True)
class ReportScope:
    kind: ScopeKind
    start: date
    end: date
    organization: Organization | None = None
    country: Country | None = None
    mission: PeaceOperation | None = None
    # organizations whose deployments the viewer may see; None: all (administrators)
    visible_organization_ids: frozenset[int] | None = None
    currency: str | None = None  # None: the wages' own currency if they share one, else USD
    basis: FullTimeYear = DEFAULT_FULL_TIME_YEAR

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ReportError(_("The period ends before it starts."))
        needed = {
            ScopeKind.PROGRAMME: self.organization,
            ScopeKind.ORGANIZATION: self.organization,
            ScopeKind.COUNTRY: self.country,
            ScopeKind.MISSION: self.mission,
        }
        if self.kind in needed and needed[self.kind] is None:
            raise ReportError(_("Choose what the report is about."))

    @property
    def title(self) -> str:
        subject = {
            ScopeKind.ALL: lambda: _("All deployments you may see"),
            ScopeKind.PROGRAMME: lambda: _("Programme: %(name)s") % {"name": self.organization},
            ScopeKind.ORGANIZATION: lambda: str(self.organization),
            ScopeKind.COUNTRY: lambda: str(self.country),
            ScopeKind.MISSION: lambda: f"{self.mission.acronym}: {self.mission.name}",
        }[self.kind]()
        return _("%(subject)s, %(start)s to %(end)s") % {
            "subject": subject,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
        }

    @property
    def period_years(self) -> Decimal:
        """The period in years for FTE: whole months count as twelfths of a year, other
        periods as days ÷ 365 (a calendar year is exactly 1)."""
        months = _whole_months(self.start, self.end)
        if months is not None:
            return Decimal(months) / Decimal(12)
        return Decimal((self.end - self.start).days + 1) / Decimal(365)

    @cached_property
    def programme(self) -> frozenset[int]:
        """The programme's organizations (looked up once: every statement filters by them)."""
        return programme_ids(self.organization)

    def deployment_filter(self, prefix: str = "") -> Q:
        """The scope as a filter on deployments (`prefix`: the path to a deployment)."""
        p = prefix
        q = Q()
        if self.visible_organization_ids is not None:
            q &= Q(**{f"{p}assignment__host_id__in": sorted(self.visible_organization_ids)})
        if self.kind is ScopeKind.PROGRAMME:
            q &= Q(**{f"{p}assignment__host_id__in": sorted(self.programme)})
        elif self.kind is ScopeKind.ORGANIZATION:
            q &= Q(**{f"{p}assignment__host_id": self.organization.pk})
        elif self.kind is ScopeKind.COUNTRY:
            code = self.country.pk
            q &= Q(**{f"{p}duty_station__country_id": code}) | Q(
                **{f"{p}duty_station__isnull": True, f"{p}assignment__host__country_id": code}
            )
        elif self.kind is ScopeKind.MISSION:
            mission = self.mission.pk
            q &= (
                Q(**{f"{p}duty_station__peace_operation_id": mission})
                | Q(**{f"{p}assignment__host__peace_operation_id": mission})
                | Q(**{f"{p}assignment__host__parent__peace_operation_id": mission})
            )
        return q


def _whole_months(start: date, end: date) -> int | None:
    if start.day != 1:
        return None
    following = date(end.year + (end.month == 12), end.month % 12 + 1, 1)
    if (following - end).days != 1:
        return None
    return (end.year - start.year) * 12 + end.month - start.month + 1


def programme_ids(organization: Organization) -> frozenset[int]:
    """The organization and its field offices (all levels below it)."""
    return organization_descendant_ids([organization.pk])


# --- the queries ------------------------------------------------------------------------------


# The last day of service of a deployment, in the database: `volex.domain.service`'s rule.
def deployments_in_scope(scope: ReportScope) -> QuerySet[Deployment]:
    """Deployments in service at some time in the period, within the scope."""
    return Deployment.objects.filter(
        scope.deployment_filter(), in_service_during(scope.start, scope.end)
    )


def approved_hours_in_scope(scope: ReportScope) -> QuerySet[HourRecord]:
    """Approved hour records whose period starts within the report's period, within the scope."""
    return HourRecord.objects.filter(
        scope.deployment_filter("deployment__"),
        status=HourStatus.APPROVED,
        period_start__gte=scope.start,
        period_start__lte=scope.end,
    )


def reach_in_scope(scope: ReportScope) -> QuerySet[ResultReach]:
    """The people-reached cells of results dated within the report's period, within the scope."""
    return ResultReach.objects.filter(
        scope.deployment_filter("result__deployment__"),
        result__date__gte=scope.start,
        result__date__lte=scope.end,
    )
