"""Wage-table imports: all or nothing, with a report that names each row, column and reason."""

from decimal import Decimal
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.db import IntegrityError, transaction

from volex.accounts.tests.factories import UserFactory
from volex.impact.models import ExchangeRate, ImportStatus, WageRate, WageTableImport
from volex.impact.sample import load_sample_wages
from volex.impact.services import exchange_rate_set, wage_table_import

from .factories import WageRateFactory, csv_file, xlsx_file

HEADER = "country,isco_code,currency,hourly_wage,year,source\n"
pytestmark = pytest.mark.django_db


def problems_of(report):
    return [(p.row, p.field, p.code) for p in report.problems]


def test_a_valid_csv_imports_every_row_and_records_who():
    user = UserFactory()
    report = wage_table_import(
        file=csv_file(
            HEADER + "KE,2222,USD,27.20,2024,ILOSTAT\n"
            "KE,,KES,250,2024,Survey\n"
            "KEN,25,kes,900.5,2024,Survey\n"
        ),
        uploaded_by=user,
    )
    assert report.ok, report.problems
    assert (report.rows, report.created, report.updated) == (3, 3, 0)
    record = report.record
    assert (record.status, record.uploaded_by, record.file_name) == ("succeeded", user, "wages.csv")
    assert record.report == []
    rates = {(r.country_id, r.isco_group_id, r.currency): r for r in WageRate.objects.all()}
    assert rates[("KE", "2222", "USD")].hourly_wage == Decimal("27.20")
    assert rates[("KE", None, "KES")].source == "Survey"
    assert rates[("KE", "25", "KES")].hourly_wage == Decimal("900.5")  # alpha-3 and lower case
    assert all(rate.wage_import == record for rate in rates.values())


def test_importing_again_updates_the_wages_it_already_has():
    wage_table_import(file=csv_file(HEADER + "KE,2222,USD,27.20,2024,A\nKE,2,USD,20,2024,A\n"))
    report = wage_table_import(
        file=csv_file(HEADER + "KE,2222,USD,30.00,2024,B\nKE,2,USD,20,2024,A\nUG,,USD,5,2024,B\n")
    )
    assert (report.created, report.updated, report.unchanged) == (1, 1, 1)
    assert WageRate.objects.get(country="KE", isco_group="2222").hourly_wage == Decimal(30)
    assert WageRate.objects.count() == 3


def test_one_bad_row_saves_nothing_and_every_problem_is_named():
    WageRateFactory(country_id="UG", isco_group_id=None, hourly_wage=Decimal(3))
    text = (
        "# a comment line\n"
        + HEADER  # line 2
        + "KE,2222,USD,27.20,2024,ok row\n"  # 3: valid, yet not saved
        + "XX,2222,USD,27.20,2024,s\n"  # 4: unknown country
        + "KE,9999,USD,27.20,2024,s\n"  # 5: unknown ISCO code
        + "KE,2222,ABC,27.20,2024,s\n"  # 6: bad currency
        + "KE,2221,USD,0,2024,s\n"  # 7: non-positive wage
        + "KE,2221,USD,-3,2024,s\n"  # 8: non-positive wage
        + "KE,2221,USD,twelve,2024,s\n"  # 9: not a number
        + "KE,2221,USD,1.123456,2024,s\n"  # 10: too precise
        + "KE,2221,USD,10,20x4,s\n"  # 11: bad year
        + "KE,2221,USD,10,1900,s\n"  # 12: year out of range
        + "KE,2222,USD,28.00,2024,dup\n"  # 13: duplicate of row 3
        + ",,,,,\n"  # blank: skipped
        + ",2221,,10,2024,\n"  # 15: required columns empty
    )
    before = list(WageRate.objects.values_list("pk", "hourly_wage"))
    report = wage_table_import(file=csv_file(text))
    assert not report.ok
    assert problems_of(report) == [
        (4, "country", "unknown_country"),
        (5, "isco_code", "unknown_isco_code"),
        (6, "currency", "bad_currency"),
        (7, "hourly_wage", "non_positive_wage"),
        (8, "hourly_wage", "non_positive_wage"),
        (9, "hourly_wage", "bad_wage"),
        (10, "hourly_wage", "bad_wage"),
        (11, "year", "bad_year"),
        (12, "year", "bad_year"),
        (13, "country, isco_code, currency, year", "duplicate_row"),
        (15, "country", "required"),
        (15, "currency", "required"),
        (15, "source", "required"),
    ]
    assert "row 3" in report.problems[9].message
    assert report.problems[0].value == "XX"
    assert list(WageRate.objects.values_list("pk", "hourly_wage")) == before
    record = WageTableImport.objects.get()
    assert record.status == ImportStatus.FAILED
    assert record.rows == 12
    assert record.report[0] == {
        "row": 4,
        "field": "country",
        "code": "unknown_country",
        "message": report.problems[0].message,
        "value": "XX",
    }


