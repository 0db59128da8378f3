"""The one way an application changes stage (`_advance`: lock, ask the pure pipeline, record
who, when, from, to and why) and the helpers every selection service shares."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from volex.assignments.models import Assignment
from volex.domain import pipeline
from volex.domain.pipeline import Action, Actor, Refusal, TransitionRefused
from volex.volunteers.signals import announce_profile_changed

from ..errors import SelectionError
from ..models import (
    COMMITTED_STAGES,
    Application,
    ApplicationTransition,
    Placement,
    Stage,
)
from ..permissions import actors_on

if TYPE_CHECKING:
    from volex.accounts.models import User


OFFER_DAYS = 14
REMIND_BEFORE = timedelta(days=2)

_REFUSAL_CODES = {
    Refusal.WRONG_STAGE: SelectionError.WRONG_STAGE,
    Refusal.WRONG_ACTOR: SelectionError.WRONG_ACTOR,
    Refusal.OFFER_EXPIRED: SelectionError.OFFER_EXPIRED,
    Refusal.OFFER_NOT_EXPIRED: SelectionError.OFFER_NOT_EXPIRED,
    Refusal.NO_POSITION_LEFT: SelectionError.NO_POSITION_LEFT,
}
_ACTOR_LABELS = {
    Actor.VOLUNTEER: "the volunteer",
    Actor.HOST: "host supervisors",
    Actor.PROGRAMME: "programme managers",
    Actor.SYSTEM: "the system",
}


def _refused(field: str, message: str, code: str) -> ValidationError:
    return ValidationError({field: ValidationError(message, code=code)})


def _when(moment: datetime | None) -> str:
    if moment is None:
        return "?"
    return formats.date_format(timezone.localtime(moment), "DATETIME_FORMAT")


def _refusal_error(
    refusal: TransitionRefused, *, action: Action, stage: str, context: pipeline.Context
) -> ValidationError:
    params: dict[str, str] = {}
    if refusal.reason is Refusal.WRONG_STAGE:
        params = {
            "stage": str(Stage(stage).label).lower(),
            "action": _(pipeline.ACTION_DONE[action]),
        }
    elif refusal.reason is Refusal.WRONG_ACTOR:
        allowed = sorted(pipeline.MOVES[action].actors)
        params = {"actors": ", ".join(_(_ACTOR_LABELS[a]) for a in allowed)}
    elif refusal.reason in (Refusal.OFFER_EXPIRED, Refusal.OFFER_NOT_EXPIRED):
        params = {"expires": _when(context.offer_expires_at)}
    elif refusal.reason is Refusal.NO_POSITION_LEFT:
        params = {"positions": str(context.positions)}
    return _refused("stage", _(refusal.template) % params, _REFUSAL_CODES[refusal.reason])


def _lock(application: Application) -> tuple[Assignment, Application]:
    assignment = Assignment.objects.select_for_update().get(pk=application.assignment_id)
    locked = (
        Application.objects.select_for_update()
        .select_related("volunteer__user")
        .get(pk=application.pk)
    )
    locked.assignment = assignment
    return assignment, locked


def _actor_for(by: User | None, application: Application, action: Action) -> Actor:
    if by is None:
        return Actor.SYSTEM
    actors = actors_on(by, application)
    if not actors:
        raise PermissionDenied(_("You may not act on this application."))
    allowed = actors & pipeline.MOVES[action].actors
    # A user who holds no fitting role gets the pipeline's refusal in words.
    return next(iter(sorted(allowed))) if allowed else next(iter(sorted(actors)))


def _record(
    application: Application,
    *,
    action: str,
    from_stage: str,
    to_stage: str,
    by: User | None,
    actor: Actor,
    reason: str = "",
) -> ApplicationTransition:
    return ApplicationTransition.objects.create(
        application=application,
        action=action,
        from_stage=from_stage,
        to_stage=to_stage,
        actor=by,
        actor_role=str(actor),
        reason=reason,
    )


def _taken(assignment: Assignment) -> int:
    return Placement.objects.filter(assignment=assignment).count()


@transaction.atomic
def _advance(
    *,
    application: Application,
    action: Action,
    by: User | None,
    reason: str = "",
    expected: str | None = None,
    actor: Actor | None = None,
    now: datetime | None = None,
    fields: dict[str, object] | None = None,
) -> tuple[Assignment, Application]:
    assignment, locked = _lock(application)
    if actor is None:
        actor = _actor_for(by, locked, action)
    if expected is not None and locked.stage != expected:
        raise _refused(
            "stage",
            _("Someone else changed this application first: it is now %(stage)s.")
            % {"stage": str(locked.get_stage_display()).lower()},
            SelectionError.STALE,
        )
    context = pipeline.Context(
        now=now or timezone.now(),
        offer_expires_at=locked.offer_expires_at,
        positions=assignment.positions,
        positions_taken=_taken(assignment) if action is Action.ACCEPT else 0,
    )
    try:
        target = pipeline.decide(pipeline.Stage(locked.stage), action, actor, context)
    except TransitionRefused as refusal:
        raise _refusal_error(refusal, action=action, stage=locked.stage, context=context) from None
    _record(
        locked,
        action=action,
        from_stage=locked.stage,
        to_stage=target,
        by=by,
        actor=actor,
        reason=reason,
    )
    committed = locked.stage in COMMITTED_STAGES or str(target) in COMMITTED_STAGES
    locked.stage = target
    for name, value in (fields or {}).items():
        setattr(locked, name, value)
    locked.save(update_fields=["stage", "updated_at", *(fields or {})])
    if committed:  # the periods the volunteer is committed to changed: matching reloads them
        announce_profile_changed(locked.volunteer_id)
    return assignment, locked


def _params(application: Application, **extra: object) -> dict[str, object]:
    return {
        "assignment": application.assignment.title,
        "host": application.assignment.host.name,
        "volunteer": application.volunteer.display_name,
        **extra,
    }


def _url(application: Application) -> str:
    return f"/selection/applications/{application.pk}/"
