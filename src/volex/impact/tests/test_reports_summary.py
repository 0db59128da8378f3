"""Reports read the summary of approved hours for the whole months of the period and the hour
records for the partial months at its edges (ADR 0004): the figures are those of the records
alone, whatever the period, in the same number of queries."""

import random
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from volex.deployments.models import ApprovedHoursYear, HourStatus
from volex.impact.reports import ReportScope, ScopeKind, report_build, whole_months
from volex.impact.tests.factories import WageRateFactory

from .reporting import assignment_in, deployment_of, hours_of, programme

PERIODS = [
    (date(2024, 1, 1), date(2024, 12, 31)),  # whole months only
    (date(2024, 1, 15), date(2024, 11, 20)),  # partial at both edges
    (date(2024, 2, 1), date(2024, 6, 10)),  # partial at the end
    (date(2024, 2, 29), date(2024, 7, 31)),  # partial at the start
    (date(2024, 3, 5), date(2024, 3, 25)),  # inside one month
    (date(2024, 3, 1), date(2024, 3, 31)),  # one whole month
    (date(2024, 5, 31), date(2024, 6, 1)),  # two partial months, no whole one
    (date(2023, 12, 2), date(2025, 1, 30)),  # across years
]


def _work(queries) -> list[str]:
    """The report's statements, without the transaction's control and its settings."""
    control = ("SAVEPOINT", "RELEASE SAVEPOINT", "BEGIN", "COMMIT", "SELECT set_config(")
    return [q["sql"] for q in queries.captured_queries if not q["sql"].startswith(control)]


@pytest.fixture
def data(db):
    data = programme()
    rng = random.Random(6)
    codes = [None, "2221", "2211", "2512"]
    extra = assignment_in(data.host, country="TZ", place="Arusha", sdg_goals=(5, 6))
    statuses = [HourStatus.APPROVED] * 4 + [HourStatus.SUBMITTED, HourStatus.REJECTED]
    for _ in range(4):
        deployment = deployment_of(extra, start=date(2023, 11, 1))
        for _ in range(40):
            day = date(2023, 11, 1) + timedelta(days=rng.randrange(460))
            hours_of(
                deployment,
                Decimal(rng.randint(1, 160)) / 4,
                on=day,
                status=rng.choice(statuses),
                isco=rng.choice(codes),
            )
    WageRateFactory(country_id="KE", isco_group_id=None, hourly_wage=Decimal("10.00"))
    WageRateFactory(country_id="KE", isco_group_id="2221", hourly_wage=Decimal("27.20"))
    WageRateFactory(country_id="TZ", isco_group_id=None, hourly_wage=Decimal("3.35"))
    WageRateFactory(country_id="TZ", isco_group_id="22", hourly_wage=Decimal("7.10"))
    return data


@pytest.mark.parametrize(("start", "end"), PERIODS)
def test_report_from_the_summary_equals_the_report_from_the_records(data, start, end):
    for kind, extra in (
        (ScopeKind.ALL, {}),
        (ScopeKind.PROGRAMME, {"organization": data.host}),
    ):
        with CaptureQueriesContext(connection) as summary_queries:
            from_summary = report_build(scope=ReportScope(kind, start, end, **extra))
        with CaptureQueriesContext(connection) as record_queries:
            from_records = report_build(scope=ReportScope(kind, start, end, **extra), summary=False)
        assert from_summary == from_records
        assert len(summary_queries) == len(record_queries)
        if kind is ScopeKind.ALL:  # 15; fewer when a label list is empty
            assert len(_work(summary_queries)) <= 15
    assert from_summary.hours > 0 or (end - start).days < 7


def test_whole_months_of_a_period():
    assert whole_months(ReportScope(ScopeKind.ALL, *PERIODS[0])) == (202401, 202412)
    assert whole_months(ReportScope(ScopeKind.ALL, *PERIODS[1])) == (202402, 202410)
    assert whole_months(ReportScope(ScopeKind.ALL, *PERIODS[3])) == (202403, 202407)
    assert whole_months(ReportScope(ScopeKind.ALL, *PERIODS[4])) is None
    assert whole_months(ReportScope(ScopeKind.ALL, *PERIODS[6])) is None
    assert whole_months(ReportScope(ScopeKind.ALL, *PERIODS[7])) == (202401, 202412)


def test_whole_months_are_read_from_the_summary_and_partial_ones_from_the_records(data):
    whole = ReportScope(ScopeKind.ALL, date(2024, 3, 1), date(2024, 3, 31))
    partial = ReportScope(ScopeKind.ALL, date(2024, 3, 2), date(2024, 3, 31))
    before = (report_build(scope=whole).hours, report_build(scope=partial).hours)
    # a (deliberately wrong) extra summary row for March: seen by the whole month only
    deployment = data.nurse.deployments.first()
    ApprovedHoursYear.objects.create(
        deployment=deployment,
        assignment_id=deployment.assignment_id,
        volunteer_id=deployment.volunteer_id,
        duty_station_id=deployment.duty_station_id,
        year=2024,
        isco_group_id="2512",
        hundredths=100_000,
        hundredths_03=100_000,
    )
    after = (report_build(scope=whole).hours, report_build(scope=partial).hours)
    assert after == (before[0] + 1000, before[1])
