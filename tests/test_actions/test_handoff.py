"""Hand-off: one action for every trigger, the advisor's context summary, the wait, the return, call-backs."""
from datetime import datetime

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy import select

from actions.common import count_failures
from actions.general import ActionDefaultFallback
from actions.callback import ActionRequestCallback
from actions.handoff import ActionBackToBot, ActionHandoff, after_failures
from actions.identity import ActionAfterIdentity
from bot.store.identity import mask_personal_numbers as mask_text
from bot import clock
from bot.store import Handoff, session_scope
from bot.store import handoffs

from .conftest import make_tracker, texts, verified_slots


def sections(item: Handoff) -> dict:
    return {s["heading"]: "\n".join(s["lines"]) for s in item.context["sections"]}


def only_item() -> Handoff:
    with session_scope() as session:
        items = list(session.scalars(select(Handoff)))
        assert len(items) == 1
        session.expunge_all()
        return items[0]


def event_names(events):
    return [e["event"] for e in events]


async def run_handoff(tracker):
    dispatcher = CollectingDispatcher()
    events = await ActionHandoff().run(dispatcher, tracker, {})
    return dispatcher, events


async def test_request_human_queues_the_verified_customer_with_the_full_context(database):
    tracker = make_tracker(slots={**verified_slots("王丽"), "current_claim": "C-1001"}, text="C-1001的事我想找真人问问",
                           intent="request_human")
    dispatcher, events = await run_handoff(tracker)
    assert event_names(events)[-1] == "pause"
    assert "真人理赔顾问" in texts(dispatcher) and "前面没有人排队" in texts(dispatcher)
    item = only_item()
    assert (item.kind, item.reason, item.priority, item.sender_id) == ("handoff", "request_human", 2, "test-user")
    assert item.context["title"] == "王丽 · 要求人工 · C-1001"
    found = sections(item)
    assert "王丽 · 138****8000" in found["客户"] and "已验证身份" in found["客户"]
    assert "安康百万医疗险" in found["保单"]
    assert "C-1001" in found["本次理赔"] and "¥13,418.00" in found["本次理赔"]
    assert "第2.4条" in found["理赔决定解读"] and "120" in found["理赔决定解读"]
    assert found["用户原话"] == "C-1001的事我想找真人问问"
    assert "13800138000" not in str(item.context)


async def test_missing_materials_are_listed_for_an_incomplete_claim(database):
    tracker = make_tracker(slots={**verified_slots("李建国"), "current_claim": "C-1003"}, text="转人工",
                           intent="request_human")
    await run_handoff(tracker)
    found = sections(only_item())
    assert "出院小结" in found["缺少的材料"] and "费用明细清单" in found["缺少的材料"]
    assert "理赔决定解读" not in found


async def test_an_unverified_user_is_handed_off_without_anything_personal(database):
    tracker = make_tracker(text="我手机13800138000，身份证110105197903140026，帮我查C-1001", intent="request_human")
    dispatcher, events = await run_handoff(tracker)
    said = texts(dispatcher)
    assert "王" not in said and "C-1001" not in said and "保单" not in said
    assert all(not m.get("buttons") for m in dispatcher.messages)
    item = only_item()
    assert item.customer_id is None and item.claim_id is None
    assert item.context["title"] == "未验证用户 · 要求人工"
    assert list(sections(item)) == ["客户", "用户原话"]
    assert "未验证身份" in sections(item)["客户"]
    words = sections(item)["用户原话"]
    assert "138****8000" in words and "1101**********0026" in words and "13800138000" not in words


async def test_verification_failed_reveals_nothing(database):
    tracker = make_tracker(slots={"mobile": "failed", "id_last4": "failed", "verify_attempts": 3}, text="0026")
    dispatcher = CollectingDispatcher()
    events = await ActionAfterIdentity().run(dispatcher, tracker, {})
    assert "连续3次对不上" in texts(dispatcher) and "王" not in texts(dispatcher)
    assert all(not m.get("buttons") for m in dispatcher.messages)
    assert event_names(events)[-1] == "pause"
    item = only_item()
    assert item.reason == "verification_failed" and item.customer_id is None
    assert "核实连续3次失败" in sections(item)["客户"] and list(sections(item)) == ["客户", "用户原话"]


