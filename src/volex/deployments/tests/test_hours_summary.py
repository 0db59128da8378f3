"""The summary of approved hours (ADR 0004) stays equal to the aggregate of the approved records
whatever the hour services do, and the rebuild and the migration's backfill compute the same."""

import io
import random
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from volex.assignments.tests.factories import AssignmentFactory
from volex.deployments import services
from volex.deployments.models import (
    MONTH_COLUMNS,
    ApprovedHoursYear,
    Deployment,
    HourRecord,
    HourStatus,
    month_of,
)
from volex.reference.models import ISCOGroup

from .factories import deploy

pytestmark = pytest.mark.django_db
TODAY = date.today()


Row = tuple[int, int, int | None, int, tuple[int, ...]]


def _one_day(deployment, day, hours: Decimal, isco: str | None = None) -> HourRecord:
    """The volunteer's record of `hours` on one day of their deployment, submitted."""
    return services.hours_record(
        deployment=deployment,
        by=deployment.volunteer.user,
        period_start=day,
        period_end=day,
        hours=hours,
        activity="Clinic rounds",
        isco_group_id=isco,
    )


def _summary() -> dict[tuple[int, int, str | None], Row]:
    """(deployment, year, code) → (assignment, volunteer, duty station, hundredths, by month)."""
    return {
        (d, y, i): (a, v, s, h, tuple(months))
        for d, y, i, a, v, s, h, *months in ApprovedHoursYear.objects.values_list(
            "deployment_id",
            "year",
            "isco_group_id",
            "assignment_id",
            "volunteer_id",
            "duty_station_id",
            "hundredths",
            *MONTH_COLUMNS,
        )  # fmt: skip
    }


def _from_records() -> dict[tuple[int, int, str | None], Row]:
    """The summary computed in Python from the approved records and their deployments."""
    copies = {
        pk: (a, v, s)
        for pk, a, v, s in Deployment.objects.values_list(
            "pk", "assignment_id", "volunteer_id", "duty_station_id"
        )
    }
    hours: dict[tuple[int, int, str | None], list[int]] = {}
    for d, start, i, h in HourRecord.objects.filter(status=HourStatus.APPROVED).values_list(
        "deployment_id", "period_start", "isco_group_id", "hours"
    ):
        months = hours.setdefault((d, start.year, i), [0] * 12)
        months[start.month - 1] += int(h * 100)
    return {
        (d, y, i): (*copies[d], sum(months), tuple(months)) for (d, y, i), months in hours.items()
    }


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_summary_equals_the_approved_records_after_any_sequence_of_services(world, seed):
    rng = random.Random(seed)
    supervisor = world.users["supervisor_own"]
    deployments = [
        deploy(world.volunteer, world.published, supervisor, days_ago=150),
        deploy(world.other_volunteer, AssignmentFactory(host=world.own_org), supervisor, 120),
    ]
    codes = [None, *ISCOGroup.objects.filter(level=4).values_list("code", flat=True)[:3]]
    free_days = {
        d.pk: [TODAY - timedelta(days=n) for n in range(2, (TODAY - d.start_date).days)]
        for d in deployments
    }
    for days in free_days.values():
        rng.shuffle(days)
    submitted: list[HourRecord] = []
    operations = 0
    while operations < 60:
        operation = rng.choice(("record", "record", "approve", "reject", "bulk", "bad_bulk"))
        if operation == "record":
            deployment = rng.choice(deployments)
            day = free_days[deployment.pk].pop()
            submitted.append(
                _one_day(deployment, day, Decimal(rng.randint(1, 40)) / 4, rng.choice(codes))
            )
        elif not submitted:
            continue
        elif operation == "approve":
            services.hours_approve(
                record=submitted.pop(rng.randrange(len(submitted))), by=supervisor
            )
        elif operation == "reject":
            record = submitted.pop(rng.randrange(len(submitted)))
            services.hours_reject(record=record, by=supervisor, reason="Not this week")
        elif operation == "bulk":
            rng.shuffle(submitted)
            size = rng.randint(1, 6)
            chosen, submitted = submitted[:size], submitted[size:]
            services.hours_approve_bulk(record_ids=[r.pk for r in chosen], by=supervisor)
        else:  # a bulk approval refused as a whole changes nothing
            approved = HourRecord.objects.filter(status=HourStatus.APPROVED).first()
            if approved is None:
                continue
            with pytest.raises(services.BulkRefused):
                services.hours_approve_bulk(
                    record_ids=[approved.pk, *(r.pk for r in submitted[:2])], by=supervisor
                )
        operations += 1
        assert _summary() == _from_records(), f"after {operations} operations ({operation})"
    assert _summary()  # something was approved
    # a refused approval (already approved) leaves it as it was
    record = HourRecord.objects.filter(status=HourStatus.APPROVED).first()
    with pytest.raises(ValidationError):
        services.hours_approve(record=record, by=supervisor)
    assert _summary() == _from_records()


