"""Error codes of the selection app (the `code` of a refusal, in the API and in forms)."""

from enum import StrEnum


class SelectionError(StrEnum):
    ASSIGNMENT_NOT_OPEN = "assignment_not_open"
    DEADLINE_PASSED = "application_deadline_passed"
    ALREADY_APPLIED = "already_applied"
    ALREADY_INVITED = "already_invited"
    NOT_IN_TALENT_POOL = "not_in_talent_pool"
    NOT_ALLOWED = "not_allowed"
    STALE = "application_changed_meanwhile"
    WRONG_STAGE = "wrong_stage"
    WRONG_ACTOR = "wrong_actor"
    OFFER_EXPIRED = "offer_expired"
    OFFER_NOT_EXPIRED = "offer_not_expired"
    NO_POSITION_LEFT = "no_position_left"
    INVALID_EXPIRY = "invalid_offer_expiry"
    INVALID_SCORE = "invalid_score"
    NOT_ONBOARDING = "not_onboarding"
