"""Identity verification: mobile number, then the last 4 characters of the ID number."""
from __future__ import annotations

import re
from typing import Any, Dict, List, Text

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import elderly, texts
from actions.common import (
    customer_id, db, entity_value, friendly_failure, is_answer, latest_intent, latest_text, polite_name,
)
from actions.handoff import hand_off
from bot import clock
from bot.i18n import LANGUAGE_ENTITIES, language_of
from bot.store import customers

MAX_ATTEMPTS = 3
MOBILE_RE = re.compile(r"^1[3-9]\d{9}$")
LAST4_RE = re.compile(r"(?<![0-9A-Za-z])([0-9]{3}[0-9Xx])(?![0-9A-Za-z])")
FAILED = "failed"  # fills the form's slots so the form ends after too many attempts


def _attempts(tracker: Tracker) -> int:
    return int(tracker.get_slot("verify_attempts") or 0)


def _give_up(attempts: int) -> Dict[Text, Any]:
    return {"mobile": FAILED, "id_last4": FAILED, "verified": False, "verify_attempts": attempts}


class ValidateIdentityForm(FormValidationAction):
    def name(self) -> Text:
        return "validate_identity_form"

    async def extract_mobile(self, dispatcher, tracker: Tracker, domain: DomainDict) -> Dict[Text, Any]:
        mobile = entity_value(tracker, "mobile")
        if mobile:
            return {"mobile": mobile}
        if tracker.get_slot("requested_slot") == "mobile" and is_answer(tracker) and latest_intent(tracker) != "affirm":
            return {"mobile": re.sub(r"[\s\-+]", "", latest_text(tracker))[-40:]}
        return {}

    def validate_mobile(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> Dict[Text, Any]:
        if _attempts(tracker) >= MAX_ATTEMPTS:
            return _give_up(_attempts(tracker))
        digits = str(value or "")
        if digits.startswith("86") and len(digits) == 13:
            digits = digits[2:]
        if not MOBILE_RE.match(digits):
            dispatcher.utter_message(text=texts.pick(language_of(tracker)).BAD_MOBILE)
            return {"mobile": None}
        return {"mobile": digits}

    async def extract_id_last4(self, dispatcher, tracker: Tracker, domain: DomainDict) -> Dict[Text, Any]:
        if tracker.get_slot("requested_slot") != "id_last4" or not is_answer(tracker):
            return {}
        id_number = entity_value(tracker, "id_number")
        if id_number:
            return {"id_last4": str(id_number)[-4:]}
        matches = LAST4_RE.findall(latest_text(tracker))
        return {"id_last4": matches[-1].upper() if matches else latest_text(tracker)[:40]}

    def validate_id_last4(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> Dict[Text, Any]:
        attempts = _attempts(tracker)
        if attempts >= MAX_ATTEMPTS or value == FAILED:
            return _give_up(attempts)
        last4 = str(value or "").upper()
        if not re.fullmatch(r"[0-9]{3}[0-9X]", last4):
            dispatcher.utter_message(text=texts.pick(language_of(tracker)).BAD_ID_LAST4)
            return {"id_last4": None}
        with db() as session:
            customer = customers.verify_identity(session, tracker.get_slot("mobile"), last4)
            if customer is not None:
                return {
                    "id_last4": last4,
                    "verified": True,
                    "customer_id": str(customer.id),
                    "customer_name": polite_name(customer.name, customer.gender, lang=language_of(tracker)),
                    "verify_attempts": 0,
                }
        attempts += 1
        if attempts >= MAX_ATTEMPTS:
            return _give_up(attempts)
        dispatcher.utter_message(text=texts.pick(language_of(tracker)).IDENTITY_MISMATCH.format(left=MAX_ATTEMPTS - attempts))
        return {"mobile": None, "id_last4": None, "verify_attempts": attempts}


class ActionRememberTask(Action):
    """Keep what the user asked for, and the facts they already told, while we verify who they are."""

    def name(self) -> Text:
        return "action_remember_task"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        dispatcher.utter_message(text=texts.pick(language_of(tracker)).NEED_IDENTITY)
        facts = {e["entity"]: e["value"] for e in reversed(tracker.latest_message.get("entities") or [])
                 if e["entity"] not in LANGUAGE_ENTITIES}  # facts about the claim, not about the message
        return [
            SlotSet("pending_task", latest_intent(tracker)),
            SlotSet("pending_facts", facts or None),
            SlotSet("pending_question", latest_text(tracker)[:500] or None),  # e.g. the coverage question itself
        ]


class ActionAfterIdentity(Action):
    """Greet the verified customer; after too many attempts, an advisor takes over."""

    def name(self) -> Text:
        return "action_after_identity"

    @friendly_failure
    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        tx = texts.pick(language_of(tracker))
        if tracker.get_slot("verified"):
            dispatcher.utter_message(text=tx.VERIFIED_HELLO.format(name=tracker.get_slot("customer_name")))
            cid = customer_id(tracker)
            with db() as session:
                customer = customers.get_customer(session, cid) if cid is not None else None
                birth_date = customer.birth_date if customer is not None else None
            if elderly.auto_on(birth_date, clock.today(), tracker.get_slot("elderly_mode")):
                dispatcher.utter_message(text=tx.ELDERLY_ON_AUTO)
                return [SlotSet("verified", True), SlotSet("elderly_mode", True)]
            return [SlotSet("verified", True)]
        forget = [SlotSet("verified", False), SlotSet("pending_task", None), SlotSet("mobile", None), SlotSet("id_last4", None)]
        return forget + hand_off(dispatcher, tracker, "verification_failed")  # reveals nothing personal
