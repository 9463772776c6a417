"""The user fixes the reply language: "/lang en", "请用英文回复", "說繁體中文", "switch to Chinese".

`language_fixed` then wins over the language of later messages
(bot.i18n.reply_language), with the script when the request named one ("說繁體"
keeps Traditional even if the user then writes Simplified); the script asked
for also goes into `chinese_script`. The confirmation is said in the NEW language. The choice is
also written to the conversation row, so the advisor console and the gateway's
own texts follow it (a conversation the gateway never saw, e.g. `rasa shell`, has none).
"""
from __future__ import annotations

import json
import logging
from typing import List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict
from sqlalchemy.exc import SQLAlchemyError

from actions.common import db, entity_value, latest_text
from bot.i18n import EN, LANGUAGE_NAMES, LANGUAGES, ZH_HANS, ZH_HANT, fixed_language, requested_language
from bot.store.conversations import set_conversation_language

logger = logging.getLogger(__name__)

# Said in the language just chosen (so this module holds all three, not texts.pick()).
CONFIRMATION = {
    ZH_HANS: "好的，以后我用简体中文回复您。想换成英文，发“/lang en”或说“请用英文回复”就可以。",
    ZH_HANT: "好的，以後我用繁體中文回覆您。想換成英文，發「/lang en」或說「請用英文回覆」就可以。",
    EN: "OK, I'll reply in English from now on. To switch back to Chinese, send /lang zh or say “请用中文”.",
}
# No language named ("/lang" alone): ask, in all three.
WHICH_LANGUAGE = "请选择回复语言 · 請選擇回覆語言 · Which language should I reply in?"


def language_button(language: str) -> dict:
    return {"title": LANGUAGE_NAMES[language], "payload": "/set_language" + json.dumps({"language_request": language})}


def requested(tracker: Tracker) -> Optional[str]:
    """The language asked for: the button's or command's entity, else what the words ask for."""
    value = entity_value(tracker, "language_request")
    return value if value in LANGUAGES else requested_language(latest_text(tracker))


class ActionSetLanguage(Action):
    """Fix the reply language the user asked for and confirm it in that language."""

    def name(self) -> Text:
        return "action_set_language"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        language = requested(tracker)
        if language is None:
            dispatcher.utter_message(text=WHICH_LANGUAGE, buttons=[language_button(code) for code in LANGUAGES])
            return []
        fixed = fixed_language(language, latest_text(tracker))
        events: List[EventType] = [SlotSet("language_fixed", fixed)]
        if language in (ZH_HANS, ZH_HANT):
            events.append(SlotSet("chinese_script", language))
        record(tracker.sender_id, language, fixed)
        dispatcher.utter_message(text=CONFIRMATION[language])
        return events


def record(sender_id: str, language: str, fixed: str) -> None:
    """Keep the choice on the conversation row; the dialogue goes on in the new language even if this fails."""
    try:
        with db() as session:
            set_conversation_language(session, sender_id, language, fixed)
    except SQLAlchemyError as error:
        logger.warning("action_set_language: language not recorded for the console (%s)", error.__class__.__name__)
