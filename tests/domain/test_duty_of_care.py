"""The duty-of-care rules at their boundaries, with no Django and no database."""

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest

from volex.domain import duty_of_care as doc
from volex.domain.duty_of_care import (
    CheckInFact,
    HoursEntry,
    HoursFact,
    HoursRule,
    RiskConfig,
    RuleCode,
    Safety,
    ServiceFacts,
    assess_risks,
    check_hours,
    reminders_due,
)

START = date(2026, 1, 5)  # a Monday
NOW = datetime(2026, 3, 2, 12, tzinfo=UTC)


def _weeks(*totals: str) -> tuple[HoursFact, ...]:
    return tuple(
        HoursFact(period_start=START + timedelta(weeks=i), hours=Decimal(total))
        for i, total in enumerate(totals)
    )


def _checkin(day: int, wellbeing: int = 4, safety: Safety = Safety.SAFE) -> CheckInFact:
    return CheckInFact(
        submitted_at=datetime(2026, 1, 5, 9, tzinfo=UTC) + timedelta(days=day),
        wellbeing=wellbeing,
        workload=3,
        safety=safety,
    )


def _rules(facts: ServiceFacts, now: datetime = NOW, config: RiskConfig = doc.DEFAULT_CONFIG):
    return [risk.rule for risk in assess_risks(facts, now=now, config=config)]


# --- long hours: > 55 approved hours a week, three weeks running ---------------------------


def test_three_weeks_over_55_raise_a_flag():
    facts = ServiceFacts(START, "A", approved_hours=_weeks("55.01", "60", "56"))
    assert _rules(facts) == [RuleCode.LONG_HOURS]


def test_exactly_55_hours_is_not_over():
    assert _rules(ServiceFacts(START, "A", approved_hours=_weeks("56", "55", "56"))) == []
    assert _rules(ServiceFacts(START, "A", approved_hours=_weeks("55", "55", "55"))) == []


def test_two_weeks_running_are_not_enough_and_a_gap_breaks_the_run():
    assert _rules(ServiceFacts(START, "A", approved_hours=_weeks("60", "60"))) == []
    gap = _weeks("60", "60", "10", "60")
    assert _rules(ServiceFacts(START, "A", approved_hours=gap)) == []


def test_daily_records_add_up_in_their_iso_week():
    days = tuple(
        HoursFact(period_start=START + timedelta(weeks=w, days=d), hours=Decimal("9.5"))
        for w in range(3)
        for d in range(6)
    )  # 57 hours a week
    risks = assess_risks(ServiceFacts(START, None, approved_hours=days), now=NOW)
    assert [r.rule for r in risks] == [RuleCode.LONG_HOURS]
    assert risks[0].evidence == START.isoformat()


def test_one_flag_per_run_however_long():
    risks = assess_risks(ServiceFacts(START, "A", approved_hours=_weeks(*["60"] * 6)), now=NOW)
    assert len(risks) == 1


def test_long_hours_threshold_is_configurable():
    config = RiskConfig(max_weekly_hours=Decimal(40), long_weeks_running=2)
    facts = ServiceFacts(START, "A", approved_hours=_weeks("41", "41"))
    assert _rules(facts, config=config) == [RuleCode.LONG_HOURS]


# --- low well-being: two answers of 2 or less in a row --------------------------------------


def test_two_low_answers_in_a_row():
    facts = ServiceFacts(START, "A", checkins=(_checkin(1, 2), _checkin(15, 1)))
    assert _rules(facts) == [RuleCode.LOW_WELLBEING]


def test_three_is_not_low_and_a_good_answer_breaks_the_streak():
    assert _rules(ServiceFacts(START, "A", checkins=(_checkin(1, 2), _checkin(15, 3)))) == []
    broken = (_checkin(1, 2), _checkin(10, 4), _checkin(20, 2))
    assert _rules(ServiceFacts(START, "A", checkins=broken)) == []


def test_one_low_answer_is_not_enough_and_order_is_by_time():
    assert _rules(ServiceFacts(START, "A", checkins=(_checkin(1, 1),))) == []
    shuffled = (_checkin(20, 2), _checkin(1, 5), _checkin(10, 2))
    assert _rules(ServiceFacts(START, "A", checkins=shuffled)) == [RuleCode.LOW_WELLBEING]


# --- silence: no check-in for 30 days at a hardship duty station (C, D, E) ------------------


@pytest.mark.parametrize("hardship", ["C", "D", "E"])
def test_thirty_days_without_check_in_at_a_hardship_station(hardship):
    last = _checkin(0)
    facts = ServiceFacts(START, hardship, checkins=(last,))
    assert _rules(facts, now=last.submitted_at + timedelta(days=30)) == [RuleCode.SILENCE]
    assert _rules(facts, now=last.submitted_at + timedelta(days=30, seconds=-1)) == []


@pytest.mark.parametrize("hardship", ["H", "A", "B", None])
def test_no_silence_flag_elsewhere(hardship):
    facts = ServiceFacts(START, hardship)
    assert _rules(facts, now=datetime(2027, 1, 1, tzinfo=UTC)) == []


