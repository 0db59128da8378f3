"""Contribution reports: what volunteers gave over a period, valued the ILO way (ADR 0004).

The public names of reports, from the modules that hold them, one responsibility each:

- `report_scope`: what a report is about (`ReportScope`, its kind, the programme's
  organizations, the deployments serving and the approved hours in the period);
- `report_cube`: the statements the database adds up (six whatever the rows);
- `report_valuing`: the grouped hours valued (replacement cost, FTE);
- `report_reach`: the people reached by the results of the period;
- `report_building`: `report_build`, the cube's rows turned into a `Report`;
- `report_results`: the `Report` and its rows;
- `exports`, `iati`, `hxl`, `pdf`: the report as files.
"""

from __future__ import annotations

from .report_building import REPORT_SETTINGS, report_build, sex_of
from .report_cube import COUNTRY_OF_DEPLOYMENT, NONE_KEY, whole_months
from .report_reach import REACH_DIMENSIONS, reach_labels
from .report_results import BREAKDOWN_LABELS, Breakdown, ReachRow, Report, ReportRow
from .report_scope import (
    SCOPE_LABELS,
    ReportError,
    ReportScope,
    ScopeKind,
    approved_hours_in_scope,
    deployments_in_scope,
    programme_ids,
)

__all__ = [
    "BREAKDOWN_LABELS",
    "COUNTRY_OF_DEPLOYMENT",
    "NONE_KEY",
    "REACH_DIMENSIONS",
    "REPORT_SETTINGS",
    "SCOPE_LABELS",
    "Breakdown",
    "ReachRow",
    "Report",
    "ReportError",
    "ReportRow",
    "ReportScope",
    "ScopeKind",
    "approved_hours_in_scope",
    "deployments_in_scope",
    "programme_ids",
    "reach_labels",
    "report_build",
    "sex_of",
    "whole_months",
]
