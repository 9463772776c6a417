"""Help mediate: the dispute form (which claim, grounds, the user's words, evidence, confirm), then a hand-off.

Evidence files go through the usual document intake (actions/review.py,
`upload_document`), attached to the disputed claim, and are listed in the
appeal letter. On confirmation the dispute is stored with its letter draft
(bot.store.disputes) and an advisor takes over with priority 1.
"""
from __future__ import annotations

import re
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import ActiveLoop, EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import texts
from actions.claim_choice import claim_buttons, told_case_number
from actions.common import (
    customer_id, db, entity_value, friendly_failure, is_answer, latest_intent,
    latest_text,
)
from actions.handoff import after_failures, hand_off
from actions.interpret import LAST_CLAIM
from bot.claims.appeal_letter import GROUND_TITLES
from bot.claims.materials import material_names_in
from bot.claims.wording import has_chinese
from bot.i18n import language_of
from bot.store import claims as claim_store
from bot.store import disputes
from bot.store.models import Claim

FORM_SLOTS = ["dispute_case", "dispute_grounds", "dispute_grounds_picked", "dispute_statement", "dispute_evidence",
              "dispute_evidence_done", "dispute_confirmed"]
AUXILIARY_SLOTS = ("dispute_grounds_picked", "current_claim")
# Inside the dispute form these are the user's argument, not questions of their own (see digressions.yml).
ARGUMENT_INTENTS = {"dispute_decision", "explain_decision", "ask_coverage"}
UNCLEAR = "?"
GROUND_WORDS = (  # Chinese, then the English key words texts_en.DISPUTE_GROUNDS_UNCLEAR suggests
    ("emergency_admission", re.compile(r"急诊|急救|120|抢救|就近|救护车|emergenc|ambulance|\ba ?& ?e\b", re.I)),
    ("misapplied_clause", re.compile(r"条款|免责|没说明|没提示|霸王|clause|exclusion|small print|fine print", re.I)),
    ("wrong_amount", re.compile(r"金额|算错|少赔|赔少|少了|钱数|扣|amount|too little|underpaid|miscalculat|wrong sum", re.I)),
    ("waiting_period", re.compile(r"等待期|观察期|waiting period", re.I)),
    ("pre_existing", re.compile(r"既往|以前就有|隐瞒|如实告知|带病|pre-?existing|before i bought", re.I)),
    ("other", re.compile(r"其他|其它|别的原因|something else|\bother\b", re.I)),
)
DONE_WORDS = re.compile(r"完成|好了|没有了|就这些|选好了|发完了|没了|\bdone\b|that'?s all|finished|nothing (else|more)", re.I)
SKIP_WORDS = re.compile(r"跳过|没有|没带|不用|算了|\bskip|\bno\b|don'?t have|haven'?t got|\bnone\b", re.I)
MIN_STATEMENT, MAX_STATEMENT = 8, 500
STORY_MIN = 15  # grounds told in a sentence this long are the user's account as well, not asked for again


def disputable(claim: Claim) -> bool:
    return claim.status in disputes.DISPUTABLE


def most_argued(claim: Claim) -> bool:
    """The claims offered first: rejected or partly paid."""
    return claim.status in ("rejected", "partly_paid")


def grounds_in(text: str) -> List[str]:
    return [code for code, words in GROUND_WORDS if words.search(text or "")]


def _answers(tracker: Tracker) -> bool:
    return is_answer(tracker) or latest_intent(tracker) in ARGUMENT_INTENTS


def reset_form() -> List[EventType]:
    return [SlotSet(slot, None) for slot in FORM_SLOTS]


