"""Helpers shared by the actions: tracker access, database sessions, failure safety."""
from __future__ import annotations

import asyncio
import contextvars
import functools
import json
import logging
from contextlib import contextmanager
from typing import Any, Callable, Dict, Iterator, List, Optional, Tuple

from sqlalchemy import event
from sqlalchemy.exc import InterfaceError, OperationalError

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import texts
from bot.i18n import EN, language_of
from bot.store.db import session_scope

logger = logging.getLogger(__name__)

# Intents that are a question or a request of their own, never an answer to a form question.
DIGRESSION_INTENTS = {
    "greet", "goodbye", "thank", "help", "bot_challenge", "out_of_scope", "cancel",
    "ask_claim_status", "ask_required_documents", "upload_document", "ask_coverage",
    "explain_decision", "dispute_decision", "request_human", "request_callback",
    "elderly_assistance", "service_center", "add_family_policy", "glossary", "complain",
    "elderly_mode_off", "choose_number", "manage_callback", "book_appointment", "manage_appointment",
    "request_paper_policy", "paper_policy_status", "set_language",
}
# Digressions that hand the conversation to an advisor (the form is stopped, not resumed).
HANDOFF_INTENTS = {"request_human", "complain"}
# A number picks a button of the last message: replayed as that button (actions/choices.py), not answered.
REPLAY_INTENTS = {"choose_number"}
MAX_FORM_FAILURES = 3  # the same question answered unusably this many times: an advisor takes over


def polite_name(name: str, gender: Optional[str], *, lang: Optional[str] = None) -> str:
    """王丽 -> 王女士; falls back to the full name (in English too: no Chinese title)."""
    title = None if lang == EN else {"F": "女士", "M": "先生"}.get(gender or "")
    return f"{name[0]}{title}" if title and name else name


def payload(intent: str, **entities: Any) -> str:
    """A button payload that sends `intent` with `entities` straight past NLU: '/inform{"policy_number": "P1"}'."""
    return f"/{intent}{json.dumps(entities, ensure_ascii=False)}" if entities else f"/{intent}"


def latest_intent(tracker: Tracker) -> Optional[str]:
    return (tracker.latest_message.get("intent") or {}).get("name")


def event_intent(event: Dict[str, Any]) -> Optional[str]:
    """The intent of a logged `user` event, as the NLU (or a replay) gave it."""
    return ((event.get("parse_data") or {}).get("intent") or {}).get("name")


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


# Set while an action wrapped by friendly_failure runs: whether it has written to the database yet.
_wrote: contextvars.ContextVar[Optional[list]] = contextvars.ContextVar("action_wrote", default=None)
DB_RETRY_DELAYS_S = (0.5, 1.5)  # a brief database outage: read-only actions try again after these pauses


@contextmanager
def db() -> Iterator[Any]:
    """One database session per action call (writes are noted, so a failed read-only action may be retried)."""
    with session_scope() as session:
        wrote = _wrote.get()
        if wrote is not None:
            def note_flush(session_, flush_context, instances):
                if session_.new or session_.dirty or session_.deleted:
                    wrote.append(True)

            def note_statement(state):
                if not state.is_select:
                    wrote.append(True)

            event.listen(session, "before_flush", note_flush)
            event.listen(session, "do_orm_execute", note_statement)
        yield session


CONNECTION_WORDS = ("connect", "connection", "terminat", "server closed", "does not allow")


def database_unreachable(error: BaseException) -> bool:
    """A connection problem (refused, dropped, database not accepting connections), not a bad query."""
    if not isinstance(error, (OperationalError, InterfaceError)):
        return False
    return error.connection_invalidated or any(word in str(error.orig).lower() for word in CONNECTION_WORDS)


def friendly_failure(run=None, *, failure_events: Optional[Callable[[Tracker], List[EventType]]] = None):
    """Turn an unexpected error into an apology instead of silence; keep the slots.

    A database that cannot be reached is tried again (DB_RETRY_DELAYS_S) when the action
    had written nothing yet: its transaction was rolled back, so running it again is safe.
    An action that wrote is never re-run (its commit may or may not have happened): the user
    gets the apology and `failure_events(tracker)` if given (e.g. ask to confirm again).
    Use bare (`@friendly_failure`) or with arguments (`@friendly_failure(failure_events=...)`).
    """
    if run is None:
        return functools.partial(friendly_failure, failure_events=failure_events)

    @functools.wraps(run)
    async def wrapper(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain):
        for attempt in range(len(DB_RETRY_DELAYS_S) + 1):
            wrote: list = []
            token = _wrote.set(wrote)
            said = len(dispatcher.messages)
            try:
                return await run(self, dispatcher, tracker, domain)
            except Exception as error:  # noqa: BLE001 - the user must always get an answer
                if database_unreachable(error) and not wrote and attempt < len(DB_RETRY_DELAYS_S):
                    logger.warning("action %s: database unreachable, trying again (%s)", self.name(), error.__class__.__name__)
                    del dispatcher.messages[said:]  # the retry says it all again
                    await asyncio.sleep(DB_RETRY_DELAYS_S[attempt])
                    continue
                logger.exception("action %s failed for conversation %s", self.name(), tracker.sender_id)
                del dispatcher.messages[said:]  # half an answer would mislead (e.g. "报案成功" not committed)
                dispatcher.utter_message(text=texts.pick(language_of(tracker)).ACTION_FAILED)
                return failure_events(tracker) if failure_events else []
            finally:
                _wrote.reset(token)
        return []  # not reached

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
