"""Hand-off to a human advisor and the way back to the bot (call-backs: actions/callback.py).

Every trigger (转人工, complaint words, an elderly user, two fallbacks in a
row, the same question failed 3 times, identity not verified after 3 tries,
a dispute) ends in `hand_off()`: it queues the conversation with a context
summary for the advisor, tells the user who will answer and when, stops any
form (so no stale question follows the return) and pauses the conversation.
From then on the gateway routes the user's messages to the advisor until the
advisor returns the conversation (`action_back_to_bot`).
"""
from __future__ import annotations

import logging
from typing import List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, ConversationPaused, ConversationResumed, EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import texts
from actions.common import count_failures, customer_id, db, friendly_failure, latest_intent, polite_name
from actions.handoff_context import build_context, claim_in_question, recent_words
from bot import clock
from bot.claims import working_hours
from bot.claims.service_centre import is_elderly
from bot.i18n import language_of
from bot.store import customers, disputes, handoffs

logger = logging.getLogger(__name__)

REASONS_BY_INTENT = {
    "request_human": "request_human", "complain": "complaint",
    "nlu_fallback": "fallback",
}
ELDERLY_OFFER_AFTER = 2  # failed answers to one question before elderly users are offered a call-back
FORGET_WHEN_STOPPED = {"identity_form": ("mobile", "id_last4")}  # a half-typed identity is asked afresh


def handoff_reason(tracker: Tracker) -> str:
    """The user's request: 转人工, a complaint, an elderly user."""
    return REASONS_BY_INTENT.get(latest_intent(tracker) or "", "request_human")


def stop_form(tracker: Tracker) -> List[EventType]:
    """Deactivate the form in progress, keeping its answers; remember it to offer going on after the return."""
    form = tracker.active_loop.get("name")
    if not form or not form.endswith("_form"):
        return []
    forget = [SlotSet(slot, None) for slot in FORGET_WHEN_STOPPED.get(form, ())]
    return forget + [ActiveLoop(None), SlotSet("requested_slot", None), SlotSet("interrupted_form", form)]


def goes_first(session, tracker: Tracker, cid: Optional[int]) -> bool:
    """Elderly users go first: in elderly mode, or verified and aged 60 or over (also with the mode off)."""
    if tracker.get_slot("elderly_mode") is True:
        return True
    customer = customers.get_customer(session, cid) if cid is not None else None
    return bool(customer and customer.birth_date and is_elderly(customer.birth_date, clock.today()))


def hand_off(
    dispatcher: CollectingDispatcher, tracker: Tracker, reason: str, *, kind: str = "handoff",
    dispute_id: Optional[int] = None, intro: Optional[str] = None,
) -> List[EventType]:
    """Queue the conversation for an advisor, tell the user the wait, pause. Returns the events."""
    cid = customer_id(tracker)
    now = clock.now()
    with db() as session:
        dispute = disputes.get_dispute(session, dispute_id) if dispute_id is not None else None
        claim = dispute.claim if dispute is not None else claim_in_question(session, tracker)
        context = build_context(session, tracker, reason, claim, dispute)
        item = handoffs.open_handoff(
            session, sender_id=tracker.sender_id, reason=reason, kind=kind, customer_id=cid,
            claim_id=claim.id if claim is not None else None, dispute_id=dispute.id if dispute is not None else None,
            context=context, user_words="\n".join(recent_words(tracker, 1)),
            priority=1 if goes_first(session, tracker, cid) else None,
        )
        ahead = handoffs.items_ahead(session, item)
        logger.info("conversation %s handed off: %s (priority %s, %s ahead)", tracker.sender_id, reason,
                    item.priority, ahead)
    lang = language_of(tracker)
    tx = texts.pick(lang)
    wait = working_hours.expected_wait(now, ahead, lang=lang)
    intro = (intro if intro is not None else tx.HANDOFF_INTROS[reason]) + tx.GAP
    if working_hours.replies_later(now, ahead):
        offer = cid is not None  # a call-back goes to the verified mobile only
        text = intro + tx.HANDOFF_CLOSED.format(wait=wait) + (tx.GAP + tx.CALLBACK_OFFER if offer else "")
        dispatcher.utter_message(text=text, buttons=[tx.CALLBACK_BUTTON] if offer else [])
    else:
        dispatcher.utter_message(text=intro + tx.HANDOFF_WAIT.format(wait=wait))
    return stop_form(tracker) + [SlotSet("form_failures", None), ConversationPaused()]


