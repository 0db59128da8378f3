"""Wage-table pages: the role matrix (a denied request changes nothing), the import round trip
and a list page whose query count does not grow with its rows."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from volex.impact.models import WageRate, WageTableImport
from volex.impact.services import wage_table_import

from .factories import WageRateFactory, csv_file, xlsx_file

ROLES = ["anonymous", "volunteer", "supervisor_own", "supervisor_other", "manager", "admin"]
HEADER = "country,isco_code,currency,hourly_wage,year,source\n"
# 302 = sent to log in; 403 = signed in without the role
ALLOWED_ONLY_TO_MANAGERS = [302, 403, 403, 403, 200, 200]


def _state():
    return (
        list(WageRate.objects.order_by("pk").values_list("pk", "hourly_wage", "source")),
        WageTableImport.objects.count(),
    )


@pytest.fixture
def an_import(db):
    return wage_table_import(file=csv_file(HEADER + "KE,2222,USD,27.20,2024,s\n")).record


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/impact/wages/", "/impact/wages/import/", "detail"])
def test_role_matrix_of_the_pages(world, client_as, an_import, url):
    if url == "detail":
        url = f"/impact/wages/imports/{an_import.pk}/"
    got = [client_as(world.users[role]).get(url).status_code for role in ROLES]
    assert got == ALLOWED_ONLY_TO_MANAGERS, dict(zip(ROLES, got, strict=True))
    response = client_as(None).get(url)
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.django_db
def test_role_matrix_of_an_import_and_a_denied_one_changes_nothing(world, client_as):
    WageRateFactory(country_id="KE", isco_group_id="2222", hourly_wage=Decimal(10))
    got = []
    for role in ROLES:
        before = _state()
        upload = csv_file(HEADER + f"KE,2222,USD,{20 + len(got)},2024,by {role}\n")
        response = client_as(world.users[role]).post("/impact/wages/import/", {"file": upload})
        got.append(response.status_code)
        if response.status_code != 302 or not response["Location"].startswith("/impact/"):
            assert _state() == before, role
    assert got == [302, 403, 403, 403, 302, 302], dict(zip(ROLES, got, strict=True))
    rate = WageRate.objects.get()
    assert (rate.hourly_wage, rate.source) == (Decimal(25), "by admin")
    assert list(WageTableImport.objects.values_list("uploaded_by", flat=True)) == [
        world.users["admin"].pk,
        world.users["manager"].pk,
    ]


@pytest.mark.django_db
def test_a_manager_imports_a_table_and_sees_the_report(world, client_as):
    client = client_as(world.users["manager"])
    response = client.post(
        "/impact/wages/import/",
        {"file": csv_file(HEADER + "KE,2222,USD,27.20,2024,s\nKE,,KES,250,2024,s\n")},
        follow=True,
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Imported 2 rows: 2 new, 0 updated." in body
    assert WageRate.objects.count() == 2
    listing = client.get("/impact/wages/").content.decode()
    assert "27.20" in listing and "Country default" in listing


@pytest.mark.django_db
def test_a_failed_import_shows_each_row_and_saves_nothing(world, client_as):
    client = client_as(world.users["admin"])
    upload = xlsx_file(
        [
            ["country", "isco_code", "currency", "hourly_wage", "year", "source"],
            ["KE", 2222, "USD", 27.2, 2024, "ok"],
            ["XX", 2222, "USD", 0, 2024, "bad"],
        ]
    )
    response = client.post("/impact/wages/import/", {"file": upload}, follow=True)
    body = response.content.decode()
    assert "Nothing was imported: 2 problems must be fixed first." in body
    assert "<td>3</td><td>country</td><td>XX</td>" in body
    assert "<td>3</td><td>hourly_wage</td><td>0</td>" in body
    assert not WageRate.objects.exists()


@pytest.mark.django_db
def test_a_file_of_another_kind_is_refused_by_the_form(world, client_as):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = client_as(world.users["manager"])
    response = client.post(
        "/impact/wages/import/", {"file": SimpleUploadedFile("wages.pdf", b"%PDF")}
    )
    assert response.status_code == 400
    assert 'enctype="multipart/form-data"' in response.content.decode()
    assert not WageTableImport.objects.exists()


@pytest.mark.django_db
def test_the_wage_list_takes_a_bounded_number_of_queries(world, client_as):
    client = client_as(world.users["manager"])
    codes = ["2222", "2221", "222", "22", "2", "2511", "25", "251", "1", "11"]
    countries = ["KE", "UG", "CF"]
    rates = [(c, code) for c in countries for code in codes]
    for country, code in rates[:12]:
        WageRateFactory(country_id=country, isco_group_id=code)
    with CaptureQueriesContext(connection) as small:
        assert client.get("/impact/wages/").status_code == 200
    for country, code in rates[12:]:
        WageRateFactory(country_id=country, isco_group_id=code)
    with CaptureQueriesContext(connection) as large:
        response = client.get("/impact/wages/")
    assert response.status_code == 200
    assert len(large) == len(small), "queries grow with rows: an N+1 on the list page"
    assert len(large) <= 15
    filtered = client.get("/impact/wages/?country=UG&isco=25").content.decode()
    shown = {code for code in codes if f"<td>{code} " in filtered}
    assert shown == {"2511", "25", "251"}
