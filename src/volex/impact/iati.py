"""A programme as an IATI 2.03 activity (https://iatistandard.org/en/iati-standard/203/):
participating organizations, activity dates, recipient countries, SDG goals and targets as
sectors (vocabularies 7 and 8) and tags (vocabularies 2 and 3), and results (approved hours and
people reached, with sex and age dimensions). Element order follows the 2.03 schema
(`iati-identifier`, then `reporting-org` first); a test validates the output against it.

Volex holds no IATI organization identifiers yet: organizations are identified with the
`XI-VOLEX` prefix and their slug, to be replaced by registered identifiers."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import cast

from django.db.models import Count, Max, Min
from django.utils import timezone
from lxml import etree

from volex.organizations.models import Organization

from .report_building import report_build
from .report_results import Breakdown, Report
from .report_scope import ReportScope, ScopeKind, deployments_in_scope

IDENTIFIER_PREFIX = "XI-VOLEX"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# Volex organization kinds → IATI OrganisationType codes
ORGANISATION_TYPE = {
    "un_entity": "40",
    "peace_operation": "40",
    "government": "10",
    "ngo": "21",
    "national_scheme": "10",
    "academic": "80",
    "private_sector": "70",
}


def organization_ref(organization: Organization) -> str:
    return f"{IDENTIFIER_PREFIX}-{organization.slug}"


def _narrative(parent: etree._Element, text: str) -> None:
    etree.SubElement(parent, "narrative").text = text


def _percentages(weights: list[tuple[str, Decimal]]) -> list[tuple[str, Decimal]]:
    """Shares of 100 with two decimals that add up to exactly 100 (the largest takes the rest);
    equal shares when nothing has weight yet (deployments, no hours), none when nothing is
    there to share (a new programme, a period before its first deployment)."""
    if not weights:
        return []
    total = sum((w for _k, w in weights), Decimal(0))
    if total <= 0:
        share = (Decimal(100) / len(weights)).quantize(Decimal("0.01"))
        shares = [(k, share) for k, _w in weights]
    else:
        shares = [
            (k, (w * 100 / total).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))
            for k, w in weights
        ]
    if shares:
        rest = Decimal(100) - sum((s for _k, s in shares), Decimal(0))
        top = max(range(len(shares)), key=lambda i: shares[i][1])
        shares[top] = (shares[top][0], shares[top][1] + rest)
    return shares


def programme_activity_xml(scope: ReportScope) -> bytes:
    """The IATI activity XML of the programme `scope.organization` over `scope`'s period."""
    if scope.kind is not ScopeKind.PROGRAMME:
        raise ValueError("An IATI activity is reported for a programme")
    report = report_build(scope=scope)
    return cast(
        bytes,
        etree.tostring(
            _activities(scope, report), xml_declaration=True, encoding="UTF-8", pretty_print=True
        ),
    )


