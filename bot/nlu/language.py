"""The language of each message, for the reply (bot.i18n), and the /lang command.

`LanguageDetector` runs FIRST in the pipeline (config.yml), before TextNormalizer
turns Traditional into Simplified and the script can no longer be seen. It adds
the entities
- `language` ("zh"/"en") and `chinese_script` ("zh-Hans"/"zh-Hant") when the
  message shows them (bot.i18n.detect: "ok", numbers and payloads show nothing),
  which fill the slots of the same names (domain.yml);
- `language_request` ("en"/"zh-Hans"/"zh-Hant") when the text asks for a language
  ("/lang en", "请用英文回复", "說繁體中文"), read by action_set_language.
These entities do not influence the dialogue (domain.yml), so rules and stories
written without them still match.

`LanguageCommandClassifier` runs last and forces `set_language` for "/lang …":
Rasa passes a "/command" that is not an intent on to the pipeline as plain text.
Asking in words ("can you speak English") is left to DIET (data/nlu/language.yml).
"""
# No `from __future__ import annotations`: Rasa checks these type hints at graph-validation time.
from typing import Any, Dict, List, Optional, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.i18n import detect, is_language_command, requested_language
from bot.nlu.forced_intents import ForcedIntentClassifier

SET_LANGUAGE = "set_language"


def language_entities(text: str) -> List[Dict[str, Any]]:
    """The language entities of one message (spanning the whole text: they describe all of it)."""
    language, script = detect(text)
    values = {"language": language, "chinese_script": script, "language_request": requested_language(text)}
    return [
        {"entity": name, "value": value, "start": 0, "end": len(text), "extractor": "LanguageDetector"}
        for name, value in values.items()
        if value is not None
    ]


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR], is_trainable=False)
class LanguageDetector(GraphComponent):
    """Adds the `language`, `chinese_script` and `language_request` entities of the original text."""

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> GraphComponent:
        return cls()

    @staticmethod
    def required_packages() -> List[Text]:
        return ["opencc"]

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT)
            found = language_entities(text) if isinstance(text, str) and text else []
            if found:
                message.set(ENTITIES, (message.get(ENTITIES) or []) + found, add_to_output=True)
        return messages


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class LanguageCommandClassifier(ForcedIntentClassifier):
    """Forces `set_language` for "/lang", "/lang en", "/lang zh", "/lang zh-hant"."""

    def intent_for(self, text: str) -> Optional[str]:
        return SET_LANGUAGE if is_language_command(text) else None
