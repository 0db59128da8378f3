"""People reached by a report's results: one grouped query over the results dated in the
period, rolled up by each disaggregation (sex, age group, disability, group left behind)."""

from __future__ import annotations

from django.db.models import Sum
from django.utils.translation import gettext as _

from volex.core.choices import LeaveNoOneBehindGroup
from volex.deployments.models import AgeGroup, Sex

from .report_cube import NONE_KEY
from .report_results import ReachRow
from .report_scope import ReportScope, reach_in_scope

REACH_DIMENSIONS = ("sex", "age_group", "disability", "group")


def people_reached(scope: ReportScope) -> tuple[int, dict[str, tuple[ReachRow, ...]]]:
    """People reached by results dated in the period: one grouped query, rolled up by each
    disaggregation (the grouped cells are few: sex × age group × disability × group)."""
    cells = (
        reach_in_scope(scope)
        .order_by()
        .values_list("sex", "age_group", "with_disability", "group")
        .annotate(p=Sum("people"))
    )
    totals: dict[str, dict[str, int]] = {name: {} for name in REACH_DIMENSIONS}
    grand = 0
    for sex, age, disability, group, people in cells:
        grand += people
        for name, key in zip(
            REACH_DIMENSIONS,
            (sex, age, "yes" if disability else "no", group or NONE_KEY),
            strict=True,
        ):
            totals[name][key] = totals[name].get(key, 0) + people
    labels = {
        "sex": {k: str(v) for k, v in Sex.choices},
        "age_group": {k: str(v) for k, v in AgeGroup.choices},
        "disability": {"yes": _("With a disability"), "no": _("No disability recorded")},
        "group": {k: str(v) for k, v in LeaveNoOneBehindGroup.choices},
    }
    orders = {
        "sex": list(Sex.values),
        "age_group": list(AgeGroup.values),
        "disability": ["yes", "no"],
        "group": [*LeaveNoOneBehindGroup.values, NONE_KEY],
    }
    reach = {
        name: tuple(
            ReachRow(key, labels[name].get(key) or _("No group given"), totals[name][key])
            for key in orders[name]
            if key in totals[name]
        )
        for name in REACH_DIMENSIONS
    }
    return grand, reach


def reach_labels() -> dict[str, str]:
    return {
        "sex": _("People reached by sex"),
        "age_group": _("People reached by age group"),
        "disability": _("People reached with a disability"),
        "group": _("People reached by group left behind"),
    }