def test_rebuild_and_refresh_after_records_written_without_the_services(world):
    supervisor = world.users["supervisor_own"]
    deployment = deploy(world.volunteer, world.published, supervisor, days_ago=90)
    for n, status in enumerate(("approved", "approved", "submitted", "approved")):
        day = TODAY - timedelta(days=3 + 17 * n)
        HourRecord.objects.create(
            deployment=deployment,
            period_start=day,
            period_end=day,
            hours=Decimal("7.25"),
            activity="Bulk",
            status=status,
        )
    assert not ApprovedHoursYear.objects.exists()  # the ORM alone does not maintain it
    assert services.hours_summary_rebuild() == len(_from_records())
    assert _summary() == _from_records()
    ApprovedHoursYear.objects.all().delete()
    out = io.StringIO()
    call_command("hours_summary_rebuild", stdout=out)
    assert "rebuilt" in out.getvalue()
    assert _summary() == _from_records()
    # deleting records and refreshing their cells
    gone = HourRecord.objects.filter(status=HourStatus.APPROVED).first()
    cell = (gone.deployment_id, month_of(gone.period_start))
    gone.delete()
    services.hours_summary_refresh(cells=[cell])
    assert _summary() == _from_records()
    # deleting the deployment takes its summary with it
    deployment.delete()
    assert not ApprovedHoursYear.objects.exists()


def test_the_demo_ends_with_an_exact_summary():
    from volex.site.demo import load_demo

    load_demo(volunteers=60, assignments=20)
    assert _summary()
    assert _summary() == _from_records()


def test_admin_edits_and_deletions_keep_the_summary(world):
    from django.contrib import admin

    supervisor = world.users["supervisor_own"]
    deployment = deploy(world.volunteer, world.published, supervisor, days_ago=90)
    records = []
    for n in range(3):
        day = TODAY - timedelta(days=5 + 20 * n)
        records.append(_one_day(deployment, day, Decimal("6.5")))
    services.hours_approve_bulk(record_ids=[r.pk for r in records], by=supervisor)
    model_admin = admin.site._registry[HourRecord]
    edited = HourRecord.objects.get(pk=records[0].pk)
    edited.hours = Decimal("3.25")
    edited.period_start = edited.period_end = TODAY - timedelta(days=70)
    model_admin.save_model(None, edited, None, change=True)
    assert _summary() == _from_records()
    model_admin.delete_model(None, HourRecord.objects.get(pk=records[1].pk))
    assert _summary() == _from_records()
    model_admin.delete_queryset(None, HourRecord.objects.filter(pk=records[2].pk))
    assert _summary() == _from_records()
    assert HourRecord.objects.count() == 1


def test_a_deployment_moved_to_another_duty_station_in_the_admin_moves_its_hours(world):
    """The summary copies the deployment's duty station: the admin's edit refreshes it."""
    from django.contrib import admin

    from volex.assignments.models import DutyStation

    supervisor = world.users["supervisor_own"]
    deployment = deploy(world.volunteer, world.published, supervisor, days_ago=60)
    day = TODAY - timedelta(days=10)
    record = _one_day(deployment, day, Decimal("4.5"))
    services.hours_approve(record=record, by=supervisor)
    moved = Deployment.objects.get(pk=deployment.pk)
    moved.duty_station = DutyStation.objects.create(country_id="UG", place="Gulu")
    admin.site._registry[Deployment].save_model(None, moved, None, change=True)
    rows = _summary()
    assert rows == _from_records()
    assert {s for _a, _v, s, _h, _m in rows.values()} == {moved.duty_station_id}
