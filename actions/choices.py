"""A reply of "1", "2" ... picks the button with that number in the bot's last message.

The NLU (bot/nlu/choices.py) turns a lone number into `choose_number` with
entity `number`; it cannot see what the bot offered. This action can: it
finds the buttons of the bot's latest turn in the tracker and replays the
user's message as that button's payload (intent and entities), exactly as if
the button had been pressed, so every rule and form sees an ordinary button
press. A lone case number picks the button carrying it the same way, and so does a
description that fits one option only ("阑尾炎那个", "我妈的", "the rejected one"). Without buttons to pick from, the number is replayed as a plain answer
(`inform` with the text), so a form asking for a number still gets it.
"""
from __future__ import annotations

import json
import re
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActionExecuted, EventType, UserUttered, UserUtteranceReverted
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import texts
from actions.claim_choice import claim_facts
from actions.common import customer_id, db, entity_value, latest_text
from bot.claims import claim_cues
from bot.claims.wording import pick
from bot.i18n import EN, language_of
from bot.nlu.choice_replies import described_choice
from bot.nlu.normalizer import normalize_text

PAYLOAD_RE = re.compile(r"^/(?P<intent>[A-Za-z_][\w]*)(?P<entities>\{.*\})?$", re.S)
# Buttons whose payload is a question in words: the intent they are sent as.
PLAIN_PAYLOAD_INTENTS = {button["payload"]: "ask_coverage" for button in texts.COVERAGE_TOPIC_BUTTONS}


def offered_buttons(tracker: Tracker) -> List[Dict[str, Any]]:
    """The buttons of the bot's latest turn (since the user's previous message), the last set sent."""
    events = list(tracker.events)
    # Drop the number itself and what Rasa logged after it (e.g. `user_featurization`).
    said = [i for i, event in enumerate(events) if event.get("event") == "user"]
    if said:
        events = events[:said[-1]]
    for event in reversed(events):
        if event.get("event") == "user":
            return []
        if event.get("event") == "bot":
            buttons = (event.get("data") or {}).get("buttons") or []
            if buttons:
                return buttons
    return []


def parse_payload(payload: str) -> Optional[Dict[str, Any]]:
    """A button payload as Rasa would parse it: intent and entities ({"intent": ..., "entities": [...]})."""
    match = PAYLOAD_RE.match(payload.strip())
    if not match:
        intent = PLAIN_PAYLOAD_INTENTS.get(payload)
        return {"intent": intent, "entities": []} if intent else None
    entities = []
    if match.group("entities"):
        try:
            values = json.loads(match.group("entities"))
        except ValueError:
            return None
        entities = [{"entity": name, "value": value} for name, value in values.items()]
    return {"intent": match.group("intent"), "entities": entities}


def replay(text: str, intent: str, entities: List[Dict[str, Any]]) -> List[EventType]:
    parse_data = {
        "text": text,
        "intent": {"name": intent, "confidence": 1.0},
        "intent_ranking": [{"name": intent, "confidence": 1.0}],
        "entities": entities,
    }
    # Rewinding also drops the `action_listen` before the user's message: log it again,
    # or no rule sees the replayed message as the user's turn.
    return [UserUtteranceReverted(), ActionExecuted("action_listen"), UserUttered(text, parse_data)]


def pick_case(tracker: Tracker, buttons: List[Dict[str, Any]], text: str, case: str) -> List[EventType]:
    """A lone case number: the button carrying it, as if pressed; else, in a form, an answer, and outside
    one, the question most often meant by a case number alone, how that claim is going."""
    for button in buttons:
        parsed = parse_payload(str(button.get("payload") or ""))
        if parsed and any(e["entity"] == "case_number" and str(e["value"]) == case for e in parsed["entities"]):
            return replay(str(button["payload"]), parsed["intent"], parsed["entities"])
    entities = [e for e in tracker.latest_message.get("entities") or [] if e.get("entity") != "number"]
    return replay(text, "inform" if tracker.active_loop.get("name") else "ask_claim_status", entities)


# What the bot says when a description fits several options, or none.
WORDS = {
    "zh": {"several": "有{count}项符合“{words}”，请问是哪一个？点下面的按钮，或回复序号都可以。",
           "none": "没找到和“{words}”对得上的一项。请点下面的按钮，或回复序号（{digits}）。"},
    EN: {"several": "{count} options fit \"{words}\". Which one do you mean? Tap it below or reply with its number.",
         "none": "I couldn't find an option that fits \"{words}\". Please tap one below or reply with its number ({digits})."},
}


