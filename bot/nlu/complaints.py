"""Complaint words force the `complain` intent, whatever the classifier thought.

A user who writes "我要投诉" or "你们是骗子" in the middle of a form must reach
a person at once (priority 1), even if DIET reads the message as an answer or
as something unclear. Runs after the FallbackClassifier (config.yml), so it
also overrides `nlu_fallback`.
"""
# No `from __future__ import annotations`: Rasa checks these type hints at graph-validation time.
import re
from typing import Any, Dict, List, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

COMPLAIN_INTENT = "complain"
COMPLAINT_WORDS = re.compile(
    r"投诉|骗子|骗人|诈骗|忽悠|坑人|黑心|银保监|保监会|金融监管|监管局|监管部门|(?<![\d.])12378(?![\d.]|元|块)|曝光|"
    r"律师函|找律师|请律师|起诉|告你们|上法院|打官司|媒体|记者|消协|315晚会|3·15|黑猫"
)


def is_complaint(text: str) -> bool:
    return bool(COMPLAINT_WORDS.search(text or ""))


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class ComplaintKeywordClassifier(GraphComponent):
    """Sets the intent to `complain` (confidence 1.0) when the text has a complaint word."""

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
            if not isinstance(text, str) or not is_complaint(text):
                continue
            forced = {"name": COMPLAIN_INTENT, "confidence": 1.0}
            ranking = [r for r in message.get(INTENT_RANKING_KEY) or [] if r.get("name") != COMPLAIN_INTENT]
            message.set(INTENT, forced, add_to_output=True)
            message.set(INTENT_RANKING_KEY, [forced] + ranking, add_to_output=True)
        return messages
