"""The selection pipeline of an application, as a pure state machine.

applied → longlisted → shortlisted → assessed → preferred → offered → accepted → onboarding → ready,
with the exits withdrawn, not selected, declined and offer expired. `decide` says what an action
by an actor does to a stage, or refuses with a reason code and a message; the Django adapter
(`volex.selection.services`) records every decision it applies. Messages are English templates
marked for translation; the web layer translates them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


def _(message: str) -> str:
    """Marks a message for extraction by `makemessages`; translation happens in the web layer."""
    return message


class Stage(StrEnum):
    APPLIED = "applied"
    LONGLISTED = "longlisted"
    SHORTLISTED = "shortlisted"
    ASSESSED = "assessed"
    PREFERRED = "preferred"
    OFFERED = "offered"
    ACCEPTED = "accepted"
    ONBOARDING = "onboarding"
    READY = "ready"
    WITHDRAWN = "withdrawn"
    NOT_SELECTED = "not_selected"
    DECLINED = "declined"
    OFFER_EXPIRED = "offer_expired"


class Action(StrEnum):
    LONGLIST = "longlist"
    SHORTLIST = "shortlist"
    ASSESS = "assess"
    PREFER = "prefer"
    OFFER = "offer"
    ACCEPT = "accept"
    DECLINE = "decline"
    EXPIRE = "expire"
    START_ONBOARDING = "start_onboarding"
    COMPLETE_ONBOARDING = "complete_onboarding"
    WITHDRAW = "withdraw"
    REJECT = "reject"


class Actor(StrEnum):
    """Who acts on an application: the candidate, the host (supervisor of the host organization),
    the programme (a programme manager or an administrator) or the system (a clock, a rule)."""

    VOLUNTEER = "volunteer"
    HOST = "host"
    PROGRAMME = "programme"
    SYSTEM = "system"


class Refusal(StrEnum):
    WRONG_STAGE = "wrong_stage"
    WRONG_ACTOR = "wrong_actor"
    OFFER_EXPIRED = "offer_expired"
    OFFER_NOT_EXPIRED = "offer_not_expired"
    NO_POSITION_LEFT = "no_position_left"


TERMINAL: frozenset[Stage] = frozenset(
    {Stage.READY, Stage.WITHDRAWN, Stage.NOT_SELECTED, Stage.DECLINED, Stage.OFFER_EXPIRED}
)
# Stages that hold one of the assignment's positions.
HOLDS_POSITION: frozenset[Stage] = frozenset({Stage.ACCEPTED, Stage.ONBOARDING, Stage.READY})
# Stages still under the host's consideration (before an offer).
UNDER_REVIEW: frozenset[Stage] = frozenset(
    {Stage.APPLIED, Stage.LONGLISTED, Stage.SHORTLISTED, Stage.ASSESSED, Stage.PREFERRED}
)

_STAFF = frozenset({Actor.HOST, Actor.PROGRAMME})


@dataclass(frozen=True)
class Move:
    sources: frozenset[Stage]
    target: Stage
    actors: frozenset[Actor]


MOVES: dict[Action, Move] = {
    Action.LONGLIST: Move(frozenset({Stage.APPLIED}), Stage.LONGLISTED, _STAFF),
    Action.SHORTLIST: Move(frozenset({Stage.APPLIED, Stage.LONGLISTED}), Stage.SHORTLISTED, _STAFF),
    # A further assessment (a test after the interview) keeps the application assessed.
    Action.ASSESS: Move(frozenset({Stage.SHORTLISTED, Stage.ASSESSED}), Stage.ASSESSED, _STAFF),
    Action.PREFER: Move(frozenset({Stage.ASSESSED}), Stage.PREFERRED, _STAFF),
    Action.OFFER: Move(frozenset({Stage.ASSESSED, Stage.PREFERRED}), Stage.OFFERED, _STAFF),
    Action.ACCEPT: Move(frozenset({Stage.OFFERED}), Stage.ACCEPTED, frozenset({Actor.VOLUNTEER})),
    Action.DECLINE: Move(frozenset({Stage.OFFERED}), Stage.DECLINED, frozenset({Actor.VOLUNTEER})),
    Action.EXPIRE: Move(
        frozenset({Stage.OFFERED}), Stage.OFFER_EXPIRED, frozenset({Actor.SYSTEM, *_STAFF})
    ),
    Action.START_ONBOARDING: Move(
        frozenset({Stage.ACCEPTED}), Stage.ONBOARDING, frozenset({Actor.SYSTEM, *_STAFF})
    ),
    Action.COMPLETE_ONBOARDING: Move(
        frozenset({Stage.ONBOARDING}), Stage.READY, frozenset({Actor.SYSTEM})
    ),
    Action.WITHDRAW: Move(
        frozenset({*UNDER_REVIEW, Stage.OFFERED, Stage.ACCEPTED, Stage.ONBOARDING}),
        Stage.WITHDRAWN,
        frozenset({Actor.VOLUNTEER}),
    ),
    Action.REJECT: Move(frozenset(UNDER_REVIEW), Stage.NOT_SELECTED, _STAFF),
}

MESSAGES: dict[Refusal, str] = {
    Refusal.WRONG_STAGE: _("An application that is %(stage)s cannot be %(action)s."),
    Refusal.WRONG_ACTOR: _("Only %(actors)s may do this to an application."),
    Refusal.OFFER_EXPIRED: _("The offer expired on %(expires)s; it can no longer be accepted."),
    Refusal.OFFER_NOT_EXPIRED: _("The offer runs until %(expires)s; it has not expired yet."),
    Refusal.NO_POSITION_LEFT: _(
        "All %(positions)s position(s) of this assignment are taken; the offer cannot be accepted."
    ),
}

# Past participles for messages ("cannot be shortlisted").
ACTION_DONE: dict[Action, str] = {
    Action.LONGLIST: _("longlisted"),
    Action.SHORTLIST: _("shortlisted"),
    Action.ASSESS: _("assessed"),
    Action.PREFER: _("marked preferred"),
    Action.OFFER: _("offered the position"),
    Action.ACCEPT: _("accepted"),
    Action.DECLINE: _("declined"),
    Action.EXPIRE: _("expired"),
    Action.START_ONBOARDING: _("taken into onboarding"),
    Action.COMPLETE_ONBOARDING: _("declared ready"),
    Action.WITHDRAW: _("withdrawn"),
    Action.REJECT: _("marked not selected"),
}


class TransitionRefused(Exception):
    """An action the pipeline does not allow: `reason` says why, `message` in words."""

    def __init__(self, reason: Refusal, params: tuple[tuple[str, str], ...] = ()) -> None:
        self.reason = reason
        self.params = params
        super().__init__(self.message)

    @property
    def template(self) -> str:
        return MESSAGES[self.reason]

    @property
    def message(self) -> str:
        return self.template % dict(self.params)


@dataclass(frozen=True)
class Context:
    """What some decisions look at besides the stage: the clock, the offer's expiry, capacity."""

    now: datetime | None = None
    offer_expires_at: datetime | None = None
    positions: int | None = None
    positions_taken: int = 0


