"""A lone number answers the buttons just offered; /elder and /elder_off switch elderly mode.

"1", "２", "选1", "第二个", "回复3": the intent becomes `choose_number` (entity
`number`, an int); the dialogue (actions/choices.py) maps it to the payload of
the button with that number in the bot's last message, which the NLU cannot
see. Chat commands the channels may send as text: "/elder" is
`elderly_assistance`, "/elder_off" is `elderly_mode_off` (Rasa passes a
"/command" that is not an intent on to the NLU pipeline as plain text).
Runs last in the pipeline (config.yml), so it overrides DIET and nlu_fallback.
"""
# No `from __future__ import annotations`: Rasa checks these type hints at graph-validation time.
import re
from typing import Any, Dict, List, Optional, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

CHOOSE_NUMBER = "choose_number"
COMMANDS = {"/elder": "elderly_assistance", "/elder_on": "elderly_assistance", "/elder_off": "elderly_mode_off"}
CHINESE_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
NUMBER_ONLY = re.compile(
    r"^\s*(?:我选|我要|选择|选|回复|就|要)?\s*(?:第)?\s*([1-9]|[一二两三四五六七八九])\s*(?:个|号|项|条)?\s*(?:吧|呀|啊)?\s*[。.!！]?\s*$"
)


def chosen_number(text: Optional[str]) -> Optional[int]:
    """The number a short reply picks ("2", "第二个", "选3"), else None."""
    match = NUMBER_ONLY.match(text or "")
    if not match:
        return None
    value = match.group(1)
    return int(value) if value.isdigit() else CHINESE_DIGITS[value]


def command_intent(text: Optional[str]) -> Optional[str]:
    return COMMANDS.get((text or "").strip().lower())


def _force(message: Message, intent: str) -> None:
    forced = {"name": intent, "confidence": 1.0}
    ranking = [r for r in message.get(INTENT_RANKING_KEY) or [] if r.get("name") != intent]
    message.set(INTENT, forced, add_to_output=True)
    message.set(INTENT_RANKING_KEY, [forced] + ranking, add_to_output=True)


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class NumberChoiceClassifier(GraphComponent):
    """Forces `choose_number` for a lone number, and the elderly-mode intents for their commands."""

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> GraphComponent:
        return cls()

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT)
            if not isinstance(text, str):
                continue
            command = command_intent(text)
            if command:
                _force(message, command)
                continue
            number = chosen_number(text)
            if number is None:
                continue
            _force(message, CHOOSE_NUMBER)
            found = [e for e in message.get(ENTITIES) or [] if e.get("entity") != "number"]
            found.append({"entity": "number", "value": number, "start": 0, "end": len(text),
                          "extractor": type(self).__name__})
            message.set(ENTITIES, found, add_to_output=True)
        return messages
