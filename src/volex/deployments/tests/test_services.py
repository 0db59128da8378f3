"""Deployments through their services: lifecycle, hours, results, check-ins, flags, roll-calls."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from volex.deployments import services
from volex.deployments.models import (
    Deployment,
    DeploymentExtension,
    HourRecord,
    HourStatus,
    RiskFlag,
    RollCallAnswer,
)
from volex.domain.eligibility import last_allowed_end
from volex.notifications.models import Notification
from volex.selection import services as selection

from .factories import ready

pytestmark = pytest.mark.django_db
TODAY = date.today()


def _codes(error: ValidationError) -> dict[str, list[str]]:
    return {field: [e.code for e in errs] for field, errs in error.error_dict.items()}


# --- lifecycle --------------------------------------------------------------------------------


def test_entry_on_duty_needs_a_ready_application(world):
    supervisor = world.users["supervisor_own"]
    application = selection.application_apply(volunteer=world.volunteer, assignment=world.published)
    with pytest.raises(ValidationError) as refused:
        services.deployment_start(application=application, by=supervisor)
    assert _codes(refused.value) == {"application": ["not_ready"]}
    assert not Deployment.objects.exists()


def test_entry_on_duty_from_a_ready_application(world):
    supervisor = world.users["supervisor_own"]
    application = ready(world.volunteer, world.published, supervisor)
    with pytest.raises(PermissionDenied):
        services.deployment_start(application=application, by=world.users["supervisor_other"])
    deployment = services.deployment_start(application=application, by=supervisor)
    assert deployment.state == "in_service"
    assert deployment.supervisor == supervisor
    assert deployment.duty_station == world.published.duty_station
    assert deployment.planned_end_date == world.published.end_date
    with pytest.raises(ValidationError) as twice:
        services.deployment_start(application=application, by=supervisor)
    assert _codes(twice.value) == {"application": ["already_deployed"]}


def test_extension_within_24_months_and_refused_beyond(deployment, world):
    manager = world.users["manager"]
    limit = last_allowed_end(deployment.start_date)
    with pytest.raises(ValidationError) as refused:
        services.deployment_extend(
            deployment=deployment, by=manager, new_end_date=limit + timedelta(days=1)
        )
    assert _codes(refused.value) == {"new_end_date": ["beyond_24_months"]}
    assert "24 months" in refused.value.messages[0]
    assert limit.isoformat() in refused.value.messages[0]
    with pytest.raises(PermissionDenied):
        services.deployment_extend(
            deployment=deployment, by=world.users["supervisor_other"], new_end_date=limit
        )
    services.deployment_extend(deployment=deployment, by=manager, new_end_date=limit, reason="x")
    deployment.refresh_from_db()
    assert deployment.planned_end_date == limit
    assert DeploymentExtension.objects.filter(deployment=deployment).count() == 1


def test_early_end_needs_a_reason(deployment, world):
    manager = world.users["manager"]
    with pytest.raises(ValidationError):
        services.deployment_end_early(deployment=deployment, by=manager, reason="bored")
    services.deployment_end_early(deployment=deployment, by=manager, reason="medical")
    deployment.refresh_from_db()
    assert (deployment.state, deployment.early_end_reason, deployment.end_date) == (
        "ended_early",
        "medical",
        TODAY,
    )


def test_end_of_assignment_and_certificate_in_the_volunteers_language(deployment, world):
    from io import BytesIO

    from pypdf import PdfReader

    from volex.deployments.certificates import certificate_pdf

    supervisor = world.users["supervisor_own"]
    with pytest.raises(ValidationError) as refused:
        services.deployment_complete(deployment=deployment, by=supervisor, rating="", assessment="")
    assert set(_codes(refused.value)) == {"rating", "assessment"}
    services.deployment_complete(
        deployment=deployment, by=supervisor, rating="outstanding", assessment="Led the clinic."
    )
    deployment.refresh_from_db()
    assert deployment.state == "ended"
    user = world.volunteer.user
    user.preferred_language = "fr"
    user.save()
    text = " ".join(PdfReader(BytesIO(certificate_pdf(deployment))).pages[0].extract_text().split())
    assert world.published.title in text and "Led the clinic." in text
    months_fr = [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ]
    assert any(month in text for month in months_fr)


def test_reminders_90_60_15_days_before_the_end(deployment, world):
    end = deployment.planned_end_date
    assert services.deployment_reminders_send(today=end - timedelta(days=91)) == 0
    assert services.deployment_reminders_send(today=end - timedelta(days=90)) == 1
    assert services.deployment_reminders_send(today=end - timedelta(days=89)) == 0
    recipients = set(
        Notification.objects.filter(kind="service_ending").values_list("recipient", flat=True)
    )
    assert recipients == {world.users["manager"].pk, world.users["supervisor_own"].pk}
    assert services.deployment_reminders_send(today=end - timedelta(days=60)) == 1
    assert services.deployment_reminders_send(today=end - timedelta(days=15)) == 1
    deployment.refresh_from_db()
    assert deployment.reminders_sent == [15, 60, 90]


# --- hours ------------------------------------------------------------------------------------


def _log(deployment, world, start, end, hours="40", by=None):
    return services.hours_record(
        deployment=deployment,
        by=by or world.volunteer.user,
        period_start=start,
        period_end=end,
        hours=Decimal(hours),
        activity="Clinic rounds",
    )


@pytest.mark.parametrize(
    ("offset_start", "offset_end", "hours", "field", "code"),
    [
        (-10, -10, "24.5", "hours", "over_24_a_day"),
        (-50, -44, "10", "period_start", "before_service"),
        (-2, 1, "10", "period_end", "in_future"),
        (-20, -14, "0", "hours", "not_positive"),
    ],
)
def test_impossible_hours_are_refused_naming_the_field(
    deployment, world, offset_start, offset_end, hours, field, code
):
    with pytest.raises(ValidationError) as refused:
        _log(
            deployment,
            world,
            TODAY + timedelta(days=offset_start),
            TODAY + timedelta(days=offset_end),
            hours,
        )
    assert code in _codes(refused.value)[field]
    assert not HourRecord.objects.exists()


def test_overlapping_hours_are_refused_and_rejected_ones_free_the_period(deployment, world):
    first = _log(deployment, world, TODAY - timedelta(days=14), TODAY - timedelta(days=8))
    with pytest.raises(ValidationError) as refused:
        _log(deployment, world, TODAY - timedelta(days=9), TODAY - timedelta(days=9), "8")
    assert _codes(refused.value) == {"period_start": ["overlap"]}
    services.hours_reject(record=first, by=world.users["supervisor_own"], reason="Wrong week")
    _log(deployment, world, TODAY - timedelta(days=9), TODAY - timedelta(days=9), "8")


def test_hours_only_by_the_volunteer_and_prefilled_occupation(deployment, world):
    with pytest.raises(PermissionDenied):
        _log(
            deployment,
            world,
            TODAY - timedelta(days=3),
            TODAY - timedelta(days=3),
            "8",
            by=world.users["supervisor_own"],
        )
    record = _log(deployment, world, TODAY - timedelta(days=3), TODAY - timedelta(days=3), "8")
    occupation = world.published.occupation
    assert record.isco_group_id == (occupation.isco_group_id if occupation else None)


def test_approval_locks_and_only_supervisors_review(deployment, world):
    record = _log(deployment, world, TODAY - timedelta(days=7), TODAY - timedelta(days=1))
    for user in (world.volunteer.user, world.users["supervisor_other"]):
        with pytest.raises(PermissionDenied):
            services.hours_approve(record=record, by=user)
    assert HourRecord.objects.get(pk=record.pk).status == "submitted"
    services.hours_approve(record=record, by=world.users["supervisor_own"])
    with pytest.raises(ValidationError) as locked:
        services.hours_reject(record=record, by=world.users["supervisor_own"], reason="oops")
    assert _codes(locked.value) == {"status": ["locked"]}
    assert HourRecord.objects.get(pk=record.pk).status == HourStatus.APPROVED


def test_rejection_needs_a_reason_and_tells_the_volunteer(deployment, world):
    record = _log(deployment, world, TODAY - timedelta(days=7), TODAY - timedelta(days=1))
    with pytest.raises(ValidationError):
        services.hours_reject(record=record, by=world.users["supervisor_own"], reason=" ")
    services.hours_reject(record=record, by=world.users["supervisor_own"], reason="Too many")
    assert Notification.objects.filter(
        recipient=world.volunteer.user, kind="hours_rejected"
    ).exists()


def test_bulk_approval_is_all_or_nothing_with_a_report(deployment, world):
    supervisor = world.users["supervisor_own"]
    a = _log(deployment, world, TODAY - timedelta(days=21), TODAY - timedelta(days=15))
    b = _log(deployment, world, TODAY - timedelta(days=14), TODAY - timedelta(days=8))
    services.hours_approve(record=a, by=supervisor)
    with pytest.raises(services.BulkRefused) as refused:
        services.hours_approve_bulk(record_ids=[a.pk, b.pk], by=supervisor)
    report = {row.record_id: row.ok for row in refused.value.rows}
    assert report == {a.pk: False, b.pk: True}
    assert HourRecord.objects.get(pk=b.pk).status == "submitted"
    with pytest.raises(services.BulkRefused):
        services.hours_approve_bulk(record_ids=[b.pk], by=world.users["supervisor_other"])
    rows = services.hours_approve_bulk(record_ids=[b.pk], by=supervisor)
    assert [row.ok for row in rows] == [True]
    assert HourRecord.objects.get(pk=b.pk).status == "approved"


def test_long_hours_raise_a_flag_once_approved(deployment, world):
    supervisor = world.users["supervisor_own"]
    monday = TODAY - timedelta(days=TODAY.weekday() + 21)
    records = [
        _log(
            deployment,
            world,
            monday + timedelta(weeks=i),
            monday + timedelta(weeks=i, days=2),
            "56",
        )
        for i in range(3)
    ]
    services.hours_approve_bulk(record_ids=[r.pk for r in records[:2]], by=supervisor)
    assert not RiskFlag.objects.exists()
    services.hours_approve(record=records[2], by=supervisor)
    assert list(RiskFlag.objects.values_list("rule", flat=True)) == ["long_hours"]


# --- results ----------------------------------------------------------------------------------


def test_results_with_disaggregated_reach(deployment, world):
    result = services.result_record(
        deployment=deployment,
        by=world.volunteer.user,
        description="Vaccination days",
        output="3 campaigns",
        date=TODAY,
        sdg_target_codes=["3.8"],
        reach=[
            {"sex": "female", "age_group": "0-14", "people": 120, "group": "children"},
            {"sex": "male", "age_group": "65+", "with_disability": True, "people": 4},
        ],
    )
    assert sorted(result.reach.values_list("people", flat=True)) == [4, 120]
    assert list(result.sdg_targets.values_list("code", flat=True)) == ["3.8"]
    with pytest.raises(ValidationError):
        services.result_record(
            deployment=deployment,
            by=world.volunteer.user,
            description="x",
            date=TODAY,
            reach=[{"sex": "robot", "people": 3}],
        )
    with pytest.raises(PermissionDenied):
        services.result_record(
            deployment=deployment,
            by=world.users["supervisor_other"],
            description="x",
            date=TODAY,
        )


# --- check-ins, flags -------------------------------------------------------------------------


def test_two_low_check_ins_flag_and_notify_the_manager(deployment, world):
    user = world.volunteer.user
    now = timezone.now()
    services.checkin_submit(
        deployment=deployment,
        by=user,
        wellbeing=2,
        workload=5,
        safety="safe",
        now=now - timedelta(days=14),
    )
    assert not RiskFlag.objects.exists()
    services.checkin_submit(
        deployment=deployment, by=user, wellbeing=1, workload=5, safety="safe", now=now
    )
    flag = RiskFlag.objects.get()
    assert flag.rule == "low_wellbeing"
    assert Notification.objects.filter(recipient=world.users["manager"], kind="risk_flag").exists()
    # Re-evaluating raises nothing new; a closed flag is not reopened.
    assert services.risks_evaluate(deployment=deployment) == []
    with pytest.raises(PermissionDenied):
        services.flag_follow_up(flag=flag, by=world.users["supervisor_own"], notes="x")
    services.flag_follow_up(flag=flag, by=world.users["manager"], notes="Called", status="closed")
    assert services.risks_evaluate(deployment=deployment) == []
    assert RiskFlag.objects.get().status == "closed"


def test_unsafe_and_check_in_refusals(deployment, world):
    user = world.volunteer.user
    with pytest.raises(ValidationError) as refused:
        services.checkin_submit(
            deployment=deployment, by=user, wellbeing=6, workload=0, safety="meh"
        )
    assert set(_codes(refused.value)) == {"wellbeing", "workload", "safety"}
    with pytest.raises(PermissionDenied):
        services.checkin_submit(
            deployment=deployment, by=world.users["manager"], wellbeing=3, workload=3, safety="safe"
        )
    services.checkin_submit(
        deployment=deployment, by=user, wellbeing=5, workload=2, safety="unsafe"
    )
    assert list(RiskFlag.objects.values_list("rule", flat=True)) == ["unsafe"]


def test_silence_sweep_at_a_hardship_station(deployment, world):
    station = deployment.duty_station
    station.hardship_class = "D"
    station.save()
    assert services.risks_sweep(now=timezone.now() - timedelta(days=20)) == 0
    assert services.risks_sweep() == 1  # entered on duty 42 days ago, never checked in
    assert services.risks_sweep() == 0


# --- roll-calls -------------------------------------------------------------------------------


def test_roll_call_for_a_country(deployment, world):
    with pytest.raises(PermissionDenied):
        services.roll_call_start(by=world.users["supervisor_own"], country_id="UG")
    roll_call = services.roll_call_start(by=world.users["manager"], country_id="UG", message="!")
    answer = RollCallAnswer.objects.get(roll_call=roll_call)
    assert answer.deployment == deployment and answer.answer == ""
    assert Notification.objects.filter(recipient=world.volunteer.user, kind="roll_call").exists()
    with pytest.raises(PermissionDenied):
        services.roll_call_answer(token="nope", answer="safe")
    services.roll_call_answer(token=answer.token, answer="need_help")
    assert RollCallAnswer.objects.get(pk=answer.pk).answer == "need_help"
    with pytest.raises(ValidationError):
        services.roll_call_start(by=world.users["manager"], country_id="FR")


def test_the_hourly_duty_of_care_command_runs_reminders_and_the_sweep(deployment):
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("duty_of_care_run", stdout=out)
    assert "reminders sent: 0; new risk flags: 0" in out.getvalue()


# --- risk thresholds from the environment -------------------------------------------------------


def test_risk_thresholds_come_from_the_setting_as_json_gives_them(settings):
    from django.core.exceptions import ImproperlyConfigured

    settings.VOLEX_DUTY_OF_CARE = {
        "max_weekly_hours": 60,
        "hardship_classes": ["D", "E"],
        "enabled": ["no_checkin", "unsafe"],
    }
    config = services.risk_config()
    assert config.max_weekly_hours == Decimal(60)
    assert config.hardship_classes == frozenset({"D", "E"})
    assert config.enabled == frozenset({"no_checkin", "unsafe"})
    settings.VOLEX_DUTY_OF_CARE = {"silence_day": 21}
    with pytest.raises(ImproperlyConfigured, match="silence_day"):
        services.risk_config()
