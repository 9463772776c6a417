"""The glossary's ResponseSelector runs its model only for messages whose intent is `glossary`
(the glossary answers themselves are tested end to end in tests/test_e2e/test_interpret_e2e.py)."""
from rasa.nlu.selectors.response_selector import ResponseSelector
from rasa.shared.nlu.training_data.message import Message

from bot.nlu.glossary import GlossaryResponseSelector


def message(text, intent):
    result = Message(data={"text": text})
    result.set("intent", {"name": intent, "confidence": 0.9}, add_to_output=True)
    return result


def test_only_glossary_questions_reach_the_model(monkeypatch):
    seen = []

    def model(self, messages):
        seen.extend(m.get("text") for m in messages)
        for m in messages:
            m.set("response_selector", {"all_retrieval_intents": ["glossary"], "glossary": {"response": {}}},
                  add_to_output=True)
        return messages

    monkeypatch.setattr(ResponseSelector, "process", model)
    selector = GlossaryResponseSelector.__new__(GlossaryResponseSelector)
    selector.retrieval_intent, selector.all_retrieval_intents = "glossary", ["glossary"]
    asked, other = message("什么是免赔额", "glossary"), message("我要报案", "report_claim")

    assert selector.process([asked, other]) == [asked, other]
    assert seen == ["什么是免赔额"]
    assert "glossary" in asked.get("response_selector")
    # Rasa's processor still finds the list of retrieval intents, and no answer
    assert other.get("response_selector") == {"all_retrieval_intents": ["glossary"]}


def test_a_selector_for_every_retrieval_intent_always_runs(monkeypatch):
    seen = []
    monkeypatch.setattr(ResponseSelector, "process", lambda self, messages: seen.extend(messages) or messages)
    selector = GlossaryResponseSelector.__new__(GlossaryResponseSelector)
    selector.retrieval_intent, selector.all_retrieval_intents = None, ["glossary", "faq"]
    assert len(selector.process([message("a", "greet"), message("b", "faq")])) == 2
    assert len(seen) == 2
