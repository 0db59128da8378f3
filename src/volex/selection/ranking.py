"""The candidate list of an assignment: the matching engine's ranking
(`volex.matching.services.candidates_for_assignment`, explained in the active language), joined
with the pipeline's applications and invitations. Applicants come first (in the engine's order,
then those it does not rank, say who withdrew consent to be suggested), the suggestions who have
not applied after them, so that no application is ever buried under the suggestions."""

from __future__ import annotations

from dataclasses import dataclass

from volex.matching.services import candidates_for_assignment
from volex.volunteers.models import Volunteer

from .models import Application, Invitation


@dataclass(frozen=True)
class CandidateRow:
    volunteer: Volunteer
    rank: int | None
    score: float | None
    explanation: str
    application: Application | None
    invited: bool


@dataclass(frozen=True)
class CandidateList:
    rows: tuple[CandidateRow, ...]
    reason: str = ""

    @property
    def applicants(self) -> tuple[CandidateRow, ...]:
        return tuple(row for row in self.rows if row.application is not None)

    @property
    def suggestions(self) -> tuple[CandidateRow, ...]:
        return tuple(row for row in self.rows if row.application is None)


def candidate_list(*, assignment, k: int = 50) -> CandidateList:
    result = candidates_for_assignment(assignment=assignment, k=k, include_applicants=True)
    ranked = list(result.candidates)  # explained in the active language already
    applications = {
        a.volunteer_id: a
        for a in Application.objects.filter(assignment=assignment).select_related("volunteer__user")
    }
    invited = set(
        Invitation.objects.filter(assignment=assignment).values_list("volunteer_id", flat=True)
    )
    volunteers = Volunteer.objects.select_related("user").in_bulk([c.volunteer_id for c in ranked])
    rows = [
        CandidateRow(
            volunteer=volunteers[c.volunteer_id],
            rank=c.rank,
            score=c.score,
            explanation=c.explanation,
            application=applications.get(c.volunteer_id),
            invited=c.volunteer_id in invited,
        )
        for c in ranked
        if c.volunteer_id in volunteers
    ]
    seen = {row.volunteer.pk for row in rows}
    rows.extend(
        CandidateRow(
            volunteer=application.volunteer,
            rank=None,
            score=None,
            explanation="",
            application=application,
            invited=application.volunteer_id in invited,
        )
        for volunteer_id, application in applications.items()
        if volunteer_id not in seen
    )
    rows.sort(key=lambda row: row.application is None)  # stable: each part keeps its order
    return CandidateList(tuple(rows), result.reason if not ranked else "")
