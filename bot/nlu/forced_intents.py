"""The shared part of our rule-based intent classifiers: a rule's intent overrides DIET's.

Subclasses name the intent for a message (`intent_for`) and may add to it
(`after_forcing`); they run late in the pipeline (config.yml), so they also
override `nlu_fallback`.
"""
# No `from __future__ import annotations`: Rasa checks these type hints at graph-validation time.
from typing import Any, Dict, List, Optional, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message


def force_intent(message: Message, intent: str) -> None:
    """Make `intent` the message's intent with confidence 1.0, first in the ranking."""
    forced = {"name": intent, "confidence": 1.0}
    ranking = [r for r in message.get(INTENT_RANKING_KEY) or [] if r.get("name") != intent]
    message.set(INTENT, forced, add_to_output=True)
    message.set(INTENT_RANKING_KEY, [forced] + ranking, add_to_output=True)


class ForcedIntentClassifier(GraphComponent):
    """Base of the rule classifiers; not registered itself (each subclass is, with DefaultV1Recipe)."""

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> GraphComponent:
        return cls()

    def intent_for(self, text: str) -> Optional[str]:
        raise NotImplementedError

    def after_forcing(self, message: Message, text: str, intent: str) -> None:
        """Hook for what goes with the intent (e.g. an entity)."""

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT)
            intent = self.intent_for(text) if isinstance(text, str) else None
            if intent:
                force_intent(message, intent)
                self.after_forcing(message, text, intent)
        return messages
