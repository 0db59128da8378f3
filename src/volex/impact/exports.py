"""A report as tables, and those tables as CSV and XLSX (openpyxl). Every figure of the page is
in the export, with the notes that state its basis (method, FTE, currency, fallbacks, rates)."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from volex.domain.valuation import Money

from .report_reach import reach_labels
from .report_results import Breakdown, Report


@dataclass(frozen=True)
class Table:
    key: str
    title: str
    header: tuple[str, ...]
    rows: tuple[tuple[object, ...], ...]


def _money(row_value: Money | None) -> object:
    return row_value.amount if row_value is not None else ""


def report_tables(report: Report) -> list[Table]:
    currency = report.currency
    summary = Table(
        "summary",
        _("Summary"),
        (_("Figure"), _("Value")),
        (
            (_("Report"), report.scope.title),
            (_("Volunteers"), report.volunteers),
            (_("Deployments"), report.deployments),
            (_("Approved hours"), report.hours),
            (_("Full-time equivalents"), report.fte),
            (_("FTE basis"), report.basis),
            (_("Value (replacement cost)"), _money(report.value)),
            (_("Currency"), currency),
            (_("Hours not valued"), report.hours_not_valued),
            (_("People reached"), report.people_reached),
        ),
    )
    tables = [summary]
    for breakdown in Breakdown:
        monthly = breakdown is Breakdown.MONTH
        header: tuple[str, ...] = (_("Key"), breakdown.label)
        if not monthly:
            header += (_("Deployments"), _("Volunteers"))
        header += (
            _("Approved hours"),
            _("FTE"),
            _("Value (%(currency)s)") % {"currency": currency},
        )
        rows = []
        for row in report.rows(breakdown):
            cells: tuple[object, ...] = (row.key, row.label)
            if not monthly:
                cells += (row.deployments, row.volunteers)
            cells += (row.hours, row.fte, _money(row.value))
            rows.append(cells)
        tables.append(Table(breakdown.value, breakdown.label, header, tuple(rows)))
    for name, title in reach_labels().items():
        tables.append(
            Table(
                f"reach_{name}",
                title,
                (_("Key"), _("Group"), _("People reached")),
                tuple((r.key, r.label, r.people) for r in report.reach[name]),
            )
        )
    tables.append(Table("notes", _("Notes"), (_("Note"),), tuple((n,) for n in report.notes)))
    return tables


def _cell(value: object) -> object:
    if isinstance(value, Decimal):
        return f"{value:f}"
    return value


def report_csv(report: Report) -> str:
    """One CSV: each table under a line naming it, a blank line between tables."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    for index, table in enumerate(report_tables(report)):
        if index:
            writer.writerow([])
        writer.writerow([f"# {table.title}"])
        writer.writerow(table.header)
        writer.writerows([_cell(c) for c in row] for row in table.rows)
    return buffer.getvalue()


def report_xlsx(report: Report) -> bytes:
    """One sheet per table; numbers stay numbers."""
    import openpyxl
    from openpyxl.styles import Font

    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for table in report_tables(report):
        sheet = workbook.create_sheet(title=table.title[:31].replace("/", "-"))
        sheet.append(list(table.header))
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in table.rows:
            sheet.append([float(c) if isinstance(c, Decimal) else c for c in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
