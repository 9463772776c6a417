"""Rasa's responses in the user's language: `nlg: type: bot.i18n.nlg.LocalisedNLG` (endpoints).

The domain's responses (utter_greet ...) and the glossary answers
(utter_glossary/<term>, data/nlu/glossary.yml) are written in Simplified Chinese.
This generator picks the reply language from the tracker's slots
(bot.i18n.language_of_slots) and answers
- in English from bot/i18n/responses_en.yml (same keys, same button payloads),
- in Traditional Chinese by converting the Chinese one (bot.i18n.localise_message),
- else as Rasa's own TemplatedNaturalLanguageGenerator does.
Messages of custom actions are converted in the action server (actions/__init__.py);
responses an action names (`utter_message(response=...)`) come through here.

Rasa creates it with `(endpoint_config=..., domain=...)` and, once a model is loaded,
sets `responses` to the model's domain responses (rasa.core.agent).
"""
import logging
from functools import lru_cache
from pathlib import Path
from typing import Any, Dict, List, Optional, Text

import yaml
from rasa.core.nlg import TemplatedNaturalLanguageGenerator
from rasa.shared.core.domain import Domain
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig

from bot.i18n import EN, ZH_HANT, language_of_slots, localise_message

logger = logging.getLogger(__name__)

ENGLISH_RESPONSES = Path(__file__).with_name("responses_en.yml")


@lru_cache(maxsize=1)
def english_responses() -> Dict[Text, List[Dict[Text, Any]]]:
    return yaml.safe_load(ENGLISH_RESPONSES.read_text(encoding="utf-8"))["responses"]


class LocalisedNLG(TemplatedNaturalLanguageGenerator):
    """Domain responses in Simplified, Traditional or English, by the conversation's reply language."""

    def __init__(
        self,
        endpoint_config: Optional[EndpointConfig] = None,
        domain: Optional[Domain] = None,
        responses: Optional[Dict[Text, List[Dict[Text, Any]]]] = None,
    ) -> None:
        super().__init__(responses if responses is not None else (domain.responses if domain else {}))
        self.english = TemplatedNaturalLanguageGenerator(english_responses())

    def generate_from_slots(
        self,
        utter_action: Text,
        filled_slots: Dict[Text, Any],
        output_channel: Text,
        **kwargs: Any,
    ) -> Optional[Dict[Text, Any]]:
        language = language_of_slots(filled_slots or {})
        if language == EN:
            message = self.english.generate_from_slots(utter_action, filled_slots, output_channel, **kwargs)
            if message is not None:
                return message
            if utter_action in self.responses:
                logger.warning("No English version of %s: answering in Chinese", utter_action)
        message = super().generate_from_slots(utter_action, filled_slots, output_channel, **kwargs)
        return localise_message(message, ZH_HANT) if message is not None and language == ZH_HANT else message
