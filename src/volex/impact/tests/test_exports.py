"""The dashboard, every export and the API: figures agree with the report, permissions hold."""

import csv
import io
from datetime import date
from decimal import Decimal

import openpyxl
import pytest

from volex.impact.tests.factories import WageRateFactory

from .reporting import programme

ROLES = ["anonymous", "volunteer", "supervisor_own", "supervisor_other", "manager", "admin"]
YEAR = "start=2024-01-01&end=2024-12-31"


@pytest.fixture
def data(world):
    data = programme()
    WageRateFactory(country_id="KE", isco_group_id="2221", hourly_wage=Decimal("27.20"))
    return data


def _as_admin(client_as, world):
    return client_as(world.users["admin"])


def test_dashboard_shows_charts_with_their_tables(data, world, client_as):
    url = f"/impact/reports/?kind=organization&organization={data.host.pk}&{YEAR}"
    page = _as_admin(client_as, world).get(url).content.decode()
    assert "2,720.00 USD" in page
    for chart in ("sdg", "country", "timeline"):
        assert f'data-chart="{chart}"' in page and f'id="table-{chart}"' in page
    for heading in ("SDG goal", "Country of service", "Month"):  # what a row of each table is
        assert f'<th scope="col">{heading}</th>' in page
    assert "1 FTE = 40 hours a week × 52 weeks = 2,080 hours a year" in page


def test_csv_and_xlsx_carry_the_known_answer(data, world, client_as):
    client = _as_admin(client_as, world)
    query = f"kind=organization&organization={data.host.pk}&{YEAR}"
    response = client.get(f"/impact/reports/export/csv/?{query}")
    assert response["Content-Disposition"].startswith("attachment;")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert ["Value (replacement cost)", "2720.00"] in rows
    assert ["Approved hours", "100.00"] in rows
    workbook = openpyxl.load_workbook(
        io.BytesIO(client.get(f"/impact/reports/export/xlsx/?{query}").content)
    )
    summary = {row[0]: row[1] for row in workbook["Summary"].iter_rows(values_only=True)}
    assert summary["Value (replacement cost)"] == 2720.0
    assert {"Summary", "SDG goal", "Month", "Notes"} <= set(workbook.sheetnames)


def test_pdf_hxl_and_iati(data, world, client_as):
    client = _as_admin(client_as, world)
    query = f"kind=programme&organization={data.host.pk}&{YEAR}"
    pdf = client.get(f"/impact/reports/export/pdf/?{query}")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    rows = list(
        csv.reader(io.StringIO(client.get(f"/impact/reports/export/hxl/?{query}").content.decode()))
    )
    tags = rows[1]
    for tag in ("#org+name", "#sector", "#country+code", "#adm1+name", "#activity+name",
                "#date+start", "#date+end", "#reached+total", "#reached+f", "#reached+age0_14"):  # fmt: skip
        assert tag in tags
    nurse = next(row for row in rows[2:] if row[0] == "Volunteer Programme Kenya")
    reached = dict(zip(tags, nurse, strict=True))
    assert (reached["#reached+total"], reached["#reached+f"], reached["#reached+m"]) == (
        "62", "42", "20",
    )  # fmt: skip
    assert reached["#reached+disabled"] == "12" and reached["#country+code"] == "KE"
    xml = client.get(f"/impact/reports/export/iati/?{query}")
    assert xml.status_code == 200 and b"<iati-activities" in xml.content
    organization_only = f"kind=organization&organization={data.host.pk}&{YEAR}"
    assert client.get(f"/impact/reports/export/iati/?{organization_only}").status_code == 400


def test_api_summary_and_paginated_breakdowns(data, world, client_as):
    client = _as_admin(client_as, world)
    query = f"kind=organization&organization={data.host.pk}&{YEAR}"
    summary = client.get(f"/api/impact/reports/?{query}").json()
    assert summary["value"] == {"amount": "2720.00", "currency": "USD"}
    assert summary["hours"] == "100.00" and summary["volunteers"] == 1
    months = client.get(f"/api/impact/reports/month/?{query}&page_size=5").json()
    assert months["count"] == 12 and len(months["results"]) == 5 and months["next"]
    sdg = client.get(f"/api/impact/reports/sdg_goal/?{query}").json()["results"]
    assert [(r["key"], r["value"]) for r in sdg] == [("3", "2720.00")]
    reach = client.get(f"/api/impact/reports/reach/sex/?{query}").json()["results"]
    assert {r["key"]: r["people"] for r in reach} == {"female": 42, "male": 20}
    assert client.get(f"/api/impact/reports/nonsense/?{query}").status_code == 404
    assert client.get("/api/impact/reports/?kind=organization").status_code == 400


def test_supervisors_see_only_their_own_organization(data, world, client_as):
    from volex.organizations.tests.factories import MembershipFactory

    supervisor = MembershipFactory(organization=data.other).user
    client = client_as(supervisor)
    everything = client.get(f"/api/impact/reports/?{YEAR}").json()
    assert everything["hours"] == "50.00"  # the other organization's hours only
    refused = client.get(f"/api/impact/reports/?kind=organization&organization={data.host.pk}")
    assert refused.status_code == 400  # not one of the organizations it may choose
    page = client.get(f"/impact/reports/?kind=organization&organization={data.host.pk}")
    assert page.status_code == 400 and "2,720.00" not in page.content.decode()


@pytest.mark.parametrize(
    "url,expected",
    [
        ("/impact/reports/", [302, 403, 200, 200, 200, 200]),
        ("/impact/reports/export/csv/", [302, 403, 200, 200, 200, 200]),
        ("/api/impact/reports/", [401, 403, 200, 200, 200, 200]),
        ("/api/impact/reports/sdg_goal/", [401, 403, 200, 200, 200, 200]),
    ],
)
def test_role_matrix(data, world, client_as, url, expected):
    got = [client_as(world.users[role]).get(f"{url}?{YEAR}").status_code for role in ROLES]
    assert got == expected, dict(zip(ROLES, got, strict=True))


def test_a_supervisor_of_another_organization_gets_none_of_its_figures(data, world, client_as):
    # world's supervisor_other belongs to "Other Host": the programme's hours are not theirs
    summary = client_as(world.users["supervisor_other"]).get(f"/api/impact/reports/?{YEAR}")
    assert summary.json()["hours"] == "0.00"
    assert date(2024, 1, 1)


def test_the_dashboard_travels_compressed(data, world, client_as):
    """Field offices have slow links: a client that accepts gzip gets the page compressed."""
    import gzip

    client = _as_admin(client_as, world)
    url = f"/impact/reports/?kind=organization&organization={data.host.pk}&{YEAR}"
    plain = client.get(url).content
    response = client.get(url, HTTP_ACCEPT_ENCODING="gzip")
    assert response["Content-Encoding"] == "gzip"
    assert len(response.content) < len(plain) / 3
    assert b"2,720.00 USD" in gzip.decompress(response.content)
