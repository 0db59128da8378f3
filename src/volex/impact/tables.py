"""Reading a wage table from CSV or XLSX into rows of text, each with the line (or sheet row)
number a person sees in their editor or spreadsheet. Validation is the service's job."""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.utils.translation import gettext as _

from .errors import WageImportError

COLUMNS = ("country", "isco_code", "currency", "hourly_wage", "year", "source")
ALIASES = {
    "isco": "isco_code",
    "isco_08": "isco_code",
    "isco08": "isco_code",
    "wage": "hourly_wage",
}
#: the most data rows one import takes
MAX_ROWS = 20_000


@dataclass(frozen=True)
class RawRow:
    number: int  # the line of a CSV file, the row of a spreadsheet
    values: dict[str, str]


class TableError(Exception):
    """The file as a whole cannot be read: reported against row `row` (1 for the header)."""

    def __init__(self, code: WageImportError, message: str, *, row: int = 1, field: str = ""):
        super().__init__(message)
        self.code = code
        self.message = message
        self.row = row
        self.field = field


def _column(name: object) -> str:
    key = str(name or "").strip().lower().replace(" ", "_").replace("-", "_")
    return ALIASES.get(key, key)


def _text(value: object) -> str:
    """A spreadsheet cell as the text a person typed: 2024.0 → "2024", 27.2 → "27.2"."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else str(Decimal(repr(value)))
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value).strip()


def _is_comment(first_cell: str) -> bool:
    return first_cell.lstrip().startswith("#")


def _rows(numbered_cells) -> list[RawRow]:
    header: list[str] | None = None
    rows: list[RawRow] = []
    for number, cells in numbered_cells:
        texts = [_text(cell) for cell in cells]
        if not any(texts) or _is_comment(texts[0]):
            continue
        if header is None:
            header = [_column(cell) for cell in texts]
            missing = [column for column in COLUMNS if column not in header]
            if missing:
                raise TableError(
                    WageImportError.MISSING_COLUMN,
                    _("The header row lacks the column(s) %(columns)s; it needs %(all)s.")
                    % {"columns": ", ".join(missing), "all": ", ".join(COLUMNS)},
                    row=number,
                    field=missing[0],
                )
            continue
        if len(rows) >= MAX_ROWS:
            raise TableError(
                WageImportError.TOO_MANY_ROWS,
                _("A wage table may have at most %(max)s rows; split the file.")
                % {"max": MAX_ROWS},
                row=number,
            )
        values = {
            column: (texts[i] if i < len(texts) else "")
            for i, column in enumerate(header)
            if column in COLUMNS
        }
        rows.append(RawRow(number, values))
    if header is None or not rows:
        raise TableError(WageImportError.EMPTY_FILE, _("The file has no wage rows."))
    return rows


def _csv_rows(data: bytes) -> list[RawRow]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise TableError(
            WageImportError.UNREADABLE_FILE,
            _("The CSV file is not UTF-8 text; save it as “CSV UTF-8”."),
        ) from error
    lines = text.splitlines(keepends=True)
    sample = next((line for line in lines if line.strip() and not _is_comment(line)), "")
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    numbers: list[int] = []

    def tracked():
        for number, line in enumerate(lines, start=1):
            numbers.append(number)
            yield line

    reader = csv.reader(tracked(), dialect)
    try:
        # the row's number is the line where it ends (the line where it starts for a one-line row)
        return _rows((numbers[-1], cells) for cells in reader)
    except csv.Error as error:
        raise TableError(
            WageImportError.UNREADABLE_FILE,
            _("The CSV file cannot be read: %(error)s") % {"error": error},
            row=numbers[-1] if numbers else 1,
        ) from error


def _xlsx_rows(data: bytes) -> list[RawRow]:
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise TableError(
            WageImportError.UNREADABLE_FILE, _("The XLSX file cannot be opened.")
        ) from error
    try:
        sheet = workbook.worksheets[0]
        return _rows(enumerate(sheet.iter_rows(values_only=True), start=1))
    finally:
        workbook.close()


def read_table(data: bytes, file_name: str) -> list[RawRow]:
    """The rows of a CSV or XLSX wage table (by extension, or an XLSX's zip signature)."""
    name = file_name.lower()
    if name.endswith(".xlsx") or data[:4] == b"PK\x03\x04":
        return _xlsx_rows(data)
    if name.endswith((".csv", ".txt")):
        return _csv_rows(data)
    raise TableError(
        WageImportError.UNSUPPORTED_FORMAT,
        _("Upload a CSV (.csv) or Excel (.xlsx) file."),
    )
