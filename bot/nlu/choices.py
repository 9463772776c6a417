"""The NLU side of picking a button by a reply: a lone number, a case number or a description.

The replies are read in bot.nlu.choice_replies ("2", "第二个", "the second one",
"C-1001", "阑尾炎那个", "the rejected one"); here they become `choose_number`
(a number also as entity `number`, an int; a case number keeps its own entity),
and the dialogue (actions/choices.py) maps them to the button of the bot's last
message, which the NLU cannot see. Chat commands the channels may send as text:
"/elder" is `elderly_assistance`, "/elder_off" is `elderly_mode_off` (Rasa passes
a "/command" that is not an intent on to the NLU pipeline as plain text).
Runs last in the pipeline (config.yml), so it overrides DIET and nlu_fallback.
"""
# No `from __future__ import annotations`: Rasa checks these type hints at graph-validation time.
from typing import Optional

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import ENTITIES
from rasa.shared.nlu.training_data.message import Message

from bot.nlu.choice_replies import chosen_number, command_intent, described_choice, names_a_case_only
from bot.nlu.forced_intents import ForcedIntentClassifier

CHOOSE_NUMBER = "choose_number"
__all__ = ["CHOOSE_NUMBER", "NumberChoiceClassifier", "chosen_number", "command_intent", "described_choice",
           "names_a_case_only"]


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class NumberChoiceClassifier(ForcedIntentClassifier):
    """Forces `choose_number` for a lone number, and the elderly-mode intents for their commands."""

    def intent_for(self, text: str) -> Optional[str]:
        if command_intent(text):
            return command_intent(text)
        picks = chosen_number(text) is not None or names_a_case_only(text) or described_choice(text)
        return CHOOSE_NUMBER if picks else None

    def after_forcing(self, message: Message, text: str, intent: str) -> None:
        if intent != CHOOSE_NUMBER or chosen_number(text) is None:  # a case number keeps its own entity
            return
        found = [e for e in message.get(ENTITIES) or [] if e.get("entity") != "number"]
        found.append({"entity": "number", "value": chosen_number(text), "start": 0, "end": len(text),
                      "extractor": type(self).__name__})
        message.set(ENTITIES, found, add_to_output=True)
