"""Rasa 3.6 NLU component running the rule-based claims entity extractor.

config.yml:  - name: bot.nlu.components.ClaimsEntityExtractor
"""
# No `from __future__ import annotations`: Rasa checks these type hints at
# graph-validation time and they must be real types.
import logging
from datetime import datetime
from typing import Any, Dict, List, Optional, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.extractors.extractor import EntityExtractorMixin
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot import clock, logging_masks, rasa_patches
from bot.nlu.entities import extract_entities, get_nlp

logger = logging.getLogger(__name__)

# Rasa imports this module in every process that loads the model: the place
# to apply the speed-ups (see bot/rasa_patches.py).
rasa_patches.install()
logging_masks.install()  # Rasa's debug log prints user messages: mask personal numbers


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR], is_trainable=False
)
class ClaimsEntityExtractor(GraphComponent, EntityExtractorMixin):
    """Adds amount, date, mobile, id_number, case_number, hospital... entities."""

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> GraphComponent:
        get_nlp()  # build the spaCy pipeline now, not on the first user message
        return cls()

    @staticmethod
    def required_packages() -> List[Text]:
        return ["spacy"]

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT)
            if not isinstance(text, str) or not text:
                continue
            found = self.add_extractor_name(extract_entities(text, self._moment(message)))
            message.set(ENTITIES, message.get(ENTITIES, []) + found, add_to_output=True)
        return messages

    @staticmethod
    def _moment(message: Message) -> Optional[datetime]:
        """The message's own time if Rasa set one (seconds since epoch), else our clock.

        Rasa 3.6's NLUMessageConverter never sets `Message.time`, so in practice
        this is `bot.clock.now()` (which honours CLAIMS_NOW and `freeze()`).
        """
        if message.time is not None:
            try:
                return datetime.fromtimestamp(float(message.time), tz=clock.tz())
            except (TypeError, ValueError, OverflowError, OSError):
                logger.warning("Ignoring unusable message time %r", message.time)
        return clock.now()
