"""Facts of a coverage question carried into the claim report asked for right after it (actions/asked_facts.py)."""
from __future__ import annotations

from typing import Any, Dict, List, Optional

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions import asked_facts
from actions.claim_report import ActionCancelClaimReport
from actions.claim_report_form import ValidateClaimReportForm
from actions.interpret import ActionAnswerCoverage
from bot.nlu.entities import extract_entities

from .conftest import NOW, load_domain, texts, verified_slots

FORM = ValidateClaimReportForm()
T0 = NOW.timestamp()
QUESTION = "我上周五在私立医院急诊缝针花了3418，能报吗"  # 上周五 = 2026-11-20 (NOW is Tuesday 2026-11-24)
QUESTION_FACTS = {"date": "2026-11-20", "hospital_ownership": "private", "amount": "3418.00"}
NOTE = "您刚才提到的出险日期（2026年11月20日）、医院类型（民营/私立）、金额（¥3,418.00）已帮您填好，最后提交前可以修改。"


def user(text: str, intent: str, at: float = 0, entities: Optional[List[Dict[str, Any]]] = None) -> Dict[str, Any]:
    """A user message as Rasa logs it; the entities are the project's extractor's, unless given."""
    found = extract_entities(text, NOW) if entities is None else entities
    return {"event": "user", "text": text, "timestamp": T0 + at,
            "parse_data": {"text": text, "intent": {"name": intent, "confidence": 0.99}, "entities": found}}


def action(name: str, at: float = 0) -> Dict[str, Any]:
    return {"event": "action", "name": name, "timestamp": T0 + at}


def slot(name: str, value: Any, at: float = 0) -> Dict[str, Any]:
    return {"event": "slot", "name": name, "value": value, "timestamp": T0 + at}


def loop(name: Optional[str], at: float = 0) -> Dict[str, Any]:
    return {"event": "active_loop", "name": name, "timestamp": T0 + at}


def answered(facts: Optional[Dict[str, Any]] = None, question: str = QUESTION) -> List[Dict[str, Any]]:
    """The coverage question and its answer, which kept the facts."""
    return [user(question, "ask_coverage"), action("action_answer_coverage", 1),
            slot("asked_facts", facts or QUESTION_FACTS, 1), action("action_listen", 1)]


def conversation(events: List[Dict[str, Any]], slots: Optional[Dict[str, Any]] = None,
                 active_loop: Optional[str] = None) -> Tracker:
    """A tracker with these events; its slots are `slots` plus those the events set."""
    all_slots: Dict[str, Any] = {"verified": False, "verify_attempts": 0, **(slots or {})}
    all_slots.update({e["name"]: e["value"] for e in events if e["event"] == "slot"})
    latest = next(e for e in reversed(events) if e["event"] == "user")
    return Tracker(sender_id="test-user", slots=all_slots, latest_message=latest["parse_data"], events=list(events),
                   paused=False, followup_action=None, active_loop={"name": active_loop} if active_loop else {},
                   latest_action_name="action_listen")


def report_now(events: List[Dict[str, Any]], slots: Optional[Dict[str, Any]] = None) -> Tracker:
    """The claim form started for the latest message."""
    return conversation(events + [action("claim_report_form", 121), loop("claim_report_form", 121)],
                        {**verified_slots(), **(slots or {})}, active_loop="claim_report_form")


def slots_of(events) -> Dict[str, Any]:
    return {e["name"]: e["value"] for e in events if e.get("event") == "slot"}


# --- the coverage answer keeps the question's exact facts ----------------------------------------------


async def test_the_coverage_answer_keeps_the_questions_facts(database):
    tracker = conversation([user(QUESTION, "ask_coverage")], verified_slots())
    events = await ActionAnswerCoverage().run(CollectingDispatcher(), tracker, load_domain())
    assert slots_of(events)["asked_facts"] == QUESTION_FACTS


async def test_a_question_asked_before_verification_keeps_its_facts(database):
    events = [user(QUESTION, "ask_coverage"), action("action_remember_task"), loop("identity_form"),
              user("13800138000", "inform", 20), user("0026", "inform", 40), loop(None, 40)]
    tracker = conversation(events, {**verified_slots(), "pending_task": "ask_coverage", "pending_question": QUESTION,
                                    "pending_facts": QUESTION_FACTS})
    result = slots_of(await ActionAnswerCoverage().run(CollectingDispatcher(), tracker, load_domain()))
    assert result["asked_facts"] == QUESTION_FACTS and result["pending_facts"] is None


@pytest.mark.parametrize("question", [
    "花了3000多能报吗", "三千左右能报吗", "花了将近5000能报吗", "大概5000能报吗",
    "I spent about 5000 yuan last Friday, can I claim?",
    "在香港私立医院花了500美元能报吗",  # not yuan
    "花了3000，自付500，能报吗",  # which one?
])
def test_an_approximate_or_unclear_amount_is_not_kept(question):
    facts = asked_facts.question_facts(conversation([user(question, "ask_coverage")]))
    assert "amount" not in facts


