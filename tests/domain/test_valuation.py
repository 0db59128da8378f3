"""Contribution measurement (`volex.domain.valuation`): the known answers of the ILO method and
hypothesis properties of FTE, replacement cost, ISCO-08 fallbacks and currencies."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from volex.domain.valuation import (
    DEFAULT_FULL_TIME_YEAR,
    CurrencyError,
    CurrencyMismatchError,
    ExchangeRate,
    ExchangeRates,
    ExcludedWork,
    FullTimeYear,
    GapReason,
    IscoCodeError,
    MissingExchangeRateError,
    Money,
    ValuationMethod,
    VolunteerWorkForm,
    WageFallback,
    WageRate,
    WageTable,
    WorkFacts,
    WorkHours,
    full_time_equivalents,
    is_volunteer_work,
    isco_lineage,
    minor_units,
    money_sum,
    opportunity_cost,
    replacement_cost,
    value_of_hours,
)

D = Decimal


def usd(amount: str) -> Money:
    return Money(D(amount), "USD")


def wage(country: str, isco: str | None, amount: str, currency: str = "USD", year: int = 2024):
    return WageRate(country, isco, Money(D(amount), currency), year, source="test table")


# --- Known answers ------------------------------------------------------------------------------


def test_100_hours_at_27_20_an_hour_is_2720():
    assert value_of_hours(100, usd("27.20")) == usd("2720.00")
    table = WageTable([wage("KE", "2222", "27.20")])
    valuation = replacement_cost(
        [WorkHours(hours=D(100), country="KE", year=2024, isco_code="2222")],
        wages=table,
        currency="USD",
    )
    assert valuation.total == usd("2720.00")
    assert str(valuation.total) == "2,720.00 USD"
    assert valuation.lines[0].fallback is WageFallback.NONE
    assert valuation.method is ValuationMethod.REPLACEMENT_COST


def test_fte_of_a_known_set_of_records():
    # 2,080 h + 1,040 h + 7.5 h × 4 + 10 h = 3,160 h; one FTE = 40 h × 52 weeks = 2,080 h
    records = [D(2080), D(1040), D("7.5"), D("7.5"), D("7.5"), D("7.5"), 10]
    result = full_time_equivalents(records)
    assert result.hours == D(3160)
    assert result.rounded() == D("1.52")
    assert result.basis.hours == D(2080)
    assert DEFAULT_FULL_TIME_YEAR.describe() == (
        "1 FTE = 40 hours a week × 52 weeks = 2,080 hours a year"
    )
    assert "2,080 hours a year" in str(result)
    assert full_time_equivalents(D(2080)).fte == 1
    assert full_time_equivalents(D(1040), period_years=D("0.5")).fte == 1


def test_fte_uses_the_configured_full_time_year():
    french = FullTimeYear(hours_per_week=35, weeks_per_year=47)
    result = full_time_equivalents(D(1645), basis=french)
    assert result.fte == 1
    assert "35 hours a week × 47 weeks = 1,645 hours a year" in str(result)


def test_swvr_2018_109_million_fte_is_about_227_billion_hours():
    hours = D(109_000_000) * DEFAULT_FULL_TIME_YEAR.hours
    assert full_time_equivalents(hours).fte == 109_000_000


def test_a_fallback_up_the_isco_hierarchy_is_named():
    table = WageTable(
        [
            wage("KE", "222", "20.00"),  # minor group: nursing and midwifery professionals
            wage("KE", "2", "15.00"),  # major group: professionals
            wage("KE", None, "5.00"),  # country default
            wage("UG", None, "3.00"),
        ]
    )
    work = [
        WorkHours(hours=D(10), country="KE", year=2024, isco_code="2222"),  # midwife → 222
        WorkHours(hours=D(10), country="KE", year=2024, isco_code="2511"),  # analyst → 2
        WorkHours(hours=D(10), country="KE", year=2024, isco_code="9112"),  # cleaner → default
        WorkHours(hours=D(10), country="UG", year=2024, isco_code=None),  # unknown → default
        WorkHours(hours=D(10), country="CF", year=2024, isco_code="2222"),  # no wage at all
    ]
    valuation = replacement_cost(work, wages=table, currency="USD")
    fallbacks = [line.fallback for line in valuation.lines]
    assert fallbacks == [
        WageFallback.MINOR_GROUP,
        WageFallback.MAJOR_GROUP,
        WageFallback.COUNTRY_DEFAULT,
        WageFallback.COUNTRY_DEFAULT,
    ]
    assert [line.match.rate.isco_code for line in valuation.lines] == ["222", "2", None, None]
    assert valuation.total == usd("430.00")
    assert [gap.reason for gap in valuation.gaps] == [GapReason.NO_WAGE]
    assert valuation.hours_not_valued == 10
    assert valuation.hours_by_fallback() == {
        WageFallback.MINOR_GROUP: 10,
        WageFallback.MAJOR_GROUP: 10,
        WageFallback.COUNTRY_DEFAULT: 20,
    }
    notes = "\n".join(valuation.notes())
    assert "no wage for 2222; fell back to the wage of the ISCO-08 minor group 222" in notes
    assert "no wage for 2511; fell back to the wage of the ISCO-08 major group 2" in notes
    assert "fell back to the country default wage" in notes
    assert "Hours not valued: 10." in notes


def test_the_sub_major_group_is_tried_before_the_major_group():
    table = WageTable([wage("KE", "25", "18.00"), wage("KE", "2", "15.00")])
    match = table.lookup(country="KE", isco_code="2511", year=2024)
    assert match is not None
    assert match.fallback is WageFallback.SUB_MAJOR_GROUP
    assert match.rate.isco_code == "25"


def test_two_currencies_are_never_summed_without_a_rate():
    with pytest.raises(CurrencyMismatchError, match="USD and KES without an exchange rate"):
        usd("1.00") + Money(D(1), "KES")
    with pytest.raises(CurrencyMismatchError):
        money_sum([usd("1.00"), Money(D(1), "KES")], currency="USD")
    with pytest.raises(CurrencyMismatchError):
        sum([usd("1.00"), Money(D(1), "KES")])
    table = WageTable([wage("KE", None, "600", currency="KES"), wage("UG", None, "2.00")])
    work = [
        WorkHours(hours=D(1), country="KE", year=2024),
        WorkHours(hours=D(1), country="UG", year=2024),
    ]
    with pytest.raises(MissingExchangeRateError, match="No exchange rate from KES to USD for 2024"):
        replacement_cost(work, wages=table, currency="USD")
    rates_of_another_year = ExchangeRates([ExchangeRate("KES", 2023, D(150))])
    with pytest.raises(MissingExchangeRateError):
        replacement_cost(work, wages=table, currency="USD", exchange_rates=rates_of_another_year)


def test_a_rate_of_the_year_converts_and_is_stated():
    table = WageTable([wage("KE", None, "600", currency="KES"), wage("UG", None, "2.00")])
    rates = ExchangeRates([ExchangeRate("KES", 2024, D(120), source="sample")])
    work = [
        WorkHours(hours=D(10), country="KE", year=2024),
        WorkHours(hours=D(10), country="UG", year=2024),
    ]
    valuation = replacement_cost(work, wages=table, currency="USD", exchange_rates=rates)
    assert valuation.total == usd("70.00")  # 6,000 KES / 120 + 20 USD
    assert valuation.exchange_rates == (ExchangeRate("KES", 2024, D(120), source="sample"),)
    assert "Exchange rate 2024: 120 KES per USD (sample)." in valuation.notes()
    in_kes = replacement_cost(work, wages=table, currency="KES", exchange_rates=rates)
    assert in_kes.total == Money(D(8400), "KES")


def test_cross_rates_go_through_the_base():
    rates = ExchangeRates([ExchangeRate("KES", 2024, D(120)), ExchangeRate("UGX", 2024, D(3600))])
    assert rates.convert(Money(D(120), "KES"), to="UGX", year=2024) == Money(D(3600), "UGX")
    assert len(rates.rates_for("KES", "UGX", 2024)) == 2


def test_opportunity_cost_uses_the_volunteers_own_wage():
    work = [
        WorkHours(hours=D(100), country="KE", year=2024, own_wage=usd("27.20")),
        WorkHours(hours=D(5), country="KE", year=2024),
    ]
    valuation = opportunity_cost(work, currency="USD")
    assert valuation.method is ValuationMethod.OPPORTUNITY_COST
    assert valuation.total == usd("2720.00")
    assert [gap.reason for gap in valuation.gaps] == [GapReason.NO_OWN_WAGE]
    assert valuation.hours == 105


def test_the_wage_of_the_year_of_work_else_the_latest_earlier_else_the_earliest_later():
    table = WageTable(
        [
            wage("KE", "2222", "10.00", year=2020),
            wage("KE", "2222", "12.00", year=2022),
            wage("KE", "2222", "14.00", year=2024),
        ]
    )

    def year_used(year: int) -> int:
        match = table.lookup(country="KE", isco_code="2222", year=year)
        assert match is not None
        return match.rate.year

    assert [year_used(y) for y in (2019, 2020, 2021, 2023, 2024, 2030)] == [
        2020,
        2020,
        2020,
        2022,
        2024,
        2024,
    ]
    match = table.lookup(country="KE", isco_code="2222", year=2023)
    assert match is not None and match.year_differs
    assert "no 2023 wage, the 2022 wage was used" in match.describe()


def test_the_reporting_currency_is_preferred_where_a_year_has_two():
    table = WageTable([wage("KE", "2222", "3000", "KES"), wage("KE", "2222", "25.00", "USD")])
    match_usd = table.lookup(country="KE", isco_code="2222", year=2024, currency="usd")
    match_kes = table.lookup(country="KE", isco_code="2222", year=2024, currency="KES")
    assert match_usd is not None and match_usd.rate.hourly_wage.currency == "USD"
    assert match_kes is not None and match_kes.rate.hourly_wage.currency == "KES"


def test_money_refuses_floats_bad_codes_and_rounds_to_the_minor_unit():
    with pytest.raises(TypeError):
        Money(27.2, "USD")  # type: ignore[arg-type]
    with pytest.raises(CurrencyError):
        Money(D(1), "US")
    assert Money(D("1.005"), "usd").rounded() == usd("1.01")
    assert minor_units("UGX") == 0 and minor_units("KWD") == 3
    assert str(Money(D("12345.6"), "UGX")) == "12,346 UGX"
    with pytest.raises(ValueError):
        WageRate("KE", "2222", usd("0"), 2024)
    with pytest.raises(IscoCodeError):
        WageRate("KE", "22x", usd("1"), 2024)
    with pytest.raises(ValueError, match="Two wages"):
        WageTable([wage("KE", "2", "1"), wage("KE", "2", "2")])
    with pytest.raises(ValueError):
        ExchangeRate("USD", 2024, D(1))
    with pytest.raises(ValueError):
        ExchangeRates([ExchangeRate("KES", 2024, D(120), base="EUR")])


def test_ilo_definition_organization_based_and_direct():
    def facts(**kwargs: object) -> WorkFacts:
        base: dict[str, object] = {"hours": D(2), "form": VolunteerWorkForm.ORGANIZATION_BASED}
        return WorkFacts(**{**base, **kwargs})  # type: ignore[arg-type]

    assert is_volunteer_work(facts())
    assert is_volunteer_work(facts(form=VolunteerWorkForm.DIRECT))
    assert not is_volunteer_work(facts(form=VolunteerWorkForm.DIRECT, for_own_household=True))
    assert not is_volunteer_work(facts(paid=True))
    assert not is_volunteer_work(facts(compulsory=True))
    assert not is_volunteer_work(facts(hours=D("0.5")))
    for exclusion in ExcludedWork:
        assert not is_volunteer_work(facts(exclusion=exclusion))


# --- Properties ---------------------------------------------------------------------------------

hours_st = st.decimals(min_value=0, max_value=100_000, places=2, allow_nan=False)
amounts = st.decimals(
    min_value=D("-1e9"), max_value=D("1e9"), places=2, allow_nan=False, allow_infinity=False
)
wages_st = st.decimals(min_value=D("0.01"), max_value=D(10_000), places=2, allow_nan=False)
currencies = st.sampled_from(["USD", "KES", "UGX", "EUR", "XAF"])
isco_codes = st.from_regex(r"\A[0-9]{1,4}\Z", fullmatch=True)
years = st.integers(min_value=2000, max_value=2030)


@given(st.lists(hours_st, max_size=30))
def test_fte_times_the_full_time_year_is_the_hours(records):
    result = full_time_equivalents(records)
    assert result.hours == sum(records, D(0))
    assert abs(result.fte * DEFAULT_FULL_TIME_YEAR.hours - result.hours) < D("1e-20")


@given(hours_st, hours_st)
def test_fte_is_additive_and_monotone(a, b):
    both = full_time_equivalents([a, b]).fte
    apart = full_time_equivalents(a).fte + full_time_equivalents(b).fte
    assert abs(both - apart) < D("1e-20")
    assert both >= full_time_equivalents(max(a, b)).fte


@given(amounts, amounts, amounts, currencies)
def test_money_adds_like_numbers_within_one_currency(a, b, c, currency):
    x, y, z = Money(a, currency), Money(b, currency), Money(c, currency)
    assert x + y == y + x
    assert (x + y) + z == x + (y + z)
    assert x + Money.zero(currency) == x
    assert sum([x, y, z]) == money_sum([x, y, z], currency=currency)


@given(amounts, amounts, currencies, currencies)
def test_money_in_two_currencies_never_adds(a, b, left, right):
    if left == right:
        return
    with pytest.raises(CurrencyMismatchError):
        Money(a, left) + Money(b, right)
    with pytest.raises(CurrencyMismatchError):
        Money(a, left) - Money(b, right)


@given(hours_st, wages_st)
def test_value_is_hours_times_wage_and_linear(hours, hourly):
    value = value_of_hours(hours, usd(str(hourly)))
    assert value.amount == hours * hourly
    assert value_of_hours(hours * 2, usd(str(hourly))).amount == 2 * value.amount


@given(st.lists(st.tuples(hours_st, wages_st), min_size=1, max_size=20))
def test_the_total_is_the_sum_of_the_lines_rounded_once(rows):
    rates = [wage("KE", str(1000 + i), str(w)) for i, (_, w) in enumerate(rows)]
    work = [
        WorkHours(hours=h, country="KE", year=2024, isco_code=str(1000 + i), group=i % 3)
        for i, (h, _) in enumerate(rows)
    ]
    valuation = replacement_cost(work, wages=WageTable(rates), currency="USD")
    exact = sum((h * w for h, w in rows), D(0))
    assert valuation.exact_total == usd(str(exact))
    assert valuation.total == usd(str(exact)).rounded()
    assert valuation.hours_valued == sum((h for h, _ in rows), D(0))
    groups = valuation.by_group()
    assert abs(sum(m.amount for m in groups.values()) - exact) <= D("0.01") * len(groups)


@given(isco_codes, st.sets(isco_codes, max_size=8), st.booleans(), years)
def test_the_wage_found_is_the_most_specific_ancestor(requested, table_codes, default, year):
    rates = [wage("KE", code, "10.00") for code in table_codes]
    if default:
        rates.append(wage("KE", None, "1.00"))
    match = WageTable(rates).lookup(country="KE", isco_code=requested, year=year)
    ancestors = [code for code in isco_lineage(requested) if code in table_codes]
    if ancestors:
        assert match is not None
        assert match.rate.isco_code == ancestors[0]  # most specific ancestor, never a sibling
        assert (match.fallback is WageFallback.NONE) == (ancestors[0] == requested)
        assert match.fallback is not WageFallback.COUNTRY_DEFAULT
        assert match.requested_isco == requested
    elif default:
        assert match is not None and match.fallback is WageFallback.COUNTRY_DEFAULT
    else:
        assert match is None


@given(
    st.decimals(min_value=D("0.01"), max_value=D(1_000_000), places=2),
    st.decimals(min_value=D("0.001"), max_value=D(10_000), places=3),
    st.decimals(min_value=D("0.001"), max_value=D(10_000), places=3),
)
def test_converting_there_and_back_returns_the_amount(amount, kes, ugx):
    rates = ExchangeRates([ExchangeRate("KES", 2024, kes), ExchangeRate("UGX", 2024, ugx)])
    there = rates.convert(Money(amount, "KES"), to="UGX", year=2024)
    back = rates.convert(there, to="KES", year=2024)
    assert abs(back.amount - amount) < D("1e-18") * max(amount, D(1))
    via_usd = rates.convert(
        rates.convert(Money(amount, "KES"), to="USD", year=2024), to="UGX", year=2024
    )
    assert abs(via_usd.amount - there.amount) < D("1e-18") * max(there.amount, D(1))


@given(st.lists(st.tuples(hours_st, currencies), min_size=2, max_size=10), years)
def test_a_table_in_several_currencies_needs_every_rate(rows, year):
    rates = [
        WageRate(f"A{chr(65 + i)}", None, Money(D(5), currency), year)
        for i, (_, currency) in enumerate(rows)
    ]
    work = [
        WorkHours(hours=h, country=f"A{chr(65 + i)}", year=year) for i, (h, _) in enumerate(rows)
    ]
    foreign = {currency for _, currency in rows} - {"USD"}
    if foreign:
        with pytest.raises(MissingExchangeRateError):
            replacement_cost(work, wages=WageTable(rates), currency="USD")
    full = ExchangeRates(ExchangeRate(c, year, D(2)) for c in foreign)
    valuation = replacement_cost(work, wages=WageTable(rates), currency="USD", exchange_rates=full)
    assert {rate.currency for rate in valuation.exchange_rates} == foreign
