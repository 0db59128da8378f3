"""Money with an explicit currency, and exchange rates explicit per year.

Two amounts in different currencies are never added: `Money.__add__` raises
`CurrencyMismatchError`, and the only way to bring an amount into another currency is
`ExchangeRates.convert`, which needs a rate for that currency and that year and raises
`MissingExchangeRateError` when there is none. Amounts are `Decimal`; floats are refused, so that
no binary rounding creeps into a report.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

__all__ = [
    "DEFAULT_BASE_CURRENCY",
    "CurrencyError",
    "CurrencyMismatchError",
    "ExchangeRate",
    "ExchangeRates",
    "MissingExchangeRateError",
    "Money",
    "ValuationError",
    "currency_code",
    "minor_units",
    "money_sum",
]

DEFAULT_BASE_CURRENCY = "USD"

_CODE = re.compile(r"^[A-Z]{3}$")

#: ISO 4217 currencies whose minor unit is not 2 decimal places (the rest have 2).
MINOR_UNITS: Mapping[str, int] = {
    **dict.fromkeys(
        [
            "BIF",
            "CLP",
            "DJF",
            "GNF",
            "ISK",
            "JPY",
            "KMF",
            "KRW",
            "PYG",
            "RWF",
            "UGX",
            "UYI",
            "VND",
            "VUV",
            "XAF",
            "XOF",
            "XPF",
        ],
        0,
    ),
    **dict.fromkeys(["BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"], 3),
    **dict.fromkeys(["CLF", "UYW"], 4),
}


class ValuationError(Exception):
    """Base of the errors of `volex.domain.valuation`."""


class CurrencyError(ValuationError, ValueError):
    """Not an ISO 4217 alphabetic code (three letters)."""


class CurrencyMismatchError(ValuationError):
    """Two amounts in different currencies were to be combined without an exchange rate."""

    def __init__(self, left: str, right: str) -> None:
        self.left = left
        self.right = right
        super().__init__(
            f"Cannot combine amounts in {left} and {right} without an exchange rate: convert "
            f"one of them with ExchangeRates.convert(money, to=..., year=...) first."
        )


class MissingExchangeRateError(ValuationError):
    """No rate is known to convert `currency` into `to` for `year`."""

    def __init__(self, currency: str, to: str, year: int) -> None:
        self.currency = currency
        self.to = to
        self.year = year
        super().__init__(
            f"No exchange rate from {currency} to {to} for {year}: add the {year} rate of each "
            f"currency (against the reporting base) before summing amounts in {currency} and {to}."
        )


def currency_code(value: str) -> str:
    """`value` as an upper-case ISO 4217 alphabetic code; `CurrencyError` if it cannot be one."""
    if not isinstance(value, str):
        raise CurrencyError(f"A currency is a three-letter ISO 4217 code, not {value!r}.")
    code = value.strip().upper()
    if not _CODE.match(code):
        raise CurrencyError(f"A currency is a three-letter ISO 4217 code, not {value!r}.")
    return code


def minor_units(currency: str) -> int:
    """Decimal places of the currency's minor unit (2 unless ISO 4217 says otherwise)."""
    return MINOR_UNITS.get(currency_code(currency), 2)


def as_decimal(value: Decimal | int, what: str) -> Decimal:
    """`value` as a finite Decimal. Floats (and bools) are refused: they carry binary rounding."""
    if isinstance(value, bool) or not isinstance(value, Decimal | int):
        raise TypeError(f"{what} must be a Decimal or an int, not {type(value).__name__}")
    number = Decimal(value)
    if not number.is_finite():
        raise ValueError(f"{what} must be a finite number, not {value}")
    return number


