"""The service itself (domain brief, "Deployment"): the deployment and what is recorded under it.

Hour records, check-ins and results belong to one deployment; risk flags come from the pure rules
in `volex.domain.duty_of_care`; roll-calls ask everyone deployed in a place whether they are safe.
State changes only through `volex.deployments.services`. One module per part of the service;
every name is importable from `volex.deployments.models` as before.
"""

from .duty_of_care import CheckIn, FlagStatus, RiskFlag, RiskRule, Safety
from .hours import (
    MONTH_COLUMNS,
    ApprovedHoursYear,
    HourRecord,
    HourStatus,
    hundredths_of,
    month_of,
)
from .results import AgeGroup, Result, ResultReach, Sex
from .roll_calls import RollCall, RollCallAnswer, RollCallStatus, _new_token
from .service import (
    Deployment,
    DeploymentExtension,
    DeploymentState,
    EarlyEndReason,
    PerformanceRating,
)

__all__ = [
    "MONTH_COLUMNS",
    "AgeGroup",
    "ApprovedHoursYear",
    "CheckIn",
    "Deployment",
    "DeploymentExtension",
    "DeploymentState",
    "EarlyEndReason",
    "FlagStatus",
    "HourRecord",
    "HourStatus",
    "PerformanceRating",
    "Result",
    "ResultReach",
    "RiskFlag",
    "RiskRule",
    "RollCall",
    "RollCallAnswer",
    "RollCallStatus",
    "Safety",
    "Sex",
    "_new_token",  # the token's default, named by migration 0001
    "hundredths_of",
    "month_of",
]
