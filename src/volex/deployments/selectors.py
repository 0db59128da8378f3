"""Reads of deployments, with related rows loaded up front and the board's figures annotated."""

from __future__ import annotations

from datetime import date

from django.db.models import (
    Case,
    Count,
    F,
    IntegerField,
    Max,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce, ExtractYear
from django.db.models.lookups import GreaterThanOrEqual

from volex.accounts.models import User
from volex.assignments.models import Assignment
from volex.matching.commitments import VolunteerScope
from volex.organizations.models import Membership, MembershipRole
from volex.organizations.roles import (
    is_administrator,
    managed_organization_ids,
    staff_organization_ids,
)
from volex.organizations.selectors import organization_ancestor_ids

from .models import (
    CheckIn,
    Deployment,
    DeploymentState,
    FlagStatus,
    HourRecord,
    HourStatus,
    RiskFlag,
    RollCall,
    RollCallAnswer,
    hundredths_of,
)


def programme_managers(assignment: Assignment) -> QuerySet[User]:
    """Active programme managers of the host organization or of an organization above it."""
    return User.objects.filter(
        pk__in=Membership.objects.filter(
            organization_id__in=organization_ancestor_ids(assignment.host_id),
            role=MembershipRole.PROGRAMME_MANAGER,
        ).values("user_id"),
        is_active=True,
    )


def _related(queryset: QuerySet[Deployment]) -> QuerySet[Deployment]:
    return queryset.select_related(
        "volunteer__user",
        "assignment__host",
        "assignment__occupation",
        "duty_station__country",
        "supervisor",
    )


def deployment_detail(*, pk: int) -> Deployment | None:
    return _related(Deployment.objects.filter(pk=pk)).first()


def deployments_for_volunteer(*, volunteer) -> QuerySet[Deployment]:
    return _related(Deployment.objects.filter(volunteer=volunteer))


def deployment_current(*, volunteer) -> Deployment | None:
    return (
        deployments_for_volunteer(volunteer=volunteer)
        .filter(state=DeploymentState.IN_SERVICE)
        .first()
    ) or deployments_for_volunteer(volunteer=volunteer).first()


def deployments_visible(*, user) -> QuerySet[Deployment]:
    """Deployments the user may see: their own service, or their organizations' volunteers."""
    queryset = Deployment.objects.all()
    if not is_administrator(user):
        queryset = queryset.filter(
            Q(volunteer__user=user) | Q(assignment__host_id__in=staff_organization_ids(user))
        )
    return _related(queryset)


def hours_for_deployment(*, deployment) -> QuerySet[HourRecord]:
    return HourRecord.objects.filter(deployment=deployment).select_related(
        "isco_group", "reviewed_by"
    )


def hours_to_review(*, user) -> QuerySet[HourRecord]:
    """Submitted hours of the supervisor's team: the deployments they supervise, and those of
    the organizations where they supervise or manage."""
    queryset = HourRecord.objects.filter(status=HourStatus.SUBMITTED)
    if not is_administrator(user):
        queryset = queryset.filter(
            Q(deployment__supervisor=user)
            | Q(deployment__assignment__host_id__in=staff_organization_ids(user))
        )
    return queryset.select_related(
        "deployment__volunteer__user", "deployment__assignment"
    ).order_by("period_start", "pk")


def flags_for_deployment(*, deployment) -> QuerySet[RiskFlag]:
    return RiskFlag.objects.filter(deployment=deployment).select_related("followed_up_by")


def checkins_for_deployment(*, deployment) -> QuerySet[CheckIn]:
    return CheckIn.objects.filter(deployment=deployment)


def deployments_in_scope(
    *,
    user,
    country_id: str | None = None,
    duty_station_id: int | None = None,
    peace_operation_id: int | None = None,
) -> QuerySet[Deployment]:
    """Deployments in service in a country, duty station or mission, that the user may see on
    the board: an administrator everyone; programme managers and supervisors their
    organizations' volunteers."""
    queryset = Deployment.objects.filter(state=DeploymentState.IN_SERVICE)
    if not is_administrator(user):
        queryset = queryset.filter(assignment__host_id__in=staff_organization_ids(user))
    if duty_station_id:
        queryset = queryset.filter(duty_station_id=duty_station_id)
    if country_id:
        queryset = queryset.filter(duty_station__country_id=country_id)
    if peace_operation_id:
        queryset = queryset.filter(duty_station__peace_operation_id=peace_operation_id)
    return queryset


def board_rows(
    *,
    user,
    country_id: str | None = None,
    duty_station_id: int | None = None,
    peace_operation_id: int | None = None,
    roll_call: RollCall | None = None,
    with_personal_data: bool = False,
) -> QuerySet[Deployment]:
    """The board: every volunteer in service in scope, their duty station, supervisor, last
    check-in and open flags, in a fixed number of queries whatever the size of the page."""
    last_checkin = (
        CheckIn.objects.filter(deployment=OuterRef("pk"))
        .order_by()
        .values("deployment")
        .annotate(last=Max("submitted_at"))
        .values("last")
    )
    open_flags = (
        RiskFlag.objects.filter(deployment=OuterRef("pk"), status=FlagStatus.OPEN)
        .order_by()
        .values("deployment")
        .annotate(n=Count("pk"))
        .values("n")
    )
    queryset = (
        deployments_in_scope(
            user=user,
            country_id=country_id,
            duty_station_id=duty_station_id,
            peace_operation_id=peace_operation_id,
        )
        .select_related(
            "volunteer__user", "duty_station__country", "supervisor", "assignment__host"
        )
        .annotate(
            last_checkin=Subquery(last_checkin),
            open_flags=Coalesce(Subquery(open_flags, output_field=IntegerField()), Value(0)),
        )
        .order_by("-open_flags", "last_checkin", "pk")
    )
    if roll_call is not None:
        answers = RollCallAnswer.objects.filter(roll_call=roll_call, deployment=OuterRef("pk"))
        queryset = queryset.annotate(roll_call_answer=Subquery(answers.values("answer")[:1]))
    if with_personal_data:
        queryset = queryset.prefetch_related(
            "volunteer__nationalities",
            Prefetch(
                "flags",
                queryset=RiskFlag.objects.filter(status=FlagStatus.OPEN),
                to_attr="open_flag_rows",
            ),
        )
    return queryset


def board_summary(*, rows: QuerySet[Deployment]) -> dict[str, int]:
    return rows.order_by().aggregate(
        deployed=Count("pk"),
        flagged=Count("pk", filter=Q(open_flags__gt=0)),
        never_checked_in=Count("pk", filter=Q(last_checkin__isnull=True)),
    )


def roll_call_latest(
    *,
    user,
    country_id: str | None = None,
    duty_station_id: int | None = None,
    peace_operation_id: int | None = None,
) -> RollCall | None:
    queryset = RollCall.objects.filter(closed_at__isnull=True)
    if country_id:
        queryset = queryset.filter(country_id=country_id)
    if duty_station_id:
        queryset = queryset.filter(duty_station_id=duty_station_id)
    if peace_operation_id:
        queryset = queryset.filter(peace_operation_id=peace_operation_id)
    if not is_administrator(user):
        queryset = queryset.filter(
            answers__deployment__assignment__host_id__in=managed_organization_ids(user)
        ).distinct()
    return queryset.order_by("-started_at", "-pk").first()


def roll_call_counts(*, roll_call: RollCall) -> dict[str, int]:
    return roll_call.answers.aggregate(
        total=Count("pk"),
        safe=Count("pk", filter=Q(answer="safe")),
        need_help=Count("pk", filter=Q(answer="need_help")),
        pending=Count("pk", filter=Q(answer="")),
    )


def board_places():
    """The countries, duty stations and missions where someone is in service: the board's
    filter choices (three small queries)."""
    from volex.assignments.models import DutyStation
    from volex.reference.models import Country, PeaceOperation

    from .models import Deployment, DeploymentState

    station_ids = Deployment.objects.filter(state=DeploymentState.IN_SERVICE).values(
        "duty_station_id"
    )
    stations = list(
        DutyStation.objects.filter(pk__in=station_ids)
        .select_related("country")
        .order_by("country__name", "place")
    )
    countries = Country.objects.filter(pk__in={s.country_id for s in stations})
    missions = PeaceOperation.objects.filter(
        pk__in={s.peace_operation_id for s in stations if s.peace_operation_id}
    )
    return {"countries": countries, "stations": stations, "missions": missions}


def approved_hours_by_year(records: QuerySet[HourRecord]) -> QuerySet:
    """The summary's rows computed from hour records (deployment, assignment, volunteer, duty
    station, year, ISCO-08 code, hundredths, hundredths of each month) for the
    approved ones, grouped in the database: the SELECT of the summary's INSERT."""
    hundredths = hundredths_of("hours")
    by_month = {
        f"s_{month:02d}": Sum(
            Case(When(period_start__month=month, then=hundredths), default=Value(0))
        )
        for month in range(1, 13)
    }
    return (
        records.filter(status=HourStatus.APPROVED)
        .order_by()
        .annotate(
            s_d=F("deployment_id"),
            s_a=F("deployment__assignment_id"),
            s_v=F("deployment__volunteer_id"),
            s_s=F("deployment__duty_station_id"),
            s_y=ExtractYear("period_start"),
            s_i=F("isco_group_id"),
        )
        .values("s_d", "s_a", "s_v", "s_s", "s_y", "s_i")
        .annotate(s_h=Sum(hundredths), **by_month)
        .values_list("s_d", "s_a", "s_v", "s_s", "s_y", "s_i", "s_h", *by_month)
    )


# The service period in the database: the one rule of `volex.domain.service`, to the recorded end,
# else the planned end (tests in impact check that both agree).
LAST_DAY_OF_SERVICE = Coalesce("end_date", "planned_end_date")


def in_service_during(start: date, end: date) -> Q:
    """Deployments serving on at least one day from `start` to `end`: the database form of
    `volex.domain.service.serves_during` (to the recorded end, else the planned end)."""
    return Q(start_date__lte=end) & Q(GreaterThanOrEqual(LAST_DAY_OF_SERVICE, start))


def deployment_periods_in_service(scope: VolunteerScope) -> QuerySet:
    """(volunteer id, start, end or planned end) of each deployment in service of the volunteers
    of `scope`: the periods matching keeps them off other assignments for (registered as a
    commitment source in `DeploymentsConfig.ready`)."""
    return scope.filter(
        Deployment.objects.filter(state=DeploymentState.IN_SERVICE).values_list(
            "volunteer_id", "start_date", LAST_DAY_OF_SERVICE
        )
    )
