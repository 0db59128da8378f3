"""Who does what where (3W) as an HXL-tagged CSV (https://hxlstandard.org/): one row per
assignment with deployments in the period, the people its results reached disaggregated with HXL
attributes. Two grouped queries: assignments, and people reached per assignment and cell."""

from __future__ import annotations

import csv
import io

from django.db.models import Count, Max, Min, Sum
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop as N_

from volex.core.choices import Sector
from volex.deployments.models import AgeGroup, Sex

from .report_cube import COUNTRY_OF_DEPLOYMENT
from .report_scope import ReportScope, deployments_in_scope, reach_in_scope

# (column title, HXL hashtag, filter on ResultReach cells: (sex, age_group, disability) or None)
REACH_COLUMNS: tuple[tuple[str, str, tuple[str | None, str | None, bool | None]], ...] = (
    (N_("People reached"), "#reached+total", (None, None, None)),
    (N_("Women and girls reached"), "#reached+f", (Sex.FEMALE, None, None)),
    (N_("Men and boys reached"), "#reached+m", (Sex.MALE, None, None)),
    (N_("Children 0-14 reached"), "#reached+age0_14", (None, AgeGroup.CHILDREN, None)),
    (N_("Youth 15-24 reached"), "#reached+age15_24", (None, AgeGroup.YOUTH, None)),
    (N_("Adults 25-64 reached"), "#reached+age25_64", (None, AgeGroup.ADULTS, None)),
    (N_("Older persons 65+ reached"), "#reached+age65plus", (None, AgeGroup.OLDER, None)),
    (N_("Persons with disabilities reached"), "#reached+disabled", (None, None, True)),
)
HEADER = (
    (N_("Organization"), "#org+name"),
    (N_("Organization acronym"), "#org+acronym"),
    (N_("Sector"), "#sector"),
    (N_("Country code"), "#country+code"),
    (N_("Place"), "#adm1+name"),
    (N_("Activity"), "#activity+name"),
    (N_("Start date"), "#date+start"),
    (N_("End date"), "#date+end"),
    (N_("Volunteers"), "#contributor+volunteers+num"),
)


def who_does_what_where(scope: ReportScope) -> list[list[object]]:
    """The rows of the 3W table (the header and HXL hashtag rows first)."""
    assignments = (
        deployments_in_scope(scope)
        .annotate(c=COUNTRY_OF_DEPLOYMENT)
        .order_by()
        .values_list(
            "assignment_id",
            "assignment__host__name",
            "assignment__host__acronym",
            "assignment__sector",
            "c",
            "assignment__duty_station__place",
            "assignment__title",
        )
        .annotate(
            start=Min("start_date"),
            end=Max("planned_end_date"),
            volunteers=Count("volunteer_id", distinct=True),
        )
    )
    cells = (
        reach_in_scope(scope)
        .order_by()
        .values_list("result__deployment__assignment_id", "sex", "age_group", "with_disability")
        .annotate(p=Sum("people"))
    )
    reached: dict[int, list[int]] = {}
    for assignment_id, sex, age, disabled, people in cells:
        counts = reached.setdefault(assignment_id, [0] * len(REACH_COLUMNS))
        for index, (_title, _tag, (want_sex, want_age, want_disabled)) in enumerate(REACH_COLUMNS):
            if want_sex not in (None, sex) or want_age not in (None, age):
                continue
            if want_disabled is not None and disabled != want_disabled:
                continue
            counts[index] += people
    sectors = dict(Sector.choices)
    rows: list[list[object]] = [
        [*(_(title) for title, _tag in HEADER), *(_(title) for title, _tag, _f in REACH_COLUMNS)],
        [*(tag for _title, tag in HEADER), *(tag for _title, tag, _f in REACH_COLUMNS)],
    ]
    for pk, org, acronym, sector, country, place, title, start, end, volunteers in sorted(
        assignments, key=lambda r: (r[1], r[6], r[0])
    ):
        rows.append(
            [
                org,
                acronym,
                str(sectors.get(sector, sector)),
                country,
                place or _("Online"),
                title,
                start.isoformat(),
                end.isoformat(),
                volunteers,
                *reached.get(pk, [0] * len(REACH_COLUMNS)),
            ]
        )
    return rows


def hxl_csv(scope: ReportScope) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(who_does_what_where(scope))
    return buffer.getvalue()
