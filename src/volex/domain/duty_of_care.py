"""Duty of care as pure rules: which volunteers are at risk, and which hour records are impossible.

`assess_risks` reads a deployment's facts (approved hours, check-ins, hardship class) and returns
every risk it finds, each with an *evidence* key: the same evidence yields the same key, so the
Django adapter (`volex.deployments.services`) raises one flag per episode however often the rules
run. The thresholds live in `RiskConfig`, so a programme can tune them.

`check_hours` refuses an hour record that cannot be true (over 24 hours a day, outside the
service, in the future, overlapping another record), naming the field and the reason.

Messages are English templates marked for translation; the web layer translates them.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from enum import StrEnum

DEFAULT_CHECKIN_INTERVAL_DAYS = 14
HOURS_PER_DAY = Decimal(24)
MAX_PERIOD_DAYS = 7


def _(message: str) -> str:
    """Marks a message for extraction by `makemessages`; translation happens in the web layer."""
    return message


class Safety(StrEnum):
    SAFE = "safe"
    CONCERNED = "concerned"
    UNSAFE = "unsafe"


class RuleCode(StrEnum):
    LONG_HOURS = "long_hours"
    LOW_WELLBEING = "low_wellbeing"
    SILENCE = "no_checkin"
    UNSAFE = "unsafe"


@dataclass(frozen=True)
class RiskConfig:
    """Thresholds of the risk rules. Defaults follow the issue: over 55 approved hours a week for
    three weeks running; two well-being answers of 2 or less in a row; no check-in for 30 days at
    a hardship duty station (class C, D or E); any 'unsafe' answer."""

    max_weekly_hours: Decimal = Decimal(55)
    long_weeks_running: int = 3
    low_wellbeing_max: int = 2
    low_wellbeing_in_a_row: int = 2
    silence_days: int = 30
    hardship_classes: frozenset[str] = frozenset({"C", "D", "E"})
    enabled: frozenset[RuleCode] = frozenset(RuleCode)


DEFAULT_CONFIG = RiskConfig()


@dataclass(frozen=True)
class CheckInFact:
    submitted_at: datetime
    wellbeing: int
    workload: int
    safety: Safety


@dataclass(frozen=True)
class HoursFact:
    """Approved hours over a period; counted in the ISO week (Monday) of its first day."""

    period_start: date
    hours: Decimal


@dataclass(frozen=True)
class ServiceFacts:
    start_date: date
    hardship_class: str | None
    checkins: tuple[CheckInFact, ...] = ()
    approved_hours: tuple[HoursFact, ...] = ()


RISK_MESSAGES: Mapping[RuleCode, str] = {
    RuleCode.LONG_HOURS: _(
        "Over %(max_hours)s approved hours a week for %(weeks)s weeks running, from the week "
        "of %(first_week)s."
    ),
    RuleCode.LOW_WELLBEING: _(
        "%(count)s well-being answers of %(max_wellbeing)s or less in a row, the last on %(last)s."
    ),
    RuleCode.SILENCE: _(
        "No check-in for %(days)s days at a hardship duty station (class %(hardship_class)s)."
    ),
    RuleCode.UNSAFE: _("Answered 'unsafe' on %(when)s."),
}


@dataclass(frozen=True)
class Risk:
    rule: RuleCode
    evidence: str
    params: dict[str, object] = dataclasses.field(default_factory=dict)

    @property
    def template(self) -> str:
        return RISK_MESSAGES[self.rule]

    @property
    def message(self) -> str:
        return self.template % self.params


def week_of(day: date) -> date:
    """The Monday of the ISO week of `day`."""
    return day - timedelta(days=day.weekday())


def weekly_hours(hours: Iterable[HoursFact]) -> dict[date, Decimal]:
    totals: dict[date, Decimal] = {}
    for fact in hours:
        week = week_of(fact.period_start)
        totals[week] = totals.get(week, Decimal(0)) + fact.hours
    return totals


def _long_hours(facts: ServiceFacts, config: RiskConfig) -> list[Risk]:
    long_weeks = sorted(
        week
        for week, total in weekly_hours(facts.approved_hours).items()
        if total > config.max_weekly_hours
    )
    risks: list[Risk] = []
    run_start: date | None = None
    run_length = 0
    previous: date | None = None
    for week in long_weeks:
        if previous is not None and week - previous == timedelta(weeks=1):
            run_length += 1
        else:
            run_start, run_length = week, 1
        previous = week
        if run_length == config.long_weeks_running and run_start is not None:
            risks.append(
                Risk(
                    RuleCode.LONG_HOURS,
                    evidence=run_start.isoformat(),
                    params={
                        "max_hours": config.max_weekly_hours,
                        "weeks": config.long_weeks_running,
                        "first_week": run_start.isoformat(),
                    },
                )
            )
    return risks


def _low_wellbeing(checkins: list[CheckInFact], config: RiskConfig) -> list[Risk]:
    streak: list[CheckInFact] = []
    risks: list[Risk] = []
    for checkin in checkins:
        if checkin.wellbeing <= config.low_wellbeing_max:
            streak.append(checkin)
        else:
            streak = []
        if len(streak) == config.low_wellbeing_in_a_row:
            risks.append(
                Risk(
                    RuleCode.LOW_WELLBEING,
                    evidence=streak[0].submitted_at.isoformat(),
                    params={
                        "count": config.low_wellbeing_in_a_row,
                        "max_wellbeing": config.low_wellbeing_max,
                        "last": checkin.submitted_at.date().isoformat(),
                    },
                )
            )
    return risks


def _silence(
    facts: ServiceFacts, checkins: list[CheckInFact], now: datetime, config: RiskConfig
) -> list[Risk]:
    if facts.hardship_class not in config.hardship_classes:
        return []
    if checkins:
        last = checkins[-1].submitted_at
        days = (now - last).days
        evidence = last.isoformat()
    else:
        days = (now.date() - facts.start_date).days
        evidence = facts.start_date.isoformat()
    if days < config.silence_days:
        return []
    return [
        Risk(
            RuleCode.SILENCE,
            evidence=evidence,
            params={"days": days, "hardship_class": facts.hardship_class},
        )
    ]


def _unsafe(checkins: list[CheckInFact]) -> list[Risk]:
    return [
        Risk(
            RuleCode.UNSAFE,
            evidence=checkin.submitted_at.isoformat(),
            params={"when": checkin.submitted_at.date().isoformat()},
        )
        for checkin in checkins
        if checkin.safety == Safety.UNSAFE
    ]


def assess_risks(
    facts: ServiceFacts, *, now: datetime, config: RiskConfig = DEFAULT_CONFIG
) -> list[Risk]:
    """Every risk the facts show, one per episode (its `evidence`), in rule order."""
    checkins = sorted(facts.checkins, key=lambda checkin: checkin.submitted_at)
    risks: list[Risk] = []
    if RuleCode.LONG_HOURS in config.enabled:
        risks += _long_hours(facts, config)
    if RuleCode.LOW_WELLBEING in config.enabled:
        risks += _low_wellbeing(checkins, config)
    if RuleCode.SILENCE in config.enabled:
        risks += _silence(facts, checkins, now, config)
    if RuleCode.UNSAFE in config.enabled:
        risks += _unsafe(checkins)
    return risks


# --- Hour records ---------------------------------------------------------------------------


class HoursRule(StrEnum):
    END_BEFORE_START = "end_before_start"
    PERIOD_TOO_LONG = "period_too_long"
    NOT_POSITIVE = "not_positive"
    OVER_24_A_DAY = "over_24_a_day"
    BEFORE_SERVICE = "before_service"
    AFTER_SERVICE = "after_service"
    IN_FUTURE = "in_future"
    OVERLAP = "overlap"


HOURS_MESSAGES: Mapping[HoursRule, str] = {
    HoursRule.END_BEFORE_START: _("The period ends before it starts."),
    HoursRule.PERIOD_TOO_LONG: _(
        "Record hours per week at most: this period has %(days)s days (at most %(max_days)s)."
    ),
    HoursRule.NOT_POSITIVE: _("Hours must be more than zero."),
    HoursRule.OVER_24_A_DAY: _(
        "%(hours)s hours over %(days)s day(s) is more than 24 hours a day (at most %(max)s)."
    ),
    HoursRule.BEFORE_SERVICE: _("The period starts before the entry on duty (%(start)s)."),
    HoursRule.AFTER_SERVICE: _("The period ends after the last day of service (%(end)s)."),
    HoursRule.IN_FUTURE: _("The period ends in the future (today is %(today)s)."),
    HoursRule.OVERLAP: _("The period overlaps another record, from %(start)s to %(end)s."),
}


@dataclass(frozen=True)
class HoursViolation:
    rule: HoursRule
    field: str
    params: dict[str, object] = dataclasses.field(default_factory=dict)

    @property
    def template(self) -> str:
        return HOURS_MESSAGES[self.rule]

    @property
    def message(self) -> str:
        return self.template % self.params


@dataclass(frozen=True)
class HoursEntry:
    period_start: date
    period_end: date
    hours: Decimal


def check_hours(
    entry: HoursEntry,
    *,
    service_start: date,
    service_end: date,
    today: date,
    other_periods: Iterable[tuple[date, date]] = (),
    max_period_days: int = MAX_PERIOD_DAYS,
) -> list[HoursViolation]:
    """Every reason `entry` cannot be recorded; empty when it can.

    `service_end` is the last day of service (the planned end while in service);
    `other_periods` are the deployment's other records still standing (rejected ones excluded).
    """
    found: list[HoursViolation] = []
    if entry.period_end < entry.period_start:
        return [HoursViolation(HoursRule.END_BEFORE_START, "period_end")]
    days = (entry.period_end - entry.period_start).days + 1
    if days > max_period_days:
        found.append(
            HoursViolation(
                HoursRule.PERIOD_TOO_LONG, "period_end", {"days": days, "max_days": max_period_days}
            )
        )
    if entry.hours <= 0:
        found.append(HoursViolation(HoursRule.NOT_POSITIVE, "hours"))
    elif entry.hours > HOURS_PER_DAY * days:
        found.append(
            HoursViolation(
                HoursRule.OVER_24_A_DAY,
                "hours",
                {"hours": entry.hours, "days": days, "max": HOURS_PER_DAY * days},
            )
        )
    if entry.period_start < service_start:
        found.append(
            HoursViolation(
                HoursRule.BEFORE_SERVICE, "period_start", {"start": service_start.isoformat()}
            )
        )
    if entry.period_end > today:
        found.append(
            HoursViolation(HoursRule.IN_FUTURE, "period_end", {"today": today.isoformat()})
        )
    elif entry.period_end > service_end:
        found.append(
            HoursViolation(HoursRule.AFTER_SERVICE, "period_end", {"end": service_end.isoformat()})
        )
    for start, end in sorted(other_periods):
        if start <= entry.period_end and entry.period_start <= end:
            found.append(
                HoursViolation(
                    HoursRule.OVERLAP,
                    "period_start",
                    {"start": start.isoformat(), "end": end.isoformat()},
                )
            )
            break
    return found


# --- Lifecycle --------------------------------------------------------------------------------

REMINDER_DAYS: tuple[int, ...] = (90, 60, 15)


def reminders_due(
    *,
    planned_end: date,
    today: date,
    already_sent: Iterable[int],
    days: Iterable[int] = REMINDER_DAYS,
) -> list[int]:
    """The reminders (days before the end) due today and not sent yet, closest first.

    A reminder is due once the end is that many days away or fewer, so a missed run catches
    up. When several are due at once, send only the first (the closest) and record them all."""
    remaining = (planned_end - today).days
    if remaining < 0:
        return []
    sent = set(already_sent)
    return sorted(day for day in days if remaining <= day and day not in sent)
