"""The selection pipeline (volex.domain.pipeline): fixed cases and random sequences of actions."""

from __future__ import annotations

import contextlib
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from volex.domain.pipeline import (
    HOLDS_POSITION,
    MOVES,
    TERMINAL,
    Action,
    Actor,
    ChecklistItem,
    Context,
    ItemStatus,
    Refusal,
    Stage,
    TransitionRefused,
    allowed_actions,
    checklist_complete,
    decide,
)

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
HAPPY_PATH = [
    (Action.LONGLIST, Actor.HOST, Stage.LONGLISTED),
    (Action.SHORTLIST, Actor.HOST, Stage.SHORTLISTED),
    (Action.ASSESS, Actor.HOST, Stage.ASSESSED),
    (Action.PREFER, Actor.PROGRAMME, Stage.PREFERRED),
    (Action.OFFER, Actor.HOST, Stage.OFFERED),
    (Action.ACCEPT, Actor.VOLUNTEER, Stage.ACCEPTED),
    (Action.START_ONBOARDING, Actor.SYSTEM, Stage.ONBOARDING),
    (Action.COMPLETE_ONBOARDING, Actor.SYSTEM, Stage.READY),
]


def test_happy_path_reaches_ready():
    stage = Stage.APPLIED
    context = Context(now=NOW, offer_expires_at=NOW + timedelta(days=14))
    for action, actor, expected in HAPPY_PATH:
        stage = decide(stage, action, actor, context)
        assert stage is expected


def test_offer_before_shortlist_is_refused_as_wrong_stage():
    with pytest.raises(TransitionRefused) as error:
        decide(Stage.APPLIED, Action.OFFER, Actor.HOST)
    assert error.value.reason is Refusal.WRONG_STAGE
    assert "applied cannot be offered the position" in error.value.message


def test_volunteer_cannot_shortlist_and_host_cannot_accept():
    with pytest.raises(TransitionRefused) as error:
        decide(Stage.APPLIED, Action.SHORTLIST, Actor.VOLUNTEER)
    assert error.value.reason is Refusal.WRONG_ACTOR
    with pytest.raises(TransitionRefused):
        decide(Stage.OFFERED, Action.ACCEPT, Actor.HOST)


def test_accept_at_or_after_expiry_is_refused():
    context = Context(now=NOW, offer_expires_at=NOW)
    with pytest.raises(TransitionRefused) as error:
        decide(Stage.OFFERED, Action.ACCEPT, Actor.VOLUNTEER, context)
    assert error.value.reason is Refusal.OFFER_EXPIRED
    before = Context(now=NOW - timedelta(seconds=1), offer_expires_at=NOW)
    assert decide(Stage.OFFERED, Action.ACCEPT, Actor.VOLUNTEER, before) is Stage.ACCEPTED


def test_system_expires_only_offers_past_their_date():
    with pytest.raises(TransitionRefused) as error:
        decide(
            Stage.OFFERED,
            Action.EXPIRE,
            Actor.SYSTEM,
            Context(now=NOW, offer_expires_at=NOW + timedelta(hours=1)),
        )
    assert error.value.reason is Refusal.OFFER_NOT_EXPIRED
    late = Context(now=NOW, offer_expires_at=NOW - timedelta(hours=1))
    assert decide(Stage.OFFERED, Action.EXPIRE, Actor.SYSTEM, late) is Stage.OFFER_EXPIRED


def test_accept_is_refused_when_every_position_is_taken():
    full = Context(
        now=NOW, offer_expires_at=NOW + timedelta(days=1), positions=2, positions_taken=2
    )
    with pytest.raises(TransitionRefused) as error:
        decide(Stage.OFFERED, Action.ACCEPT, Actor.VOLUNTEER, full)
    assert error.value.reason is Refusal.NO_POSITION_LEFT


def test_checklist_is_complete_only_when_every_item_is_finished():
    statuses = dict.fromkeys(ChecklistItem, ItemStatus.DONE)
    assert checklist_complete(statuses)
    statuses[ChecklistItem.VISA_TRAVEL] = ItemStatus.NOT_APPLICABLE
    assert checklist_complete(statuses)
    statuses[ChecklistItem.MEDICAL_CLEARANCE] = ItemStatus.IN_PROGRESS
    assert not checklist_complete(statuses)
    assert not checklist_complete({})


def test_every_non_terminal_stage_has_a_way_out_and_terminal_stages_have_none():
    for stage in Stage:
        actions = [a for actor in Actor for a in allowed_actions(stage, actor)]
        assert bool(actions) is (stage not in TERMINAL), stage


steps = st.lists(
    st.tuples(
        st.sampled_from(list(Action)),
        st.sampled_from(list(Actor)),
        st.integers(min_value=0, max_value=30),  # days after the start of the sequence
    ),
    max_size=40,
)


@settings(max_examples=400, deadline=None)
@given(steps)
def test_random_sequences_follow_the_table_and_never_leave_a_terminal_stage(sequence):
    stage = Stage.APPLIED
    history = [stage]
    expires = None
    for action, actor, day in sorted(sequence, key=lambda step: step[2]):
        now = NOW + timedelta(days=day)
        try:
            new = decide(stage, action, actor, Context(now=now, offer_expires_at=expires))
        except TransitionRefused as refusal:
            # A refusal names a real reason and the stage stays as it was.
            assert refusal.message
            move = MOVES[action]
            assert (
                stage not in move.sources
                or actor not in move.actors
                or refusal.reason in (Refusal.OFFER_EXPIRED, Refusal.OFFER_NOT_EXPIRED)
            )
            continue
        move = MOVES[action]
        assert stage in move.sources and actor in move.actors and new is move.target
        assert stage not in TERMINAL
        if action is Action.OFFER:
            expires = now + timedelta(days=14)
        if action is Action.ACCEPT:
            assert expires is not None and now < expires
        stage = new
        history.append(stage)
    # What a sequence reached tells how it got there.
    if Stage.READY in history:
        assert history.index(Stage.ACCEPTED) < history.index(Stage.READY)
    if Stage.ACCEPTED in history:
        assert Stage.OFFERED in history
        assert history.index(Stage.SHORTLISTED) < history.index(Stage.OFFERED)
    for terminal in TERMINAL & set(history):
        assert history[-1] is terminal
        assert history.count(terminal) == 1


@settings(max_examples=200, deadline=None)
@given(
    positions=st.integers(min_value=1, max_value=4),
    attempts=st.lists(
        st.tuples(st.integers(min_value=0, max_value=7), st.sampled_from(list(Action))),
        max_size=60,
    ),
)
def test_positions_are_never_overfilled_whatever_the_order_of_accepts_and_withdrawals(
    positions, attempts
):
    # Eight applicants, all holding a live offer; accepts and withdrawals come in random order.
    stages = [Stage.OFFERED] * 8
    context_base = Context(now=NOW, offer_expires_at=NOW + timedelta(days=14), positions=positions)
    for who, action in attempts:
        actor = Actor.SYSTEM if action is Action.START_ONBOARDING else Actor.VOLUNTEER
        taken = sum(stage in HOLDS_POSITION for stage in stages)
        context = Context(
            now=context_base.now,
            offer_expires_at=context_base.offer_expires_at,
            positions=positions,
            positions_taken=taken,
        )
        with contextlib.suppress(TransitionRefused):
            stages[who] = decide(stages[who], action, actor, context)
        assert sum(stage in HOLDS_POSITION for stage in stages) <= positions
