from decimal import Decimal

import factory

from volex.impact.models import ExchangeRate, WageRate


class WageRateFactory(factory.django.DjangoModelFactory):
    """A wage rate (reference data, written as an import would: no service call per row)."""

    class Meta:
        model = WageRate

    country_id = "KE"
    isco_group_id = "2222"
    currency = "USD"
    hourly_wage = Decimal("27.20")
    year = 2024
    source = "Test wage table"


class ExchangeRateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExchangeRate

    currency = "KES"
    base_currency = "USD"
    year = 2024
    units_per_base = Decimal(135)
    source = "Test rates"

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        from volex.impact.services import exchange_rate_set

        return exchange_rate_set(**kwargs)


def csv_file(text: str, name: str = "wages.csv"):
    """An uploaded CSV file with `text` (lines dedented by the caller)."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")


def xlsx_file(rows: list[list[object]], name: str = "wages.xlsx"):
    """An uploaded XLSX workbook whose first sheet holds `rows` (the header first)."""
    import io

    import openpyxl
    from django.core.files.uploadedfile import SimpleUploadedFile

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(
        name,
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
