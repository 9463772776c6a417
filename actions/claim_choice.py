"""Which of the verified customer's claims a request is about.

In order: the case number in the message (or told before verification), the
claim the conversation is already about (`current_claim`), the only claim
that fits (also by the state the user named: "被拒的那个" is the rejected one);
otherwise the user picks one from buttons. A case number that is
not the customer's gets the same answer as one that does not exist.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Iterable, List, Optional

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.orm import Session

from actions import texts
from actions.common import entity_value, latest_text, payload
from bot.claims import claim_cues, labels
from bot.documents.intake import MESSAGES, NOT_FOUND
from bot.i18n import EN, language_of
from bot.store import claims as claim_store, customers
from bot.store.models import Claim


@dataclass
class Choice:
    claim: Optional[Claim] = None
    asked: bool = False  # the user was shown buttons, or told why there is nothing to pick
    options: List[Claim] = field(default_factory=list)


def told_case_number(tracker: Tracker) -> Optional[str]:
    """A case number from this message, or from the request made before verification."""
    pending = tracker.get_slot("pending_facts") or {}
    return entity_value(tracker, "case_number") or pending.get("case_number")


def claim_title(claim: Claim, *, lang: Optional[str] = None) -> str:
    """'C-1002 · 王丽 · 急性阑尾炎 · 已赔付'; the diagnosis is the user's own words, in any language."""
    what = claim.diagnosis or labels.label(labels.INCIDENT_TYPES, claim.incident_type, lang, "")
    status = labels.label(labels.CLAIM_STATUSES, claim.status, lang, claim.status)
    return f"{claim.case_number} · {claim.insured.name} · {what[:12]} · {status}"


def claim_buttons(options: List[Claim], intent: str, *, lang: Optional[str] = None) -> List[texts.Button]:
    return [
        {"title": claim_title(c, lang=lang), "payload": payload(intent, case_number=c.case_number)}
        for c in options
    ]


def claim_facts(session: Session, customer: int, case_numbers: Iterable[str]) -> List[claim_cues.ClaimFacts]:
    """What the user can tell these claims apart by (bot.claims.claim_cues); claims not theirs are left out."""
    relatives = {relative.id: relationship for relative, relationship in customers.family_of(session, customer)}
    facts = []
    for number in case_numbers:
        claim = claim_store.get_visible_claim(session, customer, number)
        if claim is None:
            continue
        relation = "self" if claim.insured_id == customer else relatives.get(claim.insured_id, "other")
        states = (labels.label(labels.CLAIM_STATUSES, claim.status, lang, claim.status) for lang in (None, EN))
        facts.append(claim_cues.ClaimFacts(
            claim.case_number, claim.status, relation, claim.insured.gender,
            claim_cues.describe(claim.case_number, claim.insured.name, claim.diagnosis, claim.hospital_name, *states),
            claim.created_at))
    return facts


def _told_status(options: List[Claim], words: str) -> List[Claim]:
    """The options in the state the user's words name ("为什么被拒"), if any is; else all of them."""
    statuses = claim_cues.statuses_named(words)
    named = [c for c in options if statuses and c.status in statuses]
    return named or options


def choose_claim(
    session: Session, tracker: Tracker, dispatcher: CollectingDispatcher, customer: int, intent: str,
    fits: Callable[[Claim], bool] = lambda claim: True, use_current: bool = True,
) -> Choice:
    """The claim meant, or buttons to pick one (payload `/<intent>{"case_number": ...}`)."""
    lang = language_of(tracker)
    tx = texts.pick(lang)
    named = told_case_number(tracker)
    if named:
        claim = claim_store.get_visible_claim(session, customer, str(named))
        if claim is None:
            dispatcher.utter_message(text=tx.CASE_NOT_FOUND if lang == EN else MESSAGES[NOT_FOUND])
            return Choice(asked=True)
        return Choice(claim)
    if use_current and tracker.get_slot("current_claim"):
        claim = claim_store.get_visible_claim(session, customer, tracker.get_slot("current_claim"))
        if claim is not None and fits(claim):
            return Choice(claim)
    visible = claim_store.visible_claims(session, customer)
    if not visible:
        dispatcher.utter_message(text=tx.NO_CLAIMS, buttons=[tx.REPORT_BUTTON])
        return Choice(asked=True)
    options = [c for c in visible if fits(c)] or visible
    options = _told_status(options, latest_text(tracker) + " " + (tracker.get_slot("pending_question") or ""))
    if len(options) == 1:
        return Choice(options[0])
    dispatcher.utter_message(text=tx.CHOOSE_CLAIM.format(count=len(options)), buttons=claim_buttons(options, intent, lang=lang))
    return Choice(asked=True, options=options)
