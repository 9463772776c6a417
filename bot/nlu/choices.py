"""A lone number answers the buttons just offered; /elder and /elder_off switch elderly mode.

"1", "２", "选1", "第二个", "回复3", "option 2", "the second one", "2nd", "two":
the intent becomes `choose_number` (entity
`number`, an int); so does a lone case number ("C-1001", entity `case_number`); the dialogue (actions/choices.py) maps it to the payload of
the button with that number in the bot's last message, which the NLU cannot
see. Chat commands the channels may send as text: "/elder" is
`elderly_assistance`, "/elder_off" is `elderly_mode_off` (Rasa passes a
"/command" that is not an intent on to the NLU pipeline as plain text).
Runs last in the pipeline (config.yml), so it overrides DIET and nlu_fallback.
"""
# No `from __future__ import annotations`: Rasa checks these type hints at graph-validation time.
import re
from typing import Optional

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import ENTITIES
from rasa.shared.nlu.training_data.message import Message

from bot.nlu.forced_intents import ForcedIntentClassifier
from bot.nlu.numerals_en import ORDINALS

CHOOSE_NUMBER = "choose_number"
COMMANDS = {"/elder": "elderly_assistance", "/elder_on": "elderly_assistance", "/elder_off": "elderly_mode_off"}
CHINESE_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
NUMBER_ONLY = re.compile(
    r"^\s*(?:我选|我要|选择|选|回复|就|要)?\s*(?:第)?\s*([1-9]|[一二两三四五六七八九])\s*(?:个|号|项|条)?\s*(?:吧|呀|啊)?\s*[。.!！]?\s*$"
)

ENGLISH_NUMBERS = {**{w: n for n, w in enumerate(
    ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine"), start=1)}, **ORDINALS}
_ENGLISH_NUMBER = "|".join(sorted(ENGLISH_NUMBERS, key=len, reverse=True))
# "2", "option 2", "number two", "the second one", "2nd", "I'll take option 3 please".
ENGLISH_NUMBER_ONLY = re.compile(
    r"^\s*(?:(?:i(?:['’]ll| will)? (?:take|choose|pick|go with|want)|i['’]d like|let['’]s go with|go with|choose|select|"
    r"pick|take|give me)\s+)?(?:the\s+)?(?:(?:option|number|choice|button|item)\s*(?:#|no\.)?\s*|#\s*|no\.\s*)?"
    rf"(?P<n>[1-9](?:st|nd|rd|th)?|{_ENGLISH_NUMBER})(?:\s+(?:one|option|choice|button|item))?"
    r"(?:\s*,?\s*(?:please|pls|thanks|thank you))?\s*[.!]?\s*$",
    re.IGNORECASE,
)


def chosen_number(text: Optional[str]) -> Optional[int]:
    """The number a short reply picks ("2", "第二个", "选3", "option 2", "the second one"), else None."""
    match = NUMBER_ONLY.match(text or "")
    if match:
        value = match.group(1)
        return int(value) if value.isdigit() else CHINESE_DIGITS[value]
    match = ENGLISH_NUMBER_ONLY.match(text or "")
    if match:
        value = match.group("n").lower()
        return int(value[0]) if value[0].isdigit() else ENGLISH_NUMBERS[value]
    return None


# A lone case number ("C-1001", "是C-1001", "案件号C1001") answers claim buttons the same way: the dialogue
# picks the button carrying it (actions/choices.py), or reads it as a status question when none does.
CASE_ONLY = re.compile(r"^\s*(?:是|就是|选|要|查一?下?)?\s*(?:这个|那个)?\s*(?:案件号?|案子|理赔号|case(?: number| no\.?)?)?"
                       r"\s*[:：#]?\s*[Cc][-\s]?\d{3,10}\s*(?:这个|那个|这件|吧|呀|please)?\s*[。.!！]?\s*$", re.IGNORECASE)


def names_a_case_only(text: Optional[str]) -> bool:
    return bool(CASE_ONLY.match(text or ""))


def command_intent(text: Optional[str]) -> Optional[str]:
    return COMMANDS.get((text or "").strip().lower())


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class NumberChoiceClassifier(ForcedIntentClassifier):
    """Forces `choose_number` for a lone number, and the elderly-mode intents for their commands."""

    def intent_for(self, text: str) -> Optional[str]:
        if command_intent(text):
            return command_intent(text)
        return CHOOSE_NUMBER if chosen_number(text) is not None or names_a_case_only(text) else None

    def after_forcing(self, message: Message, text: str, intent: str) -> None:
        if intent != CHOOSE_NUMBER or chosen_number(text) is None:  # a case number keeps its own entity
            return
        found = [e for e in message.get(ENTITIES) or [] if e.get("entity") != "number"]
        found.append({"entity": "number", "value": chosen_number(text), "start": 0, "end": len(text),
                      "extractor": type(self).__name__})
        message.set(ENTITIES, found, add_to_output=True)