def _activities(scope: ReportScope, report: Report) -> etree._Element:
    programme = scope.organization
    now = timezone.now().replace(microsecond=0).isoformat()
    root = etree.Element("iati-activities", version="2.03", **{"generated-datetime": now})
    activity = etree.SubElement(
        root,
        "iati-activity",
        **{"last-updated-datetime": now, XML_LANG: "en", "default-currency": report.currency},
    )
    etree.SubElement(
        activity, "iati-identifier"
    ).text = f"{organization_ref(programme)}-{scope.start:%Y%m%d}-{scope.end:%Y%m%d}"
    reporting = etree.SubElement(
        activity,
        "reporting-org",
        ref=organization_ref(programme),
        type=ORGANISATION_TYPE.get(programme.kind, "90"),
    )
    _narrative(reporting, programme.name)
    title = etree.SubElement(activity, "title")
    _narrative(
        title, f"{programme.name}: volunteer programme {scope.start:%Y-%m-%d}–{scope.end:%Y-%m-%d}"
    )
    description = etree.SubElement(activity, "description", type="1")
    _narrative(
        description,
        f"{report.volunteers} volunteers in {report.deployments} deployments gave "
        f"{report.hours:f} approved hours ({report.fte:f} full-time equivalents; "
        f"{report.basis}).",
    )
    # participating organizations: the programme (accountable), each host (implementing)
    hosts = (
        deployments_in_scope(scope)
        .order_by()
        .values_list("assignment__host_id")
        .annotate(n=Count("pk"), first=Min("start_date"), last=Max("planned_end_date"))
    )
    host_ids = {pk for pk, *_rest in hosts}
    starts = [first for _pk, _n, first, _last in hosts]
    ends = [last for _pk, _n, _first, last in hosts]
    accountable = etree.SubElement(
        activity,
        "participating-org",
        ref=organization_ref(programme),
        role="2",
        type=ORGANISATION_TYPE.get(programme.kind, "90"),
    )
    _narrative(accountable, programme.name)
    for host in Organization.objects.filter(pk__in=host_ids).order_by("name"):
        element = etree.SubElement(
            activity,
            "participating-org",
            ref=organization_ref(host),
            role="4",
            type=ORGANISATION_TYPE.get(host.kind, "90"),
        )
        _narrative(element, host.name)
    etree.SubElement(activity, "activity-status", code="2")  # implementation
    etree.SubElement(
        activity, "activity-date", type="2", **{"iso-date": str(min(starts, default=scope.start))}
    )
    etree.SubElement(
        activity, "activity-date", type="3", **{"iso-date": str(max(ends, default=scope.end))}
    )
    countries = [(row.key, row.hours) for row in report.rows(Breakdown.COUNTRY) if row.key]
    for code, share in _percentages(countries):
        etree.SubElement(activity, "recipient-country", code=code, percentage=f"{share:f}")
    goals = [(r.key, r.hours) for r in report.rows(Breakdown.SDG_GOAL) if r.key]
    targets = [(r.key, r.hours) for r in report.rows(Breakdown.SDG_TARGET) if r.key]
    for vocabulary, items in (("7", goals), ("8", targets)):
        for code, share in _percentages(items):
            etree.SubElement(
                activity, "sector", vocabulary=vocabulary, code=code, percentage=f"{share:f}"
            )
    for vocabulary, items in (("2", goals), ("3", targets)):
        for code, _hours in items:
            etree.SubElement(activity, "tag", vocabulary=vocabulary, code=code)
    _results(activity, scope, report)
    return root


def _results(activity: etree._Element, scope: ReportScope, report: Report) -> None:
    result = etree.SubElement(activity, "result", type="1", **{"aggregation-status": "1"})
    _narrative(etree.SubElement(result, "title"), "Volunteer contribution and people reached")
    # (title, value, dimensions (name, value))
    indicators: list[tuple[str, Decimal, tuple[tuple[str, str], ...]]] = [
        ("Approved volunteer hours", report.hours, ()),
        ("Full-time equivalents", report.fte, ()),
        ("People reached", Decimal(report.people_reached), ()),
    ]
    for row in report.reach["sex"]:
        indicators.append(
            (f"People reached: {row.label}", Decimal(row.people), (("sex", row.key),))
        )
    for row in report.reach["age_group"]:
        indicators.append(
            (f"People reached: aged {row.label}", Decimal(row.people), (("age", row.key),))
        )
    for name, value, dimensions in indicators:
        indicator = etree.SubElement(result, "indicator", measure="1", ascending="1")
        _narrative(etree.SubElement(indicator, "title"), name)
        period = etree.SubElement(indicator, "period")
        etree.SubElement(period, "period-start", **{"iso-date": scope.start.isoformat()})
        etree.SubElement(period, "period-end", **{"iso-date": scope.end.isoformat()})
        actual = etree.SubElement(period, "actual", value=f"{value.normalize():f}")
        for dimension, dimension_value in dimensions:
            etree.SubElement(actual, "dimension", name=dimension, value=dimension_value)
