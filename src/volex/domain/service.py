"""The period a deployment serves.

A deployment serves from its entry on duty to its last day: the end recorded when it ended, else
its planned end. A deployment nobody ended does not serve past its plan: a report for years later
does not count its volunteer as serving. Reports count with this rule (in the database:
`volex.deployments.selectors.in_service_during`, tested against it); `Deployment.last_day` calls
`last_day_of_service`.
"""

from __future__ import annotations

from datetime import date


def last_day_of_service(*, planned_end: date, end: date | None) -> date:
    """The last day of service: the recorded end once ended, else the planned end."""
    return end if end is not None else planned_end


def serves_during(
    *, start: date, planned_end: date, end: date | None, period_start: date, period_end: date
) -> bool:
    """Whether a deployment serves on at least one day of the period (both ends included)."""
    return start <= period_end and last_day_of_service(planned_end=planned_end, end=end) >= (
        period_start
    )
