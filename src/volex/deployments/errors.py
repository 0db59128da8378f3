from enum import StrEnum


class DeploymentError(StrEnum):
    NOT_READY = "not_ready"
    ALREADY_DEPLOYED = "already_deployed"
    IN_SERVICE_ELSEWHERE = "in_service_elsewhere"
    NOT_IN_SERVICE = "not_in_service"
    BEYOND_24_MONTHS = "beyond_24_months"
    NOT_LATER = "not_later"
    END_OUT_OF_SERVICE = "end_out_of_service"
    REASON_REQUIRED = "reason_required"
    LOCKED = "locked"
    NOT_SUBMITTED = "not_submitted"
    INVALID = "invalid"
    NOTHING_SELECTED = "nothing_selected"
    NOT_STARTED = "not_started"
