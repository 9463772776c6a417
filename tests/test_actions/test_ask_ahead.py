"""A form turn's next question comes with the validation: one call to the action server, the same result.

Rasa's real FormAction runs a form turn against our real actions (rasa-sdk's executor, in process,
every request and response through JSON as over HTTP), once as before (the question asked with its own
call) and once with the question prepared by the action server (actions/ask_ahead.py, bot/ask_ahead.py).
"""
from __future__ import annotations

import asyncio
import functools
import json
from typing import Any, Dict, List, Optional

import pytest
from rasa.core.actions.forms import FormAction
from rasa.core.channels.channel import CollectingOutputChannel
from rasa.core.nlg import TemplatedNaturalLanguageGenerator
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, ActiveLoop, BotUttered, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig
from rasa_sdk.executor import ActionExecutor

import bot.nlu.components  # noqa: F401 - installs the Rasa-side patches, as in the Rasa server
from actions.ask_ahead import ASK_AHEAD, question_call
from bot import ask_ahead as rasa_side
from tests.test_actions.conftest import verified_slots

# Rasa 3.6 says this whenever it reads a domain file.
pytestmark = pytest.mark.filterwarnings("ignore:Slot auto-fill has been removed:UserWarning")


@functools.lru_cache(maxsize=1)
def domain() -> Domain:
    return Domain.load("domain.yml")


@functools.lru_cache(maxsize=1)
def executor() -> ActionExecutor:
    found = ActionExecutor()
    found.register_package("actions")
    return found


class ActionServer:
    """Stands in for EndpointConfig.request: our executor, with JSON both ways; records each call."""

    def __init__(self, ask_ahead: bool) -> None:
        self.ask_ahead = ask_ahead
        self.calls: List[str] = []

    async def request(self, method: str = "post", subpath: Optional[str] = None, **kwargs: Any):
        call = json.loads(json.dumps(kwargs["json"]))
        self.calls.append(call["next_action"])
        response = await executor().run(call)
        if not self.ask_ahead:
            response.pop(ASK_AHEAD, None)
        return json.loads(json.dumps(response))


def form_turn(form: str, slots: Dict[str, Any], requested: str, text: str, answer: Dict[str, Any],
              server: ActionServer, monkeypatch) -> List[Any]:
    """The user answered `text` (extracted as `answer`) to the form's question for `requested`."""
    monkeypatch.setattr(EndpointConfig, "request", server.request)
    events = [ActionExecuted("action_listen"), UserUttered("开始", {"name": "report_claim", "confidence": 1.0}),
              ActionExecuted(form), ActiveLoop(form), SlotSet("requested_slot", requested),
              BotUttered("请回答"), ActionExecuted("action_listen"),
              UserUttered(text, {"name": "inform", "confidence": 0.99}), ActionExecuted("action_extract_slots")]
    events[2:2] = [SlotSet(name, value) for name, value in slots.items()]
    events += [SlotSet(name, value) for name, value in answer.items()]
    tracker = DialogueStateTracker.from_events("ask-ahead-user", events, slots=domain().slots)
    action = FormAction(form, EndpointConfig("http://action-server.invalid/webhook"))
    output = CollectingOutputChannel()
    return asyncio.run(action.run(output, TemplatedNaturalLanguageGenerator(domain().responses), tracker, domain()))


def comparable(events: List[Any]) -> List[Any]:
    return [(type(e).__name__, getattr(e, "text", None), getattr(e, "data", None), getattr(e, "key", None),
             getattr(e, "value", None)) for e in events]


TURNS = [
    # identity: the mobile answered, the last four ID characters asked next
    ("identity_form", {}, "mobile", "13800138000", {"mobile": "13800138000"}),
    # claim report: the incident date answered, the hospital asked next
    ("claim_report_form", {"claim_policy": "P2022-0001", "incident_type": "illness"}, "incident_date", "上周五",
     {"incident_date": "2026-11-20"}),
    # the same in Traditional and in elderly mode: the prepared question is adapted like any other
    ("claim_report_form", {"claim_policy": "P2022-0001", "incident_type": "illness", "language": "zh", "chinese_script": "zh-Hant"},
     "incident_date", "上週五", {"incident_date": "2026-11-20"}),
    ("claim_report_form", {"claim_policy": "P2022-0001", "incident_type": "illness", "elderly_mode": True},
     "incident_date", "上周五", {"incident_date": "2026-11-20"}),
    # a wrong answer: asked again, with the validator's explanation first
    ("claim_report_form", {"claim_policy": "P2022-0001", "incident_type": "illness"}, "incident_date", "明年",
     {"incident_date": "2027-12-01"}),
]


@pytest.mark.parametrize("form, slots, requested, text, answer", TURNS)
def test_one_call_and_the_same_turn(database, monkeypatch, form, slots, requested, text, answer):
    if form != "identity_form":
        slots = {**verified_slots(), **slots}
    before, after = ActionServer(ask_ahead=False), ActionServer(ask_ahead=True)
    expected = form_turn(form, slots, requested, text, answer, before, monkeypatch)
    got = form_turn(form, slots, requested, text, answer, after, monkeypatch)

    assert comparable(got) == comparable(expected)
    assert any(isinstance(e, BotUttered) for e in got)
    assert before.calls[0] == after.calls[0] == f"validate_{form}"
    assert len(before.calls) == 2 and before.calls[1].startswith("action_ask_")  # the question's own call
    assert after.calls == [f"validate_{form}"]


