"""Menu, stray answers, fallback and the polite answers for services not built yet."""
from rasa_sdk.executor import CollectingDispatcher

from actions.general import ActionDefaultAskAffirmation, ActionDefaultFallback, ActionNothingToCancel, ActionRouteStrayAnswer

from .conftest import make_tracker, texts


async def test_a_claim_narrative_outside_a_form_is_replayed_as_a_report():
    tracker = make_tracker(text="我上周五手割伤了，120送到了华康医院", intent="inform",
                           entities=[{"entity": "date", "value": "2026-11-20", "start": 1, "end": 4}])
    events = await ActionRouteStrayAnswer().run(CollectingDispatcher(), tracker, {})
    assert events[0]["event"] == "rewind"
    assert events[1]["event"] == "user" and events[1]["parse_data"]["intent"]["name"] == "report_claim"
    assert events[1]["parse_data"]["entities"][0]["value"] == "2026-11-20"


async def test_other_stray_answers_get_the_menu():
    dispatcher = CollectingDispatcher()
    events = await ActionRouteStrayAnswer().run(dispatcher, make_tracker(text="13800138000", intent="inform"), {})
    assert events == [] and "我可以帮您" in texts(dispatcher) and len(dispatcher.messages[0]["buttons"]) == 4


async def test_fallback_asks_in_plain_words_then_offers_a_person():
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(intent="nlu_fallback")
    tracker.latest_message["intent_ranking"] = [{"name": "nlu_fallback", "confidence": 0.5}, {"name": "report_claim", "confidence": 0.3}]
    await ActionDefaultAskAffirmation().run(dispatcher, tracker, {})
    assert "报案理赔" in texts(dispatcher) and dispatcher.messages[0]["buttons"][0]["payload"] == "/report_claim"
    dispatcher = CollectingDispatcher()
    events = await ActionDefaultFallback().run(dispatcher, make_tracker(), {})
    assert events[0]["event"] == "rewind" and dispatcher.messages[0]["buttons"][0]["payload"] == "/request_human"


async def test_a_claim_narrative_that_asks_whether_it_is_covered_is_replayed_as_that_question():
    """Answered first; a report asked for next starts with its facts (actions/asked_facts.py)."""
    for text in ("我上周五在私立医院急诊缝针花了3418，能报吗", "上个月在协和住院花了2万，这个能报销吗",
                 "I spent 3418 yuan at a private hospital last Friday, can I claim it?"):
        tracker = make_tracker(text=text, intent="inform", entities=[{"entity": "amount", "value": "3418.00"}])
        events = await ActionRouteStrayAnswer().run(CollectingDispatcher(), tracker, {})
        assert events[1]["parse_data"]["intent"]["name"] == "ask_coverage", text
    for text in ("我在县医院住院花了九千，能不能帮我申请理赔", "上周在华康医院缝了针花了两千块，这个能理赔吧我想申请"):
        tracker = make_tracker(text=text, intent="inform", entities=[{"entity": "amount", "value": "9000.00"}])
        events = await ActionRouteStrayAnswer().run(CollectingDispatcher(), tracker, {})
        assert events[1]["parse_data"]["intent"]["name"] == "report_claim", text


async def test_cancelling_a_reported_claim_outside_a_form_says_how_to_withdraw_it():
    dispatcher = CollectingDispatcher()
    await ActionNothingToCancel().run(dispatcher, make_tracker(text="我想取消报案", intent="cancel"), {})
    assert "撤案" in texts(dispatcher) and [b["payload"] for b in dispatcher.messages[0]["buttons"]] == [
        "/request_human", "/ask_claim_status"]
    dispatcher = CollectingDispatcher()
    await ActionNothingToCancel().run(dispatcher, make_tracker(text="cancel my claim", intent="cancel",
                                                               slots={"language": "en"}), {})
    assert texts(dispatcher).startswith("To withdraw a claim")
    dispatcher = CollectingDispatcher()  # nothing about a claim: "anything else?"
    await ActionNothingToCancel().run(dispatcher, make_tracker(text="算了", intent="cancel"), {})
    assert dispatcher.messages[0]["response"] == "utter_anything_else"
