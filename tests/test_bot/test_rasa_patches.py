"""The action-response validation speed-up accepts and rejects exactly what Rasa does."""
import logging

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import ValidationError
from rasa.core.actions.action import RemoteAction

import bot.nlu.components  # noqa: F401 - importing it installs the patches, as in the Rasa server
from bot import rasa_patches

VALID = [
    {"events": [], "responses": []},
    {"events": [{"event": "slot", "name": "verified", "value": True}], "responses": [{"text": "你好", "buttons": []}]},
    {"events": [{"event": "active_loop", "name": None}, {"event": "slot", "name": "requested_slot", "value": None}]},
    {},
]
INVALID = [
    {"events": "not a list"},
    {"events": [{"event": "slot"}]},  # a slot event needs a name
    {"responses": ["plain string"]},
    {"events": [{"event": "no_such_event"}]},
]


def test_installed_when_rasa_loads_our_components():
    assert rasa_patches.is_installed()
    rasa_patches.install()  # idempotent
    assert rasa_patches.is_installed()


@pytest.mark.parametrize("result", VALID)
def test_valid_responses_pass(result):
    assert RemoteAction("action_x", None)._validate_action_result(result) is True


@pytest.mark.parametrize("result", INVALID)
def test_invalid_responses_fail_with_rasas_message(result):
    with pytest.raises(ValidationError, match="Failed to validate Action server response"):
        RemoteAction("action_x", None)._validate_action_result(result)


def _rasas_verdict(result) -> bool:
    from jsonschema import validators

    schema = RemoteAction.action_response_format_spec()
    return validators.validator_for(schema)(schema).is_valid(result)


_EVENT_NAMES = ["user", "action", "slot", "active_loop", "bot", "followup", "reset_slots", "session_started",
                "restart", "rewind", "form", "reminder", "no_such_event"]
_VALUES = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=5),
                    st.lists(st.integers(), max_size=2), st.dictionaries(st.text(max_size=3), st.integers(), max_size=2))
_NAME = st.one_of(st.text(max_size=5), st.none())
_WELL_FORMED = st.one_of(  # valid unless the values drawn break a rule
    st.fixed_dictionaries({"event": st.just("slot"), "name": st.text(max_size=5), "value": _VALUES}),
    st.fixed_dictionaries({"event": st.just("action"), "name": st.text(max_size=5)},
                          optional={"policy": _NAME, "confidence": st.one_of(st.floats(0, 1), st.none())}),
    st.fixed_dictionaries({"event": st.just("bot"), "text": _NAME}, optional={"data": _VALUES}),
    st.fixed_dictionaries({"event": st.sampled_from(["active_loop", "followup"]), "name": _NAME}),
    st.fixed_dictionaries({"event": st.sampled_from(["restart", "session_started", "reset_slots"])},
                          optional={"timestamp": _VALUES}),
)
_EVENTS = st.one_of(
    _WELL_FORMED, _WELL_FORMED,
    st.fixed_dictionaries({"event": st.sampled_from(_EVENT_NAMES)},
                          optional={key: _VALUES for key in ["name", "value", "text", "timestamp", "policy",
                                                              "confidence", "data", "metadata", "intent", "entities"]}),
    _VALUES)


@settings(max_examples=400, deadline=None)
@given(st.one_of(
    st.fixed_dictionaries({"events": st.lists(_EVENTS, min_size=1, max_size=4)},
                          optional={"responses": st.lists(st.dictionaries(st.text(max_size=3), _VALUES), max_size=2)}),
    st.fixed_dictionaries({}, optional={"events": _VALUES, "responses": st.one_of(st.lists(_VALUES, max_size=2), _VALUES)}),
    _VALUES))
def test_the_per_event_check_gives_rasas_verdict(result):
    """Each event checked against its own name's alternative: the same verdict as the whole `oneOf`."""
    assert rasa_patches._response_validator().is_valid(result) == _rasas_verdict(result)


@pytest.mark.parametrize("result", VALID + INVALID + [
    {"events": [{"event": "slot", "name": "x", "value": 1}, {"event": "bot", "text": 3}]},  # the second is wrong
    {"events": [{"event": "user", "text": "hi", "parse_data": {"intent": {"name": "greet", "confidence": 0.9}}}]},
    {"events": [{"event": "action", "name": "action_listen", "policy": None, "confidence": 1.0}]},
    {"events": [{"event": "slot", "name": "x", "timestamp": "yesterday"}]},  # timestamp: the common part
])
def test_known_responses_get_rasas_verdict(result):
    assert rasa_patches._response_validator().is_valid(result) == _rasas_verdict(result)


@pytest.mark.parametrize("name", ["user", "slot", "action", "active_loop", "session_started", "followup"])
def test_event_lookup_finds_rasas_classes(name):
    from rasa.shared.core.events import Event
    from rasa.shared.utils.common import all_subclasses

    expected = next(cls for cls in all_subclasses(Event) if cls.type_name == name)
    assert Event.resolve_by_type(name) is expected
    assert Event.resolve_by_type(name) is expected  # and again, from the memo


