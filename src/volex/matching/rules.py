"""The weights and filter options of each programme: `MatchWeights` defaults, overridden by the
``VOLEX_MATCHING_WEIGHTS`` setting (a dict), then by the `ProgrammeSettings` of the host
organization or its nearest ancestor, then by the weights a caller passes."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings

from volex.domain.matching.filters import FilterOptions
from volex.domain.matching.types import MatchWeights
from volex.domain.tree import ancestor_chain
from volex.organizations.selectors import organization_parents

from .models import ProgrammeSettings


@dataclass
class ProgrammeRules:
    """Weights and filter options of every programme, read once (two queries)."""

    parents: dict[int, int | None] = field(default_factory=dict)
    settings_by_org: dict[int, tuple[dict[str, Any], float]] = field(default_factory=dict)

    @classmethod
    def load(cls) -> ProgrammeRules:
        rows = list(
            ProgrammeSettings.objects.values_list(
                "organization_id", "weights", "min_availability_share"
            )
        )
        parents = organization_parents() if rows else {}
        return cls(parents, {org: (w or {}, share) for org, w, share in rows})

    def for_host(
        self, host_id: int, override: Mapping[str, float] | None = None
    ) -> tuple[MatchWeights, FilterOptions]:
        values = dict(MatchWeights().__dict__)
        values.update(settings.VOLEX_MATCHING_WEIGHTS)
        share = 1.0
        for org in ancestor_chain(host_id, self.parents):
            if org in self.settings_by_org:
                weights, share = self.settings_by_org[org]
                values.update(weights)
                break
        values.update(override or {})
        known = {k: float(v) for k, v in values.items() if k in MatchWeights.__dataclass_fields__}
        return MatchWeights(**known), FilterOptions(min_availability_share=share)


def weights_json(weights: MatchWeights, options: FilterOptions) -> dict[str, Any]:
    """The weights and options of a run, as stored in its parameters."""
    return {
        "weights": {k: float(v) for k, v in weights.__dict__.items()},
        "min_availability_share": options.min_availability_share,
    }
