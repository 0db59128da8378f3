"""The illustrative sample wage table and exchange rates that `volex demo` loads (package data
under `data/`, labelled there as not official). Idempotent: loading twice changes nothing."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from decimal import Decimal
from importlib import resources

from django.db import transaction

from .services import ImportReport, exchange_rate_set, wage_table_import

SAMPLE_WAGES = "sample_wages.csv"
SAMPLE_EXCHANGE_RATES = "sample_exchange_rates.csv"


@dataclass(frozen=True)
class SampleLoad:
    wages: ImportReport
    exchange_rates: int


def _data(name: str):
    return resources.files("volex.impact").joinpath("data", name)


@transaction.atomic
def load_sample_wages(*, uploaded_by=None) -> SampleLoad:
    """Import the sample wage table and its exchange rates. Raises `ValueError` if the packaged
    table does not import (it is tested, so this means the reference data is missing)."""
    with _data(SAMPLE_WAGES).open("rb") as file:
        report = wage_table_import(file=file, uploaded_by=uploaded_by, file_name=SAMPLE_WAGES)
    if not report.ok:
        raise ValueError(f"The sample wage table did not import: {report.problems}")
    count = 0
    with _data(SAMPLE_EXCHANGE_RATES).open(encoding="utf-8") as file:
        lines = (line for line in file if not line.startswith("#"))
        for row in csv.DictReader(lines):
            exchange_rate_set(
                currency=row["currency"],
                base_currency=row["base_currency"],
                year=int(row["year"]),
                units_per_base=Decimal(row["units_per_base"]),
                source=row["source"],
            )
            count += 1
    return SampleLoad(wages=report, exchange_rates=count)
