"""Measuring volunteer work as the ILO Manual on the Measurement of Volunteer Work (2011) does:
hours, full-time equivalents, and an economic value by the replacement-cost method (with the
opportunity-cost view beside it), in money that always carries its currency.

Pure Python: plain data in, plain data out. `volex.impact` loads wage tables and exchange rates
from the database into `WageTable` and `ExchangeRates` and calls these functions.
"""

from .economic_value import (
    Gap,
    GapReason,
    Valuation,
    ValuationMethod,
    ValuedLine,
    WorkHours,
    opportunity_cost,
    replacement_cost,
    value_of_hours,
)
from .fte import (
    DEFAULT_FULL_TIME_YEAR,
    FullTimeEquivalents,
    FullTimeYear,
    as_hours,
    full_time_equivalents,
)
from .ilo import DEFINITION, ExcludedWork, VolunteerWorkForm, WorkFacts, is_volunteer_work
from .isco import IscoCodeError, IscoLevel, isco_code, isco_lineage, isco_parent
from .money import (
    DEFAULT_BASE_CURRENCY,
    CurrencyError,
    CurrencyMismatchError,
    ExchangeRate,
    ExchangeRates,
    MissingExchangeRateError,
    Money,
    ValuationError,
    currency_code,
    minor_units,
    money_sum,
)
from .wages import WageFallback, WageMatch, WageRate, WageTable, country_code

__all__ = [
    "DEFAULT_BASE_CURRENCY",
    "DEFAULT_FULL_TIME_YEAR",
    "DEFINITION",
    "CurrencyError",
    "CurrencyMismatchError",
    "ExcludedWork",
    "ExchangeRate",
    "ExchangeRates",
    "FullTimeEquivalents",
    "FullTimeYear",
    "Gap",
    "GapReason",
    "IscoCodeError",
    "IscoLevel",
    "MissingExchangeRateError",
    "Money",
    "Valuation",
    "ValuationError",
    "ValuationMethod",
    "ValuedLine",
    "VolunteerWorkForm",
    "WageFallback",
    "WageMatch",
    "WageRate",
    "WageTable",
    "WorkFacts",
    "WorkHours",
    "as_hours",
    "country_code",
    "currency_code",
    "full_time_equivalents",
    "is_volunteer_work",
    "isco_code",
    "isco_lineage",
    "isco_parent",
    "minor_units",
    "money_sum",
    "opportunity_cost",
    "replacement_cost",
    "value_of_hours",
]
