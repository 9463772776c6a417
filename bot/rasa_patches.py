"""Speed-ups for Rasa Open Source 3.6 internals, behaviour unchanged.

Rasa checks every action-server response with `jsonschema.validate(result,
schema)`. That call first validates the *schema itself* against the draft
2020-12 meta-schema, every time: measured with py-spy, about 60% of the Rasa
server's time per form turn went there. Here the validators are built once;
a valid response is accepted at once, and an invalid one still goes through
Rasa's own method, so it fails exactly as before, with Rasa's message.
The schema says each event must match exactly one of 23 alternatives
(`oneOf`), one per event name (`"event": {"const": ...}`), so jsonschema
tried all 23 for every event (still 6% of the server's CPU). An event is
checked against the alternative of its own name only; names are unique, so
that is the same verdict.

Rasa also looks up the class of every event it reads (`Event.resolve_by_type`)
by rebuilding the list of all `Event` subclasses, for every stored event of
every tracker it loads. The lookup is memoised per type name; a name not
found still goes through Rasa's method (its default or its error).

Rasa 3.6 also deep-copies dialogue states, events and parse data for every
`structlogger.debug(...)` call in the processor and the two policies, and
the copy is made even when debug logging is off and the call does nothing.
In those three modules `copy.deepcopy` is used only for such log arguments,
so there it copies only while debug logging is on (`--debug`).

The RulePolicy matches its rules (640 here) against the conversation's
states from the latest turn backwards (`_get_possible_keys`), checking every
rule at the latest turn, and went on through every older turn after the
longest rule had been passed, where every rule left matches by definition.
Now the latest turn checks only the rules whose last state asks for the
conversation's previous action and intent (or for none), and the loop stops
after the longest rule; the result is the same set of rules.

A form turn's next question comes with the validator's response
(`bot/ask_ahead.py`), and a tracker's applied events are worked out once per
event (`bot/applied_events.py`); both are installed here too.

Rasa sends the whole tracker (and, to the form validators, the domain) as JSON
with every action-server call, encoded by the standard `json` module: about
1 ms a call late in a claim report (py-spy: 3% of the server). The session
for those calls encodes with ujson (already installed for Sanic), twice as
fast, and falls back to `json` for anything ujson refuses; the decoded JSON
is the same (tested).

The action-server timeout (`bot/action_timeout.py`, 30 s instead of Rasa's 5
minutes) is installed here too; unlike the rest, it changes behaviour on purpose.

`install()` is called when Rasa imports our NLU components, i.e. in every
process that loads the model (`rasa run`, `rasa shell`, `rasa test`).
"""
from __future__ import annotations

import copy
import functools
import importlib
import logging
import types
from typing import Any, Callable, Dict

_PATCHED = "_claims_fast_validation"


class _ResponseValidator:
    """Rasa's action-response schema, with each event checked against its own name's alternative."""

    def __init__(self, schema: Dict[str, Any]) -> None:
        from jsonschema import validators

        cls = validators.validator_for(schema)
        cls.check_schema(schema)
        items = schema["properties"]["events"]["items"]
        alternatives = items["oneOf"]
        names = [alternative["properties"]["event"]["const"] for alternative in alternatives]
        if len(set(names)) != len(names):  # a later Rasa could break the one-name-one-alternative rule
            raise ValueError("event alternatives are not one per name")
        common = {key: value for key, value in items.items() if key != "oneOf"}
        self._outer = cls({**schema, "properties": {**schema["properties"], "events": {"type": "array"}}})
        self._per_event = {name: cls({**common, "allOf": [alternative]})
                           for name, alternative in zip(names, alternatives)}

    def is_valid(self, result: Any) -> bool:
        if not self._outer.is_valid(result):
            return False
        for event in result.get("events") or []:
            validator = self._per_event.get(event.get("event")) if isinstance(event, dict) else None
            if validator is None or not validator.is_valid(event):
                return False
        return True


@functools.lru_cache(maxsize=1)
def _response_validator() -> _ResponseValidator:
    from rasa.core.actions.action import RemoteAction

    return _ResponseValidator(RemoteAction.action_response_format_spec())


