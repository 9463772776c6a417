"""Complaint words force the `complain` intent over whatever the classifier said."""
import pytest
from rasa.shared.nlu.training_data.message import Message

from bot.nlu.complaints import ComplaintKeywordClassifier, is_complaint


@pytest.mark.parametrize("text", ["我要投诉", "你们是骗子", "我去银保监告你们", "打12378", "我要曝光你们", "等着收律师函",
                                  "我要起诉", "找记者来"])
def test_complaint_words(text):
    assert is_complaint(text)


@pytest.mark.parametrize("text", ["花了12378.5元", "花了123780元", "一共12378元", "我要报案", "北京华康医院", "315元", ""])
def test_ordinary_messages(text):
    assert not is_complaint(text)


@pytest.mark.parametrize(
    "text",
    ["I want to complain", "I'd like to file a complaint", "this is a scam", "you are scammers", "that's fraud",
     "what a rip-off", "you ripped me off", "you cheated me", "I'll report you to the regulator",
     "I will call 12378", "terrible service", "worst insurance company ever", "I'll sue you", "my lawyer will contact you",
     "see you in court", "I'm going to the media", "I'll post this on social media", "the ombudsman will hear about this",
     "REPORT YOU TO THE CBIRC"],
)
def test_english_complaint_words(text):
    assert is_complaint(text)


@pytest.mark.parametrize(
    "text",
    ["I want to report a claim", "report an accident", "I'd like to report my mom's hospital stay",
     "reporting a new claim", "the hospital report", "can you send me the report", "I paid 12378 yuan",
     "RMB 12378", "¥12378", "my wife Sue", "a good service", "Do I need a lawyer's stamp? no", "complete the form",
     "consumables", "what's covered"],
)
def test_ordinary_english_messages(text):
    assert not is_complaint(text)


def test_the_intent_is_forced_and_ranked_first():
    message = Message(data={"text": "你们这些骗子", "intent": {"name": "nlu_fallback", "confidence": 0.4},
                            "intent_ranking": [{"name": "inform", "confidence": 0.4}]})
    plain = Message(data={"text": "你好", "intent": {"name": "greet", "confidence": 0.9}})
    ComplaintKeywordClassifier().process([message, plain])
    assert message.get("intent") == {"name": "complain", "confidence": 1.0}
    assert [r["name"] for r in message.get("intent_ranking")] == ["complain", "inform"]
    assert plain.get("intent")["name"] == "greet"
