"""Validation of the claim report form: extraction from free text, checks, friendly errors.

Every message while the form is active may fill several answers at once
("昨天在朝阳医院住院花了八千"). Questions and requests of their own (see
DIGRESSION_INTENTS) fill nothing, so the form steps aside and rules answer them.
"""
from __future__ import annotations

import functools
import re
from datetime import date
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import FormValidationAction, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import asked_facts, claim_insured
from actions.common import (
    customer_id, db, entities, entity_value, is_answer, latest_intent, latest_text,
)
from actions.claim_report import submitted_since_user_message
from actions.claim_report_words import WORDS  # the form's own messages, per language
from actions.handoff import after_failures
from actions.policy_terms import match_policy, policy_title, terms_for
from bot import clock
from bot.claims import report_rules
from bot.claims.money import to_money
from bot.claims.wording import day, pick
from bot.i18n import language_of
from bot.nlu.amounts import names_foreign_currency
from bot.nlu.entities import parse_amount, parse_date
from bot.store import customers, policies

# Slots the form sets besides its questions.
AUXILIARY_SLOTS = ("claim_correcting", "pending_facts", "asked_facts", "hospital_ownership")
GRADES = {"3A", "3", "2", "1", "unrated", "unknown"}
DONT_KNOW = re.compile(r"不知道|不清楚|不确定|不晓得|忘了|没注意|\b(don'?t know|do not know|not sure|no idea|unknown|"
                       r"can'?t remember|forgot)\b", re.I)
FUTURE_WORDS = re.compile(r"明天|后天|下周|下星期|下礼拜|下个月|明年|\b(tomorrow|next (week|month|year)|"
                          r"day after tomorrow)\b", re.I)
HAS_WORDS = re.compile(r"[\u4e00-\u9fffA-Za-z]")
MAX_FREE_TEXT = 200


def _requested(tracker: Tracker, slot: str) -> bool:
    return tracker.get_slot("requested_slot") == slot and is_answer(tracker)


def cleared_is_fine(validate):
    """A slot cleared on purpose (a correction) needs no error message: the form asks again."""

    @functools.wraps(validate)
    def wrapper(self, value, dispatcher, tracker, domain):
        if value is None:
            return {validate.__name__[len("validate_"):]: None}
        return validate(self, value, dispatcher, tracker, domain)

    return wrapper


def _told_entity(tracker: Tracker, name: str) -> Optional[Any]:
    """An entity of the latest message, unless that message is a question of its own.

    Facts told with the request itself, before identity verification, count
    too (`pending_facts`, used once when the form starts).
    """
    correcting = tracker.get_slot("claim_correcting") and latest_intent(tracker) != "cancel"
    value = entity_value(tracker, name) if is_answer(tracker) or correcting else None
    if value is None and tracker.get_slot("pending_facts"):
        value = tracker.get_slot("pending_facts").get(name)
    return value


def _answer_entity(tracker: Tracker, name: str) -> Optional[Any]:
    """What the user told (`_told_entity`), else the fact of a coverage question asked just before the
    report (actions/asked_facts.py; used once when the form starts)."""
    value = _told_entity(tracker, name)
    return asked_facts.carried(tracker).get(name) if value is None else value


def _say(dispatcher: CollectingDispatcher, notes) -> None:
    for note in notes:
        dispatcher.utter_message(text=note)