def test_xlsx_imports_with_numeric_cells():
    report = wage_table_import(
        file=xlsx_file(
            [
                ["Country", "ISCO code", "Currency", "Hourly wage", "Year", "Source"],
                ["KE", 2222, "USD", 27.2, 2024, "ILOSTAT"],
                ["UG", None, "UGX", 3500, 2024.0, "Survey"],
                [None, None, None, None, None, None],
                ["CF", "2", "XAF", 1800, 2024, "Survey"],
            ]
        )
    )
    assert report.ok, report.problems
    assert report.created == 3
    assert WageRate.objects.get(country="KE").hourly_wage == Decimal("27.20")
    assert WageRate.objects.get(country="UG").isco_group_id is None


def test_xlsx_reports_the_sheet_row_and_saves_nothing():
    report = wage_table_import(
        file=xlsx_file(
            [
                ["country", "isco_code", "currency", "hourly_wage", "year", "source"],
                ["KE", 2222, "USD", 27.2, 2024, "ok"],
                ["KE", 2221, "USD", -1, 2024, "bad"],
                ["ZZ", 2221, "EURO", 10, 3000, "bad"],
            ]
        )
    )
    assert problems_of(report) == [
        (3, "hourly_wage", "non_positive_wage"),
        (4, "country", "unknown_country"),
        (4, "currency", "bad_currency"),
        (4, "year", "bad_year"),
    ]
    assert not WageRate.objects.exists()


@pytest.mark.parametrize(
    ("content", "name", "code"),
    [
        (b"country,currency,year\nKE,USD,2024\n", "w.csv", "missing_column"),
        (HEADER.encode(), "w.csv", "empty_file"),
        (b"", "w.csv", "empty_file"),
        (HEADER.encode("utf-16"), "w.csv", "unreadable_file"),
        (b"PK\x03\x04 not a workbook", "w.xlsx", "unreadable_file"),
        (b"country", "w.pdf", "unsupported_format"),
    ],
)
def test_a_file_that_cannot_be_read_is_one_problem(content, name, code):
    from django.core.files.uploadedfile import SimpleUploadedFile

    report = wage_table_import(file=SimpleUploadedFile(name, content))
    assert [p.code for p in report.problems] == [code]
    assert report.record.status == ImportStatus.FAILED
    assert not WageRate.objects.exists()


def test_a_semicolon_csv_from_a_european_spreadsheet_reads():
    text = "country;isco_code;currency;hourly_wage;year;source\nKE;2222;USD;27.20;2024;s\n"
    assert wage_table_import(file=csv_file(text)).ok


def test_the_database_refuses_a_non_positive_wage_and_a_second_country_default():
    with pytest.raises(IntegrityError), transaction.atomic():
        WageRateFactory(hourly_wage=Decimal(0))
    WageRateFactory(isco_group_id=None)
    with pytest.raises(IntegrityError), transaction.atomic():
        WageRateFactory(isco_group_id=None, hourly_wage=Decimal(5))


def test_exchange_rates_are_set_once_per_currency_and_year():
    exchange_rate_set(currency="kes", year=2024, units_per_base=Decimal(130), source="a")
    rate = exchange_rate_set(currency="KES", year=2024, units_per_base=Decimal(135), source="b")
    assert ExchangeRate.objects.get() == rate
    assert rate.units_per_base == Decimal(135)
    with pytest.raises(ValidationError):
        exchange_rate_set(currency="XYZ", year=2024, units_per_base=Decimal(1), source="c")
    with pytest.raises(ValidationError):
        exchange_rate_set(currency="EUR", year=2024, units_per_base=Decimal(0), source="c")


def _sample_rate_rows() -> int:
    from pathlib import Path

    import volex.impact

    path = Path(volex.impact.__file__).parent / "data" / "sample_exchange_rates.csv"
    lines = [line for line in path.read_text().splitlines() if line and not line.startswith("#")]
    return len(lines) - 1  # the header


def test_the_sample_table_loads_and_loading_again_changes_nothing():
    first = load_sample_wages()
    assert first.wages.ok, first.wages.problems
    assert first.wages.created == WageRate.objects.count() >= 15
    assert first.exchange_rates == ExchangeRate.objects.count() == _sample_rate_rows() >= 10
    assert set(WageRate.objects.values_list("source", flat=True)) == {
        "Illustrative sample (not official statistics)"
    }
    again = load_sample_wages()
    assert (again.wages.created, again.wages.updated) == (0, 0)
    assert WageRate.objects.count() == first.wages.created


def test_import_wages_command(tmp_path):
    good = tmp_path / "good.csv"
    good.write_text(HEADER + "KE,2222,USD,27.20,2024,s\n")
    out = StringIO()
    call_command("import_wages", str(good), stdout=out)
    assert "Imported 1 row(s): 1 new" in out.getvalue()
    bad = tmp_path / "bad.csv"
    bad.write_text(HEADER + "KE,2222,USD,-1,2024,s\n")
    err = StringIO()
    with pytest.raises(CommandError, match="Nothing imported"):
        call_command("import_wages", str(bad), stderr=err)
    assert "row 2, hourly_wage [-1]" in err.getvalue()
    with pytest.raises(CommandError):
        call_command("import_wages", str(tmp_path / "missing.csv"))
    call_command("import_wages", "--sample", stdout=StringIO())
    assert ExchangeRate.objects.count() == _sample_rate_rows()