async def test_complaint_and_elderly_are_priority_one(database):
    await run_handoff(make_tracker(slots=verified_slots("李建国"), text="我要投诉你们", intent="complain"))
    item = only_item()
    assert (item.reason, item.priority) == ("complaint", 1)
    await run_handoff(make_tracker(slots={**verified_slots("李建国"), "elderly_mode": True}, text="转人工",
                                   intent="request_human"))
    assert only_item().priority == 1  # the same conversation: one open item


async def test_a_verified_user_aged_60_goes_first_even_with_elderly_mode_off(database):
    await run_handoff(make_tracker(slots={**verified_slots("李建国"), "elderly_mode": False}, text="转人工",
                                   intent="request_human"))
    assert (only_item().reason, only_item().priority) == ("request_human", 1)


async def test_a_younger_user_asking_for_a_person_is_priority_two(database):
    await run_handoff(make_tracker(slots=verified_slots("王丽"), text="转人工", intent="request_human"))
    assert only_item().priority == 2


async def test_mid_form_handoff_stops_the_form_and_shows_what_was_collected(database):
    slots = {**verified_slots("王丽"), "claim_policy": "P2022-0001", "incident_type": "accident",
             "incident_date": "2026-11-20", "hospital": "北京华康医院", "claim_amount": "13418.00"}
    tracker = make_tracker(slots=slots, text="我要投诉", intent="complain", active_loop="claim_report_form",
                           requested_slot="diagnosis")
    _, events = await run_handoff(tracker)
    assert {"event": "active_loop", "timestamp": None, "name": None} in events
    assert {"event": "slot", "timestamp": None, "name": "interrupted_form", "value": "claim_report_form"} in events
    collected = sections(only_item())["机器人已收集"]
    assert "北京华康医院" in collected and "2026年11月20日" in collected and "¥13,418.00" in collected


async def test_identity_form_interrupted_forgets_the_half_typed_identity(database):
    tracker = make_tracker(slots={"mobile": "13800138000"}, text="转人工", intent="request_human",
                           active_loop="identity_form", requested_slot="id_last4")
    _, events = await run_handoff(tracker)
    assert {"event": "slot", "timestamp": None, "name": "mobile", "value": None} in events


async def test_outside_hours_says_when_advisors_are_back_and_offers_a_call_back(database):
    with clock.freeze(datetime(2026, 11, 24, 22, 30)):
        dispatcher, _ = await run_handoff(make_tracker(slots=verified_slots("王丽"), text="转人工", intent="request_human"))
    said = texts(dispatcher)
    assert "顾问休息时间" in said and "明天 09:00" in said
    assert dispatcher.messages[-1]["buttons"] == [{"title": "预约顾问回电", "payload": "/request_callback"}]
    assert only_item().due_at == datetime(2026, 11, 25, 9, 30, tzinfo=clock.tz())


async def test_just_before_closing_with_a_queue(database):
    with session_scope() as session:
        for n in range(3):
            handoffs.open_handoff(session, sender_id=f"other-{n}", reason="request_human")
    with clock.freeze(datetime(2026, 11, 24, 20, 50)):
        dispatcher, _ = await run_handoff(make_tracker(text="转人工", intent="request_human"))
    assert "今天 21:00 后暂停服务，明天 09:00 起顾问会回复您" in texts(dispatcher)
    assert all(not m.get("buttons") for m in dispatcher.messages)  # unverified: no call-back offer


async def test_two_fallbacks_in_a_row_hand_off(database):
    tracker = make_tracker(text="阿巴阿巴", intent="nlu_fallback", active_loop="action_two_stage_fallback")
    dispatcher = CollectingDispatcher()
    events = await ActionDefaultFallback().run(dispatcher, tracker, {})
    assert event_names(events)[-1] == "pause" and "一直没弄明白" in texts(dispatcher)
    assert only_item().reason == "fallback"
    assert {"event": "active_loop", "timestamp": None, "name": None} not in events  # Rasa ends its own loop