def after_failures(dispatcher: CollectingDispatcher, tracker: Tracker, events: List[EventType]) -> List[EventType]:
    """For form validators: `events` plus the failure count, or a hand-off after the third refused answer.

    The hand-off stops the form and pauses the conversation, so no rule runs after the form.
    """
    counted, give_up = count_failures(tracker, events)
    if give_up:
        return events + counted + hand_off(dispatcher, tracker, "form_failures")
    if tracker.get_slot("elderly_mode") is True:
        _elderly_step(dispatcher, tracker, events, counted)
    return events + counted


def _elderly_step(dispatcher: CollectingDispatcher, tracker: Tracker, events: List[EventType],
                  counted: List[EventType]) -> None:
    """Elderly mode: confirm each answer taken; after the second failed answer, offer a call-back."""
    slot = tracker.get_slot("requested_slot")
    if not slot or slot.endswith("_confirmed"):
        return
    tx = texts.pick(language_of(tracker))
    values = [e.get("value") for e in events if e.get("event") == "slot" and e.get("name") == slot]
    if values and values[-1] is not None:
        dispatcher.utter_message(text=tx.ELDERLY_STEP_DONE)
        return
    failures = next((e.get("value") for e in counted if e.get("name") == "form_failures"), None) or {}
    if failures.get(slot) == ELDERLY_OFFER_AFTER:
        dispatcher.utter_message(text=tx.ELDERLY_STRUGGLE, buttons=tx.ELDERLY_STRUGGLE_BUTTONS)


class ActionHandoff(Action):
    """The one hand-off action of every rule-driven trigger."""

    def name(self) -> Text:
        return "action_handoff"

    @friendly_failure
    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        return hand_off(dispatcher, tracker, handoff_reason(tracker))


class ActionBackToBot(Action):
    """Run by the gateway when an advisor returns the conversation: resume, slots intact, say what's next."""

    def name(self) -> Text:
        return "action_back_to_bot"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        lang = language_of(tracker)
        tx = texts.pick(lang)
        verified = [] if tracker.get_slot("verified") else verified_by_advisor(tracker, lang)
        dispatcher.utter_message(text=tx.BACK_TO_BOT + (tx.GAP + tx.VERIFIED_BY_ADVISOR if verified else ""))
        buttons = list(tx.MENU_BUTTONS)
        form = tracker.get_slot("interrupted_form")
        if form in tx.CONTINUE_FORM:
            note, button = tx.CONTINUE_FORM[form]
            dispatcher.utter_message(text=note)
            buttons.insert(0, button)
        dispatcher.utter_message(text=tx.MENU, buttons=buttons)
        events = [ConversationResumed(), SlotSet("interrupted_form", None)]
        if not tracker.get_slot("verified"):
            # An advisor has seen the user: a blocked verification may be tried afresh.
            events += [SlotSet("verify_attempts", 0), SlotSet("mobile", None), SlotSet("id_last4", None)]
        return events + verified


def verified_by_advisor(tracker: Tracker, lang: str) -> List[EventType]:
    """The slots of the customer an advisor verified in the console (bot.advisor.identity), else []."""
    with db() as session:
        cid = handoffs.advisor_verified_customer(session, tracker.sender_id)
        customer = customers.get_customer(session, cid) if cid is not None else None
        if customer is None:
            return []
        events = [SlotSet("verified", True), SlotSet("customer_id", str(customer.id)),
                  SlotSet("customer_name", polite_name(customer.name, customer.gender, lang=lang))]
        if tracker.get_slot("elderly_mode") is None and customer.birth_date and is_elderly(customer.birth_date, clock.today()):
            events.append(SlotSet("elderly_mode", True))
    return events
