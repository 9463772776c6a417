"""Helpers shared by the actions: tracker access, database sessions, failure safety."""
from __future__ import annotations

import functools
import json
import logging
from contextlib import contextmanager
from typing import Any, Dict, Iterator, List, Optional, Tuple

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import texts
from bot.store.db import session_scope

logger = logging.getLogger(__name__)

# Intents that are a question or a request of their own, never an answer to a form question.
DIGRESSION_INTENTS = {
    "greet", "goodbye", "thank", "help", "bot_challenge", "out_of_scope", "cancel",
    "ask_claim_status", "ask_required_documents", "upload_document", "ask_coverage",
    "explain_decision", "dispute_decision", "request_human", "request_callback",
    "elderly_assistance", "service_center", "add_family_policy", "glossary", "complain",
    "elderly_mode_off", "choose_number", "manage_callback", "book_appointment", "manage_appointment",
    "request_paper_policy", "paper_policy_status",
}
# Digressions that hand the conversation to an advisor (the form is stopped, not resumed).
HANDOFF_INTENTS = {"request_human", "complain"}
# A number picks a button of the last message: replayed as that button (actions/choices.py), not answered.
REPLAY_INTENTS = {"choose_number"}
MAX_FORM_FAILURES = 3  # the same question answered unusably this many times: an advisor takes over


def payload(intent: str, **entities: Any) -> str:
    """A button payload that sends `intent` with `entities` straight past NLU: '/inform{"policy_number": "P1"}'."""
    return f"/{intent}{json.dumps(entities, ensure_ascii=False)}" if entities else f"/{intent}"


def latest_intent(tracker: Tracker) -> Optional[str]:
    return (tracker.latest_message.get("intent") or {}).get("name")


def latest_text(tracker: Tracker) -> str:
    return (tracker.latest_message.get("text") or "").strip()


def entities(tracker: Tracker, name: str) -> List[Dict[str, Any]]:
    """Entities of one type in the latest message, in the order they appear."""
    found = [e for e in tracker.latest_message.get("entities") or [] if e.get("entity") == name]
    return sorted(found, key=lambda e: e.get("start") or 0)


def entity_value(tracker: Tracker, name: str) -> Optional[Any]:
    found = entities(tracker, name)
    return found[0].get("value") if found else None


# Small talk the classifier may confuse with a short answer ("明天" looks like "明天见").
SMALL_TALK_INTENTS = {"greet", "goodbye", "thank"}


def is_answer(tracker: Tracker, parses: bool = False) -> bool:
    """Whether the latest message may be read as an answer to the form's question.

    `parses`: the text reads as a valid answer to the requested slot, which
    outweighs a small-talk intent.
    """
    intent = latest_intent(tracker)
    return intent not in DIGRESSION_INTENTS or (parses and intent in SMALL_TALK_INTENTS)


def customer_id(tracker: Tracker) -> Optional[int]:
    """The verified customer's id, or None: nothing personal is shown without it."""
    if not tracker.get_slot("verified"):
        return None
    value = tracker.get_slot("customer_id")
    return int(value) if value not in (None, "") else None


@contextmanager
def db() -> Iterator[Any]:
    """One database session per action call."""
    with session_scope() as session:
        yield session


def friendly_failure(run):
    """Turn an unexpected error into an apology instead of silence; keep the slots."""

    @functools.wraps(run)
    async def wrapper(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain):
        try:
            return await run(self, dispatcher, tracker, domain)
        except Exception:  # noqa: BLE001 - the user must always get an answer
            logger.exception("action %s failed for conversation %s", self.name(), tracker.sender_id)
            dispatcher.utter_message(text=texts.ACTION_FAILED)
            return []

    return wrapper


def count_failures(tracker: Tracker, events: List[EventType]) -> Tuple[List[EventType], bool]:
    """Count a refused answer to the requested question; True when it is the third in a row.

    Call from a form validator with the events it returns. Confirmation
    questions ("*_confirmed") do not count: "需要修改" is not a failure.
    """
    slot = tracker.get_slot("requested_slot")
    if not slot or slot.endswith("_confirmed") or not is_answer(tracker):
        return [], False
    values = [e.get("value") for e in events if e.get("event") == "slot" and e.get("name") == slot]
    if not values:
        return [], False
    counts = dict(tracker.get_slot("form_failures") or {})
    if values[-1] is not None:
        return ([SlotSet("form_failures", None)] if counts else []), False
    counts[slot] = counts.get(slot, 0) + 1
    if counts[slot] < MAX_FORM_FAILURES:
        return [SlotSet("form_failures", counts)], False
    return [SlotSet("form_failures", None)], True