def test_only_claim_facts_are_kept_nothing_personal():
    question = "我手机13800138000，身份证110105197903140026，11月20号在北京朝阳医院花了8000，我妈妈能报吗"
    facts = asked_facts.question_facts(conversation([user(question, "ask_coverage")]))
    assert facts == {"date": "2026-11-20", "hospital": "北京朝阳医院", "amount": "8000.00"}


async def test_a_new_question_replaces_the_facts_of_the_last_one(database):
    tracker = conversation(answered() + [user("免赔额还剩多少", "ask_coverage", 60)], verified_slots())
    events = await ActionAnswerCoverage().run(CollectingDispatcher(), tracker, load_domain())
    assert slots_of(events)["asked_facts"] is None
    fresh = conversation([user("免赔额还剩多少", "ask_coverage")], verified_slots())
    assert "asked_facts" not in slots_of(await ActionAnswerCoverage().run(CollectingDispatcher(), fresh, load_domain()))


# --- the report asked for next starts with them -----------------------------------------------------------


async def test_the_report_asked_for_next_starts_with_the_facts_and_says_so(database):
    dispatcher = CollectingDispatcher()
    tracker = report_now(answered() + [user("那帮我报案", "report_claim", 120)])
    filled = slots_of(await FORM.run(dispatcher, tracker, load_domain()))
    assert filled["incident_date"] == "2026-11-20" and filled["claim_amount"] == "3418.00"
    assert filled["hospital_grade"] == "unknown" and filled["hospital_ownership"] == "private"
    assert filled["asked_facts"] is None  # used once
    assert "hospital" not in filled and "claim_policy" not in filled  # still asked (王丽 has two policies)
    assert dispatcher.messages[0]["text"] == NOTE and texts(dispatcher).count("已帮您填好") == 1


async def test_after_a_thank_you_the_report_still_gets_them(database):
    tracker = report_now(answered() + [user("好的谢谢", "thank", 30), action("utter_you_are_welcome", 30),
                                       action("action_listen", 30), user("帮我报案吧", "report_claim", 120)])
    filled = slots_of(await FORM.run(CollectingDispatcher(), tracker, load_domain()))
    assert filled["incident_date"] == "2026-11-20"


async def test_the_verification_the_report_needed_keeps_them_and_the_reports_own_facts_win(database):
    """Facts told with the report request (kept through verification) come before the question's."""
    events = answered() + [
        user("那帮我报案，是周四晚上去的", "report_claim", 60), action("action_remember_task", 60), loop("identity_form", 60),
        user("13800138000", "inform", 80), user("0026", "inform", 100), loop(None, 100),
        action("action_after_identity", 100),
    ]
    dispatcher = CollectingDispatcher()
    tracker = report_now(events, {"pending_task": "report_claim", "pending_facts": {"date": "2026-11-19"}})
    filled = slots_of(await FORM.run(dispatcher, tracker, load_domain()))
    assert filled["incident_date"] == "2026-11-19" and filled["claim_amount"] == "3418.00"
    assert filled["pending_facts"] is None and filled["asked_facts"] is None
    note = dispatcher.messages[0]["text"]
    assert "出险日期" not in note and "医院类型（民营/私立）、金额（¥3,418.00）" in note


async def test_a_fact_in_the_report_request_itself_wins(database):
    request = user("那帮我报案，金额是3500", "report_claim", 120, entities=[
        {"entity": "amount", "value": "3500.00", "start": 9, "end": 13, "approximate": False}])
    dispatcher = CollectingDispatcher()
    filled = slots_of(await FORM.run(dispatcher, report_now(answered() + [request]), load_domain()))
    assert filled["claim_amount"] == "3500.00" and filled["incident_date"] == "2026-11-20"
    assert "金额" not in dispatcher.messages[0]["text"]


async def test_a_carried_date_is_checked_like_a_typed_one(database):
    """李建国's only policy started in 2025: a visit in 2024 is refused, and the note leaves the date out."""
    question = "2024年12月3日在私立医院花了3418能报吗"
    dispatcher = CollectingDispatcher()
    tracker = report_now(answered({"date": "2024-12-03", "hospital_ownership": "private", "amount": "3418.00"},
                                  question) + [user("那帮我报案", "report_claim", 120)], verified_slots("李建国"))
    filled = slots_of(await FORM.run(dispatcher, tracker, load_domain()))
    assert filled["incident_date"] is None and filled["claim_amount"] == "3418.00"
    said = texts(dispatcher)
    assert said.count("2024年12月03日还没有保障") == 1  # once, although both the policy and the date were new
    assert "出险日期（" not in said and dispatcher.messages[0]["text"].endswith("金额（¥3,418.00）已帮您填好，最后提交前可以修改。")