async def test_back_to_bot_resumes_with_the_menu_and_offers_the_interrupted_form(database):
    dispatcher = CollectingDispatcher()
    events = await ActionBackToBot().run(dispatcher, make_tracker(slots={"interrupted_form": "claim_report_form"}), {})
    assert event_names(events)[0] == "resume"
    assert "顾问已把对话交回给我" in texts(dispatcher) and "我可以帮您" in texts(dispatcher)
    assert dispatcher.messages[-1]["buttons"][0] == {"title": "接着报案", "payload": "/report_claim"}
    dispatcher = CollectingDispatcher()
    await ActionBackToBot().run(dispatcher, make_tracker(), {})
    assert len(dispatcher.messages[-1]["buttons"]) == 4


async def test_back_to_bot_lets_a_user_blocked_by_failed_checks_verify_again(database):
    blocked = {"verified": False, "verify_attempts": 3, "mobile": "failed", "id_last4": "failed"}
    events = await ActionBackToBot().run(CollectingDispatcher(), make_tracker(slots=blocked), {})
    reset = {e["name"]: e["value"] for e in events if e.get("event") == "slot"}
    assert reset == {"interrupted_form": None, "verify_attempts": 0, "mobile": None, "id_last4": None}
    events = await ActionBackToBot().run(CollectingDispatcher(), make_tracker(slots=verified_slots("王丽")), {})
    assert "verify_attempts" not in {e.get("name") for e in events}


async def test_back_to_bot_takes_the_user_an_advisor_verified_as_that_customer(database):
    from bot.store import customers

    blocked = {"verified": False, "verify_attempts": 3, "mobile": "failed", "id_last4": "failed"}
    with session_scope() as session:
        item = handoffs.open_handoff(session, sender_id="test-user", reason="verification_failed")
        li = customers.find_by_mobile(session, "13900139000")
        handoffs.verify_for_bot(session, item, li.id, advisor_id=1, shown="李建国 · 139****9000")
        handoffs.finish(session, item, "returned")
    dispatcher = CollectingDispatcher()
    events = await ActionBackToBot().run(dispatcher, make_tracker(slots=blocked), {})
    slots = {e["name"]: e["value"] for e in events if e.get("event") == "slot"}
    assert (slots["verified"], slots["customer_id"], slots["customer_name"]) == (True, str(li.id), "李先生")
    assert slots["elderly_mode"] is True  # 60+: as when he verifies himself
    assert "顾问已帮您核实了身份" in texts(dispatcher)
    dispatcher = CollectingDispatcher()  # a later hand-off nobody verified in: nothing taken for granted
    with session_scope() as session:
        handoffs.open_handoff(session, sender_id="test-user", reason="request_human")
    events = await ActionBackToBot().run(dispatcher, make_tracker(slots=blocked), {})
    assert "verified" not in {e.get("name") for e in events} and "核实了身份" not in texts(dispatcher)


def paused_tracker(slots) -> Tracker:
    tracker = make_tracker(slots=slots, text="/request_callback", intent="request_callback")
    tracker._paused = True
    return tracker


async def test_request_callback_books_a_priority_three_item_for_the_next_working_day(database):
    dispatcher = CollectingDispatcher()
    events = await ActionRequestCallback().run(dispatcher, make_tracker(slots=verified_slots("王丽"),
                                                                        intent="request_callback"), {})
    assert events == []
    said = texts(dispatcher)
    assert "138****8000" in said and "11月25日（周三）21:00 前" in said and "13800138000" not in said
    item = only_item()
    assert (item.kind, item.reason, item.priority) == ("callback", "callback", 3)
    assert item.due_at == datetime(2026, 11, 25, 21, 0, tzinfo=clock.tz())
    assert "电话：138****8000" in sections(item)["回电"]


