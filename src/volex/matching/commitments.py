"""The periods a volunteer is already committed to, from the apps that know them.

Matching's "one assignment at a time" rule (`ProfileFacts.deployed`, the engine's "not deployed
elsewhere" filter) needs the periods each volunteer is committed to: deployments in service
(known to `deployments`) and offers accepted but not yet deployed (known to `selection`). Both
apps sit above matching in the layers, so matching cannot import them; instead each registers a
source here from its `AppConfig.ready()`, and `fetch` reads every registered source.

A source is a function of a `VolunteerScope` (the volunteers of a batch: a list of ids, or a
range of primary keys) that returns rows ``(volunteer_id, start, end)``: a `values_list`
queryset filtered with `scope.filter`, so that a batch of 20,000 profiles costs one query per
source, never one per volunteer. Rows with a missing date, or ending before they start, are left
out (an offer on an assignment with no dates commits to nothing that can overlap).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar

from django.db.models import QuerySet

from volex.domain.matching.types import Period

Q = TypeVar(
    "Q", bound="QuerySet[Any, Any]"
)  # of any model with a volunteer: matching need not know which


@dataclass(frozen=True)
class VolunteerScope:
    """The volunteers of one batch: those of `ids`, else those whose pk lies in lo-hi."""

    ids: Sequence[int] | None = None
    lo: int = 0
    hi: int = 0

    def filter(self, queryset: Q, field: str = "volunteer_id") -> Q:
        """`queryset` narrowed to the scope's volunteers, by its `field` (the volunteer's id)."""
        if self.ids is not None:
            narrowed: Q = queryset.filter(**{f"{field}__in": self.ids})
        else:
            narrowed = queryset.filter(**{f"{field}__gte": self.lo, f"{field}__lte": self.hi})
        return narrowed


CommitmentRow = tuple[int, date | None, date | None]
CommitmentSource = Callable[[VolunteerScope], Iterable[Any]]

_sources: list[CommitmentSource] = []


def register_commitment_source(source: CommitmentSource) -> None:
    """Add a source of committed periods; registering the same function again does nothing
    (an app's `ready()` may run more than once)."""
    if source not in _sources:
        _sources.append(source)


def commitment_sources() -> tuple[CommitmentSource, ...]:
    return tuple(_sources)


def committed_periods(scope: VolunteerScope) -> dict[int, tuple[Period, ...]]:
    """The periods each volunteer of `scope` is committed to, sorted, by volunteer id; one
    query per registered source whatever the number of volunteers."""
    found: dict[int, list[Period]] = defaultdict(list)
    for source in _sources:
        for volunteer_id, start, end in source(scope):
            if start is not None and end is not None and start <= end:
                found[volunteer_id].append(Period(start, end))
    return {vid: tuple(sorted(periods, key=_ends)) for vid, periods in found.items()}


def _ends(period: Period) -> tuple[date, date]:
    return period.start, period.end
