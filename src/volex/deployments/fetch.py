"""Load a deployment's duty-of-care facts into the pure types of `volex.domain.duty_of_care`."""

from __future__ import annotations

from volex.domain import duty_of_care as doc

from .models import CheckIn, Deployment, HourRecord, HourStatus


def service_facts(deployment: Deployment) -> doc.ServiceFacts:
    station = deployment.duty_station
    checkins = tuple(
        doc.CheckInFact(
            submitted_at=row.submitted_at,
            wellbeing=row.wellbeing,
            workload=row.workload,
            safety=doc.Safety(row.safety),
        )
        for row in CheckIn.objects.filter(deployment=deployment).order_by("submitted_at")
    )
    hours = tuple(
        doc.HoursFact(period_start=start, hours=value)
        for start, value in HourRecord.objects.filter(
            deployment=deployment, status=HourStatus.APPROVED
        ).values_list("period_start", "hours")
    )
    return doc.ServiceFacts(
        start_date=deployment.start_date,
        hardship_class=station.hardship_class if station else None,
        checkins=checkins,
        approved_hours=hours,
    )