async def test_a_call_back_asked_for_again_in_one_step_keeps_the_time_of_day(database):
    from bot.store import callbacks, customers

    with session_scope() as session:
        cid = customers.find_by_mobile(session, "13800138000").id
        callbacks.request_callback(session, customer_id=cid, sender_id="test-user", phone="010-12345678",
                                   window="morning")
    for lang, expected in (("zh-Hans", "还按原来的电话和时段"), ("en", "same number and time of day")):
        dispatcher = CollectingDispatcher()
        tracker = make_tracker(slots={**verified_slots("王丽"), "language": "en" if lang == "en" else "zh"},
                               intent="request_callback")
        await ActionRequestCallback().run(dispatcher, tracker, {})
        assert expected in texts(dispatcher)
    with session_scope() as session:
        [callback] = session.scalars(select(callbacks.Callback)).all()
        assert (callback.phone, callback.call_window) == ("010-12345678", "morning")


async def test_call_back_from_a_paused_conversation_replaces_the_queued_handoff(database):
    await run_handoff(make_tracker(slots=verified_slots("王丽"), text="转人工", intent="request_human"))
    dispatcher = CollectingDispatcher()
    events = await ActionRequestCallback().run(dispatcher, paused_tracker(verified_slots("王丽")), {})
    assert event_names(events) == ["resume"] and "取消排队" in texts(dispatcher)
    with session_scope() as session:
        assert handoffs.conversation_handoff(session, "test-user") is None
        assert [h.kind for h in handoffs.queue(session)] == ["callback"]


async def test_request_callback_needs_verification(database):
    dispatcher = CollectingDispatcher()
    await ActionRequestCallback().run(dispatcher, make_tracker(intent="request_callback"), {})
    assert "预约回电" in texts(dispatcher)
    with session_scope() as session:
        assert handoffs.queue(session) == []


def test_refused_answers_are_counted_per_question():
    refused = [{"event": "slot", "timestamp": None, "name": "claim_amount", "value": None}]
    tracker = make_tracker(active_loop="claim_report_form", requested_slot="claim_amount", text="很多")
    assert count_failures(tracker, refused) == (
        [{"event": "slot", "timestamp": None, "name": "form_failures", "value": {"claim_amount": 1}}], False)
    tracker = make_tracker(slots={"form_failures": {"claim_amount": 2}}, active_loop="claim_report_form",
                           requested_slot="claim_amount", text="很多")
    assert count_failures(tracker, refused)[1] is True
    accepted = [{"event": "slot", "timestamp": None, "name": "claim_amount", "value": "8000.00"}]
    assert count_failures(tracker, accepted) == (
        [{"event": "slot", "timestamp": None, "name": "form_failures", "value": None}], False)
    # confirmations and questions of their own never count
    confirm = make_tracker(active_loop="claim_report_form", requested_slot="claim_confirmed", intent="deny")
    assert count_failures(confirm, [{"event": "slot", "name": "claim_confirmed", "value": None}]) == ([], False)
    digression = make_tracker(active_loop="claim_report_form", requested_slot="claim_amount", intent="help")
    assert count_failures(digression, refused) == ([], False)


async def test_the_third_refused_answer_to_the_same_question_hands_off(database):
    refused = [{"event": "slot", "timestamp": None, "name": "claim_amount", "value": None}]
    slots = {**verified_slots("王丽"), "form_failures": {"claim_amount": 2}, "hospital": "北京朝阳医院"}
    tracker = make_tracker(slots=slots, active_loop="claim_report_form", requested_slot="claim_amount", text="很多")
    dispatcher = CollectingDispatcher()
    events = after_failures(dispatcher, tracker, refused)
    assert events[0] == refused[0] and event_names(events)[-1] == "pause"
    assert {"event": "active_loop", "timestamp": None, "name": None} in events
    assert "不太好填" in texts(dispatcher)
    item = only_item()
    assert item.reason == "form_failures" and "北京朝阳医院" in sections(item)["机器人已收集"]


def test_mask_text():
    assert mask_text("电话13800138000，身份证11010519790314002X") == "电话138****8000，身份证1101**********002X"
    assert mask_text("金额13418元，案件C-1001") == "金额13418元，案件C-1001"