def test_event_lookup_keeps_rasas_default_and_error():
    from rasa.shared.core.events import Event, SlotSet

    assert Event.resolve_by_type("no_such_event", SlotSet) is SlotSet
    assert Event.resolve_by_type("topic") is None
    with pytest.raises(ValueError, match="Unknown event name 'no_such_event'"):
        Event.resolve_by_type("no_such_event")
    assert Event.from_parameters({"event": "slot", "name": "verified", "value": True}) == SlotSet("verified", True)


@pytest.mark.parametrize("module", ["rasa.core.processor", "rasa.core.policies.rule_policy",
                                    "rasa.core.policies.memoization"])
def test_log_only_deep_copies_use_deepcopy_for_nothing_else(module):
    """The patch is right only while every deepcopy in these modules feeds a debug log call."""
    import importlib
    import inspect
    import re

    source = inspect.getsource(importlib.import_module(module))
    lines = source.splitlines()
    for number, line in enumerate(lines):
        if "copy.deepcopy(" in line:
            before = "\n".join(lines[max(0, number - 6):number + 1])
            assert re.search(r"structlogger\.debug\(", before), f"{module}:{number + 1} {line.strip()}"


def test_debug_log_copies_only_when_debug_is_on(caplog):
    from rasa.core.policies import rule_policy

    states = [{"user": {"intent": "greet"}}]
    caplog.set_level(logging.INFO, logger="rasa")
    assert rule_policy.copy.deepcopy(states) is states
    caplog.set_level(logging.DEBUG, logger="rasa")
    copied = rule_policy.copy.deepcopy(states)
    assert copied == states and copied is not states
    assert rule_policy.copy.copy is __import__("copy").copy


def test_rule_matching_with_the_index_finds_the_same_rules():
    """Random rules and conversations: the patched RulePolicy._get_possible_keys returns what Rasa's does."""
    import json
    import random

    from rasa.core.policies.rule_policy import RulePolicy

    original = RulePolicy._get_possible_keys.rasa_original
    rng = random.Random(7)
    actions = ["action_listen", "utter_a", "claim_form", "should_not_be_set", "", None]
    intents = ["greet", "inform", "deny", "should_not_be_set", None]

    def state(for_rule: bool) -> dict:
        result = {}
        action = rng.choice(actions)
        if action is not None:
            result["prev_action"] = ({"action_text": "你好"} if rng.random() < 0.1 else {"action_name": action})
        intent = rng.choice(intents)
        if intent is not None:
            result["user"] = {"intent": intent} if rng.random() < 0.9 else {"text": "什么是免赔额"}
        if rng.random() < 0.5:
            slot = rng.choice(["verified", "claim_type"])
            result["slots"] = {slot: "should_not_be_set" if for_rule and rng.random() < 0.3 else (1.0,)}
        if rng.random() < 0.2:
            result["active_loop"] = {"name": rng.choice(["claim_form", "should_not_be_set"])}
        return result

    checked = matched = 0
    for _ in range(400):
        policy = RulePolicy.__new__(RulePolicy)  # a fresh index per lookup
        lookup = {json.dumps([state(True) for _ in range(rng.randint(0, 4))], sort_keys=True): "utter_x"
                  for _ in range(rng.randint(0, 40))}
        for _ in range(5):
            states = [state(False) for _ in range(rng.randint(0, 12))]
            expected = original(policy, lookup, states)
            assert policy._get_possible_keys(lookup, states) == expected
            checked += 1
            matched += bool(expected) and len(expected) < len(lookup)
    assert matched > checked // 10  # the cases include rules that match and rules that do not


PAYLOAD = {"sender_id": "u/1", "tracker": {"slots": {"claim_amount": 12000.5, "verified": True, "none": None},
                                           "events": [{"event": "user", "text": "急性阑尾炎，做了手术 😊", "n": 2 ** 60}]},
           "domain": {"forms": {"claim_report_form": {"required_slots": ["hospital"]}}}}


@pytest.mark.parametrize("ujson_refuses", [False, True])
async def test_action_calls_send_the_same_json_faster(ujson_refuses, monkeypatch):
    import json

    from aiohttp import web
    from aiohttp.test_utils import TestServer
    from rasa.utils.endpoints import EndpointConfig

    import ujson

    def refuse(_value):
        raise OverflowError("say a number ujson cannot write")

    if ujson_refuses:
        monkeypatch.setattr(ujson, "dumps", refuse)
    received = []

    async def webhook(request):
        received.append(await request.read())
        return web.json_response({"events": [], "responses": []})

    app = web.Application()
    app.router.add_post("/webhook", webhook)
    server = TestServer(app, host="127.0.0.1")
    await server.start_server()
    try:
        answer = await EndpointConfig(str(server.make_url("/webhook"))).request(json=PAYLOAD, method="post")
    finally:
        await server.close()

    assert answer == {"events": [], "responses": []}
    assert json.loads(received[0]) == PAYLOAD
    assert (b"u\\/1" in received[0]) is not ujson_refuses  # ujson escapes "/", json does not
