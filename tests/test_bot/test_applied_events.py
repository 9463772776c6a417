"""A tracker's applied events, kept between calls, are always what Rasa's own method gives."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from rasa.shared.core.events import (
    ActionExecuted, ActionExecutionRejected, ActionReverted, ActiveLoop, BotUttered, Restarted, SessionStarted,
    SlotSet, UserUttered, UserUtteranceReverted,
)
from rasa.shared.core.trackers import DialogueStateTracker

import bot.nlu.components  # noqa: F401 - installs the patches, as in the Rasa server
from bot import applied_events

FORMS = ["claim_report_form", "identity_form"]
ACTIONS = FORMS + ["action_listen", "action_ask_x", "utter_greet"]

EVENTS = st.one_of(
    st.sampled_from(ACTIONS).map(ActionExecuted),
    st.sampled_from(ACTIONS).map(ActionExecuted),
    st.sampled_from(["你好", "13800138000", "生病"]).map(lambda text: UserUttered(text, {"name": "inform"})),
    st.sampled_from(FORMS + [None]).map(ActiveLoop),
    st.sampled_from(FORMS).map(lambda name: ActionExecutionRejected(name)),
    st.just(BotUttered("好的")),
    st.just(SlotSet("requested_slot", "hospital")),
    st.sampled_from([ActionReverted(), UserUtteranceReverted(), Restarted(), SessionStarted()]),
)


def rasas(tracker: DialogueStateTracker) -> list:
    return applied_events.applied_events.rasa_original(tracker)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(EVENTS, max_size=6), max_size=8))
def test_kept_walk_gives_rasas_applied_events_after_every_turn(turns):
    """Events arrive a few at a time, as over a conversation; every call matches a fresh walk."""
    tracker = DialogueStateTracker("u", [])
    for turn in turns:
        for event in turn:
            tracker.update(event)
        first, again = tracker.applied_events(), tracker.applied_events()
        expected = rasas(tracker)
        assert [id(e) for e in first] == [id(e) for e in expected]
        assert [id(e) for e in again] == [id(e) for e in expected]
        first.append("a caller's change")  # callers get their own list
        assert len(tracker.applied_events()) == len(expected)


def test_a_form_named_later_makes_the_walk_start_again():
    """Rasa treats a form's earlier executions differently once the form is named anywhere."""
    tracker = DialogueStateTracker("u", [])
    for event in [ActionExecuted("action_listen"), UserUttered("x", {"name": "inform"}),
                  ActionExecuted("claim_report_form"), ActionExecuted("action_listen"),
                  UserUttered("y", {"name": "inform"}), ActionExecuted("claim_report_form")]:
        tracker.update(event)
    before = tracker.applied_events()
    tracker.update(ActiveLoop("claim_report_form"))
    after = tracker.applied_events()
    assert [id(e) for e in after] == [id(e) for e in rasas(tracker)]
    assert len(after) != len(before) + 1  # the walk changed its earlier steps, not just appended


def test_a_reset_tracker_is_walked_again():
    tracker = DialogueStateTracker("u", [])
    tracker.update(ActionExecuted("action_listen"))
    assert len(tracker.applied_events()) == 1
    tracker._reset()
    tracker.update(UserUttered("x", {"name": "inform"}))
    assert [id(e) for e in tracker.applied_events()] == [id(e) for e in rasas(tracker)]


def test_installed():
    assert applied_events.is_installed()


def test_events_replaced_in_the_same_list_are_walked_again():
    tracker = DialogueStateTracker("u", [])
    tracker.update(ActionExecuted("action_listen"))
    tracker.applied_events()
    tracker.events.clear()  # Rasa never does this; the kept walk must not trust it
    tracker.events.extend([UserUttered("x", {"name": "inform"}), ActionExecuted("utter_greet")])
    assert [id(e) for e in tracker.applied_events()] == [id(e) for e in rasas(tracker)]