class ValidateClaimReportForm(FormValidationAction):
    def name(self) -> Text:
        return "validate_claim_report_form"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        # Facts carried from the coverage question just before: the user hears which ones were kept,
        # first, and only those that passed the checks (a refused date has its own message).
        used = {name: value for name, value in asked_facts.carried(tracker).items()
                if _told_entity(tracker, name) is None}
        said = len(dispatcher.messages)
        events = await super().run(dispatcher, tracker, domain)
        note = asked_facts.filled_note(used, events, language_of(tracker)) if used else None
        if note:
            dispatcher.utter_message(text=note)
            dispatcher.messages.insert(said, dispatcher.messages.pop())
        return events

    async def get_validation_events(self, dispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        # rasa-sdk drops every slot that is not one of the form's questions, even when a
        # validator returned it: add back the helper slots set this turn, as validated.
        events = await super().get_validation_events(dispatcher, tracker, domain)
        recent = tracker.slots_to_validate()
        events += [SlotSet(slot, tracker.get_slot(slot)) for slot in AUXILIARY_SLOTS if slot in recent]
        return after_failures(dispatcher, tracker, events)

    async def get_extraction_events(self, dispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        events = await super().get_extraction_events(dispatcher, tracker, domain)
        for used_once in ("pending_facts", asked_facts.SLOT):
            if tracker.get_slot(used_once):
                events.append(SlotSet(used_once, None))
        return events

    # --- helpers -------------------------------------------------------------------
    def _terms(self, session, tracker: Tracker) -> Optional[report_rules.PolicyTerms]:
        number = tracker.get_slot("claim_policy")
        cid = customer_id(tracker)
        if not number or cid is None:
            return None
        policy = policies.get_visible_policy(session, cid, number)
        return terms_for(session, policy, clock.today()) if policy else None

    # --- policy --------------------------------------------------------------------
    async def extract_claim_policy(self, dispatcher, tracker: Tracker, domain: DomainDict) -> Dict[Text, Any]:
        chosen = _answer_entity(tracker, "policy_number")
        if chosen:
            return {"claim_policy": chosen}
        cid = customer_id(tracker)
        if cid is None or tracker.get_slot("claim_policy"):
            return {}
        with db() as session:
            visible = policies.visible_policies(session, cid)
            if len(visible) == 1:
                lang = language_of(tracker)
                title = policy_title(session, visible[0], lang=lang)
                dispatcher.utter_message(text=pick(WORDS, lang)["only_policy"].format(title=title))
                return {"claim_policy": visible[0].policy_number}
            relation = claim_insured.named_relative(tracker)
            theirs = claim_insured.relatives_policies(session, cid, visible, relation) if relation else []
            if len(theirs) == 1:  # "我妈住院了，帮我报案" with one policy of hers on file
                lang = language_of(tracker)
                dispatcher.utter_message(text=claim_insured.words(lang)["theirs"].format(
                    who=claim_insured.who(relation, lang), title=policy_title(session, theirs[0], lang=lang)))
                return {"claim_policy": theirs[0].policy_number}
            if not _requested(tracker, "claim_policy"):
                return {}
            relationship = _answer_entity(tracker, "relationship")
            if relationship and relationship != "self":
                relatives = {c.id for c, rel in customers.family_of(session, cid) if rel == relationship}
                matches = [p.policy_number for p in visible if p.insured_id in relatives]
                if len(matches) == 1:
                    return {"claim_policy": matches[0]}
            titles = [policy_title(session, p) for p in visible]
            return {"claim_policy": match_policy(latest_text(tracker), visible, titles) or "?"}

    @cleared_is_fine
    def validate_claim_policy(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> Dict[Text, Any]:
        cid = customer_id(tracker)
        lang = language_of(tracker)
        with db() as session:
            policy = policies.get_visible_policy(session, cid, str(value)) if cid is not None else None
            if policy is None:
                dispatcher.utter_message(text=pick(WORDS, lang)["which_policy"])
                return {"claim_policy": None}
            terms = terms_for(session, policy, clock.today())
        result: Dict[Text, Any] = {"claim_policy": policy.policy_number}
        if terms is None:
            return result
        # Answers given before the policy was known are checked again against it; answers of this same
        # message are checked by their own validators next, with the policy known (one message, not two).
        recent = tracker.slots_to_validate()
        incident_type = tracker.get_slot("incident_type")
        if incident_type:
            check = report_rules.check_incident_type(incident_type, terms, lang=lang)
            if not check.ok:
                dispatcher.utter_message(text=check.error)
                return {"claim_policy": None}
        incident = tracker.get_slot("incident_date")
        if incident and "incident_date" not in recent:
            check = report_rules.check_incident_date(date.fromisoformat(incident), incident_type, terms, clock.today(),
                                                     lang=lang)
            if not check.ok:
                dispatcher.utter_message(text=check.error)
                result["incident_date"] = None
        amount = to_money(tracker.get_slot("claim_amount")) if "claim_amount" not in recent else None
        if amount is not None and amount > terms.sum_insured:
            dispatcher.utter_message(text=report_rules.check_amount(amount, False, terms, lang=lang).error)
            result["claim_amount"] = None
        return result

    # --- incident type ---------------------------------------------------------------
    async def extract_incident_type(self, dispatcher, tracker: Tracker, domain: DomainDict) -> Dict[Text, Any]:
        value = _answer_entity(tracker, "incident_type")
        if value:
            return {"incident_type": value}
        if _requested(tracker, "incident_type"):
            return {"incident_type": latest_text(tracker)[:40] or "?"}
        return {}

    @cleared_is_fine
    def validate_incident_type(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> Dict[Text, Any]:
        lang = language_of(tracker)
        if value not in ("accident", "illness"):
            dispatcher.utter_message(text=pick(WORDS, lang)["incident_type"])
            return {"incident_type": None}
        with db() as session:
            terms = self._terms(session, tracker)
        if terms:
            check = report_rules.check_incident_type(value, terms, lang=lang)
            if not check.ok:
                dispatcher.utter_message(text=check.error)
                return {"incident_type": value, "claim_policy": None}
        return {"incident_type": value}

    # --- date ------------------------------------------------------------------------
    async def extract_incident_date(self, dispatcher, tracker: Tracker, domain: DomainDict) -> Dict[Text, Any]:
        value = _answer_entity(tracker, "date")
        if value:
            return {"incident_date": value}
        if tracker.get_slot("requested_slot") != "incident_date":
            return {}
        text = latest_text(tracker)
        parsed = parse_date(text, clock.today())
        future = parsed is None and bool(FUTURE_WORDS.search(text))
        if not is_answer(tracker, parses=bool(parsed) or future):
            return {}
        if future:
            return {"incident_date": "future"}
        return {"incident_date": parsed.isoformat() if parsed else "?"}

    @cleared_is_fine
    def validate_incident_date(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> Dict[Text, Any]:
        today, lang = clock.today(), language_of(tracker)
        words = pick(WORDS, lang)
        if value == "future":
            dispatcher.utter_message(text=words["future"].format(today=day(today, lang)))
            return {"incident_date": None}
        try:
            incident = date.fromisoformat(str(value))
        except ValueError:
            dispatcher.utter_message(text=words["bad_date"])
            return {"incident_date": None}
        with db() as session:
            terms = self._terms(session, tracker)
        if terms is None:  # policy not chosen yet: check what we can now, the rest later
            if incident > today:
                dispatcher.utter_message(text=words["future_again"].format(today=day(today, lang)))
                return {"incident_date": None}
            return {"incident_date": incident.isoformat()}
        check = report_rules.check_incident_date(incident, tracker.get_slot("incident_type"), terms, today, lang=lang)
        if not check.ok:
            dispatcher.utter_message(text=check.error)
            return {"incident_date": None}
        _say(dispatcher, check.notes)
        return {"incident_date": incident.isoformat()}

    # --- hospital ----------------------------------------------------------------------
    async def extract_hospital(self, dispatcher, tracker: Tracker, domain: DomainDict) -> Dict[Text, Any]:
        value = _answer_entity(tracker, "hospital")
        if value:
            return {"hospital": value}
        if _requested(tracker, "hospital"):
            return {"hospital": latest_text(tracker)[:MAX_FREE_TEXT]}
        return {}

    @cleared_is_fine
    def validate_hospital(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> Dict[Text, Any]:
        name = str(value or "").strip(" 。，,.!！")
        if not HAS_WORDS.search(name) or len(name) > 40:
            dispatcher.utter_message(text=pick(WORDS, language_of(tracker))["hospital"])
            return {"hospital": None}
        return {"hospital": name}

    async def extract_hospital_grade(self, dispatcher, tracker: Tracker, domain: DomainDict) -> Dict[Text, Any]:
        grade = _answer_entity(tracker, "hospital_grade")
        ownership = _answer_entity(tracker, "hospital_ownership")
        if grade or ownership:
            return {"hospital_grade": grade or "unknown", "hospital_ownership": ownership}
        if _requested(tracker, "hospital_grade"):
            text = latest_text(tracker)
            return {"hospital_grade": "unknown" if DONT_KNOW.search(text) else "?"}
        return {}

    @cleared_is_fine
    def validate_hospital_grade(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> Dict[Text, Any]:
        lang = language_of(tracker)
        if value not in GRADES:
            dispatcher.utter_message(text=pick(WORDS, lang)["grade"])
            return {"hospital_grade": None, "hospital_ownership": None}
        ownership = tracker.get_slot("hospital_ownership")
        with db() as session:
            terms = self._terms(session, tracker)
        if terms:
            _say(dispatcher, report_rules.check_hospital(value, ownership, terms, lang=lang).notes)
        return {"hospital_grade": value, "hospital_ownership": ownership}

    # --- diagnosis ---------------------------------------------------------------------
    async def extract_diagnosis(self, dispatcher, tracker: Tracker, domain: DomainDict) -> Dict[Text, Any]:
        if _requested(tracker, "diagnosis"):
            return {"diagnosis": latest_text(tracker)[: MAX_FREE_TEXT + 1]}
        return {}

    @cleared_is_fine
    def validate_diagnosis(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> Dict[Text, Any]:
        text, words = str(value or "").strip(), pick(WORDS, language_of(tracker))
        if len(text) < 2 or not HAS_WORDS.search(text):
            dispatcher.utter_message(text=words["diagnosis"])
            return {"diagnosis": None}
        if len(text) > MAX_FREE_TEXT:
            dispatcher.utter_message(text=words["diagnosis_long"].format(max=MAX_FREE_TEXT))
            return {"diagnosis": None}
        return {"diagnosis": text}

    # --- amount --------------------------------------------------------------------------
    async def extract_claim_amount(self, dispatcher, tracker: Tracker, domain: DomainDict) -> Dict[Text, Any]:
        value = _answer_entity(tracker, "amount")
        if value:
            return {"claim_amount": value}
        if _requested(tracker, "claim_amount"):
            parsed = parse_amount(latest_text(tracker))
            return {"claim_amount": str(parsed[0]) if parsed else "?"}
        return {}

    @cleared_is_fine
    def validate_claim_amount(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> Dict[Text, Any]:
        amount, lang = to_money(value), language_of(tracker)
        if names_foreign_currency(latest_text(tracker)):  # "$500" is not ¥500
            dispatcher.utter_message(text=pick(WORDS, lang)["amount_currency"])
            return {"claim_amount": None}
        if amount is None:
            dispatcher.utter_message(text=pick(WORDS, lang)["amount"])
            return {"claim_amount": None}
        approximate = any(e.get("approximate") for e in entities(tracker, "amount"))
        if not approximate and not entities(tracker, "amount"):
            parsed = parse_amount(latest_text(tracker))
            approximate = bool(parsed and parsed[1])
        with db() as session:
            terms = self._terms(session, tracker)
        if terms is None:
            if amount <= 0:
                dispatcher.utter_message(text=pick(WORDS, lang)["amount_zero"])
                return {"claim_amount": None}
            return {"claim_amount": str(amount)}
        check = report_rules.check_amount(amount, approximate, terms, lang=lang)
        if not check.ok:
            dispatcher.utter_message(text=check.error)
            return {"claim_amount": None}
        _say(dispatcher, check.notes)
        return {"claim_amount": str(amount)}

    # --- confirmation ----------------------------------------------------------------------
    async def extract_claim_confirmed(self, dispatcher, tracker: Tracker, domain: DomainDict) -> Dict[Text, Any]:
        if tracker.get_slot("requested_slot") != "claim_confirmed":
            return {}
        if submitted_since_user_message(tracker):
            # The form reopened after a failed submission: the "确认提交" that led to it must not
            # confirm again by itself (it would submit in a loop); the summary is asked again.
            return {}
        field = _answer_entity(tracker, "form_field")
        if field in self.domain_slots(domain):
            return {"claim_confirmed": None, field: None, "claim_correcting": False}
        intent = latest_intent(tracker)
        if intent in ("affirm", "submit_claim"):  # "确认提交" at the summary is a yes
            return {"claim_confirmed": True, "claim_correcting": False}
        if intent == "deny":
            return {"claim_confirmed": None, "claim_correcting": True}
        known = ("amount", "date", "hospital", "hospital_grade", "hospital_ownership", "incident_type")
        if any(entities(tracker, name) for name in known):
            return {"claim_correcting": False}  # a corrected answer: show the summary again
        if is_answer(tracker):
            dispatcher.utter_message(text=pick(WORDS, language_of(tracker))["confirm"])
            return {"claim_confirmed": None}
        return {}

    @cleared_is_fine
    def validate_claim_confirmed(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> Dict[Text, Any]:
        return {"claim_confirmed": True if value is True else None}
