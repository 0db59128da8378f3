"""Every export answers every scope it is valid for, with something in it or not: a new
programme or organization with no deployments, a quarter with no hours, a country or a mission
where nobody serves. Through the real export URLs; each file is read back by a reader of its
format (the IATI activity against the packaged 2.03 schema)."""

import csv
import io

import openpyxl
import pytest
from lxml import etree
from pypdf import PdfReader

from volex.organizations.tests.factories import OrganizationFactory
from volex.reference.models import PeaceOperation

from .reporting import programme
from .test_iati import SCHEMA

FORMATS = ("csv", "xlsx", "pdf", "hxl", "iati")
YEAR = "start=2024-01-01&end=2024-12-31"
EMPTY_QUARTER = "start=2026-01-01&end=2026-03-31"


@pytest.fixture(scope="module")
def schema():
    return etree.XMLSchema(etree.parse(str(SCHEMA)))


def _scopes() -> dict[str, str]:
    """Scope name → query, against a database with the reporting programme (hours in 2024)."""
    data = programme()
    new = OrganizationFactory(name="New Programme", country_id="KE")
    mission = PeaceOperation.objects.order_by("pk").first()
    return {
        "programme-no-deployments": f"kind=programme&organization={new.pk}&{YEAR}",
        "organization-no-deployments": f"kind=organization&organization={new.pk}&{YEAR}",
        "programme-empty-period": f"kind=programme&organization={data.host.pk}&{EMPTY_QUARTER}",
        "organization-empty-period": (
            f"kind=organization&organization={data.host.pk}&{EMPTY_QUARTER}"
        ),
        "all-empty-period": f"kind=all&{EMPTY_QUARTER}",
        "country-with-nothing": f"kind=country&country=CF&{YEAR}",
        "mission-with-nothing": f"kind=mission&mission={mission.pk}&{YEAR}",
        "programme-with-hours": f"kind=programme&organization={data.host.pk}&{YEAR}",
    }


SCOPES = (
    "programme-no-deployments",
    "organization-no-deployments",
    "programme-empty-period",
    "organization-empty-period",
    "all-empty-period",
    "country-with-nothing",
    "mission-with-nothing",
    "programme-with-hours",
)


def _read(fmt: str, content: bytes, schema) -> None:
    """Read the file back as its format; fails when it is not one."""
    if fmt == "csv":
        rows = list(csv.reader(io.StringIO(content.decode())))
        assert ["# Summary"] in rows and ["Figure", "Value"] in rows
    elif fmt == "xlsx":
        workbook = openpyxl.load_workbook(io.BytesIO(content))
        assert {"Summary", "Month", "Notes"} <= set(workbook.sheetnames)
    elif fmt == "pdf":
        text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
        assert "Volunteer contribution report" in text
    elif fmt == "hxl":
        rows = list(csv.reader(io.StringIO(content.decode())))
        assert "#org+name" in rows[1] and all(len(row) == len(rows[0]) for row in rows)
    else:
        schema.assertValid(etree.fromstring(content))


@pytest.mark.parametrize("name", SCOPES)
@pytest.mark.parametrize("fmt", FORMATS)
def test_every_export_answers_every_scope(fmt, name, world, client_as, schema):
    query = _scopes()[name]
    response = client_as(world.users["admin"]).get(f"/impact/reports/export/{fmt}/?{query}")
    if fmt == "iati" and not name.startswith("programme"):
        # an IATI activity is a programme's: other scopes get a clear answer, not a 500
        assert response.status_code == 400
        assert "programme" in response.content.decode()
        return
    assert response.status_code == 200, response.content[:500]
    assert response["Content-Disposition"].startswith("attachment;")
    _read(fmt, response.content, schema)
