"""On PostgreSQL a report started outside a transaction runs its statements in two sessions that
share one snapshot (`volex.core.snapshot`): the same report as the one run in a single session,
and blind to what is committed while it runs. (SQLite: one session always, skipped there.)"""

import random
import threading
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection, transaction

from volex.core import snapshot
from volex.deployments.models import HourStatus
from volex.impact.reports import ReportScope, ScopeKind, report_build
from volex.impact.tests.factories import WageRateFactory

from .reporting import assignment_in, deployment_of, hours_of, programme

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL snapshots"),
]


@pytest.fixture
def data(db):
    data = programme()
    rng = random.Random(9)
    extra = assignment_in(data.host, country="TZ", place="Arusha", sdg_goals=(5, 6))
    for _ in range(3):
        deployment = deployment_of(extra, start=date(2023, 11, 1))
        for _ in range(30):
            hours_of(
                deployment,
                Decimal(rng.randint(1, 160)) / 4,
                on=date(2023, 11, 1) + timedelta(days=rng.randrange(420)),
                status=rng.choice([HourStatus.APPROVED] * 3 + [HourStatus.SUBMITTED]),
                isco=rng.choice([None, "2221", "2512"]),
            )
    WageRateFactory(country_id="KE", isco_group_id=None, hourly_wage=Decimal("10.00"))
    WageRateFactory(country_id="TZ", isco_group_id="22", hourly_wage=Decimal("7.10"))
    return data


def _sessions_used(monkeypatch) -> list[str]:
    """The snapshot ids the side-by-side runs received (one per report that shared one)."""
    seen: list[str] = []
    original = snapshot.run_side_by_side

    def spy(statements, *, snapshot, settings):
        if snapshot is not None:
            seen.append(snapshot)
        return original(statements, snapshot=snapshot, settings=settings)

    monkeypatch.setattr("volex.impact.report_building.run_side_by_side", spy)
    return seen


def test_two_sessions_give_the_report_of_one(data, monkeypatch):
    seen = _sessions_used(monkeypatch)
    for start, end in (
        (date(2024, 1, 1), date(2024, 12, 31)),
        (date(2024, 2, 10), date(2024, 9, 5)),
    ):
        scope = ReportScope(ScopeKind.PROGRAMME, start, end, organization=data.host)
        side_by_side = report_build(scope=scope)
        with transaction.atomic():  # inside a transaction: one session
            single = report_build(
                scope=ReportScope(ScopeKind.PROGRAMME, start, end, organization=data.host)
            )
        assert side_by_side == single
        assert side_by_side.hours > 0
    assert len(seen) == 2  # both reports outside a transaction ran side by side


def test_the_sessions_read_one_snapshot(data):
    """Hours approved by someone else while the report runs are in neither session's figures."""
    scope = ReportScope(ScopeKind.ALL, date(2024, 1, 1), date(2024, 12, 31))
    before = report_build(scope=scope)
    with transaction.atomic():
        exported = snapshot.shared_snapshot({}, outermost=True)
        statements = _count_hours_statements()
        # committed by another session after the snapshot was taken
        writer = threading.Thread(target=_approve_more_hours, args=(data,))
        writer.start()
        writer.join()
        rows = snapshot.run_side_by_side(statements, snapshot=exported, settings={})
    assert rows[0] == rows[1] == [(int(before.hours * 100),)]
    assert report_build(scope=scope).hours == before.hours + Decimal("12.50")


def _count_hours_statements():
    from volex.impact.report_cube import Statement

    sql = "SELECT CAST(SUM(hundredths) AS BIGINT) FROM deployments_approvedhoursyear WHERE year = 2024"
    return [Statement(sql, ()), Statement(sql, ())]


def _approve_more_hours(data):
    try:
        deployment = data.nurse.deployments.first()
        hours_of(deployment, Decimal("12.50"), on=date(2024, 5, 6))
    finally:
        connection.close()


def test_the_second_session_reads_in_the_callers_language(data):
    """What a statement's `read` writes (a valuation's messages) is in the caller's language,
    whichever session ran it: here the caller sleeps, so the second session takes the other."""
    from django.utils import translation
    from django.utils.translation import gettext

    from volex.impact.report_cube import Statement

    def read(rows):
        return gettext("Month"), threading.current_thread().name

    with translation.override("fr"), transaction.atomic():
        exported = snapshot.shared_snapshot({}, outermost=True)
        results = snapshot.run_side_by_side(
            [Statement("SELECT pg_sleep(0.5)", (), read), Statement("SELECT 1", (), read)],
            snapshot=exported,
            settings={},
        )
    assert [label for label, _thread in results] == ["Mois", "Mois"]
    assert len({thread for _label, thread in results}) == 2  # one statement in each session