def decide(stage: Stage, action: Action, actor: Actor, context: Context | None = None) -> Stage:
    """The stage `action` by `actor` leads to from `stage`, or `TransitionRefused`."""
    context = context or Context()
    move = MOVES[action]
    if stage not in move.sources:
        raise TransitionRefused(
            Refusal.WRONG_STAGE, (("stage", stage.value), ("action", ACTION_DONE[action]))
        )
    if actor not in move.actors:
        names = ", ".join(sorted(a.value for a in move.actors))
        raise TransitionRefused(Refusal.WRONG_ACTOR, (("actors", names),))
    expires = context.offer_expires_at
    expired = expires is not None and context.now is not None and context.now >= expires
    if action is Action.ACCEPT and expired and expires is not None:
        raise TransitionRefused(Refusal.OFFER_EXPIRED, (("expires", expires.isoformat()),))
    if action is Action.EXPIRE and actor is Actor.SYSTEM and not expired:
        shown = expires.isoformat() if expires is not None else "?"
        raise TransitionRefused(Refusal.OFFER_NOT_EXPIRED, (("expires", shown),))
    if (
        action is Action.ACCEPT
        and context.positions is not None
        and context.positions_taken >= context.positions
    ):
        raise TransitionRefused(Refusal.NO_POSITION_LEFT, (("positions", str(context.positions)),))
    return move.target


def allowed_actions(stage: Stage, actor: Actor) -> tuple[Action, ...]:
    """The actions `actor` may take on an application at `stage`, in pipeline order."""
    return tuple(
        action for action, move in MOVES.items() if stage in move.sources and actor in move.actors
    )


def is_terminal(stage: Stage) -> bool:
    return stage in TERMINAL


# The onboarding checklist that stands between an accepted offer and entry on duty.
class ChecklistItem(StrEnum):
    MEDICAL_CLEARANCE = "medical_clearance"
    SECURITY_TRAINING = "security_training"
    VISA_TRAVEL = "visa_travel"
    CONTRACT_SIGNATURE = "contract_signature"


class ItemStatus(StrEnum):
    PENDING = "pending"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    NOT_APPLICABLE = "not_applicable"


FINISHED: frozenset[ItemStatus] = frozenset({ItemStatus.DONE, ItemStatus.NOT_APPLICABLE})


# Items that concern travelling to and living at a duty station: an online volunteer serves
# from where they live, so neither a visa nor a medical clearance is asked of them.
AT_DUTY_STATION_ONLY: frozenset[ChecklistItem] = frozenset(
    {ChecklistItem.MEDICAL_CLEARANCE, ChecklistItem.VISA_TRAVEL}
)


def checklist_items(*, at_duty_station: bool) -> tuple[ChecklistItem, ...]:
    """The checklist of an assignment, in order: every item at a duty station, online fewer.
    The one rule for which items apply, used to open the checklist, to accept an update and to
    decide readiness."""
    return tuple(
        item for item in ChecklistItem if at_duty_station or item not in AT_DUTY_STATION_ONLY
    )


def checklist_complete(
    statuses: dict[ChecklistItem, ItemStatus], *, at_duty_station: bool = True
) -> bool:
    """True when every item that applies is done (or marked not applicable); items that do not
    apply (`checklist_items`) are not waited for."""
    return all(
        statuses.get(item, ItemStatus.PENDING) in FINISHED
        for item in checklist_items(at_duty_station=at_duty_station)
    )
