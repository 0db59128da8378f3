"""Error codes of the impact app (the `code` of each problem in a wage-table import report)."""

from enum import StrEnum


class WageImportError(StrEnum):
    UNREADABLE_FILE = "unreadable_file"
    UNSUPPORTED_FORMAT = "unsupported_format"
    MISSING_COLUMN = "missing_column"
    EMPTY_FILE = "empty_file"
    TOO_MANY_ROWS = "too_many_rows"
    REQUIRED = "required"
    UNKNOWN_COUNTRY = "unknown_country"
    UNKNOWN_ISCO_CODE = "unknown_isco_code"
    BAD_CURRENCY = "bad_currency"
    BAD_WAGE = "bad_wage"
    NON_POSITIVE_WAGE = "non_positive_wage"
    BAD_YEAR = "bad_year"
    TOO_LONG = "too_long"
    DUPLICATE_ROW = "duplicate_row"
