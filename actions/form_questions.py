"""One `action_ask_<form>_<slot>` per entry of texts.FORM_QUESTIONS.

rasa-sdk registers every Action subclass it finds, so the classes are made
here from the catalogue instead of being written out one by one.
"""
from __future__ import annotations

from typing import List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import texts
from actions.texts import FORM_QUESTIONS
from bot.i18n import language_of


class FormQuestion(Action):
    """Asks one form question, with its buttons."""

    form = ""
    slot = ""

    def name(self) -> Text:
        return f"action_ask_{self.form}_{self.slot}"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        text, buttons = texts.pick(language_of(tracker)).FORM_QUESTIONS[(self.form, self.slot)]
        dispatcher.utter_message(text=text, buttons=buttons)
        if (self.form, self.slot) == ("identity_form", "mobile"):
            # A marker for channels that can do better than text: Telegram offers its share-contact button.
            dispatcher.utter_message(json_message={"request_contact": True})
        return []


def question_action_names() -> List[str]:
    return [f"action_ask_{form}_{slot}" for form, slot in FORM_QUESTIONS]


for _form, _slot in FORM_QUESTIONS:
    _name = "Ask" + "".join(part.title() for part in f"{_form}_{_slot}".split("_"))
    globals()[_name] = type(_name, (FormQuestion,), {"form": _form, "slot": _slot, "__module__": __name__})
