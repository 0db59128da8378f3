"""The summary of approved hours (ADR 0004), kept exact in the transaction that changes them."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.db import connection, transaction
from django.db.models import Q, QuerySet

from .. import selectors
from ..models import (
    MONTH_COLUMNS,
    ApprovedHoursYear,
    Deployment,
    HourRecord,
)

# `ApprovedHoursYear` holds the approved hours per (deployment, year the record's period starts
# in, ISCO-08 code of the record), by month, in hundredths of an hour. Every change of which
# hours are approved recomputes the (deployment, year) rows it touches from the records,
# set-based, in the same transaction: the summary is exact by construction (no running
# increments to drift). `hours_summary_rebuild` recomputes it all.

SUMMARY_COLUMNS = (
    "deployment_id", "assignment_id", "volunteer_id", "duty_station_id", "year", "isco_group_id",
    "hundredths", *MONTH_COLUMNS,
)  # fmt: skip


def _summary_insert(records: QuerySet[HourRecord]) -> None:
    sql, params = selectors.approved_hours_by_year(records).query.sql_with_params()
    table = connection.ops.quote_name(ApprovedHoursYear._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {table} ({', '.join(SUMMARY_COLUMNS)}) {sql}", params)


@transaction.atomic(savepoint=False)
def hours_summary_refresh(*, cells: Iterable[tuple[int, int]]) -> None:
    """Recompute the summary for the cells (deployment id, YYYYMM month) whose hours changed:
    the (deployment, year) rows holding them, from the hour records, with one DELETE and one
    INSERT … SELECT whatever the number of cells. Call it inside the transaction that changed
    the records (it joins it); it locks the deployments so that concurrent refreshes of a row
    queue and each sees the records the other committed."""
    by_year: dict[int, set[int]] = {}
    for deployment_id, month in cells:
        by_year.setdefault(month // 100, set()).add(deployment_id)
    if not by_year:
        return
    _lock_deployments(set().union(*by_year.values()))
    in_summary, in_records = Q(), Q()
    for year, ids in sorted(by_year.items()):
        in_summary |= Q(year=year, deployment_id__in=sorted(ids))
        in_records |= Q(
            period_start__gte=date(year, 1, 1),
            period_start__lt=date(year + 1, 1, 1),
            deployment_id__in=sorted(ids),
        )
    ApprovedHoursYear.objects.filter(in_summary).delete()
    _summary_insert(HourRecord.objects.filter(in_records))


@transaction.atomic(savepoint=False)
def hours_summary_refresh_deployments(*, deployment_ids: Iterable[int]) -> None:
    """Recompute every summary row of these deployments: after a change of what the rows copy
    from them (assignment, volunteer, duty station)."""
    ids = sorted(set(deployment_ids))
    if not ids:
        return
    _lock_deployments(ids)
    ApprovedHoursYear.objects.filter(deployment_id__in=ids).delete()
    _summary_insert(HourRecord.objects.filter(deployment_id__in=ids))


def _lock_deployments(ids: Iterable[int]) -> None:
    list(
        Deployment.objects.select_for_update()
        .filter(pk__in=sorted(ids))
        .order_by("pk")
        .values_list("pk", flat=True)
    )


@transaction.atomic
def hours_summary_rebuild() -> int:
    """Recompute the whole summary from the hour records (after bulk loads that bypass the
    services: COPY, imports, the benchmark); returns its number of rows."""
    ApprovedHoursYear.objects.all().delete()
    _summary_insert(HourRecord.objects.all())
    return ApprovedHoursYear.objects.count()
