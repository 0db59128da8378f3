"""Writes for duty stations and assignments, one module per responsibility:

- `descriptions`: what a description of assignment says (`AssignmentData`), creating, updating and
  duplicating it, and its duty station.
- `workflow`: its states, from draft to published and on to closed, filled or cancelled; every
  state change is checked under a row lock, so that two people acting at once get one success and
  one clear refusal.

Callers import from `volex.assignments.services`; the names below are its public face.
"""

from .descriptions import (
    AssignmentData,
    LanguageNeed,
    SkillNeed,
    assignment_create,
    assignment_duplicate,
    assignment_update,
    duty_station_get_or_create,
)
from .workflow import (
    TRANSITIONS,
    assignment_approve,
    assignment_cancel,
    assignment_close,
    assignment_fast_track,
    assignment_mark_filled,
    assignment_publish,
    assignment_return,
    assignment_submit,
)

__all__ = [
    "TRANSITIONS",
    "AssignmentData",
    "LanguageNeed",
    "SkillNeed",
    "assignment_approve",
    "assignment_cancel",
    "assignment_close",
    "assignment_create",
    "assignment_duplicate",
    "assignment_fast_track",
    "assignment_mark_filled",
    "assignment_publish",
    "assignment_return",
    "assignment_submit",
    "assignment_update",
    "duty_station_get_or_create",
]
