"""Writes of the selection pipeline. Every change of stage goes through `_advance`, which locks the
assignment then the application (always in that order), asks the pure pipeline
(`volex.domain.pipeline`) whether the move is allowed, and records who, when, from, to and why.
Two people acting at once therefore get one success and one clear refusal."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from volex.assignments.models import Assignment, AssignmentState
from volex.assignments.permissions import host_staff_users
from volex.assignments.rules import assignment_service, ensure_rules_met, volunteer_candidate
from volex.domain import pipeline
from volex.domain.pipeline import Action, Actor, Refusal, TransitionRefused
from volex.notifications.models import Kind
from volex.notifications.services import notification_send, notification_send_many
from volex.volunteers.models import Volunteer
from volex.volunteers.signals import announce_profile_changed

from .errors import SelectionError
from .models import (
    COMMITTED_STAGES,
    ActionChoice,
    Application,
    ApplicationTransition,
    Assessment,
    AssessmentKind,
    ChecklistItem,
    Invitation,
    ItemStatus,
    OnboardingItem,
    Placement,
    Stage,
)
from .permissions import actors_on, staff_actor

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


# --- Applying ------------------------------------------------------------------------------------


def ensure_open_for_applications(assignment: Assignment) -> None:
    """Refuse, by a `ValidationError` on `assignment`, an assignment that takes no applications:
    not published, or past its application deadline. The one rule the apply page (before and on
    posting) and the API answer with."""
    if assignment.state != AssignmentState.PUBLISHED:
        raise _refused(
            "assignment",
            _("This assignment is not open for applications."),
            SelectionError.ASSIGNMENT_NOT_OPEN,
        )
    if assignment.application_deadline and timezone.localdate() > assignment.application_deadline:
        raise _refused(
            "assignment",
            _("Applications closed on %(date)s.")
            % {"date": formats.date_format(assignment.application_deadline)},
            SelectionError.DEADLINE_PASSED,
        )


@transaction.atomic
def application_apply(
    *, volunteer: Volunteer, assignment: Assignment, motivation: str = ""
) -> Application:
    """A volunteer applies; the category rules are checked now, with their messages."""
    locked = Assignment.objects.select_for_update().get(pk=assignment.pk)
    ensure_open_for_applications(locked)
    if Application.objects.filter(assignment=locked, volunteer=volunteer).exists():
        raise _refused(
            "assignment",
            _("You have already applied to this assignment."),
            SelectionError.ALREADY_APPLIED,
        )
    volunteer = (
        Volunteer.objects.prefetch_related("nationalities", "heritage_countries")
        .select_related("user")
        .get(pk=volunteer.pk)
    )
    ensure_rules_met(assignment_service(locked), volunteer_candidate(volunteer))
    motivation = motivation.strip()
    if len(motivation) > 2000:
        raise _refused(
            "motivation",
            _("Keep the motivation under 2,000 characters."),
            "max_length",
        )
    try:
        with transaction.atomic():
            application = Application.objects.create(
                assignment=locked,
                volunteer=volunteer,
                motivation=motivation,
                invited=Invitation.objects.filter(assignment=locked, volunteer=volunteer).exists(),
            )
    except IntegrityError:
        raise _refused(
            "assignment",
            _("You have already applied to this assignment."),
            SelectionError.ALREADY_APPLIED,
        ) from None
    _record(
        application,
        action=ActionChoice.APPLY,
        from_stage="",
        to_stage=Stage.APPLIED,
        by=volunteer.user,
        actor=Actor.VOLUNTEER,
        reason=_("Applied."),
    )
    notification_send_many(
        recipients=host_staff_users(locked),
        kind=Kind.APPLICATION_RECEIVED,
        params=_params(application),
        url=_url(application),
    )
    return application


@transaction.atomic
def invitation_create(
    *, assignment: Assignment, volunteer: Volunteer, by: User, message: str = ""
) -> Invitation:
    """A host invites a suggested talent-pool volunteer to apply."""
    locked = Assignment.objects.select_for_update().select_related("host").get(pk=assignment.pk)
    if staff_actor(by, locked) is None:
        raise PermissionDenied(_("You may not invite volunteers to this assignment."))
    if locked.state != AssignmentState.PUBLISHED:
        raise _refused(
            "assignment",
            _("Only a published assignment takes applications."),
            SelectionError.ASSIGNMENT_NOT_OPEN,
        )
    if not volunteer.consent_to_matching:
        raise _refused(
            "volunteer",
            _("This volunteer has not agreed to be suggested to host organizations."),
            SelectionError.NOT_IN_TALENT_POOL,
        )
    if Application.objects.filter(assignment=locked, volunteer=volunteer).exists():
        raise _refused(
            "volunteer",
            _("This volunteer has already applied."),
            SelectionError.ALREADY_APPLIED,
        )
    if Invitation.objects.filter(assignment=locked, volunteer=volunteer).exists():
        raise _refused(
            "volunteer",
            _("This volunteer is already invited."),
            SelectionError.ALREADY_INVITED,
        )
    invitation = Invitation.objects.create(
        assignment=locked, volunteer=volunteer, invited_by=by, message=message.strip()
    )
    notification_send(
        recipient=volunteer.user,
        kind=Kind.INVITED,
        params={
            "assignment": locked.title,
            "host": locked.host.name,
            "message": invitation.message,
        },
        url=f"/selection/assignments/{locked.pk}/apply/",
    )
    return invitation


# --- The host's decisions ------------------------------------------------------------------------


def application_longlist(
    *,
    application: Application,
    by: User,
    reason: str = "",
    expected: str | None = None,
) -> Application:
    return _advance(
        application=application, action=Action.LONGLIST, by=by, reason=reason, expected=expected
    )[1]


@transaction.atomic
def application_shortlist(
    *,
    application: Application,
    by: User,
    reason: str = "",
    expected: str | None = None,
) -> Application:
    _assignment, locked = _advance(
        application=application, action=Action.SHORTLIST, by=by, reason=reason, expected=expected
    )
    notification_send(
        recipient=locked.volunteer.user,
        kind=Kind.SHORTLISTED,
        params=_params(locked),
        url=_url(locked),
    )
    return locked


@transaction.atomic
def application_assess(
    *,
    application: Application,
    by: User,
    kind: str,
    score: int,
    notes: str = "",
    assessed_on: date | None = None,
    expected: str | None = None,
) -> Assessment:
    """Record an interview, a test or a desk review (score 0-100) and mark the stage assessed."""
    errors = {}
    if kind not in AssessmentKind.values:
        errors["kind"] = ValidationError(
            _("Choose interview, test or desk review."), code="invalid"
        )
    if not isinstance(score, int) or not 0 <= score <= 100:
        errors["score"] = ValidationError(
            _("The score is a whole number from 0 to 100."), code=SelectionError.INVALID_SCORE
        )
    if errors:
        raise ValidationError(errors)
    label = AssessmentKind(kind).label
    _assignment, locked = _advance(
        application=application,
        action=Action.ASSESS,
        by=by,
        reason=_("%(kind)s, score %(score)s.") % {"kind": label, "score": score},
        expected=expected,
    )
    return Assessment.objects.create(
        application=locked,
        kind=kind,
        score=score,
        notes=notes.strip(),
        assessed_on=assessed_on or timezone.localdate(),
        assessed_by=by,
    )


def application_prefer(
    *,
    application: Application,
    by: User,
    reason: str = "",
    expected: str | None = None,
) -> Application:
    return _advance(
        application=application, action=Action.PREFER, by=by, reason=reason, expected=expected
    )[1]


@transaction.atomic
def application_offer(
    *,
    application: Application,
    by: User,
    expires_at: datetime | None = None,
    reason: str = "",
    expected: str | None = None,
) -> Application:
    """Offer the position until `expires_at` (default: 14 days from now)."""
    now = timezone.now()
    expires_at = expires_at or now + timedelta(days=OFFER_DAYS)
    if expires_at <= now:
        raise _refused(
            "expires_at",
            _("The offer must expire in the future."),
            SelectionError.INVALID_EXPIRY,
        )
    _assignment, locked = _advance(
        application=application,
        action=Action.OFFER,
        by=by,
        reason=reason,
        expected=expected,
        fields={"offered_at": now, "offer_expires_at": expires_at, "offer_reminded_at": None},
    )
    notification_send(
        recipient=locked.volunteer.user,
        kind=Kind.OFFERED,
        params=_params(locked, expires=_when(expires_at)),
        url=_url(locked),
    )
    return locked


@transaction.atomic
def application_reject(
    *,
    application: Application,
    by: User,
    reason: str = "",
    expected: str | None = None,
) -> Application:
    _assignment, locked = _advance(
        application=application, action=Action.REJECT, by=by, reason=reason, expected=expected
    )
    notification_send(
        recipient=locked.volunteer.user,
        kind=Kind.NOT_SELECTED,
        params=_params(locked, message=reason),
        url=_url(locked),
    )
    return locked


# --- The volunteer's decisions -------------------------------------------------------------------


@transaction.atomic
def application_accept(
    *, application: Application, by: User, now: datetime | None = None
) -> Application:
    """Accept an offer: takes a position (never more than the assignment has) and opens the
    onboarding checklist."""
    assignment, locked = _advance(application=application, action=Action.ACCEPT, by=by, now=now)
    used = set(Placement.objects.filter(assignment=assignment).values_list("slot", flat=True))
    slot = next(n for n in range(1, assignment.positions + 1) if n not in used)
    Placement.objects.create(assignment=assignment, application=locked, slot=slot)
    _assignment, locked = _advance(
        application=locked,
        action=Action.START_ONBOARDING,
        by=None,
        actor=Actor.SYSTEM,
        reason=_("Offer accepted: the onboarding checklist is open."),
    )
    OnboardingItem.objects.bulk_create(
        OnboardingItem(application=locked, item=item) for item in ChecklistItem.values
    )
    notification_send_many(
        recipients=host_staff_users(assignment),
        kind=Kind.OFFER_ACCEPTED,
        params=_params(locked),
        url=_url(locked),
    )
    return locked


def application_decline(*, application: Application, by: User, reason: str = "") -> Application:
    return _advance(application=application, action=Action.DECLINE, by=by, reason=reason)[1]


@transaction.atomic
def application_withdraw(*, application: Application, by: User, reason: str = "") -> Application:
    """The volunteer withdraws; a position they held is freed."""
    _assignment, locked = _advance(
        application=application, action=Action.WITHDRAW, by=by, reason=reason
    )
    Placement.objects.filter(application=locked).delete()
    return locked


# --- The clock -----------------------------------------------------------------------------------


@transaction.atomic
def application_expire_offer(
    *, application: Application, now: datetime | None = None
) -> Application:
    _assignment, locked = _advance(
        application=application,
        action=Action.EXPIRE,
        by=None,
        actor=Actor.SYSTEM,
        reason=_("The offer was neither accepted nor declined in time."),
        now=now,
    )
    notification_send(
        recipient=locked.volunteer.user,
        kind=Kind.OFFER_EXPIRED,
        params=_params(locked, expires=_when(locked.offer_expires_at)),
        url=_url(locked),
    )
    return locked


def offers_sweep(*, now: datetime | None = None) -> tuple[int, int]:
    """Expire offers past their date and remind volunteers of offers about to expire.
    Returns (expired, reminded). Run it every hour (`volex selection_sweep`)."""
    now = now or timezone.now()
    expired = 0
    for application in Application.objects.filter(stage=Stage.OFFERED, offer_expires_at__lte=now):
        try:
            application_expire_offer(application=application, now=now)
            expired += 1
        except ValidationError:
            continue  # accepted or declined meanwhile
    reminded = 0
    due = Application.objects.filter(
        stage=Stage.OFFERED,
        offer_expires_at__gt=now,
        offer_expires_at__lte=now + REMIND_BEFORE,
        offer_reminded_at__isnull=True,
    ).select_related("assignment__host", "volunteer__user")
    for application in due:
        with transaction.atomic():
            updated = Application.objects.filter(
                pk=application.pk, stage=Stage.OFFERED, offer_reminded_at__isnull=True
            ).update(offer_reminded_at=now)
            if updated:
                notification_send(
                    recipient=application.volunteer.user,
                    kind=Kind.OFFER_EXPIRING,
                    params=_params(application, expires=_when(application.offer_expires_at)),
                    url=_url(application),
                )
                reminded += 1
    return expired, reminded


# --- Onboarding ----------------------------------------------------------------------------------


@transaction.atomic
def onboarding_item_update(
    *,
    application: Application,
    item: str,
    status: str,
    by: User,
    status_date: date | None = None,
    notes: str = "",
) -> OnboardingItem:
    """Set one checklist item; when every item is done the volunteer is ready for entry on duty."""
    assignment, locked = _lock(application)
    if staff_actor(by, assignment) is None:
        raise PermissionDenied(_("You may not update this onboarding checklist."))
    if locked.stage != Stage.ONBOARDING:
        raise _refused(
            "stage",
            _("The checklist can be updated only while the application is in onboarding."),
            SelectionError.NOT_ONBOARDING,
        )
    errors = {}
    if item not in ChecklistItem.values:
        errors["item"] = ValidationError(_("Unknown checklist item."), code="invalid")
    if status not in ItemStatus.values:
        errors["status"] = ValidationError(_("Unknown status."), code="invalid")
    if errors:
        raise ValidationError(errors)
    row = OnboardingItem.objects.select_for_update().get(application=locked, item=item)
    row.status = status
    row.status_date = status_date or timezone.localdate()
    row.notes = notes.strip()[:300]
    row.updated_by = by
    row.save()
    statuses = {
        pipeline.ChecklistItem(r.item): pipeline.ItemStatus(r.status)
        for r in OnboardingItem.objects.filter(application=locked)
    }
    if pipeline.checklist_complete(statuses):
        _advance(
            application=locked,
            action=Action.COMPLETE_ONBOARDING,
            by=None,
            actor=Actor.SYSTEM,
            reason=_("Every onboarding item is done: ready for entry on duty."),
        )
    return row
