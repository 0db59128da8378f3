"""What counts as volunteer work, as the ILO defines it (19th International Conference of Labour
Statisticians, 2013; ILO Manual on the Measurement of Volunteer Work, 2011).

Volunteer work is unpaid, non-compulsory work: time individuals give without pay to activities
done through an organization (organization-based, "formal") or directly for others outside their
own household (direct, "informal"), for at least one hour in the reference period. The State of
the World's Volunteerism Report 2018 finds 70 % of volunteer work direct and 30 %
organization-based. Service through Volex is organization-based: it runs through a host.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from .fte import as_hours

__all__ = [
    "DEFINITION",
    "ExcludedWork",
    "VolunteerWorkForm",
    "WorkFacts",
    "is_volunteer_work",
]

DEFINITION = (
    "Volunteer work is unpaid, non-compulsory work, at least one hour in the reference period, "
    "done through organizations (organization-based) or directly for others outside the "
    "volunteer's household (direct). Source: 19th ICLS (2013); ILO Manual on the Measurement of "
    "Volunteer Work (2011)."
)


class VolunteerWorkForm(StrEnum):
    ORGANIZATION_BASED = "organization_based"
    DIRECT = "direct"

    @property
    def label(self) -> str:
        return {
            "organization_based": "organization-based (formal): through or for an organization",
            "direct": "direct (informal): for others outside one's own household",
        }[self.value]


class ExcludedWork(StrEnum):
    """Unpaid work the ILO definition leaves out of volunteer work."""

    COURT_ORDERED = "court_ordered"  # community service ordered by a court
    COMPULSORY_SERVICE = "compulsory_service"  # compulsory military or civilian service
    UNPAID_TRAINEE = "unpaid_trainee"  # unpaid trainees and apprentices
    PAID_WORKING_TIME = "paid_working_time"  # volunteering during paid working time


@dataclass(frozen=True, slots=True)
class WorkFacts:
    hours: Decimal
    form: VolunteerWorkForm
    paid: bool = False
    compulsory: bool = False
    for_own_household: bool = False
    exclusion: ExcludedWork | None = None


def is_volunteer_work(facts: WorkFacts) -> bool:
    """Whether the work counts as volunteer work under the ILO definition."""
    hours = as_hours(facts.hours)
    if facts.paid or facts.compulsory or facts.exclusion is not None:
        return False
    if facts.form is VolunteerWorkForm.DIRECT and facts.for_own_household:
        return False
    return hours >= 1
