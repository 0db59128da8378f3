"""Every change to a deployment and what is recorded under it: atomic, validated, row-locked.

Rules come from `volex.domain` (the 24-month limit, the hour checks, the risk rules); these
modules load the facts, apply the rules, save and notify. One module per responsibility:
`lifecycle` (entry on duty, extension, end, end-of-service reminders), `hours` (logging and
review), `hours_summary` (the summary of approved hours, ADR 0004), `results`, `duty_of_care`
(check-ins, risk rules, flags) and `roll_calls`. Import from this package:
`from volex.deployments.services import hours_approve`.
"""

from .duty_of_care import checkin_submit, flag_follow_up, risk_config, risks_evaluate, risks_sweep
from .hours import (
    BulkRefused,
    BulkRow,
    hours_approve,
    hours_approve_bulk,
    hours_record,
    hours_reject,
)
from .hours_summary import (
    SUMMARY_COLUMNS,
    hours_summary_rebuild,
    hours_summary_refresh,
    hours_summary_refresh_deployments,
)
from .lifecycle import (
    deployment_complete,
    deployment_end_early,
    deployment_extend,
    deployment_reminders_send,
    deployment_start,
)
from .results import result_record
from .roll_calls import roll_call_answer, roll_call_start

__all__ = [
    "SUMMARY_COLUMNS",
    "BulkRefused",
    "BulkRow",
    "checkin_submit",
    "deployment_complete",
    "deployment_end_early",
    "deployment_extend",
    "deployment_reminders_send",
    "deployment_start",
    "flag_follow_up",
    "hours_approve",
    "hours_approve_bulk",
    "hours_record",
    "hours_reject",
    "hours_summary_rebuild",
    "hours_summary_refresh",
    "hours_summary_refresh_deployments",
    "result_record",
    "risk_config",
    "risks_evaluate",
    "risks_sweep",
    "roll_call_answer",
    "roll_call_start",
]