def test_a_prepared_question_for_another_slot_is_not_used(database, monkeypatch):
    """The action server's guess is only a guess: Rasa asks what it decides, with its own call if need be."""
    server = ActionServer(ask_ahead=True)
    original = server.request

    async def wrong_slot(_endpoint, **kwargs):  # set on the class: called as a method
        response = await original(**kwargs)
        if ASK_AHEAD in response:
            response[ASK_AHEAD]["slot"] = "diagnosis"
        return response

    server.request = wrong_slot
    slots = {**verified_slots(), "claim_policy": "P2022-0001", "incident_type": "illness"}
    events = form_turn("claim_report_form", slots, "incident_date", "上周五", {"incident_date": "2026-11-20"},
                       server, monkeypatch)
    assert server.calls == ["validate_claim_report_form", "action_ask_claim_report_form_hospital"]
    assert any(isinstance(e, BotUttered) for e in events)


def call(next_action: str, events: List[dict], slots: Dict[str, Any], form: str = "claim_report_form",
         domain_dict: Optional[dict] = None) -> dict:
    return {"next_action": next_action, "sender_id": "u",
            "tracker": {"sender_id": "u", "slots": slots, "events": events, "active_loop": {"name": form},
                        "latest_message": {}},
            "domain": domain_dict if domain_dict is not None else {
                "forms": {form: {"required_slots": ["a", "b", "c"]}},
                "actions": [{"validate_claim_report_form": {"send_domain": True}},
                            "action_ask_claim_report_form_b", "action_ask_c"],
                "responses": {"utter_ask_claim_report_form_a": []}}}


ACTIONS = {"action_ask_claim_report_form_b": object(), "action_ask_c": object()}
HISTORY = [{"event": "user", "text": "x"}, {"event": "slot", "name": "requested_slot", "value": "a"},
           {"event": "action", "name": "claim_report_form"}, {"event": "slot", "name": "a", "value": "raw"}]


def test_the_question_call_is_the_one_rasa_would_make():
    response = {"events": [{"event": "slot", "name": "a", "value": "clean"}],
                "responses": [{"text": "好的", "buttons": []}]}
    found, slot = question_call(call("validate_claim_report_form", HISTORY, {"a": "raw"}), response, ACTIONS)
    assert slot == "b" and found["next_action"] == "action_ask_claim_report_form_b" and found["domain"] == {}
    assert found["tracker"]["slots"] == {"a": "clean"}
    # the given slot's event replaced by the validator's answer, after its messages, as Rasa builds it
    assert found["tracker"]["events"] == HISTORY[:3] + [
        {"event": "bot", "text": "好的", "data": {"buttons": [], "image": None, "attachment": None, "custom": None,
                                                "elements": None}},
        {"event": "slot", "name": "a", "value": "clean"}]


def test_the_validators_requested_slot_wins_and_names_are_looked_up_like_rasa():
    response = {"events": [{"event": "slot", "name": "a", "value": "clean"},
                           {"event": "slot", "name": "requested_slot", "value": "c"}], "responses": []}
    found, slot = question_call(call("validate_claim_report_form", HISTORY, {}), response, ACTIONS)
    assert (slot, found["next_action"]) == ("c", "action_ask_c")  # action_ask_<slot> when no form-specific one


@pytest.mark.parametrize("events", [
    [{"event": "slot", "name": "a", "value": "clean"}, {"event": "slot", "name": "requested_slot", "value": None}],
    [{"event": "slot", "name": "a", "value": "clean"}, {"event": "active_loop", "name": None}],
    [{"event": "slot", "name": "a", "value": "clean"}, {"event": "followup", "name": "action_handoff"}],
    [],  # the given slot left out: the slots Rasa would send could differ
])
def test_nothing_is_prepared_when_the_form_ends_or_the_slots_could_differ(events):
    assert question_call(call("validate_claim_report_form", HISTORY, {}), {"events": events}, ACTIONS) is None


def test_nothing_is_prepared_for_templates_other_actions_or_inactive_forms():
    response = {"events": [{"event": "slot", "name": "a", "value": None}]}  # asks a again: a response template
    assert question_call(call("validate_claim_report_form", HISTORY, {}), response, ACTIONS) is None
    ok = {"events": [{"event": "slot", "name": "a", "value": "clean"}]}
    assert question_call(call("action_submit_claim", HISTORY, {}), ok, ACTIONS) is None
    assert question_call(call("validate_claim_report_form", HISTORY, {}, domain_dict={}), ok, ACTIONS) is None
    inactive = call("validate_claim_report_form", HISTORY, {})
    inactive["tracker"]["active_loop"] = {}
    assert question_call(inactive, ok, ACTIONS) is None


def test_installed_with_the_other_patches():
    assert rasa_side.is_installed()