def _case_of(button: Dict[str, Any]) -> Optional[str]:
    parsed = parse_payload(str(button.get("payload") or "")) or {"entities": []}
    return next((str(e["value"]) for e in parsed["entities"] if e["entity"] == "case_number"), None)


def described_buttons(tracker: Tracker, buttons: List[Dict[str, Any]], words: str) -> List[Dict[str, Any]]:
    """The buttons the words describe: claims by their state, person, diagnosis or hospital (bot.claims.claim_cues),
    other buttons by their title."""
    cases = {_case_of(button): button for button in buttons if _case_of(button)}
    customer = customer_id(tracker)
    if cases and customer is not None:
        with db() as session:
            facts = claim_facts(session, customer, cases)
        return [cases[fact.case_number] for fact in claim_cues.fitting(facts, words)]
    wanted = claim_cues.FILLER.sub("", normalize_text(words)).lower()
    titles = [re.sub(r"\s+", "", claim_cues.describe(str(button.get("title") or ""))) for button in buttons]
    return [button for button, title in zip(buttons, titles) if wanted and wanted in title]  # "公立三甲": "公立 三甲"


def _model_intent(tracker: Tracker) -> str:
    """What the model read the message as, before it was taken for a choice."""
    ranking = tracker.latest_message.get("intent_ranking") or []
    return next((r["name"] for r in ranking if r.get("name") not in (None, "choose_number")), "inform")


def pick_described(dispatcher: CollectingDispatcher, tracker: Tracker, buttons: List[Dict[str, Any]],
                   text: str, words: str) -> List[EventType]:
    """A description ("阑尾炎那个"): the one button it fits, as if pressed; else the buttons it fits, or, for claims,
    all of them again. With no buttons offered, or none of other kinds fitting, it is what the model read it as."""
    entities = tracker.latest_message.get("entities") or []
    if not buttons:
        return replay(text, _model_intent(tracker), entities)
    fits = described_buttons(tracker, buttons, words)
    if len(fits) == 1:
        parsed = parse_payload(str(fits[0].get("payload") or ""))
        if parsed is not None:
            return replay(str(fits[0]["payload"]), parsed["intent"], parsed["entities"])
    if not fits and not any(_case_of(button) for button in buttons):
        return replay(text, _model_intent(tracker), entities)  # e.g. a form reads "给我妈买的那份" itself
    lang = language_of(tracker)
    said, quoted = pick(WORDS, lang), text.strip(" 。.!！")[:20]
    if len(fits) > 1:
        dispatcher.utter_message(text=said["several"].format(count=len(fits), words=quoted), buttons=fits)
    else:
        dispatcher.utter_message(text=said["none"].format(words=quoted, digits=digits_label(len(buttons), lang=lang)),
                                 buttons=buttons)
    return []


def digits_label(count: int, *, lang: Optional[str] = None) -> str:
    if lang == EN:
        return {1: "1", 2: "1 or 2"}.get(count, f"1 to {count}")
    return {1: "1", 2: "1或2"}.get(count, f"1～{count}")


class ActionPickNumber(Action):
    def name(self) -> Text:
        return "action_pick_number"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        number = entity_value(tracker, "number")
        buttons = offered_buttons(tracker)
        text = latest_text(tracker)
        case = entity_value(tracker, "case_number")
        if number is None and case:
            return pick_case(tracker, buttons, text, str(case))
        words = described_choice(text) if number is None else None
        if words:
            return pick_described(dispatcher, tracker, buttons, text, words)
        if not buttons or not isinstance(number, int):
            # Nothing to pick from: the number is an answer in its own right.
            return replay(text, "inform", [e for e in tracker.latest_message.get("entities") or []
                                           if e.get("entity") != "number"])
        if not 1 <= number <= len(buttons):
            lang = language_of(tracker)
            dispatcher.utter_message(text=texts.pick(lang).NUMBER_OUT_OF_RANGE.format(
                number=number, digits=digits_label(len(buttons), lang=lang)), buttons=buttons)
            return []
        button = buttons[number - 1]
        parsed = parse_payload(str(button.get("payload") or ""))
        if parsed is None:
            return replay(text, "inform", [])
        return replay(str(button["payload"]), parsed["intent"], parsed["entities"])