class ValidateDisputeForm(FormValidationAction):
    def name(self) -> Text:
        return "validate_dispute_form"

    async def get_validation_events(self, dispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        events = await super().get_validation_events(dispatcher, tracker, domain)
        recent = tracker.slots_to_validate()
        events += [SlotSet(slot, tracker.get_slot(slot)) for slot in AUXILIARY_SLOTS if slot in recent]
        return after_failures(dispatcher, tracker, events)

    # --- which claim ---------------------------------------------------------------
    async def extract_dispute_case(self, dispatcher, tracker: Tracker, domain: DomainDict) -> Dict[Text, Any]:
        if tracker.get_slot("dispute_case"):
            return {}
        named = told_case_number(tracker) if _answers(tracker) or latest_intent(tracker) == "dispute_decision" else None
        if named:
            return {"dispute_case": str(named)}
        requested = tracker.get_slot("requested_slot") == "dispute_case"
        asked = latest_text(tracker) + " " + (tracker.get_slot("pending_question") or "")
        with db() as session:
            options = [c for c in claim_store.visible_claims(session, customer_id(tracker)) if disputable(c)]
            preferred = [c for c in options if most_argued(c)] or options
            if LAST_CLAIM.search(asked) and options:
                return {"dispute_case": options[0].case_number}
            if not requested and len(preferred) == 1:
                return {"dispute_case": preferred[0].case_number}
        if requested and _answers(tracker):
            return {"dispute_case": UNCLEAR}
        return {}

    def validate_dispute_case(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                              domain: DomainDict) -> Dict[Text, Any]:
        tx = texts.pick(language_of(tracker))
        if value == UNCLEAR:
            dispatcher.utter_message(text=tx.DISPUTE_CASE_UNCLEAR)
            return {"dispute_case": None}
        with db() as session:
            claim = claim_store.get_visible_claim(session, customer_id(tracker), str(value))
            if claim is None:
                dispatcher.utter_message(text=tx.CASE_NOT_FOUND)
                return {"dispute_case": None}
            case = claim.case_number
            if not disputable(claim):
                dispatcher.utter_message(text=tx.DISPUTE_NOT_DECIDED.format(case=case))
                return {"dispute_case": None}
            if disputes.open_dispute_of(session, claim) is not None:
                dispatcher.utter_message(text=tx.DISPUTE_ALREADY_OPEN.format(case=case))
                return {"dispute_case": None}
        return {"dispute_case": case, "current_claim": case}

    # --- grounds ---------------------------------------------------------------------
    async def extract_dispute_grounds(self, dispatcher, tracker: Tracker, domain: DomainDict) -> Dict[Text, Any]:
        if tracker.get_slot("requested_slot") != "dispute_grounds" or not _answers(tracker):
            return {}
        picked = list(tracker.get_slot("dispute_grounds_picked") or [])
        choice = entity_value(tracker, "choice")
        if choice in GROUND_TITLES:
            return {"dispute_grounds_picked": list(dict.fromkeys(picked + [choice]))}
        text = latest_text(tracker)
        if choice == texts.DISPUTE_GROUNDS_DONE or (picked and (latest_intent(tracker) == "affirm" or DONE_WORDS.search(text))):
            return {"dispute_grounds": picked or UNCLEAR}
        found = grounds_in(text)
        if not found:
            return {"dispute_grounds": UNCLEAR}
        extracted = {"dispute_grounds": list(dict.fromkeys(picked + found))}
        story_min = STORY_MIN if has_chinese(text) else STORY_MIN * 3  # about as many words in English
        if story_min <= len(text.strip()) <= MAX_STATEMENT:  # "当时是120送过去的，最近的医院就是这家": the account too
            extracted["dispute_statement"] = text.strip()
        return extracted

    def validate_dispute_grounds(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                                 domain: DomainDict) -> Dict[Text, Any]:
        if not isinstance(value, list) or not value or any(code not in GROUND_TITLES for code in value):
            dispatcher.utter_message(text=texts.pick(language_of(tracker)).DISPUTE_GROUNDS_UNCLEAR)
            return {"dispute_grounds": None}
        return {"dispute_grounds": value}

    # --- the user's own words -----------------------------------------------------------
    async def extract_dispute_statement(self, dispatcher, tracker: Tracker, domain: DomainDict) -> Dict[Text, Any]:
        if tracker.get_slot("requested_slot") != "dispute_statement" or not _answers(tracker):
            return {}
        return {"dispute_statement": latest_text(tracker)[: MAX_STATEMENT + 1] or UNCLEAR}

    def validate_dispute_statement(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                                   domain: DomainDict) -> Dict[Text, Any]:
        tx = texts.pick(language_of(tracker))
        text = str(value or "").strip()
        if text.startswith("/") or len(text) < MIN_STATEMENT:
            dispatcher.utter_message(text=tx.DISPUTE_STATEMENT_TOO_SHORT.format(min=MIN_STATEMENT))
            return {"dispute_statement": None}
        if len(text) > MAX_STATEMENT:
            dispatcher.utter_message(text=tx.DISPUTE_STATEMENT_TOO_LONG.format(max=MAX_STATEMENT))
            return {"dispute_statement": None}
        return {"dispute_statement": text}

    # --- evidence (files arrive through upload_document) ----------------------------------
    async def extract_dispute_evidence_done(self, dispatcher, tracker: Tracker, domain: DomainDict) -> Dict[Text, Any]:
        if tracker.get_slot("requested_slot") != "dispute_evidence_done" or not _answers(tracker):
            return {}
        choice = entity_value(tracker, "choice")
        text = latest_text(tracker)
        if choice in ("done", "skip"):
            return {"dispute_evidence_done": choice}
        if DONE_WORDS.search(text) or latest_intent(tracker) == "affirm":
            return {"dispute_evidence_done": "done"}
        if SKIP_WORDS.search(text) or latest_intent(tracker) == "deny":
            return {"dispute_evidence_done": "skip"}
        return {"dispute_evidence_done": UNCLEAR}

    def validate_dispute_evidence_done(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                                       domain: DomainDict) -> Dict[Text, Any]:
        if value not in ("done", "skip"):
            dispatcher.utter_message(text=texts.pick(language_of(tracker)).DISPUTE_EVIDENCE_UNCLEAR)
            return {"dispute_evidence_done": None}
        return {"dispute_evidence_done": value}

    # --- confirmation -----------------------------------------------------------------------
    async def extract_dispute_confirmed(self, dispatcher, tracker: Tracker, domain: DomainDict) -> Dict[Text, Any]:
        if tracker.get_slot("requested_slot") != "dispute_confirmed" or not _answers(tracker):
            return {}
        intent = latest_intent(tracker)
        if intent in ("affirm", "submit_claim"):
            return {"dispute_confirmed": True}
        if intent == "deny":  # write the reasons again
            return {"dispute_confirmed": None, "dispute_grounds": None, "dispute_statement": None,
                    "dispute_grounds_picked": None}
        dispatcher.utter_message(text=texts.pick(language_of(tracker)).DISPUTE_CONFIRM_UNCLEAR)
        return {"dispute_confirmed": None}

    def validate_dispute_confirmed(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                                   domain: DomainDict) -> Dict[Text, Any]:
        return {"dispute_confirmed": True if value is True else None}


class ActionAskDisputeCase(Action):
    """Buttons with the customer's rejected or partly paid claims (or every decided one)."""

    def name(self) -> Text:
        return "action_ask_dispute_form_dispute_case"

    @friendly_failure
    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        with db() as session:
            options = [c for c in claim_store.visible_claims(session, customer_id(tracker)) if disputable(c)]
            preferred = [c for c in options if most_argued(c)] or options
            buttons = claim_buttons(preferred, "inform")
        tx = texts.pick(language_of(tracker))
        if not buttons:  # nothing to dispute: end the form (action_submit_dispute then does nothing)
            dispatcher.utter_message(text=tx.NO_DISPUTABLE_CLAIMS, buttons=[tx.HUMAN_BUTTON])
            return [SlotSet("requested_slot", None)]
        dispatcher.utter_message(text=tx.ASK_DISPUTE_CASE, buttons=buttons)
        return []


class ActionAskDisputeGrounds(Action):
    def name(self) -> Text:
        return "action_ask_dispute_form_dispute_grounds"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        tx = texts.pick(language_of(tracker))
        picked = tracker.get_slot("dispute_grounds_picked") or []
        buttons = [{"title": title, "payload": f'/inform{{"choice":"{code}"}}'}
                   for code, title in tx.DISPUTE_GROUND_BUTTONS if code not in picked]
        if picked:
            buttons.append({"title": tx.DISPUTE_DONE_TITLE, "payload": f'/inform{{"choice":"{tx.DISPUTE_GROUNDS_DONE}"}}'})
            names = tx.LIST_SEP.join(tx.DISPUTE_GROUND_TITLES[code] for code in picked)
            dispatcher.utter_message(text=tx.DISPUTE_GROUNDS_PICKED.format(picked=names), buttons=buttons)
        else:
            dispatcher.utter_message(text=tx.ASK_DISPUTE_GROUNDS, buttons=buttons)
        return []


class ActionAskDisputeEvidence(Action):
    def name(self) -> Text:
        return "action_ask_dispute_form_dispute_evidence_done"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        lang = language_of(tracker)
        tx = texts.pick(lang)
        received = material_names_in(tracker.get_slot("dispute_evidence") or [], lang)
        if received:
            dispatcher.utter_message(text=tx.DISPUTE_EVIDENCE_RECEIVED.format(names=tx.LIST_SEP.join(received)),
                                     buttons=[tx.DISPUTE_EVIDENCE_DONE])
        else:
            dispatcher.utter_message(text=tx.ASK_DISPUTE_EVIDENCE, buttons=[tx.DISPUTE_EVIDENCE_SKIP])
        return []


def dispute_summary(tracker: Tracker) -> str:
    lang = language_of(tracker)
    tx = texts.pick(lang)
    grounds = tx.LIST_SEP.join(tx.DISPUTE_GROUND_TITLES.get(code, code) for code in tracker.get_slot("dispute_grounds") or [])
    evidence = tx.LIST_SEP.join(material_names_in(tracker.get_slot("dispute_evidence") or [], lang)) or tx.DISPUTE_NO_EVIDENCE
    return tx.DISPUTE_SUMMARY.format(case=tracker.get_slot("dispute_case"), grounds=grounds,
                                     statement=tracker.get_slot("dispute_statement"), evidence=evidence)


class ActionAskDisputeConfirmed(Action):
    def name(self) -> Text:
        return "action_ask_dispute_form_dispute_confirmed"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        dispatcher.utter_message(text=dispute_summary(tracker), buttons=texts.pick(language_of(tracker)).DISPUTE_CONFIRM_BUTTONS)
        return []


class ActionSubmitDispute(Action):
    """Store the dispute with its letter draft, say what happens next, hand off with priority 1."""

    def name(self) -> Text:
        return "action_submit_dispute"

    @friendly_failure
    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        cid = customer_id(tracker)
        case = tracker.get_slot("dispute_case")
        if cid is None or not case or not tracker.get_slot("dispute_confirmed"):
            return reset_form()
        dispute_id: Optional[int] = None
        with db() as session:
            claim = claim_store.get_visible_claim(session, cid, case)
            if claim is not None:
                dispute_id = disputes.create_dispute(
                    session, claim=claim, customer_id=cid, sender_id=tracker.sender_id,
                    grounds=tracker.get_slot("dispute_grounds") or [], statement=tracker.get_slot("dispute_statement"),
                    evidence=tracker.get_slot("dispute_evidence") or [],
                ).id
        tx = texts.pick(language_of(tracker))
        if dispute_id is None:  # validated by the form; only a data change gets here
            dispatcher.utter_message(text=tx.CASE_NOT_FOUND)
            return reset_form()
        dispatcher.utter_message(text=tx.DISPUTE_SUBMITTED.format(case=case))
        return reset_form() + hand_off(dispatcher, tracker, "dispute", kind="dispute", dispute_id=dispute_id)


class ActionCancelDispute(Action):
    def name(self) -> Text:
        return "action_cancel_dispute"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        dispatcher.utter_message(text=texts.pick(language_of(tracker)).DISPUTE_CANCELLED)
        return reset_form() + [ActiveLoop(None), SlotSet("requested_slot", None)]

