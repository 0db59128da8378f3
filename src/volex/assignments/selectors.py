"""Reads of assignments, with their related rows loaded up front (a page is a handful of queries)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import Case, IntegerField, Prefetch, Q, QuerySet, Value, When

from volex.organizations.roles import is_administrator, staff_organization_ids
from volex.reference.models import Occupation

from .models import Assignment, AssignmentLanguage, AssignmentSkill, AssignmentState
from .permissions import PUBLIC_STATES


@dataclass(frozen=True)
class AssignmentFilters:
    q: str = ""
    country: str = ""
    category: str = ""
    sector: str = ""
    sdg: int | None = None
    language: str = ""
    organization: int | None = None


def _with_related(queryset: QuerySet[Assignment]) -> QuerySet[Assignment]:
    return queryset.select_related(
        "host", "host__country", "duty_station", "duty_station__country", "occupation"
    ).prefetch_related(
        "sdg_goals",
        Prefetch("languages", queryset=AssignmentLanguage.objects.select_related("language")),
    )


def assignment_public_list(filters: AssignmentFilters | None = None) -> QuerySet[Assignment]:
    """Published assignments, newest first, narrowed by the filters a visitor chose."""
    filters = filters or AssignmentFilters()
    queryset = Assignment.objects.filter(state=AssignmentState.PUBLISHED)
    if filters.q:
        queryset = queryset.filter(
            Q(title__icontains=filters.q)
            | Q(tasks__icontains=filters.q)
            | Q(host__name__icontains=filters.q)
            | Q(duty_station__place__icontains=filters.q)
        )
    if filters.country:
        queryset = queryset.filter(duty_station__country_id=filters.country)
    if filters.category:
        queryset = queryset.filter(category=filters.category)
    if filters.sector:
        queryset = queryset.filter(sector=filters.sector)
    if filters.sdg:
        queryset = queryset.filter(sdg_goals__number=filters.sdg)
    if filters.language:
        queryset = queryset.filter(languages__language_id=filters.language)
    if filters.organization:
        queryset = queryset.filter(host_id=filters.organization)
    if filters.sdg or filters.language:
        queryset = queryset.distinct()
    return _with_related(queryset).order_by("-published_at", "-pk")


def assignment_visible_to(user) -> QuerySet[Assignment]:
    """Every assignment `user` may open: public ones, plus drafts of their organizations."""
    queryset = Assignment.objects.all()
    if not is_administrator(user):
        queryset = queryset.filter(
            Q(state__in=PUBLIC_STATES) | Q(host_id__in=staff_organization_ids(user))
        )
    return _with_related(queryset)


def assignment_detail(*, user, pk: int) -> Assignment | None:
    return (
        assignment_visible_to(user)
        .prefetch_related(
            "sdg_targets",
            Prefetch("skills", queryset=AssignmentSkill.objects.select_related("skill")),
        )
        .filter(pk=pk)
        .first()
    )


def assignment_list_for_organizations(
    organization_ids, *, state: str = "", first_states: Sequence[str] = ()
) -> QuerySet[Assignment]:
    """The assignments of these organizations, only those in `state` if given; those in
    `first_states` first (in that order), then by state, newest first."""
    queryset = Assignment.objects.filter(host_id__in=organization_ids)
    if state:
        queryset = queryset.filter(state=state)
    ordering: list = ["state", "-created_at"]
    if first_states:  # a CASE with no WHEN is a constant, which PostgreSQL cannot order by
        waiting = Case(
            *(When(state=s, then=Value(i)) for i, s in enumerate(first_states)),
            default=Value(len(first_states)),
            output_field=IntegerField(),
        )
        ordering.insert(0, waiting)
    return _with_related(queryset).order_by(*ordering)


def occupation_by_title_or_code(text: str) -> Occupation | None:
    """The ESCO occupation a person named: its code ("2654.1.7") or its title, in any case."""
    return (
        Occupation.objects.filter(esco_code=text).first()
        or Occupation.objects.filter(title__iexact=text).order_by("esco_code").first()
    )


def occupation_suggestions(text: str, *, limit: int = 20) -> list[str]:
    """Occupation titles that contain `text`, those starting with it first (the edit page's
    suggestions as the supervisor types)."""
    text = " ".join(text.split())
    if len(text) < 2:
        return []
    found = Occupation.objects.filter(title__icontains=text).values_list("title", flat=True)
    titles = sorted(set(found[:500]), key=lambda t: (not t.lower().startswith(text.lower()), t))
    return titles[:limit]
