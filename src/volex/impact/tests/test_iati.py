"""The IATI 2.03 activity XML of a programme validates against the schema (shipped as test data
with its licence) and carries the programme's figures."""

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from lxml import etree

from volex.impact.iati import programme_activity_xml
from volex.impact.reports import ReportScope, ScopeKind
from volex.impact.tests.factories import WageRateFactory

from .reporting import programme

SCHEMA = Path(__file__).parent / "data" / "iati" / "iati-activities-schema.xsd"


@pytest.fixture(scope="module")
def schema():
    return etree.XMLSchema(etree.parse(str(SCHEMA)))


@pytest.mark.django_db
def test_programme_activity_validates_against_iati_2_03(schema):
    data = programme()
    WageRateFactory(country_id="KE", isco_group_id=None, hourly_wage=Decimal(10))
    scope = ReportScope(
        kind=ScopeKind.PROGRAMME, organization=data.host, start=date(2024, 1, 1),
        end=date(2024, 12, 31),
    )  # fmt: skip
    xml = programme_activity_xml(scope)
    document = etree.fromstring(xml)
    schema.assertValid(document)
    activity = document.find("iati-activity")
    assert [child.tag for child in activity[:2]] == ["iati-identifier", "reporting-org"]
    sectors = {(s.get("vocabulary"), s.get("code")) for s in activity.findall("sector")}
    assert sectors == {("7", "3"), ("7", "4"), ("8", "3.8"), ("8", "4.4")}
    tags = {(t.get("vocabulary"), t.get("code")) for t in activity.findall("tag")}
    assert tags == {("2", "3"), ("2", "4"), ("3", "3.8"), ("3", "4.4")}
    for vocabulary in ("7", "8"):
        shares = [
            Decimal(s.get("percentage"))
            for s in activity.findall("sector")
            if s.get("vocabulary") == vocabulary
        ]
        assert sum(shares) == 100
    assert [
        (c.get("code"), c.get("percentage")) for c in activity.findall("recipient-country")
    ] == [("KE", "100.00")]
    hosts = {p.find("narrative").text for p in activity.findall("participating-org")}
    assert hosts == {"Volunteer Programme Kenya", "Turkana Field Office"}
    actuals = {
        i.find("title/narrative").text: i.find("period/actual").get("value")
        for i in activity.findall("result/indicator")
    }
    assert actuals["Approved volunteer hours"] == "2180"
    assert actuals["People reached"] == "62"


def test_a_broken_document_does_not_validate(schema):
    broken = etree.fromstring(
        b'<iati-activities version="2.03"><iati-activity>'
        b"<reporting-org ref='x' type='10'><narrative>x</narrative></reporting-org>"
        b"<iati-identifier>x</iati-identifier></iati-activity></iati-activities>"
    )
    assert not schema.validate(broken)  # iati-identifier must come first


@pytest.mark.django_db
def test_a_programme_with_no_hours_is_a_valid_activity(schema):
    """A new programme (no deployments yet) and an empty quarter of a running one: the
    sector, country and goal shares have nothing to weigh, and the activity still validates."""
    from volex.organizations.tests.factories import OrganizationFactory

    new = OrganizationFactory(name="New Programme", country_id="KE")
    data = programme()  # hours in 2024 only
    for organization, start, end in (
        (new, date(2024, 1, 1), date(2024, 12, 31)),
        (data.host, date(2026, 1, 1), date(2026, 3, 31)),
    ):
        scope = ReportScope(
            kind=ScopeKind.PROGRAMME, organization=organization, start=start, end=end
        )
        document = etree.fromstring(programme_activity_xml(scope))
        schema.assertValid(document)
        actuals = {
            i.find("title/narrative").text: i.find("period/actual").get("value")
            for i in document.findall("iati-activity/result/indicator")
        }
        assert actuals["Approved volunteer hours"] == "0"
