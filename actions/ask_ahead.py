"""The next form question, asked in the same call as the validation (action-server side).

A form turn used to cost two calls to the action server, each with the whole
tracker as JSON: `validate_<form>`, then `action_ask_<form>_<slot>` for the
question Rasa picks next. Here, after a form validator has run, the executor
picks that question the way Rasa's FormAction does and runs its action at
once, on the tracker Rasa would send for it, and adds the result to the
validation response under `ask_ahead` ({"slot", "action", "events",
"responses"}). On the Rasa side `bot/rasa_patches.py` uses it when the form
asks exactly that slot with exactly that action, and calls the action server
as before otherwise; a response without `ask_ahead` changes nothing.

Nothing is prepared when the result could differ from Rasa's own call:
the validator ended or left the form, left a slot it was given unanswered
(the slots would then differ), the question is a response template (Rasa
renders those itself) or its action fails.
"""
from __future__ import annotations

import logging
from typing import Any, Dict, List, Optional, Tuple

logger = logging.getLogger(__name__)

ASK_AHEAD = "ask_ahead"
REQUESTED_SLOT = "requested_slot"


def _candidates(events: List[Dict[str, Any]], form: str) -> List[str]:
    """The slots Rasa gave the validator: the slot events after the form's own action event."""
    names: List[str] = []
    for event in reversed(events):
        if event.get("event") == "action" and event.get("name") == form:
            return names
        if event.get("event") == "slot":
            names.append(event.get("name"))
    return []


def _next_slot(form_slots: List[str], validation: List[Dict[str, Any]], slots: Dict[str, Any]) -> Optional[str]:
    """Rasa's FormAction.request_next_slot: the validator's first `requested_slot`, else the first empty slot."""
    chosen = next((e.get("value") for e in validation if e.get("event") == "slot" and e.get("name") == REQUESTED_SLOT),
                  None)
    return chosen or next((slot for slot in form_slots if slots.get(slot) is None), None)


def _question_action(form: str, slot: str, domain: Dict[str, Any]) -> Optional[str]:
    """Rasa's FormAction._name_of_utterance: the first of these names the domain has."""
    actions = [next(iter(a)) if isinstance(a, dict) else a for a in domain.get("actions") or []]  # {name: options}
    names = set(actions) | set(domain.get("responses") or {})
    search = [f"action_ask_{form}_{slot}", f"utter_ask_{form}_{slot}", f"action_ask_{slot}", f"utter_ask_{slot}"]
    return next((name for name in search if name in names), None)


def _bot_event(message: Dict[str, Any]) -> Dict[str, Any]:
    return {"event": "bot", "text": message.get("text"),
            "data": {key: message.get(key) for key in ("buttons", "image", "attachment", "custom", "elements")}}


def question_call(action_call: Dict[str, Any], response: Dict[str, Any],
                  actions: Dict[str, Any]) -> Optional[Tuple[Dict[str, Any], str]]:
    """The action call Rasa would make for the form's next question after this validation, and its slot."""
    name = action_call.get("next_action") or ""
    domain = action_call.get("domain") or {}
    tracker = action_call.get("tracker") or {}
    if not name.startswith("validate_") or not domain:
        return None
    form = name[len("validate_"):]
    form_slots = ((domain.get("forms") or {}).get(form) or {}).get("required_slots")
    if not isinstance(form_slots, list) or (tracker.get("active_loop") or {}).get("name") != form:
        return None
    validation = response.get("events") or []
    if any(e.get("event") in ("active_loop", "reset_slots", "restart", "action_execution_rejected", "followup", "pause")
           or (e.get("event") == "slot" and e.get("name") == REQUESTED_SLOT and e.get("value") is None)
           for e in validation):
        return None  # the form ends, pauses or is rejected: Rasa asks nothing, or not this way
    history = tracker.get("events") or []
    answered = {e.get("name") for e in validation if e.get("event") == "slot"}
    if not set(_candidates(history, form)) <= answered:
        return None
    slots = dict(tracker.get("slots") or {})
    slots.update({e.get("name"): e.get("value") for e in validation if e.get("event") == "slot"})
    slot = _next_slot(form_slots, validation, slots)
    question = _question_action(form, slot, domain) if slot else None
    if not question or question not in actions:
        return None
    # Rasa's tracker for the question: the validator's, with the given slots replaced by what it returned.
    given = len(history) - len(_candidates(history, form))
    events = history[:given] + [_bot_event(m) for m in response.get("responses") or []] + validation
    return {**action_call, "next_action": question, "domain": {},
            "tracker": {**tracker, "slots": slots, "events": events}}, slot


def ask_ahead(run):
    """Wrap ActionExecutor.run: a form validator's response also carries the next question."""

    async def wrapper(self, action_call):
        response = await run(self, action_call)
        try:
            found = question_call(action_call, response or {}, self.actions)
            if found:
                call, slot = found
                asked = await run(self, call)
                if asked is not None:
                    response[ASK_AHEAD] = {"slot": slot, "action": call["next_action"], **asked}
        except Exception:  # noqa: BLE001 - Rasa will call the question's action itself, as before
            logger.exception("preparing the next form question failed; Rasa will ask for it")
        return response

    wrapper.__wrapped__ = run
    return wrapper
