"""Complaint words force the `complain` intent, whatever the classifier thought.

A user who writes "我要投诉" or "你们是骗子" in the middle of a form must reach
a person at once (priority 1), even if DIET reads the message as an answer or
as something unclear. Runs after the FallbackClassifier (config.yml), so it
also overrides `nlu_fallback`.
"""
# No `from __future__ import annotations`: Rasa checks these type hints at graph-validation time.
import re
from typing import Optional

from rasa.engine.recipes.default_recipe import DefaultV1Recipe

from bot.nlu.forced_intents import ForcedIntentClassifier

COMPLAIN_INTENT = "complain"
COMPLAINT_WORDS = re.compile(
    r"投诉|骗子|骗人|诈骗|忽悠|坑人|黑心|银保监|保监会|金融监管|监管局|监管部门|(?<![\d.])12378(?![\d.]|元|块)|曝光|"
    r"律师函|找律师|请律师|起诉|告你们|上法院|打官司|媒体|记者|消协|315晚会|3·15|黑猫"
)


def is_complaint(text: str) -> bool:
    return bool(COMPLAINT_WORDS.search(text or ""))


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class ComplaintKeywordClassifier(ForcedIntentClassifier):
    """Sets the intent to `complain` (confidence 1.0) when the text has a complaint word."""

    def intent_for(self, text: str) -> Optional[str]:
        return COMPLAIN_INTENT if is_complaint(text) else None
