"""Writes of the impact app: wage-table imports (validated row by row, all or nothing) and
exchange rates."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from decimal import Decimal, InvalidOperation
from pathlib import PurePath
from typing import IO, TYPE_CHECKING, cast

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from volex.reference.models import Country, ISCOGroup

from .errors import WageImportError
from .models import (
    MAX_YEAR,
    MIN_YEAR,
    ExchangeRate,
    ImportStatus,
    WageRate,
    WageTableImport,
    validate_currency,
)
from .tables import COLUMNS, RawRow, TableError, read_table

if TYPE_CHECKING:
    from volex.accounts.models import User

#: the largest file an import reads
MAX_FILE_BYTES = 10 * 1024 * 1024
_WAGE_FIELD = cast("models.DecimalField[Decimal, Decimal]", WageRate._meta.get_field("hourly_wage"))
_MAX_WHOLE_DIGITS = _WAGE_FIELD.max_digits - _WAGE_FIELD.decimal_places
_SOURCE_LENGTH: int = (
    cast("models.CharField[str, str]", WageRate._meta.get_field("source")).max_length or 0
)


# records a problem of the row being checked: (column, code, message)
ProblemNoter = Callable[[str, WageImportError, str], None]


@dataclass(frozen=True)
class RowProblem:
    """What is wrong with one row (1 is the header row) and which column."""

    row: int
    field: str
    code: str
    message: str
    value: str = ""

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


@dataclass(frozen=True)
class ImportReport:
    record: WageTableImport
    rows: int
    created: int
    updated: int
    unchanged: int
    problems: tuple[RowProblem, ...]

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass(frozen=True)
class _CleanRow:
    number: int
    country: str
    isco: str | None
    currency: str
    wage: Decimal
    year: int
    source: str

    @property
    def key(self) -> tuple[str, str | None, str, int]:
        return (self.country, self.isco, self.currency, self.year)


class _RowChecker:
    """Validates rows against the reference data, loaded once (two queries)."""

    def __init__(self) -> None:
        countries = list(Country.objects.values_list("code", "alpha3"))
        self.countries = {code for code, _alpha3 in countries}
        self.alpha3 = {alpha3: code for code, alpha3 in countries}
        self.isco = set(ISCOGroup.objects.values_list("code", flat=True))
        self.seen: dict[tuple[str, str | None, str, int], int] = {}

    def check(self, row: RawRow) -> tuple[_CleanRow | None, list[RowProblem]]:
        problems: list[RowProblem] = []

        def problem(field: str, code: WageImportError, message: str) -> None:
            problems.append(RowProblem(row.number, field, code.value, message, row.values[field]))

        values = row.values
        for field in ("country", "currency", "hourly_wage", "year", "source"):
            if not values[field]:
                problem(field, WageImportError.REQUIRED, _("This column may not be empty."))

        country = values["country"].upper()
        country = self.alpha3.get(country, country)
        if values["country"] and country not in self.countries:
            problem(
                "country",
                WageImportError.UNKNOWN_COUNTRY,
                _("Unknown country: give an ISO 3166-1 code such as KE or KEN."),
            )

        isco = values["isco_code"] or None
        if isco is not None and isco not in self.isco:
            problem(
                "isco_code",
                WageImportError.UNKNOWN_ISCO_CODE,
                _(
                    "Unknown ISCO-08 code: give a group of 1 to 4 digits, or leave it empty for the "
                    "country default."
                ),
            )

        currency = values["currency"].upper()
        if values["currency"]:
            try:
                validate_currency(currency)
            except ValidationError:
                problem(
                    "currency",
                    WageImportError.BAD_CURRENCY,
                    _("Unknown currency: give an ISO 4217 code such as USD or KES."),
                )

        wage = self._wage(values["hourly_wage"], problem) if values["hourly_wage"] else None
        year = self._year(values["year"], problem) if values["year"] else None

        source = values["source"]
        if len(source) > _SOURCE_LENGTH:
            problem(
                "source",
                WageImportError.TOO_LONG,
                _("At most %(max)s characters.") % {"max": _SOURCE_LENGTH},
            )

        if problems or wage is None or year is None:
            return None, problems
        clean = _CleanRow(row.number, country, isco, currency, wage, year, source)
        first = self.seen.setdefault(clean.key, row.number)
        if first != row.number:
            problems.append(
                RowProblem(
                    row.number,
                    "country, isco_code, currency, year",
                    WageImportError.DUPLICATE_ROW.value,
                    _("The same country, ISCO-08 code, currency and year as row %(row)s.")
                    % {"row": first},
                    ", ".join(str(part or "") for part in clean.key),
                )
            )
            return None, problems
        return clean, problems

    @staticmethod
    def _wage(text: str, problem: ProblemNoter) -> Decimal | None:
        try:
            wage = Decimal(text.replace(" ", ""))
        except InvalidOperation:
            wage = None
        if wage is None or not wage.is_finite():
            problem("hourly_wage", WageImportError.BAD_WAGE, _("Not a number, such as 27.20."))
            return None
        if wage <= 0:
            problem(
                "hourly_wage",
                WageImportError.NON_POSITIVE_WAGE,
                _("An hourly wage must be more than zero."),
            )
            return None
        exponent = wage.as_tuple().exponent
        places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
        whole = wage.adjusted() + 1
        if places > _WAGE_FIELD.decimal_places or whole > _MAX_WHOLE_DIGITS:
            problem(
                "hourly_wage",
                WageImportError.BAD_WAGE,
                _("At most %(whole)s digits before the decimal point and %(places)s after.")
                % {"whole": _MAX_WHOLE_DIGITS, "places": _WAGE_FIELD.decimal_places},
            )
            return None
        return wage

    @staticmethod
    def _year(text: str, problem: ProblemNoter) -> int | None:
        if not text.isdigit() or not MIN_YEAR <= int(text) <= MAX_YEAR:
            problem(
                "year",
                WageImportError.BAD_YEAR,
                _("A year from %(min)s to %(max)s.") % {"min": MIN_YEAR, "max": MAX_YEAR},
            )
            return None
        return int(text)


def _read(file: IO[bytes]) -> bytes:
    data = file.read(MAX_FILE_BYTES + 1)
    if isinstance(data, str):
        data = data.encode()
    if len(data) > MAX_FILE_BYTES:
        raise TableError(
            WageImportError.UNREADABLE_FILE,
            _("The file is larger than %(mb)s MB.") % {"mb": MAX_FILE_BYTES // (1024 * 1024)},
        )
    return data


def _record(
    *,
    uploaded_by: User | None,
    file_name: str,
    rows: int,
    problems: Sequence[RowProblem],
    created: int = 0,
    updated: int = 0,
) -> WageTableImport:
    return WageTableImport.objects.create(
        uploaded_by=uploaded_by,
        file_name=file_name[:255],
        rows=rows,
        created=created,
        updated=updated,
        status=ImportStatus.FAILED if problems else ImportStatus.SUCCEEDED,
        report=[problem.as_dict() for problem in problems],
    )


def _failed(
    *, uploaded_by: User | None, file_name: str, rows: int, problems: Sequence[RowProblem]
) -> ImportReport:
    record = _record(uploaded_by=uploaded_by, file_name=file_name, rows=rows, problems=problems)
    return ImportReport(record, rows, 0, 0, 0, tuple(problems))


def wage_table_import(
    *, file: IO[bytes], uploaded_by: User | None = None, file_name: str = ""
) -> ImportReport:
    """Import a wage table (CSV or XLSX; columns country, isco_code, currency, hourly_wage, year,
    source) all or nothing: every row is checked first, and if any fails nothing is saved and the
    report names each failing row, column and reason. Rows already in the table (same country,
    ISCO-08 group, currency and year) are updated. The import is recorded either way."""
    file_name = PurePath(file_name or getattr(file, "name", "") or "wages").name
    try:
        raw_rows = read_table(_read(file), file_name)
    except TableError as error:
        problem = RowProblem(error.row, error.field, error.code.value, error.message)
        return _failed(uploaded_by=uploaded_by, file_name=file_name, rows=0, problems=[problem])

    checker = _RowChecker()
    clean: list[_CleanRow] = []
    problems: list[RowProblem] = []
    for raw in raw_rows:
        row, row_problems = checker.check(raw)
        problems.extend(row_problems)
        if row is not None:
            clean.append(row)
    if problems:
        return _failed(
            uploaded_by=uploaded_by, file_name=file_name, rows=len(raw_rows), problems=problems
        )
    try:
        return _save(clean, uploaded_by=uploaded_by, file_name=file_name)
    except IntegrityError:
        problem = RowProblem(
            1,
            "",
            WageImportError.DUPLICATE_ROW.value,
            _("Another import wrote the same wages at the same time; import the file again."),
        )
        return _failed(
            uploaded_by=uploaded_by, file_name=file_name, rows=len(raw_rows), problems=[problem]
        )


@transaction.atomic
def _save(rows: list[_CleanRow], *, uploaded_by: User | None, file_name: str) -> ImportReport:
    record = _record(uploaded_by=uploaded_by, file_name=file_name, rows=len(rows), problems=[])
    # order_by(): no join to the nullable ISCO group (PostgreSQL refuses FOR UPDATE across it)
    locked = (
        WageRate.objects.select_for_update()
        .order_by()
        .filter(country_id__in={r.country for r in rows}, year__in={r.year for r in rows})
    )
    existing = {(r.country_id, r.isco_group_id, r.currency, r.year): r for r in locked}
    now = timezone.now()
    new: list[WageRate] = []
    changed: list[WageRate] = []
    unchanged = 0
    for row in rows:
        rate = existing.get(row.key)
        if rate is None:
            new.append(
                WageRate(
                    country_id=row.country,
                    isco_group_id=row.isco,
                    currency=row.currency,
                    hourly_wage=row.wage,
                    year=row.year,
                    source=row.source,
                    wage_import=record,
                )
            )
        elif rate.hourly_wage != row.wage or rate.source != row.source:
            rate.hourly_wage, rate.source, rate.wage_import = row.wage, row.source, record
            rate.updated_at = now
            changed.append(rate)
        else:
            unchanged += 1
    WageRate.objects.bulk_create(new, batch_size=1000)
    WageRate.objects.bulk_update(
        changed, ["hourly_wage", "source", "wage_import", "updated_at"], batch_size=1000
    )
    record.created, record.updated = len(new), len(changed)
    record.save(update_fields=["created", "updated"])
    return ImportReport(record, len(rows), len(new), len(changed), unchanged, ())


@transaction.atomic
def exchange_rate_set(
    *,
    currency: str,
    year: int,
    units_per_base: Decimal,
    source: str,
    base_currency: str = "USD",
) -> ExchangeRate:
    """Create or update the rate of `currency` against `base_currency` for `year`."""
    rate = (
        ExchangeRate.objects.select_for_update()
        .filter(currency=currency.upper(), base_currency=base_currency.upper(), year=year)
        .first()
    ) or ExchangeRate(currency=currency.upper(), base_currency=base_currency.upper(), year=year)
    rate.units_per_base = units_per_base
    rate.source = source
    rate.full_clean(validate_unique=False)
    rate.save()
    return rate


__all__ = [
    "COLUMNS",
    "ImportReport",
    "RowProblem",
    "exchange_rate_set",
    "wage_table_import",
]
