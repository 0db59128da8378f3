"""The period a deployment serves (`volex.domain.service`)."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from volex.domain.service import last_day_of_service, serves_during

PLANNED = date(2025, 1, 1)


def test_the_last_day_is_the_recorded_end_else_the_planned_end() -> None:
    assert last_day_of_service(planned_end=PLANNED, end=None) == PLANNED
    assert last_day_of_service(planned_end=PLANNED, end=date(2024, 6, 30)) == date(2024, 6, 30)


def test_a_deployment_nobody_ended_does_not_serve_after_its_planned_end() -> None:
    start = date(2024, 1, 1)
    facts = {"start": start, "planned_end": PLANNED, "end": None}
    assert serves_during(**facts, period_start=date(2040, 1, 1), period_end=date(2040, 12, 31)) is (
        False
    )
    assert serves_during(**facts, period_start=PLANNED, period_end=date(2025, 1, 31))
    assert not serves_during(**facts, period_start=date(2025, 1, 2), period_end=date(2025, 1, 31))
    assert not serves_during(**facts, period_start=date(2023, 1, 1), period_end=date(2023, 12, 31))


def test_an_early_end_ends_the_service() -> None:
    facts = {"start": date(2024, 1, 1), "planned_end": PLANNED, "end": date(2024, 3, 31)}
    assert serves_during(**facts, period_start=date(2024, 3, 1), period_end=date(2024, 3, 31))
    assert not serves_during(**facts, period_start=date(2024, 4, 1), period_end=date(2024, 4, 30))


days = st.dates(min_value=date(2000, 1, 1), max_value=date(2060, 12, 31))


@given(start=days, length=st.integers(0, 2000), ended=st.none() | st.integers(0, 2000),
       period_start=days, period_length=st.integers(0, 800))  # fmt: skip
def test_serving_is_overlapping_the_days_from_start_to_last_day(
    start: date, length: int, ended: int | None, period_start: date, period_length: int
) -> None:
    planned_end = start + timedelta(days=length)
    end = None if ended is None else start + timedelta(days=ended)
    period_end = period_start + timedelta(days=period_length)
    last = last_day_of_service(planned_end=planned_end, end=end)
    served = {start + timedelta(days=n) for n in range((last - start).days + 1)}
    asked = {period_start + timedelta(days=n) for n in range(period_length + 1)}
    assert serves_during(
        start=start, planned_end=planned_end, end=end, period_start=period_start,
        period_end=period_end,
    ) == bool(served & asked)  # fmt: skip
