"""Writes of the selection pipeline, one module per responsibility:

- `stages`: every change of stage goes through `_advance`, which locks the assignment then the
  application (always in that order), asks the pure pipeline (`volex.domain.pipeline`) whether the
  move is allowed, and records who, when, from, to and why. Two people acting at once therefore get
  one success and one clear refusal.
- `applications`: applying (and the rule of which assignments take applications), withdrawing.
- `invitations`: a host invites a talent-pool volunteer to apply.
- `decisions`: the host's longlist, shortlist, assessment, preference and rejection.
- `offers`: offering, accepting, declining, and the clock that expires offers and reminds.
- `onboarding`: the checklist of an accepted offer.

Callers import from `volex.selection.services`; the names below are its public face.
"""

from .applications import application_apply, application_withdraw, ensure_open_for_applications
from .decisions import (
    application_assess,
    application_longlist,
    application_prefer,
    application_reject,
    application_shortlist,
)
from .invitations import invitation_create
from .offers import (
    application_accept,
    application_decline,
    application_expire_offer,
    application_offer,
    offers_sweep,
)
from .onboarding import checklist_for, onboarding_item_update
from .stages import OFFER_DAYS, REMIND_BEFORE

__all__ = [
    "OFFER_DAYS",
    "REMIND_BEFORE",
    "application_accept",
    "application_apply",
    "application_assess",
    "application_decline",
    "application_expire_offer",
    "application_longlist",
    "application_offer",
    "application_prefer",
    "application_reject",
    "application_shortlist",
    "application_withdraw",
    "checklist_for",
    "ensure_open_for_applications",
    "invitation_create",
    "offers_sweep",
    "onboarding_item_update",
]
