"""Greeting menu and fallback wording."""
from __future__ import annotations

import re
from typing import List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, UserUttered, UserUtteranceReverted
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import texts
from actions.common import friendly_failure, latest_intent, latest_text
from actions.handoff import hand_off
from bot.i18n import language_of

TWO_STAGE_FALLBACK = "action_two_stage_fallback"

INTENT_DESCRIPTIONS = texts.INTENT_DESCRIPTIONS  # the intents "did you mean ...?" may offer


class ActionGreetMenu(Action):
    def name(self) -> Text:
        return "action_greet_menu"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        tx = texts.pick(language_of(tracker))
        name = tracker.get_slot("customer_name") if tracker.get_slot("verified") else None
        dispatcher.utter_message(text=tx.GREET_NAMED.format(name=name) if name else tx.GREET_ANON)
        dispatcher.utter_message(text=tx.MENU, buttons=tx.MENU_BUTTONS)
        return []


# "我想取消报案", "撤案", "cancel my claim": about a claim already reported, not a form in progress.
CLAIM_WORDS = re.compile(r"报案|案件|案子|撤案|理赔|索赔|\bclaim", re.I)


class ActionNothingToCancel(Action):
    """"取消" with nothing in progress: "anything else?", or, for a claim already reported, how to withdraw it."""

    def name(self) -> Text:
        return "action_nothing_to_cancel"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        if CLAIM_WORDS.search(latest_text(tracker)):
            tx = texts.pick(language_of(tracker))
            dispatcher.utter_message(text=tx.WITHDRAW_CLAIM, buttons=tx.WITHDRAW_BUTTONS)
        else:
            dispatcher.utter_message(response="utter_anything_else")
        return []


class ActionDefaultAskAffirmation(Action):
    """First stage of the two-stage fallback, in words a user understands."""

    def name(self) -> Text:
        return "action_default_ask_affirmation"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        tx = texts.pick(language_of(tracker))
        ranking = [
            r for r in tracker.latest_message.get("intent_ranking") or []
            if r.get("name") in INTENT_DESCRIPTIONS and r.get("name") not in ("inform", "affirm", "deny")
        ]
        if not ranking:
            dispatcher.utter_message(text=tx.ASK_REPHRASE)
            return []
        guess = ranking[0]["name"]
        dispatcher.utter_message(
            text=tx.ASK_AFFIRMATION.format(intent=tx.INTENT_DESCRIPTIONS[guess]),
            buttons=[
                {"title": tx.AFFIRM_YES, "payload": f"/{guess}"},
                {"title": tx.AFFIRM_NO, "payload": "/out_of_scope"},
            ],
        )
        return []


class ActionDefaultAskRephrase(Action):
    """Second stage of the two-stage fallback."""

    def name(self) -> Text:
        return "action_default_ask_rephrase"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        dispatcher.utter_message(text=texts.pick(language_of(tracker)).ASK_REPHRASE)
        return []


class ActionDefaultFallback(Action):
    """Two fallbacks in a row (end of the two-stage fallback): an advisor takes over.

    Also Rasa's core fallback (no rule fits the dialogue): there one miss is
    not yet a pattern, so offer a person and forget the message.
    """

    def name(self) -> Text:
        return "action_default_fallback"

    @friendly_failure
    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        if tracker.active_loop.get("name") == TWO_STAGE_FALLBACK:
            return hand_off(dispatcher, tracker, "fallback")
        tx = texts.pick(language_of(tracker))
        dispatcher.utter_message(text=tx.DEFAULT_FALLBACK, buttons=[tx.HUMAN_BUTTON, tx.HELP_BUTTON])
        return [UserUtteranceReverted()]


# Facts that only make sense as part of a claim: a message with them is a claim report.
CLAIM_FACTS = ("date", "hospital", "amount", "incident_type", "hospital_grade", "hospital_ownership")
# "……花了3418，能报吗": the narrative asks whether it is covered ...
COVERAGE_QUESTION = re.compile(
    r"(能|可以|可不可以|能不能|给不给|会不会)给?(报|赔|理赔)|报不报|赔不赔|给报吗|给赔吗|管不管|算不算|保不保|"
    r"在保障范围|\b(can i claim|could i claim|is (it|this|that) covered|am i covered|(will|would|does) (it|this|that|the "
    r"(policy|insurance|insurer)) (pay|cover))\b", re.I)
# ... unless it also asks for the claim to be filed ("……能不能帮我申请理赔").
CLAIM_REQUEST = re.compile(
    r"帮我|给我报|(我要|我想|想要?)(报|申请|理赔)|申请|报个案|报案|\b(file|report|submit|make) (a |the |my )?claim|"
    r"help me claim|(want|like) to claim\b", re.I)


def stray_intent(text: str) -> str:
    """The request a claim narrative outside a form makes: a coverage question, or a claim report."""
    return "ask_coverage" if COVERAGE_QUESTION.search(text) and not CLAIM_REQUEST.search(text) else "report_claim"


class ActionRouteStrayAnswer(Action):
    """An answer outside any form: a claim narrative starts the report, anything else gets the menu.

    "我上周五手割伤了，120送到了华康医院" reads like a form answer to the classifier,
    but the user means "please file this claim". We replay the message as
    report_claim, so the usual rules (verification first) take it from there.
    A narrative that asks whether it is covered ("……花了3418，能报吗") is replayed
    as that question: it is answered first, and a report asked for next starts
    with its facts (actions/asked_facts.py).
    """

    def name(self) -> Text:
        return "action_route_stray_answer"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        found = {e.get("entity") for e in tracker.latest_message.get("entities") or []}
        if not found.intersection(CLAIM_FACTS):
            tx = texts.pick(language_of(tracker))
            dispatcher.utter_message(text=tx.MENU, buttons=tx.MENU_BUTTONS)
            return []
        parse_data = dict(tracker.latest_message)
        parse_data["intent"] = {"name": stray_intent(tracker.latest_message.get("text") or ""), "confidence": 1.0}
        return [UserUtteranceReverted(), UserUttered(tracker.latest_message.get("text"), parse_data)]
