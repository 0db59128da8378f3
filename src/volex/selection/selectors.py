"""Reads of applications with their related rows loaded up front."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from volex.matching.commitments import VolunteerScope
from volex.volunteers.models import VolunteerLanguage, VolunteerSkill

from .models import COMMITTED_STAGES, Application, ApplicationTransition, Invitation


def _with_related(queryset: QuerySet[Application]) -> QuerySet[Application]:
    return queryset.select_related(
        "assignment",
        "assignment__host",
        "assignment__duty_station",
        "assignment__duty_station__country",
        "volunteer",
        "volunteer__user",
    )


def application_list_for_volunteer(*, volunteer) -> QuerySet[Application]:
    return _with_related(Application.objects.filter(volunteer=volunteer)).order_by(
        "-updated_at", "-pk"
    )


def application_list_for_assignment(*, assignment) -> QuerySet[Application]:
    return (
        _with_related(Application.objects.filter(assignment=assignment))
        .prefetch_related("assessments")
        .order_by("created_at", "pk")
    )


def application_detail(*, pk: int) -> Application | None:
    return (
        _with_related(Application.objects.filter(pk=pk))
        .select_related("volunteer__residence_country", "placement", "deployment")
        .prefetch_related(
            Prefetch("transitions", queryset=ApplicationTransition.objects.select_related("actor")),
            "assessments__assessed_by",
            "onboarding_items",
            "volunteer__nationalities",
            Prefetch(
                "volunteer__languages",
                queryset=VolunteerLanguage.objects.select_related("language"),
            ),
            Prefetch("volunteer__skills", queryset=VolunteerSkill.objects.select_related("skill")),
        )
        .first()
    )


def application_of(*, volunteer, assignment) -> Application | None:
    return Application.objects.filter(volunteer=volunteer, assignment=assignment).first()


def invitation_list_for_volunteer(*, volunteer) -> QuerySet[Invitation]:
    return Invitation.objects.filter(volunteer=volunteer).select_related(
        "assignment", "assignment__host"
    )


def accepted_offer_periods(scope: VolunteerScope) -> QuerySet:
    """(volunteer id, start, end of the assignment) of each offer the volunteers of `scope`
    accepted that is not a deployment yet: the periods matching keeps them off other assignments
    for (registered as a commitment source in `SelectionConfig.ready`)."""
    return scope.filter(
        Application.objects.filter(stage__in=COMMITTED_STAGES, deployment__isnull=True).values_list(
            "volunteer_id", "assignment__start_date", "assignment__end_date"
        )
    )