def test_silence_counts_from_entry_on_duty_when_never_checked_in():
    facts = ServiceFacts(START, "D")
    at = datetime.combine(START + timedelta(days=30), datetime.min.time(), tzinfo=UTC)
    assert _rules(facts, now=at) == [RuleCode.SILENCE]
    assert _rules(facts, now=at - timedelta(days=1)) == []


# --- unsafe: any 'unsafe' answer ------------------------------------------------------------


def test_any_unsafe_answer_is_flagged_but_concerned_is_not():
    assert _rules(ServiceFacts(START, "A", checkins=(_checkin(1, 5, Safety.UNSAFE),))) == [
        RuleCode.UNSAFE
    ]
    assert _rules(ServiceFacts(START, "A", checkins=(_checkin(1, 5, Safety.CONCERNED),))) == []


def test_rules_can_be_switched_off_and_messages_render():
    facts = ServiceFacts(START, "A", checkins=(_checkin(1, 5, Safety.UNSAFE),))
    assert _rules(facts, config=RiskConfig(enabled=frozenset({RuleCode.SILENCE}))) == []
    (risk,) = assess_risks(facts, now=NOW)
    assert "unsafe" in risk.message and "2026-01-06" in risk.message


# --- hour records ---------------------------------------------------------------------------

TODAY = date(2026, 2, 20)


def _check(start, end, hours, others=()):
    return check_hours(
        HoursEntry(start, end, Decimal(hours)),
        service_start=START,
        service_end=date(2026, 6, 30),
        today=TODAY,
        other_periods=others,
    )


def _codes(violations):
    return {(v.rule, v.field) for v in violations}


def test_a_plausible_week_is_accepted():
    assert _check(date(2026, 2, 9), date(2026, 2, 15), "40") == []
    assert _check(date(2026, 2, 9), date(2026, 2, 9), "24") == []


def test_over_24_hours_a_day_is_refused_at_the_boundary():
    assert _codes(_check(date(2026, 2, 9), date(2026, 2, 9), "24.01")) == {
        (HoursRule.OVER_24_A_DAY, "hours")
    }
    assert _check(date(2026, 2, 9), date(2026, 2, 10), "48") == []
    assert _codes(_check(date(2026, 2, 9), date(2026, 2, 10), "48.5")) == {
        (HoursRule.OVER_24_A_DAY, "hours")
    }


def test_outside_the_deployment_dates_is_refused():
    assert _codes(_check(date(2026, 1, 4), date(2026, 1, 4), "8")) == {
        (HoursRule.BEFORE_SERVICE, "period_start")
    }
    assert _check(START, START, "8") == []
    late = check_hours(
        HoursEntry(date(2026, 2, 1), date(2026, 2, 2), Decimal(8)),
        service_start=START,
        service_end=date(2026, 2, 1),
        today=TODAY,
    )
    assert _codes(late) == {(HoursRule.AFTER_SERVICE, "period_end")}


def test_the_future_is_refused_but_today_is_fine():
    assert _check(TODAY, TODAY, "8") == []
    assert _codes(_check(TODAY, TODAY + timedelta(days=1), "8")) == {
        (HoursRule.IN_FUTURE, "period_end")
    }


def test_overlapping_another_record_is_refused_touching_is_not():
    week = (date(2026, 2, 2), date(2026, 2, 8))
    assert _codes(_check(date(2026, 2, 8), date(2026, 2, 10), "8", [week])) == {
        (HoursRule.OVERLAP, "period_start")
    }
    assert _check(date(2026, 2, 9), date(2026, 2, 10), "8", [week]) == []
    (overlap,) = _check(date(2026, 2, 8), date(2026, 2, 8), "8", [week])
    assert "2026-02-02" in overlap.message


def test_zero_reversed_and_overlong_periods_are_refused():
    assert _codes(_check(date(2026, 2, 9), date(2026, 2, 9), "0")) == {
        (HoursRule.NOT_POSITIVE, "hours")
    }
    assert _codes(_check(date(2026, 2, 10), date(2026, 2, 9), "8")) == {
        (HoursRule.END_BEFORE_START, "period_end")
    }
    assert _codes(_check(date(2026, 2, 1), date(2026, 2, 8), "8")) == {
        (HoursRule.PERIOD_TOO_LONG, "period_end")
    }


# --- reminders ------------------------------------------------------------------------------


def test_reminders_are_due_at_90_60_and_15_days():
    end = date(2026, 12, 31)
    assert reminders_due(planned_end=end, today=end - timedelta(days=91), already_sent=[]) == []
    assert reminders_due(planned_end=end, today=end - timedelta(days=90), already_sent=[]) == [90]
    assert reminders_due(planned_end=end, today=end - timedelta(days=60), already_sent=[90]) == [60]
    assert (
        reminders_due(planned_end=end, today=end - timedelta(days=59), already_sent=[90, 60]) == []
    )
    assert reminders_due(planned_end=end, today=end - timedelta(days=10), already_sent=[]) == [
        15,
        60,
        90,
    ]
    assert reminders_due(planned_end=end, today=end + timedelta(days=1), already_sent=[]) == []
