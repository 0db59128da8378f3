"""Contribution dashboard and its exports. Readable by administrators, programme managers (their
organizations) and host supervisors (their own organizations); others get 403."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from .charts import Chart, horizontal_chart, vertical_chart
from .exports import report_csv, report_xlsx
from .report_access import report_form
from .report_building import report_build
from .report_reach import reach_labels
from .report_results import Breakdown, Report
from .report_scope import ReportScope, ScopeKind

EXPORTS = ("csv", "xlsx", "pdf", "hxl", "iati")


def _hours_text(value) -> str:
    return f"{value:,.2f}"


def dashboard_charts(report: Report) -> list[Chart]:
    hours = _("approved hours")
    sdg = [
        (r.key, r.label, r.hours, _hours_text(r.hours))
        for r in report.rows(Breakdown.SDG_GOAL)
        if r.key
    ]
    countries = [
        (r.key, r.label, r.hours, _hours_text(r.hours)) for r in report.rows(Breakdown.COUNTRY)
    ]
    months = [(r.key, r.label, r.hours, _hours_text(r.hours)) for r in report.rows(Breakdown.MONTH)]
    return [
        horizontal_chart("sdg", _("Hours by SDG goal"), hours, _("SDG goal"), sdg),
        horizontal_chart(
            "country", _("Countries ranked by hours"), hours, _("Country of service"), countries
        ),
        vertical_chart("timeline", _("Hours by month"), hours, _("Month"), months),
    ]


def _file_name(scope: ReportScope, extension: str) -> str:
    return f"volex-report-{scope.kind}-{scope.start:%Y%m%d}-{scope.end:%Y%m%d}.{extension}"


def _attachment(content, content_type: str, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
@require_GET
def report_dashboard(request):
    form = report_form(request.GET, request.user)
    if not form.is_valid():
        return render(request, "impact/reports.html", {"form": form}, status=400)
    report = report_build(scope=form.scope())
    query = request.GET.urlencode()
    return render(
        request,
        "impact/reports.html",
        {
            "form": form,
            "report": report,
            "charts": dashboard_charts(report),
            "breakdowns": [(b, report.rows(b)) for b in Breakdown],
            "reach": [(reach_labels()[name], rows) for name, rows in report.reach.items()],
            "query": query,
            "can_iati": report.scope.kind is ScopeKind.PROGRAMME,
        },
    )


@login_required
@require_GET
def report_export(request, fmt: str):
    form = report_form(request.GET, request.user)
    if fmt not in EXPORTS:
        return HttpResponse(status=404)
    if not form.is_valid():
        return HttpResponse(form.errors.as_text(), status=400, content_type="text/plain")
    scope = form.scope()
    if fmt == "hxl":
        from .hxl import hxl_csv

        return _attachment(hxl_csv(scope), "text/csv; charset=utf-8", _file_name(scope, "3w.csv"))
    if fmt == "iati":
        if scope.kind is not ScopeKind.PROGRAMME:
            return HttpResponse(
                _("An IATI activity is reported for a programme: choose one."),
                status=400,
                content_type="text/plain",
            )
        from .iati import programme_activity_xml

        return _attachment(
            programme_activity_xml(scope), "application/xml", _file_name(scope, "iati.xml")
        )
    report = report_build(scope=scope)
    if fmt == "csv":
        return _attachment(report_csv(report), "text/csv; charset=utf-8", _file_name(scope, "csv"))
    if fmt == "xlsx":
        return _attachment(
            report_xlsx(report),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            _file_name(scope, "xlsx"),
        )
    from .pdf import report_pdf

    return _attachment(
        report_pdf(report, dashboard_charts(report)), "application/pdf", _file_name(scope, "pdf")
    )
