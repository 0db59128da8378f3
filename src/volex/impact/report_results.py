"""What a contribution report gives: its totals, breakdowns and people reached, as frozen
rows (`volex.impact.report_building` builds them; the page, the exports and the API show them)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from django.utils.translation import gettext_lazy

from volex.domain.valuation import Money

from .report_scope import ReportScope


class Breakdown(StrEnum):
    SDG_GOAL = "sdg_goal"
    SDG_TARGET = "sdg_target"
    SECTOR = "sector"
    CATEGORY = "category"
    COUNTRY = "country"
    SEX = "sex"
    AGE_GROUP = "age_group"
    FORM = "form"  # organization-based or direct (ILO)
    MONTH = "month"  # the trend

    @property
    def label(self) -> str:
        return str(BREAKDOWN_LABELS[self])


BREAKDOWN_LABELS = {
    Breakdown.SDG_GOAL: gettext_lazy("SDG goal"),
    Breakdown.SDG_TARGET: gettext_lazy("SDG target"),
    Breakdown.SECTOR: gettext_lazy("Sector"),
    Breakdown.CATEGORY: gettext_lazy("Category"),
    Breakdown.COUNTRY: gettext_lazy("Country of service"),
    Breakdown.SEX: gettext_lazy("Sex of the volunteer"),
    Breakdown.AGE_GROUP: gettext_lazy("Age group of the volunteer"),
    Breakdown.FORM: gettext_lazy("Organization-based or direct"),
    Breakdown.MONTH: gettext_lazy("Month"),
}


@dataclass(frozen=True)
class ReportRow:
    key: str
    label: str
    hours: Decimal
    fte: Decimal
    value: Money | None  # None where the report could not value (see `Report.value_error`)
    deployments: int | None = None  # None for the monthly trend
    volunteers: int | None = None

    @property
    def value_amount(self) -> Decimal | None:
        return self.value.amount if self.value is not None else None


@dataclass(frozen=True)
class ReachRow:
    key: str
    label: str
    people: int


@dataclass(frozen=True)
class Report:
    scope: ReportScope
    currency: str
    volunteers: int
    deployments: int
    hours: Decimal
    fte: Decimal
    value: Money | None
    value_error: str  # why no value was given (a missing exchange rate), else ""
    hours_not_valued: Decimal
    notes: tuple[str, ...]
    breakdowns: dict[Breakdown, tuple[ReportRow, ...]]
    people_reached: int
    reach: dict[str, tuple[ReachRow, ...]]  # "sex", "age_group", "disability", "group"
    fallback_hours: dict[str, Decimal] = field(default_factory=dict)

    @property
    def basis(self) -> str:
        return self.scope.basis.describe()

    def rows(self, breakdown: Breakdown | str) -> tuple[ReportRow, ...]:
        return self.breakdowns[Breakdown(breakdown)]
