"""Text normalisation and the Rasa TextNormalizer component."""
import pytest

from bot.nlu.normalizer import normalize_chars, normalize_text


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("１３８００１３８０００", "13800138000"),
        ("ＲＭＢ　３，０００", "RMB 3,000"),  # "，" between digits is a thousands comma
        ("共３，２个", "共3，2个"),
        ("￥１３４１８．００", "¥13418.00"),
        ("Ｃ－１００１", "C-1001"),
        ("２０２２／１１／６", "2022/11/6"),
        ("醫院費用", "医院费用"),
        ("我在協和醫院住院，花了８千", "我在协和医院住院，花了8千"),
        ("乾淨的頭髮", "干净的头发"),
        ("  昨天  ", "昨天"),
        ("\u3000你好\u3000", "你好"),
        ("你好！在吗？（急）：是；", "你好！在吗？（急）：是；"),  # Chinese punctuation kept
        ("已经是简体了。", "已经是简体了。"),
        ("ａｂｃＸＹＺ", "abcXYZ"),
        ("", ""),
    ],
)
def test_normalize_text(raw, expected):
    assert normalize_text(raw) == expected


@pytest.mark.parametrize(
    "raw",
    ["　２０２２年１１月６日在協和醫院就診，費用８０００元　", "　後來鬆餅乾了", "　甚麼　瞭解"],
)
def test_normalize_chars_keeps_length_and_does_not_strip(raw):
    result = normalize_chars(raw)
    assert len(result) == len(raw)
    assert result[0] == " " and result.strip() == normalize_text(raw)


def test_none_is_treated_as_empty():
    assert normalize_text(None) == ""


# --- Rasa component ------------------------------------------------------------------


@pytest.fixture(scope="module")
def normalizer():
    from bot.nlu.normalizer import TextNormalizer

    return TextNormalizer.create({}, None, None, None)


def test_component_is_registered_as_tokenizer_type():
    from rasa.engine.recipes.default_recipe import DefaultV1Recipe

    registered = DefaultV1Recipe._from_registry("bot.nlu.normalizer.TextNormalizer")
    assert registered.types == {DefaultV1Recipe.ComponentType.MESSAGE_TOKENIZER}
    assert registered.is_trainable is False
    assert registered.clazz.__module__ == "bot.nlu.normalizer"


def test_component_process_rewrites_text(normalizer):
    from rasa.shared.nlu.training_data.message import Message

    messages = [Message(data={"text": "協和醫院花了８０００元"}), Message(data={"intent": "x"})]
    normalizer.process(messages)
    assert messages[0].get("text") == "协和医院花了8000元"
    assert messages[1].get("text") is None


def test_component_training_data_keeps_entity_offsets(normalizer):
    from rasa.shared.nlu.training_data.message import Message
    from rasa.shared.nlu.training_data.training_data import TrainingData

    text = "\u3000在協和醫院看病"
    entity = {"entity": "hospital", "value": "協和醫院", "start": 2, "end": 6}
    example = Message(data={"text": text, "intent": "report", "entities": [entity]})
    normalizer.process_training_data(TrainingData([example]))
    new_text = example.get("text")
    assert new_text == "在协和医院看病"
    moved = example.get("entities")[0]
    assert new_text[moved["start"]:moved["end"]] == "协和医院"


def test_length_changing_phrase_conversion_falls_back_to_chars(monkeypatch):
    from bot.nlu import normalizer as module

    class PhraseGrowsConverter:
        def convert(self, text):
            return text.replace("乾", "干") + ("!" if len(text) > 1 else "")

    monkeypatch.setattr(module, "_converter", PhraseGrowsConverter)
    assert module.normalize_chars("乾淨") == "干淨"
