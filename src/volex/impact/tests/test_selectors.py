"""The wage table and exchange rates as the domain's lookups: one query each, fallbacks named."""

from decimal import Decimal

import pytest

from volex.domain.valuation import (
    Money,
    WageFallback,
    WorkHours,
    full_time_equivalents,
    replacement_cost,
)
from volex.impact.sample import load_sample_wages
from volex.impact.selectors import exchange_rates, wage_rate_list, wage_table

from .factories import ExchangeRateFactory, WageRateFactory

pytestmark = pytest.mark.django_db


def test_100_hours_at_27_20_from_the_wage_table(django_assert_num_queries):
    WageRateFactory(country_id="KE", isco_group_id="2222", hourly_wage=Decimal("27.20"))
    with django_assert_num_queries(1):
        table = wage_table()
    valuation = replacement_cost(
        [WorkHours(hours=Decimal(100), country="KE", year=2024, isco_code="2222")],
        wages=table,
        currency="USD",
    )
    assert valuation.total == Money(Decimal("2720.00"), "USD")


def test_the_sample_table_values_demo_work_with_fallbacks_and_rates(django_assert_num_queries):
    load_sample_wages()
    with django_assert_num_queries(2):
        table, rates = wage_table(), exchange_rates()
    work = [
        WorkHours(hours=Decimal(100), country="KE", year=2024, isco_code="2222"),  # midwife
        WorkHours(hours=Decimal(100), country="KE", year=2024, isco_code="2511"),  # analyst → 25
        WorkHours(hours=Decimal(100), country="UG", year=2024, isco_code="2222"),  # → 222
        WorkHours(hours=Decimal(100), country="CF", year=2024, isco_code="2619"),  # → 2
        WorkHours(hours=Decimal(100), country="GH", year=2024, isco_code="5321"),  # → default
    ]
    valuation = replacement_cost(work, wages=table, currency="USD", exchange_rates=rates)
    assert [line.fallback for line in valuation.lines] == [
        WageFallback.NONE,
        WageFallback.SUB_MAJOR_GROUP,
        WageFallback.MINOR_GROUP,
        WageFallback.MAJOR_GROUP,
        WageFallback.COUNTRY_DEFAULT,
    ]
    # 75,000/135 + 90,000/135 + 950,000/3,750 + 180,000/605 + 1,500/14.5
    expected = (
        Decimal(75000) / 135
        + Decimal(90000) / 135
        + Decimal(950000) / 3750
        + Decimal(180000) / 605
        + Decimal(1500) / Decimal("14.5")
    )
    assert valuation.total == Money(expected, "USD").rounded()
    assert {rate.currency for rate in valuation.exchange_rates} == {"KES", "UGX", "XAF", "GHS"}
    assert full_time_equivalents(valuation.hours).rounded() == Decimal("0.24")


def test_exchange_rates_only_of_the_base_asked_for():
    ExchangeRateFactory(currency="KES", year=2024)
    ExchangeRateFactory(currency="KES", base_currency="EUR", year=2024, units_per_base=150)
    usd = exchange_rates()
    assert len(usd) == 1 and usd.rate("KES", 2024).per_base == Decimal(135)
    assert exchange_rates(base="EUR").rate("KES", 2024).per_base == Decimal(150)


def test_wage_rate_list_filters_by_isco_prefix_country_and_year():
    WageRateFactory(country_id="KE", isco_group_id="2222")
    WageRateFactory(country_id="KE", isco_group_id="222")
    WageRateFactory(country_id="KE", isco_group_id="2511")
    WageRateFactory(country_id="UG", isco_group_id="2222", year=2023)
    assert wage_rate_list(isco="222").count() == 3
    assert wage_rate_list(country="UG").count() == 1
    assert wage_rate_list(year=2023).get().country_id == "UG"
    assert wage_table(countries=["UG"]).lookup(country="KE", isco_code="2222", year=2024) is None
