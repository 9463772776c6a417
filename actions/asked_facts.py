"""Facts of a coverage question, carried into a claim report started right after it.

"我上周五在私立医院急诊缝针花了3418，能报吗" answered, then "那帮我报案": the report
starts with the date, the kind of hospital and the amount filled in, and says so,
as a human advisor would. The rules, chosen for what a user expects:

- Which facts: the visit's date, hospital, hospital grade and ownership, and the
  amount (FACTS); nothing personal. Only from a question about a visit that
  happened (it names the day or the bill), not a general one ("私立医院能报吗").
  An approximate amount ("3000多", "三千左右"), one in another currency
  ("500美元"), or one of several amounts or dates is not carried: the form asks.
- Not from a question asked during a claim report: the report asks for its own.
- Which report: the one requested in the user's next message after the answer,
  or after nothing but an acknowledgement ("好的", "谢谢"), within FRESH_S of the
  answer; the identity check that request needed may come in between. Any other
  message drops them, and a new coverage question replaces them.
- Facts told with the report request win: its own words first, then what it
  said before verification (`pending_facts`), then these.
- Used once: the claim form clears the slot whenever it runs, so a stale question
  never fills a later claim. Dates are checked as typed ones are (policy period,
  reporting deadline); everything is listed again at the confirmation step.
"""
from __future__ import annotations

from datetime import date
from typing import Any, Dict, List, Optional

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet

from actions.common import event_intent
from bot.claims import labels
from bot.claims.money import to_money, yuan
from bot.claims.wording import day, pick
from bot.i18n import EN
from bot.nlu.amounts import names_foreign_currency

SLOT = "asked_facts"
FACTS = ("date", "hospital", "hospital_grade", "hospital_ownership", "amount")
ACKNOWLEDGEMENTS = {"affirm", "thank"}  # between the answer and the request, these keep the facts
FRESH_S = 30 * 60
QUESTION_INTENT = "ask_coverage"
REQUEST_INTENT = "report_claim"
VERIFICATION_LOOP = "identity_form"
FORM = "claim_report_form"

WORDS = {
    "zh": {
        "note": "您刚才提到的{facts}已帮您填好，最后提交前可以修改。", "join": "、", "item": "{label}（{value}）",
        "date": "出险日期", "hospital": "医院", "kind": "医院类型", "amount": "金额",
    },
    EN: {
        "note": "I have filled in what you just told me: {facts}. You can change it before you submit.",
        "join": ", ", "item": "{label} ({value})",
        "date": "date", "hospital": "hospital", "kind": "hospital type", "amount": "amount",
    },
}


def _question(tracker: Tracker) -> Optional[Dict[str, Any]]:
    """The user message being answered: this one, or the question that waited for verification."""
    return next((e for e in reversed(tracker.events) if e.get("event") == "user" and event_intent(e) == QUESTION_INTENT),
                None)


def question_facts(tracker: Tracker) -> Dict[str, Any]:
    """The claim facts a question about a visit stated exactly (one value each, no approximate amount)."""
    question = _question(tracker) or {}
    parsed = question.get("parse_data") or {}
    text = parsed.get("text") or question.get("text") or ""  # as NLU read it (Traditional made Simplified)
    found: Dict[str, List[Dict[str, Any]]] = {}
    for entity in parsed.get("entities") or []:
        if entity.get("entity") in FACTS:
            found.setdefault(entity["entity"], []).append(entity)
    if not {"date", "amount"} & found.keys():
        return {}  # "私立医院能报吗" asks in general; a visit that happened has a day or a bill
    facts = {}
    for name, items in found.items():
        if len({str(e.get("value")) for e in items}) != 1:
            continue  # "花了3000，自付500": which one is the claim?
        if name == "amount" and (any(e.get("approximate") for e in items) or names_foreign_currency(text)):
            continue  # "3000多" or "500美元" answers the question; the claim needs the yuan figure
        facts[name] = items[0].get("value")
    return facts


def remember(tracker: Tracker) -> List[EventType]:
    """For the coverage answer: keep the question's facts, replacing an earlier question's.

    Asked during a claim report, the question keeps nothing: the report asks for its own facts.
    """
    facts = question_facts(tracker) if (tracker.active_loop or {}).get("name") != FORM else {}
    if not facts and not tracker.get_slot(SLOT):
        return []
    return [SlotSet(SLOT, facts or None)]


def _fresh(events: List[Dict[str, Any]], since: int) -> bool:
    """Whether the user's messages after `since` (the facts kept) are a report request the facts may fill."""
    kept_at = events[since].get("timestamp")
    said, loop = [], None  # (intent, time, active loop) of each message still counted
    for event in events[since + 1:]:
        kind = event.get("event")
        if kind == "active_loop":
            loop = event.get("name")
        elif kind == "user":
            said.append((event_intent(event), event.get("timestamp"), loop))
        elif kind == "rewind" and said:
            said.pop()  # replayed with another intent (action_route_stray_answer) or forgotten
    requested = False
    for intent, at, active in said:
        if requested:
            if active != VERIFICATION_LOOP:
                return False  # the form started earlier, or something else happened
        elif intent == REQUEST_INTENT:
            if kept_at and at and at - kept_at > FRESH_S:
                return False
            requested = True
        elif intent not in ACKNOWLEDGEMENTS:
            return False
    return requested


def carried(tracker: Tracker) -> Dict[str, Any]:
    """The question's facts the claim form starting now may use, else {}."""
    facts = tracker.get_slot(SLOT)
    if not facts:
        return {}
    events = tracker.events
    since = next((i for i in range(len(events) - 1, -1, -1)
                  if events[i].get("event") == "slot" and events[i].get("name") == SLOT and events[i].get("value")),
                 None)
    if since is None or not _fresh(events, since):
        return {}
    return {name: value for name, value in facts.items() if name in FACTS and value not in (None, "")}


def _final(events: List[EventType], slot: str) -> Optional[Any]:
    return next((e.get("value") for e in reversed(events) if e.get("event") == "slot" and e.get("name") == slot), None)


def filled_note(used: Dict[str, Any], events: List[EventType], lang: Optional[str]) -> Optional[str]:
    """"您刚才提到的出险日期（…）、金额（…）已帮您填好": the facts `used` that the form kept after its checks."""
    words = pick(WORDS, lang)
    items = []
    incident_date = _final(events, "incident_date") if "date" in used else None
    if incident_date:
        items.append((words["date"], day(date.fromisoformat(incident_date), lang)))
    hospital = _final(events, "hospital") if "hospital" in used else None
    if hospital:
        items.append((words["hospital"], hospital))
    grade = _final(events, "hospital_grade") if {"hospital_grade", "hospital_ownership"} & used.keys() else None
    if grade:
        items.append((words["kind"], labels.hospital_label(grade, _final(events, "hospital_ownership"), lang=lang)))
    amount = to_money(_final(events, "claim_amount")) if "amount" in used else None
    if amount is not None:
        items.append((words["amount"], yuan(amount)))
    if not items:
        return None
    facts = words["join"].join(words["item"].format(label=label, value=value) for label, value in items)
    return words["note"].format(facts=facts)
