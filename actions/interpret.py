"""Help interpret: a decision explained to the yuan, coverage questions answered from the user's own policies."""
from __future__ import annotations

import re
from decimal import Decimal
from itertools import groupby
from typing import List, Optional, Text, Tuple

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict
from sqlalchemy import select
from sqlalchemy.orm import Session

from actions import asked_facts, claim_insured, texts
from actions.claim_choice import choose_claim, told_case_number
from actions.common import customer_id, db, entity_value, friendly_failure, latest_text, payload
from actions.review import done_with_pending
from bot import clock
from bot.claims import coverage, payout, rejections
from bot.claims.money import to_money, yuan
from bot.claims.wording import pick
from bot.i18n import EN, language_of
from bot.store import claims as claim_store
from bot.store import policies as store_policies
from bot.store import views
from bot.store.models import Claim, Dispute

WON_OUTCOMES = ("overturned", "partly_overturned")

LAST_CLAIM = re.compile(r"上次|上一次|最近|刚才|最新|那次|\b(last|latest|recent|previous|most recent)\b", re.I)
# "住院能报吗", "我这个保险保什么": no single topic, so the policy's main terms.
GENERAL_QUESTION = re.compile(r"住院|保什么|保哪些|报销|能报|能赔|保障|管不管|\b(hospital stay|what does .{0,20}cover|"
                              r"what('s| is) covered|am i covered|can i claim|is .{0,30}covered|reimburse)", re.I)
PROGRESS_BUTTON = {"zh": "查进度", EN: "Check progress"}
REPORT_BUTTON = {"zh": "帮我报案", EN: "Report this claim"}  # offered when the question told a visit's facts
GENERAL_TOPICS = ["policy_period", "waiting_period", "deductible", "ratio", "hospital"]


def decided(claim: Claim) -> bool:
    return claim.decision is not None


def dispute_result_text(session: Session, claim: Claim, lang: Optional[str] = None) -> str:
    """"The insurer changed its decision after your dispute": said before the original decision is explained."""
    won = session.scalars(
        select(Dispute).where(Dispute.claim_id == claim.id, Dispute.outcome.in_(WON_OUTCOMES))
        .order_by(Dispute.decided_at.desc(), Dispute.id.desc())
    ).first()
    if won is None:
        return ""
    return texts.pick(lang).DISPUTE_WON_NOTE[won.outcome].format(
        case=claim.case_number, day=won.decided_at.astimezone(clock.tz()), amount=yuan(won.amount_recovered))


def explanation_text(session: Session, claim: Claim, lang: Optional[str] = None) -> Tuple[str, bool]:
    """A decided claim's explanation, and whether it could be explained (figures that add up).

    After a won dispute the claim is paid, but its stored decision is still the
    original one: the user hears first that the insurer changed it, and how much
    was recovered, then why the first decision was made.
    """
    won = dispute_result_text(session, claim, lang)
    text, explained = _decision_text(session, claim, lang)
    return (won + "\n\n" + texts.pick(lang).ORIGINAL_DECISION + text if won else text), explained


def _decision_text(session: Session, claim: Claim, lang: Optional[str] = None) -> Tuple[str, bool]:
    rejection = views.rejection_inputs(session, claim)
    if rejection is not None:
        return rejections.format_rejection(rejections.explain(rejection, lang=lang)), True
    explanation = payout.explain(views.decision_inputs(session, claim), lang=lang)
    if not explanation.consistent or explanation.warnings:
        return texts.pick(lang).FIGURES_DISAGREE.format(case=claim.case_number), False
    return payout.format_explanation(explanation), True