def _json_dumps(value: Any) -> str:
    """ujson where it can, the standard module otherwise (what it refuses, it refuses the same way)."""
    import json

    import ujson

    try:
        return ujson.dumps(value)
    except (TypeError, OverflowError, ValueError):
        return json.dumps(value)


def _session_with_fast_json(self: Any) -> Any:
    """EndpointConfig.session (Rasa 3.6), with `json_serialize` for the request bodies."""
    import aiohttp
    from rasa.core.constants import DEFAULT_REQUEST_TIMEOUT

    auth = aiohttp.BasicAuth(self.basic_auth["username"], self.basic_auth["password"]) if self.basic_auth else None
    return aiohttp.ClientSession(headers=self.headers, auth=auth, json_serialize=_json_dumps,
                                 timeout=aiohttp.ClientTimeout(total=DEFAULT_REQUEST_TIMEOUT))


setattr(_session_with_fast_json, _PATCHED, True)


def response_is_valid(result: Any) -> bool:
    """Whether Rasa would accept this as an action server's response."""
    return _response_validator().is_valid(result)


def _fast(original: Callable[[Any, Dict[str, Any]], bool]) -> Callable[[Any, Dict[str, Any]], bool]:
    @functools.wraps(original)
    def validate_action_result(self, result: Dict[str, Any]) -> bool:
        if _response_validator().is_valid(result):
            return True
        return original(self, result)  # raises Rasa's ValidationError with its message

    setattr(validate_action_result, _PATCHED, True)
    return validate_action_result


def _memoised_event_lookup(original: Callable[..., Any]) -> Callable[..., Any]:
    known: Dict[str, Any] = {}

    def resolve_by_type(type_name: str, default: Any = None) -> Any:
        cls = known.get(type_name)
        if cls is None:
            cls = original(type_name, default)
            if cls is not None and cls is not default:
                known[type_name] = cls  # only real matches: subclasses imported later still count
        return cls

    setattr(resolve_by_type, _PATCHED, True)
    return staticmethod(resolve_by_type)


# Modules whose every `copy.deepcopy(...)` is an argument of a debug log call (checked for Rasa 3.6).
_LOG_ONLY_DEEPCOPY_MODULES = ("rasa.core.processor", "rasa.core.policies.rule_policy", "rasa.core.policies.memoization")


def _deepcopy_for_debug_logs(value: Any, memo: Any = None) -> Any:
    if logging.getLogger("rasa").isEnabledFor(logging.DEBUG):
        return copy.deepcopy(value, memo)
    return value  # the debug call drops it unread


def _copy_module_for_debug_logs() -> types.SimpleNamespace:
    namespace = types.SimpleNamespace(**{name: getattr(copy, name) for name in copy.__all__})
    namespace.deepcopy = _deepcopy_for_debug_logs
    setattr(namespace, _PATCHED, True)
    return namespace


_ANY = object()  # a rule's last state that does not pin this feature
_NO_PREVIOUS_ACTION = object()  # a rule's last state without a previous action (conversation start)


def _pinned(sub_state: Any, key: str) -> Any:
    """The value a rule state requires for `key`, or _ANY where a conversation with any value can match."""
    value = sub_state.get(key) if isinstance(sub_state, dict) else None
    return value if isinstance(value, str) and value and value != "should_not_be_set" else _ANY


