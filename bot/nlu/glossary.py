"""The glossary's ResponseSelector, run only for messages that ask the glossary.

Rasa's ResponseSelector runs its model on every message and stores its ranking of all
glossary answers in every message's parse data. Its answer is used only when the message's
intent is the retrieval intent (`glossary`, data/nlu/glossary.yml): the rule
`glossary -> utter_glossary`. DIET runs before it (config.yml) and no later component turns
an intent into `glossary` (fallback, complaint words, number choices and /lang only turn
intents into others), so for every other message the model call was wasted: about 9% of the
Rasa server's time under load, plus the ranking carried in the tracker and sent to the
action server with every call. Those messages now only get the list of retrieval intents,
as Rasa's processor expects.
"""
# No `from __future__ import annotations`: Rasa checks these type hints at graph-validation time.
from typing import List

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.constants import RESPONSE_SELECTOR_PROPERTY_NAME, RESPONSE_SELECTOR_RETRIEVAL_INTENTS
from rasa.nlu.selectors.response_selector import ResponseSelector
from rasa.shared.nlu.constants import INTENT, INTENT_NAME_KEY
from rasa.shared.nlu.training_data.message import Message


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True)
class GlossaryResponseSelector(ResponseSelector):
    """A ResponseSelector for one retrieval intent that skips messages with another intent."""

    def asks(self, message: Message) -> bool:
        if not self.retrieval_intent:  # a selector for every retrieval intent: always needed
            return True
        return (message.get(INTENT) or {}).get(INTENT_NAME_KEY) == self.retrieval_intent

    def process(self, messages: List[Message]) -> List[Message]:
        asking = [message for message in messages if self.asks(message)]
        for message in messages:
            if not self.asks(message):
                properties = message.get(RESPONSE_SELECTOR_PROPERTY_NAME) or {}
                properties[RESPONSE_SELECTOR_RETRIEVAL_INTENTS] = self.all_retrieval_intents
                message.set(RESPONSE_SELECTOR_PROPERTY_NAME, properties, add_to_output=True)
        super().process(asking)
        return messages
