"""A lone number, in Chinese or English, picks one of the offered buttons (bot.nlu.choices)."""
import pytest
from rasa.shared.nlu.training_data.message import Message

from bot.nlu.choices import NumberChoiceClassifier, chosen_number, command_intent


@pytest.mark.parametrize(
    "zh, en, number",
    [("2", "two", 2), ("第二个", "the second one", 2), ("选3", "option 3", 3), ("回复1", "number one", 1),
     ("1号", "1st", 1), ("我选2吧", "I'll take option 2 please", 2), ("第三个", "the 3rd one", 3),
     ("第一个", "first", 1), ("选择4", "No. 4", 4), ("2吧", "#2", 2), ("九", "I’ll go with nine", 9),
     ("就5", "choose 5.", 5)],
)
def test_a_lone_number_in_either_language(zh, en, number):
    assert chosen_number(zh) == number
    assert chosen_number(en) == number


@pytest.mark.parametrize(
    "text",
    ["2000", "一万", "option 10", "one thousand", "I have 2 kids", "second opinion", "no 2", "2 days ago",
     "the one with the receipt", "10", "0", "zero", "", None],
)
def test_not_a_choice(text):
    assert chosen_number(text) is None


def test_commands_stay_as_they_are():
    assert command_intent("/elder") == "elderly_assistance"
    assert command_intent("/ELDER_OFF ") == "elderly_mode_off"
    assert command_intent("elder") is None


def test_an_english_number_forces_choose_number_with_the_entity():
    message = Message(data={"text": "the second one", "intent": {"name": "nlu_fallback", "confidence": 0.3}})
    NumberChoiceClassifier().process([message])
    assert message.get("intent") == {"name": "choose_number", "confidence": 1.0}
    assert [(e["entity"], e["value"]) for e in message.get("entities")] == [("number", 2)]


@pytest.mark.parametrize("text", ["C-1001", "c1001", "是C-1001", "案件号：C-1001", "C-1001这个", "case number C-1001"])
def test_a_lone_case_number_also_answers_the_buttons_and_keeps_its_entity(text):
    entity = {"entity": "case_number", "value": "C-1001", "start": 0, "end": len(text)}
    message = Message(data={"text": text, "intent": {"name": "greet", "confidence": 0.6}, "entities": [entity]})
    NumberChoiceClassifier().process([message])
    assert message.get("intent")["name"] == "choose_number" and message.get("entities") == [entity]


@pytest.mark.parametrize("text", ["C-1001为什么被拒", "我的C-1001什么时候赔", "C-1001和C-1002"])
def test_a_case_number_in_a_sentence_is_left_to_the_model(text):
    message = Message(data={"text": text, "intent": {"name": "explain_decision", "confidence": 0.9}})
    NumberChoiceClassifier().process([message])
    assert message.get("intent")["name"] == "explain_decision"
