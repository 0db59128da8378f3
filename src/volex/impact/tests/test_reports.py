"""Reports with known answers, through the whole database path: the scope, the grouped queries,
the valuation and the notes. Runs on SQLite and on PostgreSQL (DATABASE_URL) alike."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from volex.domain.valuation import FullTimeYear, Money
from volex.impact.reports import Breakdown, ReportError, ReportScope, ScopeKind, report_build
from volex.impact.tests.factories import ExchangeRateFactory, WageRateFactory
from volex.reference.models import Country

from .reporting import assignment_in, deployment_of, hours_of, programme

YEAR = {"start": date(2024, 1, 1), "end": date(2024, 12, 31)}


def _scope(kind=ScopeKind.ORGANIZATION, **kwargs):
    return ReportScope(kind=kind, **{**YEAR, **kwargs})


@pytest.fixture
def data(db):
    return programme()


def test_100_hours_at_27_20_is_2720_through_the_whole_report(data):
    WageRateFactory(country_id="KE", isco_group_id="2221", hourly_wage=Decimal("27.20"))
    report = report_build(scope=_scope(organization=data.host))
    assert report.hours == Decimal("100.00")  # submitted, rejected and 2023 hours left out
    assert report.value == Money(Decimal("2720.00"), "USD")
    assert str(report.value) == "2,720.00 USD"
    assert report.currency == "USD"
    assert (report.volunteers, report.deployments) == (1, 1)
    assert any("Method: replacement cost" in note for note in report.notes)
    [sdg3] = report.rows(Breakdown.SDG_GOAL)
    assert (sdg3.key, sdg3.hours, sdg3.value.amount) == ("3", Decimal("100.00"), Decimal("2720.00"))


def test_fte_of_a_known_set_of_records_with_its_basis_stated(data):
    WageRateFactory(country_id="KE", isco_group_id=None, hourly_wage=Decimal(10))
    report = report_build(scope=_scope(ScopeKind.PROGRAMME, organization=data.host))
    # 100 h + 52 weeks × 40 h = 2,180 h over one calendar year of 2,080 h
    assert report.hours == Decimal("2180.00")
    assert report.fte == Decimal("1.05")
    assert any("2,080 hours a year" in note for note in report.notes)
    half = report_build(
        scope=_scope(
            ScopeKind.PROGRAMME,
            organization=data.host,
            basis=FullTimeYear(Decimal(35), Decimal(52)),
        )
    )
    assert half.fte == (Decimal(2180) / Decimal(1820)).quantize(Decimal("0.01"))
    assert any("35 hours a week" in note for note in half.notes)
    march = report_build(
        scope=ReportScope(
            kind=ScopeKind.PROGRAMME,
            organization=data.host,
            start=date(2024, 3, 1),
            end=date(2024, 3, 31),
        )
    )
    # March: the 100 h and 4 Mondays × 40 h = 260 h over 1/12 of 2,080 h
    assert march.hours == Decimal("260.00")
    assert march.fte == (Decimal(260) / (Decimal(2080) / 12)).quantize(Decimal("0.01"))


def test_a_fallback_up_the_isco_hierarchy_is_named(data):
    WageRateFactory(country_id="KE", isco_group_id="22", hourly_wage=Decimal("20.00"))
    report = report_build(scope=_scope(organization=data.host))
    assert report.value == Money(Decimal("2000.00"), "USD")
    assert report.fallback_hours == {"isco_sub_major_group": Decimal("100.00")}
    fallback = [note for note in report.notes if note.startswith("Fallback:")]
    assert fallback and "fell back to the wage of the ISCO-08 sub-major group 22" in fallback[0]


def test_two_currencies_are_never_summed_without_a_rate(data):
    WageRateFactory(country_id="KE", isco_group_id=None, currency="KES", hourly_wage=Decimal(500))
    WageRateFactory(country_id="UG", isco_group_id=None, currency="UGX", hourly_wage=Decimal(9000))
    admin = report_build(scope=_scope(ScopeKind.ALL))
    assert admin.value is None
    assert "without an exchange rate" in admin.value_error
    assert admin.hours == Decimal("2230.00")  # the hours are still reported
    assert all(row.value is None for row in admin.rows(Breakdown.COUNTRY))
    # with the year's rates, both convert to USD and add up
    ExchangeRateFactory(currency="KES", year=2024, units_per_base=Decimal(125))
    ExchangeRateFactory(currency="UGX", year=2024, units_per_base=Decimal(3750))
    valued = report_build(scope=_scope(ScopeKind.ALL, currency="USD"))
    # KE: 2,180 h × 500 KES / 125 = 8,720 USD; UG: 50 h × 9,000 UGX / 3,750 = 120 USD
    assert valued.value == Money(Decimal("8840.00"), "USD")
    assert any(note.startswith("Exchange rate 2024: 125 KES") for note in valued.notes)
    by_country = {row.key: row.value.amount for row in valued.rows(Breakdown.COUNTRY)}
    assert by_country == {"KE": Decimal("8720.00"), "UG": Decimal("120.00")}
    assert [row.key for row in valued.rows(Breakdown.COUNTRY)] == ["KE", "UG"]  # ranked


def test_breakdowns_and_people_reached(data):
    WageRateFactory(country_id="KE", isco_group_id=None, hourly_wage=Decimal(10))
    report = report_build(scope=_scope(ScopeKind.PROGRAMME, organization=data.host))
    rows = {b: {r.key: (r.hours, r.volunteers) for r in report.rows(b)} for b in Breakdown}
    assert rows[Breakdown.SDG_GOAL] == {"3": (Decimal(100), 1), "4": (Decimal(2080), 1)}
    assert rows[Breakdown.SDG_TARGET] == {"3.8": (Decimal(100), 1), "4.4": (Decimal(2080), 1)}
    assert rows[Breakdown.SECTOR] == {"health": (Decimal(100), 1), "ict": (Decimal(2080), 1)}
    assert rows[Breakdown.CATEGORY] == {
        "international_specialist": (Decimal(100), 1),
        "online": (Decimal(2080), 1),
    }
    assert rows[Breakdown.COUNTRY] == {"KE": (Decimal(2180), 2)}  # online: the host's country
    assert rows[Breakdown.SEX] == {"female": (Decimal(100), 1), "male": (Decimal(2080), 1)}
    assert rows[Breakdown.AGE_GROUP] == {"25-34": (Decimal(100), 1), "55-64": (Decimal(2080), 1)}
    assert rows[Breakdown.FORM]["organization_based"] == (Decimal(2180), 2)
    assert rows[Breakdown.FORM]["direct"] == (Decimal(0), 0)
    months = report.rows(Breakdown.MONTH)
    assert [m.key for m in months][:2] == ["2024-01", "2024-02"] and len(months) == 12
    assert sum(m.hours for m in months) == report.hours
    assert months[2].hours == Decimal(260)  # March: 100 + 4 × 40
    assert sum((m.value for m in months), Money.zero("USD")) == report.value
    assert report.people_reached == 62  # the other organization's 99 are not in the programme
    reach = {name: {r.key: r.people for r in rows} for name, rows in report.reach.items()}
    assert reach["sex"] == {"female": 42, "male": 20}
    assert reach["age_group"] == {"0-14": 50, "25-64": 12}
    assert reach["disability"] == {"yes": 12, "no": 50}
    assert reach["group"] == {"women_girls": 12, "children": 50}


def test_scopes_country_mission_and_visibility(data):
    kenya = report_build(scope=_scope(ScopeKind.COUNTRY, country=Country.objects.get(pk="KE")))
    assert kenya.hours == Decimal("2180.00")
    seen_by_host_only = report_build(
        scope=_scope(ScopeKind.ALL, visible_organization_ids=frozenset({data.host.pk}))
    )
    assert seen_by_host_only.hours == Decimal("100.00")
    from volex.reference.models import PeaceOperation

    mission = PeaceOperation.objects.order_by("pk").first()
    data.other.peace_operation = mission
    data.other.save()
    assert report_build(scope=_scope(ScopeKind.MISSION, mission=mission)).hours == Decimal(50)
    with pytest.raises(ReportError):
        _scope(ScopeKind.ORGANIZATION)
    with pytest.raises(ReportError):
        ReportScope(kind=ScopeKind.ALL, start=date(2024, 2, 1), end=date(2024, 1, 1))


def test_query_count_does_not_grow_with_the_rows(data):
    WageRateFactory(country_id="KE", isco_group_id=None, hourly_wage=Decimal(10))
    scope = _scope(ScopeKind.ALL)
    with CaptureQueriesContext(connection) as small:
        report_build(scope=scope)
    more = assignment_in(data.host, country="TZ", place="Arusha", sdg_goals=(5, 6))
    for _ in range(5):
        deployment = deployment_of(more)
        for week in range(3):
            hours_of(deployment, 8, on=date(2024, 5, 1 + week))
    with CaptureQueriesContext(connection) as large:
        report_build(scope=scope)
    assert len(large) == len(small) <= 30


def test_a_deployment_counts_only_up_to_its_planned_end_when_no_end_was_recorded(db):
    """Nobody recorded the end of a deployment planned to end on 1 January 2025: a report for
    2040 does not list its volunteer as serving; one for 2024 does, up to the planned end."""
    from volex.organizations.tests.factories import OrganizationFactory

    host = OrganizationFactory(country_id="KE")
    forgotten = deployment_of(assignment_in(host))  # planned end 2025-01-01, no end date
    assert forgotten.end_date is None and forgotten.planned_end_date == date(2025, 1, 1)
    later = ScopeKind.ORGANIZATION, {"start": date(2040, 1, 1), "end": date(2040, 12, 31)}
    report = report_build(scope=ReportScope(kind=later[0], organization=host, **later[1]))
    assert (report.volunteers, report.deployments) == (0, 0)
    assert all(row.deployments == 0 for row in report.rows(Breakdown.SECTOR))
    on_the_planned_end = ReportScope(
        kind=ScopeKind.ORGANIZATION, organization=host, start=date(2025, 1, 1),
        end=date(2025, 1, 31),
    )  # fmt: skip
    assert report_build(scope=on_the_planned_end).deployments == 1
    the_day_after = ReportScope(
        kind=ScopeKind.ORGANIZATION, organization=host, start=date(2025, 1, 2),
        end=date(2025, 1, 31),
    )  # fmt: skip
    assert report_build(scope=the_day_after).deployments == 0


def test_the_reports_count_serving_deployments_as_the_domain_rule_says(db):
    """The database form of the service period (`in_service_during`) picks the deployments
    `volex.domain.service.serves_during` says serve, for periods on and around their ends."""
    from volex.deployments.models import Deployment
    from volex.domain.service import serves_during
    from volex.impact.reports import deployments_in_scope
    from volex.organizations.tests.factories import OrganizationFactory

    host = OrganizationFactory(country_id="KE")
    assignment = assignment_in(host)
    in_service = deployment_of(assignment)  # planned end 2025-01-01, nobody ended it
    ended_early = deployment_of(assignment, end=date(2024, 3, 31))
    Deployment.objects.filter(pk=ended_early.pk).update(planned_end_date=date(2024, 12, 31))
    ended_late = deployment_of(assignment, start=date(2024, 6, 1), end=date(2025, 6, 30))
    Deployment.objects.filter(pk=ended_late.pk).update(planned_end_date=date(2025, 1, 31))
    deployments = list(Deployment.objects.filter(pk__in=[in_service.pk, ended_early.pk,
                                                         ended_late.pk]))  # fmt: skip
    edges = [date(2023, 12, 31), date(2024, 3, 31), date(2024, 4, 1), date(2025, 1, 1),
             date(2025, 1, 2), date(2025, 6, 30), date(2025, 7, 1), date(2040, 1, 1)]  # fmt: skip
    for start in edges:
        for end in (e for e in edges if e >= start):
            scope = ReportScope(kind=ScopeKind.ORGANIZATION, organization=host, start=start,
                                end=end)  # fmt: skip
            expected = {
                d.pk
                for d in deployments
                if serves_during(
                    start=d.start_date,
                    planned_end=d.planned_end_date,
                    end=d.end_date,
                    period_start=start,
                    period_end=end,
                )  # fmt: skip
            }
            assert set(deployments_in_scope(scope).values_list("pk", flat=True)) == expected, (
                start,
                end,
            )
