"""Error codes of the assignments app (the `code` of a refusal, in the API and in forms)."""

from enum import StrEnum


class AssignmentError(StrEnum):
    NOT_EDITABLE = "assignment_not_editable"
    STALE = "assignment_changed_meanwhile"
    ILLEGAL_TRANSITION = "assignment_illegal_transition"
    COMMENT_REQUIRED = "assignment_comment_required"
    NOT_ALLOWED = "assignment_not_allowed"