@dataclass(frozen=True, slots=True)
class Money:
    """An amount in one currency. Exact: round with `rounded()` only where a figure is shown."""

    amount: Decimal
    currency: str

    def __post_init__(self) -> None:
        object.__setattr__(self, "amount", as_decimal(self.amount, "An amount"))
        object.__setattr__(self, "currency", currency_code(self.currency))

    @classmethod
    def zero(cls, currency: str) -> Money:
        return cls(Decimal(0), currency)

    def _check_same(self, other: Money) -> None:
        if other.currency != self.currency:
            raise CurrencyMismatchError(self.currency, other.currency)

    def __add__(self, other: object) -> Money:
        if not isinstance(other, Money):
            return NotImplemented
        self._check_same(other)
        return Money(self.amount + other.amount, self.currency)

    def __radd__(self, other: object) -> Money:
        # sum() starts from the int 0; nothing else is added to money from the left
        if isinstance(other, int) and not isinstance(other, bool) and other == 0:
            return self
        return NotImplemented

    def __sub__(self, other: object) -> Money:
        if not isinstance(other, Money):
            return NotImplemented
        self._check_same(other)
        return Money(self.amount - other.amount, self.currency)

    def __neg__(self) -> Money:
        return Money(-self.amount, self.currency)

    def __mul__(self, factor: object) -> Money:
        if isinstance(factor, bool) or not isinstance(factor, Decimal | int):
            return NotImplemented
        return Money(self.amount * factor, self.currency)

    __rmul__ = __mul__

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Money):
            return NotImplemented
        self._check_same(other)
        return self.amount < other.amount

    def __le__(self, other: object) -> bool:
        if not isinstance(other, Money):
            return NotImplemented
        self._check_same(other)
        return self.amount <= other.amount

    def rounded(self) -> Money:
        """Rounded half up to the currency's minor unit (2 places for most, 0 for UGX or JPY)."""
        exponent = Decimal(1).scaleb(-minor_units(self.currency))
        return Money(self.amount.quantize(exponent, rounding=ROUND_HALF_UP), self.currency)

    def __str__(self) -> str:
        places = minor_units(self.currency)
        return f"{self.rounded().amount:,.{places}f} {self.currency}"


def money_sum(amounts: Iterable[Money], *, currency: str) -> Money:
    """The sum of `amounts`, all in `currency` (an empty sum is zero in it). Raises
    `CurrencyMismatchError` at the first amount in another currency: convert first."""
    total = Money.zero(currency)
    for amount in amounts:
        total = total + amount
    return total


@dataclass(frozen=True, slots=True)
class ExchangeRate:
    """`per_base` units of `currency` buy one unit of `base` over `year` (an annual average, as
    the World Bank's "official exchange rate, LCU per US$"): UGX 3,700 per USD is
    ExchangeRate("UGX", 2024, Decimal(3700))."""

    currency: str
    year: int
    per_base: Decimal
    base: str = DEFAULT_BASE_CURRENCY
    source: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "currency", currency_code(self.currency))
        object.__setattr__(self, "base", currency_code(self.base))
        object.__setattr__(self, "per_base", as_decimal(self.per_base, "An exchange rate"))
        if self.per_base <= 0:
            raise ValueError(f"An exchange rate must be positive, not {self.per_base}")
        if self.currency == self.base:
            raise ValueError(f"{self.currency} needs no rate against itself")


class ExchangeRates:
    """The rates of one reporting base, per currency and year. A conversion uses the rates of the
    year asked for and no other: a missing year is an error, not a guess."""

    def __init__(
        self, rates: Iterable[ExchangeRate] = (), *, base: str = DEFAULT_BASE_CURRENCY
    ) -> None:
        self.base = currency_code(base)
        self._rates: dict[tuple[str, int], ExchangeRate] = {}
        for rate in rates:
            if rate.base != self.base:
                raise ValueError(
                    f"Rate of {rate.currency} for {rate.year} is against {rate.base}, "
                    f"not the base {self.base} of this set"
                )
            known = self._rates.get((rate.currency, rate.year))
            if known is not None and known.per_base != rate.per_base:
                raise ValueError(f"Two different rates of {rate.currency} for {rate.year}")
            self._rates[(rate.currency, rate.year)] = rate

    def __len__(self) -> int:
        return len(self._rates)

    def __iter__(self) -> Iterator[ExchangeRate]:
        return iter(sorted(self._rates.values(), key=lambda r: (r.currency, r.year)))

    def rate(self, currency: str, year: int) -> ExchangeRate | None:
        return self._rates.get((currency_code(currency), year))

    def rates_for(self, currency: str, to: str, year: int) -> tuple[ExchangeRate, ...]:
        """The rates a conversion from `currency` to `to` in `year` uses (none for the same
        currency, one when either is the base, else two). Raises `MissingExchangeRateError`."""
        source, target = currency_code(currency), currency_code(to)
        if source == target:
            return ()
        used: list[ExchangeRate] = []
        for code in (source, target):
            if code == self.base:
                continue
            rate = self._rates.get((code, year))
            if rate is None:
                raise MissingExchangeRateError(source, target, year)
            used.append(rate)
        return tuple(used)

    def convert(self, money: Money, *, to: str, year: int) -> Money:
        """`money` in currency `to` at the rates of `year` (through the base currency)."""
        target = currency_code(to)
        if money.currency == target:
            return money
        self.rates_for(money.currency, target, year)  # raises when a rate is missing
        amount = money.amount
        if money.currency != self.base:
            amount = amount / self._rates[(money.currency, year)].per_base
        if target != self.base:
            amount = amount * self._rates[(target, year)].per_base
        return Money(amount, target)
