"""Elderly mode (长辈模式): short messages, numbered choices, plain words, a person one button away.

On when the verified customer is 60 or older (unless they switched it off),
when the user asks for it ("我年纪大了", "不会弄手机", "/elder") and off on
request ("关闭长辈模式", "/elder_off"). The slot `elderly_mode` is None until
then, so "switched off" (False) is remembered and never overridden.

The flows are the same ones; what changes is how every action's messages are
said. `adapt()` rewrites them on the way out (hooked into the action server in
actions/__init__.py): one idea per message, buttons numbered with "请回复数字1或2",
insurance words replaced by plain ones. Form validators confirm each answer
and offer a call-back after a second failed answer (actions/handoff.py).
"""
from __future__ import annotations

import re
from datetime import date
from typing import Any, Dict, Iterable, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import texts, texts_en
from actions.choices import digits_label
from actions.common import latest_intent
from bot.claims.service_centre import is_elderly
from bot.i18n import DEFAULT_LANGUAGE, EN, language_of

SLOT = "elderly_mode"
SENTENCE_END = re.compile(r"(?<=[。！？])")
SENTENCE_END_EN = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'])")
CJK = re.compile(r"[\u3400-\u9fff]")
NUMBERED = re.compile(r"^\s*\d+[.、．]")
LONG_ENOUGH_TO_SPLIT = 40


def is_on(slots: Dict[str, Any]) -> bool:
    return slots.get(SLOT) is True


def auto_on(birth_date: Optional[date], today: date, current: Optional[bool]) -> bool:
    """Switch on for a 60+ customer, unless the user already chose a mode."""
    return current is None and birth_date is not None and is_elderly(birth_date, today)


def language_of_text(text: str) -> str:
    """How a message reads: any Chinese character makes it Chinese (the hook sees messages, not slots)."""
    return DEFAULT_LANGUAGE if CJK.search(text) else EN


def _cased(words: str, term: str) -> str:
    """The plain words capitalised like the term they replace (a sentence may start with it)."""
    return words[0].upper() + words[1:] if term[0].isupper() else words


def plain_en(text: str) -> str:
    """Insurance words in plain English: the first time "plain words (term)", then the plain words only."""
    for term, words in sorted(texts_en.PLAIN_WORDS.items(), key=lambda kv: -len(kv[0])):
        found = re.search(rf"(?<![\w(-]){re.escape(term)}(?![\w)-])", text, re.I)
        if not found:
            continue
        head, tail = text[: found.start()], text[found.end():]
        tail = re.sub(rf"(?<![\w(-]){re.escape(term)}(?![\w)-])", lambda m: _cased(words, m.group(0)), tail, flags=re.I)
        text = f"{head}{_cased(words, found.group(0))} ({found.group(0)}){tail}"
    return text


def plain(text: str) -> str:
    """Insurance words in plain Chinese: the first time "plain words（term）", then the plain words only."""
    if language_of_text(text) == EN:
        return plain_en(text)
    for term, words in sorted(texts.PLAIN_WORDS.items(), key=lambda kv: -len(kv[0])):
        if term not in text:
            continue
        first = text.index(term)
        if text[:first].count("（") > text[:first].count("）"):
            continue  # already said in brackets after plain words ("医保卡（社保卡）"): leave it
        head, tail = text[: first + len(term)], text[first + len(term):]
        # Longer terms already replaced contain these words: leave "（免赔额）" style brackets alone.
        head = head[:first] + f"{words}（{term}）"
        text = head + re.sub(rf"(?<!（){re.escape(term)}(?!）)", words, tail)
    return text


def _pieces(text: str) -> List[str]:
    """One idea per message: a plain paragraph is cut at sentence ends; lists stay whole."""
    english = language_of_text(text) == EN
    if "\n" in text or len(text) < LONG_ENOUGH_TO_SPLIT * (3 if english else 1):
        return [part for part in text.split("\n\n") if part.strip()] or [text]
    return [part.strip() for part in (SENTENCE_END_EN if english else SENTENCE_END).split(text) if part.strip()]


def _numbered(buttons: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
    return [
        button if NUMBERED.match(str(button.get("title", ""))) else {**button, "title": f"{n}. {button['title']}"}
        for n, button in enumerate(buttons, start=1)
    ]


def adapt(messages: Iterable[Dict[str, Any]]) -> List[Dict[str, Any]]:
    """The messages of one action as elderly mode says them."""
    adapted: List[Dict[str, Any]] = []
    for message in messages:
        text = message.get("text")
        if not text:
            adapted.append(message)
            continue
        buttons = message.get("buttons") or []
        pieces = _pieces(plain(text))
        for piece in pieces[:-1]:
            adapted.append({**message, "text": piece, "buttons": []})
        last = pieces[-1]
        if buttons:
            lang = language_of_text(text)
            last += "\n" + texts.pick(lang).ELDERLY_REPLY_DIGIT.format(digits=digits_label(len(buttons), lang=lang))
        adapted.append({**message, "text": last, "buttons": _numbered(buttons)})
    return adapted


def turned_on(slots: Dict[str, Any], events: Iterable[Dict[str, Any]]) -> bool:
    """Whether elderly mode is on after these events (an action may have just switched it)."""
    value = slots.get(SLOT)
    for event in events:
        if event.get("event") == "slot" and event.get("name") == SLOT:
            value = event.get("value")
    return value is True


class ActionElderlyMode(Action):
    """Switch elderly mode on ("我年纪大了", /elder) or off ("关闭长辈模式", /elder_off)."""

    def name(self) -> Text:
        return "action_elderly_mode"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        tx = texts.pick(language_of(tracker))
        if latest_intent(tracker) == "elderly_mode_off":
            dispatcher.utter_message(text=tx.ELDERLY_OFF if tracker.get_slot(SLOT) else tx.ELDERLY_OFF_ALREADY)
            return [SlotSet(SLOT, False)]
        dispatcher.utter_message(text=tx.ELDERLY_ON)
        # A person is one button away from the start: a call-back or an advisor now.
        in_form = bool(tracker.active_loop.get("name"))  # the form asks its question (with its buttons) next
        buttons = tx.ELDERLY_OFFER_BUTTONS[:2] if in_form else tx.ELDERLY_OFFER_BUTTONS
        dispatcher.utter_message(text=tx.ELDERLY_OFFER, buttons=buttons)
        return [SlotSet(SLOT, True)]