class ActionExplainDecision(Action):
    """Every yuan of a payment, or a rejection in plain words with the clause and what can still be done."""

    def name(self) -> Text:
        return "action_explain_decision"

    @friendly_failure
    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        events = done_with_pending(tracker, "explain_decision")
        cid = customer_id(tracker)
        lang = language_of(tracker)
        tx = texts.pick(lang)
        with db() as session:
            claim = None
            asked = latest_text(tracker) + (tracker.get_slot("pending_question") or "")
            if not told_case_number(tracker) and LAST_CLAIM.search(asked):
                claim = next((c for c in claim_store.visible_claims(session, cid) if decided(c)), None)
            if claim is None:
                choice = choose_claim(session, tracker, dispatcher, cid, "explain_decision", fits=decided)
                claim = choice.claim
            if claim is None:
                return events
            events += [SlotSet("current_claim", claim.case_number), SlotSet("pending_question", None)]
            if not decided(claim):
                button = {"title": pick(PROGRESS_BUTTON, lang),
                          "payload": payload("ask_claim_status", case_number=claim.case_number)}
                dispatcher.utter_message(text=tx.NOT_DECIDED.format(case=claim.case_number), buttons=[button])
                return events
            text, explained = explanation_text(session, claim, lang)
        buttons = [tx.dispute_button(claim.case_number)] if explained else []
        dispatcher.utter_message(text=text, buttons=buttons + [tx.HUMAN_BUTTON])
        return events


def asked_amount(tracker: Tracker) -> Optional[Decimal]:
    """The amount the coverage question named ("花了3000多"), also when it waited for verification."""
    value = entity_value(tracker, "amount") or (tracker.get_slot("pending_facts") or {}).get("amount")
    return to_money(value) if value else None


class ActionAnswerCoverage(Action):
    """A coverage question answered per policy of the user and their family, never from a brochure."""

    def name(self) -> Text:
        return "action_answer_coverage"

    @friendly_failure
    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        # The question's claim facts are kept for a report requested right after (actions/asked_facts.py).
        events = done_with_pending(tracker, "ask_coverage") + asked_facts.remember(tracker)
        asked = latest_text(tracker) + " " + (tracker.get_slot("pending_question") or "")
        topics = coverage.topics_in(latest_text(tracker)) or coverage.topics_in(tracker.get_slot("pending_question"))
        if not topics and GENERAL_QUESTION.search(asked):
            topics = GENERAL_TOPICS
        lang = language_of(tracker)
        tx = texts.pick(lang)
        relation = claim_insured.relative_in(asked)  # "我妈住院了能报吗": her policies, not the user's
        with db() as session:
            policies = views.policy_views(session, customer_id(tracker))
            if relation and policies:
                visible = store_policies.visible_policies(session, customer_id(tracker))
                theirs = {p.policy_number for p in claim_insured.relatives_policies(
                    session, customer_id(tracker), visible, relation)}
                policies = [view for view in policies if view.policy_number in theirs]
                if not policies:  # and no facts kept: a report right after must not land on the user's policy
                    dispatcher.utter_message(text=claim_insured.words(lang)["no_cover_of_theirs"].format(
                        who=claim_insured.who(relation, lang)), buttons=[tx.ADD_FAMILY_BUTTON])
                    return [e for e in events if e.get("name") != asked_facts.SLOT] + [SlotSet(asked_facts.SLOT, None)]
        if not policies:
            dispatcher.utter_message(text=tx.NO_POLICIES, buttons=[tx.ADD_FAMILY_BUTTON])
            return events
        if not topics:
            dispatcher.utter_message(text=tx.ASK_COVERAGE_TOPIC, buttons=tx.COVERAGE_TOPIC_BUTTONS)
            return events
        results = coverage.answer_all(policies, topics, lang=lang)
        parts = []
        for _, group in groupby(sorted(policies, key=lambda p: p.insured_name), key=lambda p: p.insured_name):
            people = list(group)
            order = coverage.claim_order(people, lang=lang) if len(people) > 1 else None
            parts.append(coverage.format_answers([r for r in results if r.policy in people], order, lang=lang))
        notes = coverage.situation_notes(policies, asked, topics, asked_amount(tracker), lang=lang)
        kept = any(e.get("name") == asked_facts.SLOT and e.get("value") for e in events)
        dispatcher.utter_message(text="\n\n".join(parts + (["\n".join(notes)] if notes else [])),
                                 buttons=[{"title": pick(REPORT_BUTTON, lang), "payload": "/report_claim"}] if kept else None)
        if any(item.verdict == "unknown" for r in results for item in r.answers):
            dispatcher.utter_message(text=tx.COVERAGE_UNKNOWN, buttons=[tx.HUMAN_BUTTON])
        return events + [SlotSet("pending_question", None)]
