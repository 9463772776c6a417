"""A lone number, in Chinese or English, picks one of the offered buttons (bot.nlu.choices)."""
import pytest
from rasa.shared.nlu.training_data.message import Message

from bot.nlu.choices import NumberChoiceClassifier, chosen_number, command_intent, described_choice


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


@pytest.mark.parametrize("text, words", [
    ("阑尾炎那个", "阑尾炎"), ("被拒的那个", "被拒"), ("我妈的", "我妈"), ("就阑尾炎那个吧", "阑尾炎"), ("我的", "我"),
    ("帮我查一下我妈那个", "我妈"), ("闌尾炎那個", "阑尾炎"), ("the rejected one", "rejected"),
    ("the one for my mum", "my mum"), ("my mum's", "my mum's"), ("mine", "mine"),
])
def test_a_description_of_one_option_forces_choose_number(text, words):
    assert described_choice(text) == words
    read = {"name": "inform", "confidence": 0.7}
    message = Message(data={"text": text, "intent": read, "intent_ranking": [read]})
    NumberChoiceClassifier().process([message])
    assert message.get("intent")["name"] == "choose_number" and not message.get("entities")
    assert message.get("intent_ranking")[1]["name"] == "inform"  # what the model read, for when nothing was offered


@pytest.mark.parametrize("text", ["是的", "好的", "对的", "那个", "我想问一下那个", "怎么报那个", "the second one",
                                  "this one", "which one", "那个，我想问问理赔", "C-1001", "我上个月住院花了5000，能报吗"])
def test_answers_and_questions_are_not_descriptions(text):
    assert described_choice(text) is None