async def test_the_note_in_english(database):
    dispatcher = CollectingDispatcher()
    tracker = report_now(answered() + [user("please report a claim", "report_claim", 120)], {"language": "en"})
    await FORM.run(dispatcher, tracker, load_domain())
    assert dispatcher.messages[0]["text"] == (
        "I have filled in what you just told me: date (20 Nov 2026), hospital type (private), amount (¥3,418.00). "
        "You can change it before you submit.")


# --- stale facts never fill a claim ------------------------------------------------------------------------


@pytest.mark.parametrize("between", [
    [user("我的理赔到哪一步了", "ask_claim_status", 30), action("action_claim_status", 30), action("action_listen", 30)],
    [user("需要哪些材料", "ask_required_documents", 30), action("action_required_documents", 30)],
])
async def test_another_request_in_between_drops_them(database, between):
    dispatcher = CollectingDispatcher()
    tracker = report_now(answered() + between + [user("帮我报案", "report_claim", 120)])
    filled = slots_of(await FORM.run(dispatcher, tracker, load_domain()))
    assert "incident_date" not in filled and "claim_amount" not in filled
    assert filled["asked_facts"] is None and "已帮您填好" not in texts(dispatcher)


async def test_a_report_asked_for_long_after_the_answer_starts_empty(database):
    late = asked_facts.FRESH_S + 60
    tracker = report_now(answered() + [user("帮我报案", "report_claim", late)])
    filled = slots_of(await FORM.run(CollectingDispatcher(), tracker, load_domain()))
    assert "incident_date" not in filled and filled["asked_facts"] is None


async def test_a_coverage_question_during_the_form_fills_nothing(database):
    """Asked mid-form, the question's facts are not the report's: the form resumes without them."""
    events = [user("我要报案", "report_claim"), action("claim_report_form"), loop("claim_report_form"),
              slot("requested_slot", "incident_type"), action("action_listen")] + [
        dict(e, timestamp=e["timestamp"] + 10) for e in answered()]
    tracker = conversation(events, verified_slots(), active_loop="claim_report_form")
    filled = slots_of(await FORM.run(CollectingDispatcher(), tracker, load_domain()))
    assert "incident_date" not in filled and filled["asked_facts"] is None


async def test_cancelling_the_report_forgets_them():
    tracker = conversation(answered() + [user("不办了", "cancel", 60)])
    events = await ActionCancelClaimReport().run(CollectingDispatcher(), tracker, load_domain())
    assert slots_of(events)["asked_facts"] is None


async def test_the_answer_offers_to_report_when_it_kept_facts(database):
    dispatcher = CollectingDispatcher()
    tracker = conversation([user(QUESTION, "ask_coverage")], verified_slots())
    await ActionAnswerCoverage().run(dispatcher, tracker, load_domain())
    assert dispatcher.messages[0]["buttons"] == [{"title": "帮我报案", "payload": "/report_claim"}]
    dispatcher = CollectingDispatcher()
    await ActionAnswerCoverage().run(dispatcher, conversation([user("私立医院能报吗", "ask_coverage")], verified_slots()),
                                     load_domain())
    assert not dispatcher.messages[0].get("buttons")


async def test_a_question_asked_during_a_claim_report_keeps_nothing(database):
    tracker = conversation([user(QUESTION, "ask_coverage")], verified_slots(), active_loop="claim_report_form")
    events = await ActionAnswerCoverage().run(CollectingDispatcher(), tracker, load_domain())
    assert "asked_facts" not in slots_of(events)


async def test_a_request_the_router_replayed_as_a_report_still_gets_them(database):
    """'那就报吧，就是上周五那次' may read as a stray answer: replayed as report_claim, it counts as the request."""
    stray = user("那就报了吧，就是上周五那次", "inform", 60)
    replayed = dict(stray, parse_data=dict(stray["parse_data"], intent={"name": "report_claim", "confidence": 1.0}))
    events = answered() + [stray, action("action_route_stray_answer", 60), {"event": "rewind", "timestamp": T0 + 60},
                           replayed]
    filled = slots_of(await FORM.run(CollectingDispatcher(), report_now(events), load_domain()))
    assert filled["claim_amount"] == "3418.00" and filled["incident_date"] == "2026-11-20"


def test_a_general_question_tells_no_visit():
    assert asked_facts.question_facts(conversation([user("私立医院能报吗", "ask_coverage")])) == {}
    assert asked_facts.question_facts(conversation([user("在北京朝阳医院看病能报吗", "ask_coverage")])) == {}
    approximate_bill = asked_facts.question_facts(conversation([user("在私立医院花了3000多能报吗", "ask_coverage")]))
    assert approximate_bill == {"hospital_ownership": "private"}  # a real visit; its amount is asked for again
