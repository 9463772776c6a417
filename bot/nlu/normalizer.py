"""Text normalisation for Chinese user input, and the Rasa component applying it.

`normalize_text()`:
- full-width ASCII letters, digits and symbols (U+FF01..U+FF5E) become half-width,
  the ideographic space U+3000 becomes " ", "￥" becomes "¥";
- the full-width forms that are ordinary *Chinese* punctuation stay as they are:
  ！（），：；？ (with 。、【】《》“” which are not full-width ASCII anyway), because
  training data and users write them that way and rules accept both forms;
  except "，" used as a thousands separator ("3，000" → "3,000");
- Traditional Chinese becomes Simplified (OpenCC "t2s");
- surrounding whitespace is stripped.

Apart from that strip, the length never changes, so entity offsets computed on
normalised text are valid on the original: every mapping above is one char to
one char, and if OpenCC's phrase conversion ever changes the length we fall
back to converting char by char (keeping any char whose conversion would not
be exactly one char).

`TextNormalizer` (Rasa) is built lazily on first attribute access so that
importing `normalize_text` does not pull in Rasa and TensorFlow.
"""
# No `from __future__ import annotations` here: Rasa validates the component's
# type hints with typing.get_type_hints(), which cannot resolve string
# annotations naming the locally imported Rasa classes below.
import re
from functools import lru_cache
from typing import Any, Dict, List, Text

_KEEP_FULLWIDTH = set("！（），：；？")

_HALFWIDTH = {
    code: code - 0xFEE0
    for code in range(0xFF01, 0xFF5F)
    if chr(code) not in _KEEP_FULLWIDTH
}
_HALFWIDTH[0x3000] = ord(" ")
_HALFWIDTH[0xFFE5] = ord("¥")
_THOUSANDS_COMMA = re.compile(r"(?<=\d)，(?=\d{3}(?!\d))")


@lru_cache(maxsize=1)
def _converter() -> Any:
    import opencc

    return opencc.OpenCC("t2s")


def _t2s(text: str) -> str:
    converted = _converter().convert(text)
    if len(converted) == len(text):
        return converted
    # A phrase rule changed the length: convert char by char instead.
    chars = []
    for char in text:
        single = _converter().convert(char)
        chars.append(single if len(single) == 1 else char)
    return "".join(chars)


def normalize_chars(text: str) -> str:
    """Half-width + Simplified, same length as `text` (no stripping)."""
    if not text:
        return text
    return _t2s(_THOUSANDS_COMMA.sub(",", text.translate(_HALFWIDTH)))


def normalize_text(text: str) -> str:
    """Normalise a user utterance: half-width, Simplified, stripped."""
    return normalize_chars(text or "").strip()


def _build_component() -> type:
    """Define and register the Rasa component (imports Rasa, so only on demand)."""
    from rasa.engine.graph import ExecutionContext, GraphComponent
    from rasa.engine.recipes.default_recipe import DefaultV1Recipe
    from rasa.engine.storage.resource import Resource
    from rasa.engine.storage.storage import ModelStorage
    from rasa.shared.nlu.constants import (
        ENTITIES,
        ENTITY_ATTRIBUTE_END,
        ENTITY_ATTRIBUTE_START,
        TEXT,
    )
    from rasa.shared.nlu.training_data.message import Message
    from rasa.shared.nlu.training_data.training_data import TrainingData

    # MESSAGE_TOKENIZER is the only non-trainable type whose
    # `process_training_data` the recipe runs during training (and in order, so
    # the real tokenizer after us sees the rewritten text). The recipe's
    # "only one tokenizer" check counts subclasses of `Tokenizer` only.
    @DefaultV1Recipe.register(
        [DefaultV1Recipe.ComponentType.MESSAGE_TOKENIZER], is_trainable=False
    )
    class TextNormalizer(GraphComponent):
        """Rewrites the TEXT of every message with `normalize_text()`."""

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

        def process_training_data(self, training_data: TrainingData) -> TrainingData:
            for message in training_data.training_examples:
                self._normalize(message)
            return training_data

        def process(self, messages: List[Message]) -> List[Message]:
            for message in messages:
                self._normalize(message)
            return messages

        @staticmethod
        def _normalize(message: Message) -> None:
            text = message.get(TEXT)
            if not isinstance(text, str) or not text:
                return
            mapped = normalize_chars(text)
            stripped = mapped.strip()
            lead = len(mapped) - len(mapped.lstrip())
            # Annotated training entities point into the text: follow the strip.
            for entity in message.get(ENTITIES) or []:
                if lead and ENTITY_ATTRIBUTE_START in entity:
                    entity[ENTITY_ATTRIBUTE_START] -= lead
                    entity[ENTITY_ATTRIBUTE_END] -= lead
            if stripped != text:
                message.set(TEXT, stripped)

    TextNormalizer.__module__ = __name__
    return TextNormalizer


def __getattr__(name: str) -> Any:
    # PEP 562: Rasa resolves "bot.nlu.normalizer.TextNormalizer" with getattr().
    if name == "TextNormalizer":
        component = _build_component()
        globals()[name] = component
        return component
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