class _RuleIndex:
    """The rule keys of one lookup by what their last state requires: the previous action's name and
    the user's intent. At the latest turn a rule that requires another action or intent cannot match
    (`RulePolicy._does_rule_match_state`), so only the others are checked there."""

    def __init__(self, policy: Any, lookup: Dict[str, str]) -> None:
        self.lookup = lookup  # kept, so the id this index is filed under stays this lookup's
        self.lengths: Dict[str, int] = {}
        self.buckets: Dict[Any, list] = {}
        for key in lookup:
            states = policy._rule_key_to_state(key)
            self.lengths[key] = len(states)
            last = states[-1] if states else {}
            bucket: Any
            if not states:  # applies at once (`_is_rule_applicable`): always a candidate
                bucket = (_ANY, _ANY)
            elif not last.get("prev_action"):
                bucket = _NO_PREVIOUS_ACTION
            else:
                bucket = (_pinned(last["prev_action"], "action_name"), _pinned(last.get("user"), "intent"))
            self.buckets.setdefault(bucket, []).append(key)

    def candidates(self, state: Dict[str, Any]) -> Dict[str, int]:
        """The keys that can match the conversation's latest state (all of them at a conversation start)."""
        if not state.get("prev_action"):
            return dict(self.lengths)
        action = state["prev_action"].get("action_name")
        intent = (state.get("user") or {}).get("intent")
        keys: Dict[str, int] = {}
        for bucket in ((action, intent), (action, _ANY), (_ANY, intent), (_ANY, _ANY)):
            for key in self.buckets.get(bucket, ()):
                keys[key] = self.lengths[key]
        return keys


def _rule_index(policy: Any, lookup: Dict[str, str]) -> _RuleIndex:
    indexes = policy.__dict__.setdefault("_claims_rule_indexes", {})
    index = indexes.get(id(lookup))
    if index is None or index.lookup is not lookup or len(index.lengths) != len(lookup):
        index = indexes[id(lookup)] = _RuleIndex(policy, lookup)
    return index


def _rule_keys_up_to_longest_rule(self: Any, lookup: Dict[str, str], states: list) -> set:
    """RulePolicy._get_possible_keys with the same result, sooner: at the latest turn only the rules
    whose last state can match are checked (`_RuleIndex`), and the loop stops where Rasa's can no
    longer remove a rule: a rule applies at every turn further back than its length
    (`_is_rule_applicable`)."""
    if not states:
        return set(lookup.keys())
    index = _rule_index(self, lookup)
    possible = index.candidates(states[-1])
    for turn, state in enumerate(reversed(states)):
        if not possible or turn >= max(possible.values()):
            break
        possible = {key: length for key, length in possible.items() if self._is_rule_applicable(key, turn, state)}
    return set(possible)


setattr(_rule_keys_up_to_longest_rule, _PATCHED, True)


def install() -> None:
    """Patch once; safe to call again."""
    from rasa.core.actions.action import RemoteAction
    from rasa.shared.core.events import Event

    current = RemoteAction._validate_action_result
    if not getattr(current, _PATCHED, False):
        RemoteAction._validate_action_result = _fast(current)
    if not getattr(Event.resolve_by_type, _PATCHED, False):
        Event.resolve_by_type = _memoised_event_lookup(Event.resolve_by_type)
    from rasa.core.policies.rule_policy import RulePolicy

    if not getattr(RulePolicy._get_possible_keys, _PATCHED, False):
        _rule_keys_up_to_longest_rule.rasa_original = RulePolicy._get_possible_keys
        RulePolicy._get_possible_keys = _rule_keys_up_to_longest_rule
    for name in _LOG_ONLY_DEEPCOPY_MODULES:
        module = importlib.import_module(name)
        if not getattr(module.copy, _PATCHED, False):
            module.copy = _copy_module_for_debug_logs()
    from rasa.utils.endpoints import EndpointConfig

    if not getattr(EndpointConfig.session, _PATCHED, False):
        EndpointConfig.session = _session_with_fast_json
    from bot import action_timeout, applied_events, ask_ahead

    action_timeout.install()
    applied_events.install()
    ask_ahead.install()  # after the validation patch above, which it wraps


def is_installed() -> bool:
    from rasa.core.actions.action import RemoteAction
    from rasa.shared.core.events import Event

    from rasa.core.policies.rule_policy import RulePolicy

    from rasa.utils.endpoints import EndpointConfig

    patched = [RemoteAction._validate_action_result, Event.resolve_by_type, RulePolicy._get_possible_keys,
               EndpointConfig.session]
    patched += [importlib.import_module(name).copy for name in _LOG_ONLY_DEEPCOPY_MODULES]
    from bot import action_timeout, applied_events, ask_ahead

    return (all(getattr(f, _PATCHED, False) for f in patched) and ask_ahead.is_installed()
            and applied_events.is_installed() and action_timeout.is_installed())
