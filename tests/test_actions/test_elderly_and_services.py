"""Issue 6 on the chat side: numbers pick buttons, elderly mode, call-backs, counter appointments,
paper policies by post, and a won dispute explained. Real seeded database, frozen clock (conftest)."""
from datetime import datetime
from decimal import Decimal

from rasa_sdk import Tracker
from rasa_sdk.executor import ActionExecutor, CollectingDispatcher
from sqlalchemy import select

import actions  # noqa: F401 - installs the elderly-mode hook on the executor
from actions import elderly
from actions.callback import ActionManageCallback, ActionSubmitCallback, ValidateCallbackForm
from actions.choices import ActionPickNumber
from actions.handoff import after_failures
from actions.identity import ActionAfterIdentity
from actions.interpret import ActionExplainDecision
from actions.paper_policy import ActionPaperPolicyStatus, ActionSubmitPaperPolicy, ValidatePaperPolicyForm, split_address
from actions.service_centre import ActionBookAppointment, ActionManageAppointment, ActionServiceCentre
from bot import clock
from bot.nlu.choices import chosen_number, command_intent
from bot.store import Callback, appointments, callbacks, customers, disputes, mailings, session_scope
from bot.store.advisors import create_advisor
from bot.store import claims as claim_store
from bot.store.models import Appointment, Policy

from .conftest import make_tracker, texts, verified_slots, with_bot_turn


async def run(action, tracker):
    dispatcher = CollectingDispatcher()
    events = await action.run(dispatcher, tracker, {})
    return dispatcher, events


# --- a number picks a button ---

def test_nlu_reads_a_lone_number_and_the_commands():
    assert [chosen_number(t) for t in ("2", "第二个", "选3", "回复1", "1号", "2000", "一万", "我选2吧")] == [2, 2, 3, 1, 1, None, None, 2]
    assert command_intent("/elder") == "elderly_assistance" and command_intent("/elder_off") == "elderly_mode_off"


async def test_a_number_replays_the_button_it_picks():
    buttons = [{"title": "上午", "payload": '/inform{"choice":"morning"}'},
               {"title": "下午", "payload": '/inform{"choice":"afternoon"}'}]
    tracker = with_bot_turn(make_tracker(text="2", intent="choose_number", entities=[{"entity": "number", "value": 2}]), buttons)
    _, events = await run(ActionPickNumber(), tracker)
    assert [e["event"] for e in events[:2]] == ["rewind", "action"]  # the rewind drops action_listen too
    replayed = events[2]
    assert replayed["text"] == '/inform{"choice":"afternoon"}'
    assert replayed["parse_data"]["intent"]["name"] == "inform"
    assert replayed["parse_data"]["entities"] == [{"entity": "choice", "value": "afternoon"}]


async def test_a_number_without_buttons_is_a_plain_answer_and_out_of_range_asks_again():
    tracker = make_tracker(text="3", intent="choose_number", entities=[{"entity": "number", "value": 3}])
    _, events = await run(ActionPickNumber(), tracker)
    assert events[2]["parse_data"]["intent"]["name"] == "inform" and events[2]["text"] == "3"
    buttons = [{"title": "是", "payload": "/affirm"}, {"title": "否", "payload": "/deny"}]
    tracker = with_bot_turn(make_tracker(text="5", intent="choose_number", entities=[{"entity": "number", "value": 5}]), buttons)
    dispatcher, events = await run(ActionPickNumber(), tracker)
    assert events == [] and "1或2" in texts(dispatcher) and dispatcher.messages[0]["buttons"] == buttons


async def test_a_lone_case_number_picks_the_claim_button_carrying_it_else_asks_its_status():
    case = [{"entity": "case_number", "value": "C-1001"}]
    buttons = [{"title": "C-1002 · 王丽", "payload": '/explain_decision{"case_number": "C-1002"}'},
               {"title": "C-1001 · 王丽", "payload": '/explain_decision{"case_number": "C-1001"}'}]
    tracker = with_bot_turn(make_tracker(text="C-1001", intent="choose_number", entities=case), buttons)
    _, events = await run(ActionPickNumber(), tracker)
    assert events[2]["parse_data"]["intent"]["name"] == "explain_decision"
    assert events[2]["parse_data"]["entities"] == [{"entity": "case_number", "value": "C-1001"}]
    _, events = await run(ActionPickNumber(), make_tracker(text="C-1001", intent="choose_number", entities=case))
    assert events[2]["parse_data"]["intent"]["name"] == "ask_claim_status"  # no claim buttons: how it is going
    in_form = make_tracker(text="C-1001", intent="choose_number", entities=case, active_loop="dispute_form")
    _, events = await run(ActionPickNumber(), in_form)
    assert events[2]["parse_data"]["intent"]["name"] == "inform"  # a form's answer


# --- elderly mode ---

def test_elderly_messages_are_short_numbered_and_plain():
    said = elderly.adapt([{"text": "好的，已登记。免赔额是1万元。顾问会联系您，请留意电话。",
                           "buttons": [{"title": "是", "payload": "/affirm"}, {"title": "否", "payload": "/deny"}]}])
    assert [m["text"].split("\n")[0] for m in said] == ["好的，已登记。", "自己先承担的那部分钱（免赔额）是1万元。", "顾问会联系您，请留意电话。"]
    assert said[-1]["buttons"][0]["title"] == "1. 是" and "请回复数字1或2" in said[-1]["text"]
    assert all(not m["buttons"] for m in said[:-1])


async def test_the_executor_speaks_plainly_in_elderly_mode_only(database):
    call = {"next_action": "action_service_centre", "domain": {},
            "tracker": {"sender_id": "s", "slots": {"elderly_mode": True}, "latest_message": {}, "events": [],
                        "paused": False, "latest_event_time": None, "followup_action": None, "active_loop": {},
                        "latest_action_name": "action_listen"}}
    executor = ActionExecutor()
    executor.register_action(ActionServiceCentre)
    response = await executor.run(call)
    assert "请回复数字1或2" in response["responses"][-1]["text"]
    assert "长者优先" in "\n".join(m["text"] for m in response["responses"])
    call["tracker"]["slots"] = {}
    response = await executor.run(call)
    assert "请回复数字" not in response["responses"][-1]["text"]


async def test_a_verified_customer_over_60_gets_elderly_mode_unless_switched_off(database):
    dispatcher, events = await run(ActionAfterIdentity(), make_tracker(slots=verified_slots("李建国")))
    assert {"event": "slot", "timestamp": None, "name": "elderly_mode", "value": True} in events and "长辈模式" in texts(dispatcher)
    _, events = await run(ActionAfterIdentity(), make_tracker(slots={**verified_slots("李建国"), "elderly_mode": False}))
    assert all(e.get("name") != "elderly_mode" for e in events)
    _, events = await run(ActionAfterIdentity(), make_tracker(slots=verified_slots("王丽")))
    assert all(e.get("name") != "elderly_mode" for e in events)


def test_elderly_mode_confirms_each_answer_and_offers_a_call_back_after_two_failures():
    slots = {"elderly_mode": True}
    answered = [{"event": "slot", "timestamp": None, "name": "hospital", "value": "北京朝阳医院"}]
    dispatcher = CollectingDispatcher()
    after_failures(dispatcher, make_tracker(slots=slots, text="北京朝阳医院", requested_slot="hospital"), answered)
    assert texts(dispatcher) == "好的，这一项记下了。"
    refused = [{"event": "slot", "timestamp": None, "name": "hospital", "value": None}]
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(slots={**slots, "form_failures": {"hospital": 1}}, text="？？", requested_slot="hospital")
    after_failures(dispatcher, tracker, refused)
    assert "顾问打电话给您" in texts(dispatcher)
    assert dispatcher.messages[0]["buttons"][0]["payload"] == "/request_callback"


# --- call-backs ---

async def test_call_back_to_the_verified_mobile_then_asked_changed_and_cancelled(database):
    slots = {**verified_slots("王丽"), "cb_phone": "verified", "cb_window": "morning", "cb_topic": "理赔进度"}
    dispatcher, events = await run(ActionSubmitCallback(), make_tracker(slots=slots))
    said = texts(dispatcher)
    assert "11月25日（周三）21:00 前" in said and "138****8000" in said and "13800138000" not in said
    assert {"event": "slot", "timestamp": None, "name": "cb_phone", "value": None} in events
    dispatcher, _ = await run(ActionManageCallback(), make_tracker(slots=verified_slots("王丽"), text="顾问什么时候给我打电话",
                                                                   intent="manage_callback"))
    assert "11月25日（周三）21:00 前" in texts(dispatcher) and "上午" in texts(dispatcher)
    dispatcher, _ = await run(ActionManageCallback(), make_tracker(slots=verified_slots("王丽"), text="回电改到下午",
                                                                   intent="manage_callback"))
    assert "下午" in texts(dispatcher) and "改好了" in texts(dispatcher)
    dispatcher, _ = await run(ActionManageCallback(), make_tracker(slots=verified_slots("王丽"), text="取消回电",
                                                                   intent="manage_callback"))
    assert "取消" in texts(dispatcher)
    with session_scope() as session:
        assert [c.status for c in session.scalars(select(Callback))] == ["cancelled"]
    dispatcher, _ = await run(ActionManageCallback(), make_tracker(slots=verified_slots("王丽"), text="顾问什么时候给我打电话",
                                                                   intent="manage_callback"))
    assert "您之前的回电预约已经取消了" in texts(dispatcher)


async def test_asked_after_the_advisor_called_the_user_hears_when(database):
    with session_scope() as session:
        customer = customers.find_by_mobile(session, "13800138000")
        advisor = create_advisor(session, "wang.fang", "王芳", "correct horse battery")
        called = callbacks.request_callback(session, customer_id=customer.id, sender_id="test-user", phone=None)
        callbacks.mark_done(session, called.callback, advisor.id, "已电话联系")
    dispatcher, _ = await run(ActionManageCallback(), make_tracker(slots=verified_slots("王丽"), text="顾问什么时候给我打电话",
                                                                   intent="manage_callback"))
    assert "顾问已经在11月24日 10:00 给您回过电话了" in texts(dispatcher)
    assert dispatcher.messages[-1]["buttons"]  # book another


async def test_call_back_phone_checks_and_an_unverified_user(database):
    form = ValidateCallbackForm()
    dispatcher = CollectingDispatcher()
    assert form.validate_cb_phone("010 1234 5678", dispatcher, make_tracker(), {}) == {"cb_phone": "010-12345678"}
    assert form.validate_cb_phone("12345", dispatcher, make_tracker(), {}) == {"cb_phone": None}
    assert "区号" in texts(dispatcher)
    assert form.validate_cb_phone("verified", dispatcher, make_tracker(), {}) == {"cb_phone": None}  # not verified
    tracker = make_tracker(slots={"requested_slot": "cb_phone", "verified": True, "customer_id": "1"},
                           text="/inform", entities=[{"entity": "choice", "value": "other_phone"}])
    assert await form.extract_cb_phone(dispatcher, tracker, {}) == {"cb_phone": None, "cb_other_phone": True}
    slots = {"cb_phone": "13912345678", "cb_window": "any", "cb_topic": "其他"}
    dispatcher, _ = await run(ActionSubmitCallback(), make_tracker(slots=slots))
    assert "139****5678" in texts(dispatcher) and "已为您预约回电" in texts(dispatcher)


# --- service centre ---

async def test_book_an_appointment_with_the_checklist_and_the_priority_counter(database):
    slots = {**verified_slots("李建国"), "current_claim": "C-1003"}
    dispatcher, _ = await run(ActionBookAppointment(), make_tracker(slots=slots, intent="book_appointment"))
    offered = dispatcher.messages[0]["buttons"]
    assert offered and "还剩" in offered[0]["title"] and "slot_time" in offered[0]["payload"]
    slot = datetime(2026, 11, 25, 9, 0, tzinfo=clock.tz())
    tracker = make_tracker(slots=slots, intent="book_appointment",
                           entities=[{"entity": "slot_time", "value": slot.isoformat()}])
    dispatcher, _ = await run(ActionBookAppointment(), tracker)
    said = texts(dispatcher)
    assert "预约成功" in said and "11月25日（周三）09:00-09:30" in said and "长者优先" in said
    assert "C-1003" in said and "出院小结" in said
    dispatcher, _ = await run(ActionManageAppointment(), make_tracker(slots=slots, text="我约的是几点", intent="manage_appointment"))
    assert "09:00-09:30" in texts(dispatcher)
    dispatcher, _ = await run(ActionManageAppointment(), make_tracker(slots=slots, text="取消预约", intent="manage_appointment"))
    assert "已经取消" in texts(dispatcher)


async def test_a_slot_filled_while_choosing_gets_fresh_choices(database, monkeypatch):
    monkeypatch.setenv("SERVICE_CENTRE_SLOT_CAPACITY", "2")
    slot = datetime(2026, 11, 25, 9, 0, tzinfo=clock.tz())
    with session_scope() as session:  # two others take the last seats while 李建国 is choosing
        for mobile in ("13800138000", "13700137000"):
            appointments.book(session, customers.find_by_mobile(session, mobile).id, slot)
    tracker = make_tracker(slots=verified_slots("李建国"), intent="book_appointment",
                           entities=[{"entity": "slot_time", "value": slot.isoformat()}])
    dispatcher, _ = await run(ActionBookAppointment(), tracker)
    assert "刚被约满了" in texts(dispatcher)
    fresh = dispatcher.messages[-1]["buttons"]
    assert fresh and all(slot.isoformat() not in b["payload"] for b in fresh)
    with session_scope() as session:
        assert len(session.scalars(select(Appointment)).all()) == 2


# --- paper policy ---

def test_a_whole_address_is_split_when_it_is_unambiguous():
    assert split_address("北京市朝阳区建国路88号") == {"pp_province": "北京市", "pp_city": "北京市",
                                                   "pp_district": "朝阳区", "pp_street": "建国路88号"}
    assert split_address("广东省深圳市南山区科技园路1号2栋")["pp_city"] == "深圳市"
    assert split_address("浙江杭州西湖区文三路90号") is None  # asked step by step


async def test_paper_policy_request_repeat_and_status(database):
    slots = {**verified_slots("王丽"), "pp_policy": "P2022-0001", "pp_recipient": "self", "pp_mobile": "self",
             "pp_province": "北京市", "pp_city": "北京市", "pp_district": "朝阳区", "pp_street": "建国路88号3号楼201",
             "pp_confirmed": "yes"}
    dispatcher, _ = await run(ActionSubmitPaperPolicy(), make_tracker(slots=slots))
    assert "已登记" in texts(dispatcher) and "王丽 138****8000" in texts(dispatcher)
    form = ValidatePaperPolicyForm()
    dispatcher = CollectingDispatcher()
    result = form.validate_pp_policy("P2022-0001", dispatcher, make_tracker(slots=verified_slots("王丽")), {})
    assert result["pp_confirmed"] == "repeat" and "不用重复申请" in texts(dispatcher)
    with session_scope() as session:
        request = mailings.requests_of(session, int(verified_slots("王丽")["customer_id"]))[0]
        mailings.advance(session, request, "posted", advisor_id=None, tracking_number="SF1234567890123")
    dispatcher, _ = await run(ActionPaperPolicyStatus(), make_tracker(slots=verified_slots("王丽"), intent="paper_policy_status"))
    assert "SF1234567890123" in texts(dispatcher) and "已经寄出" in texts(dispatcher)
    dispatcher, _ = await run(ActionPaperPolicyStatus(), make_tracker(slots=verified_slots("王丽"), text="纸质保单不用寄了",
                                                                    intent="paper_policy_status"))
    assert "已经寄出，没法取消了" in texts(dispatcher) and "SF1234567890123" in texts(dispatcher)


async def test_paper_policy_cancelled_before_posting_and_which_one_when_two(database):
    wang = int(verified_slots("王丽")["customer_id"])
    with session_scope() as session:
        for number in ("P2022-0001", "P2022-0002"):
            policy = session.scalar(select(Policy).where(Policy.policy_number == number))
            mailings.request_paper_copy(session, wang, policy, recipient="王丽", mobile="13800138000", province="北京市",
                                        city="北京市", district="朝阳区", street="建国路88号3号楼201")
    asked = make_tracker(slots=verified_slots("王丽"), text="取消纸质保单的申请", intent="paper_policy_status")
    dispatcher, _ = await run(ActionPaperPolicyStatus(), asked)
    assert "要取消哪一份保单的邮寄" in texts(dispatcher)
    choices = dispatcher.messages[-1]["buttons"]
    assert len(choices) == 2 and all('"choice": "cancel"' in b["payload"] for b in choices)
    picked = make_tracker(slots=verified_slots("王丽"), text=choices[1]["payload"], intent="paper_policy_status",
                          entities=[{"entity": "choice", "value": "cancel"},
                                    {"entity": "policy_number", "value": "P2022-0001"}])
    dispatcher, _ = await run(ActionPaperPolicyStatus(), picked)
    assert "已取消，不会寄出" in texts(dispatcher)
    with session_scope() as session:
        assert sorted((r.policy.policy_number, r.status) for r in mailings.requests_of(session, wang)) == [
            ("P2022-0001", "cancelled"), ("P2022-0002", "requested")]
    dispatcher, _ = await run(ActionPaperPolicyStatus(), make_tracker(slots=verified_slots("王丽"), text="纸质保单寄出了吗",
                                                                    intent="paper_policy_status"))
    assert "已取消" in texts(dispatcher) and "正在安排打印" in texts(dispatcher)


# --- a won dispute ---

async def test_explaining_a_claim_won_in_dispute_says_the_decision_changed(database):
    slots = verified_slots("王丽")
    with session_scope() as session:
        claim = claim_store.get_visible_claim(session, int(slots["customer_id"]), "C-1001")
        dispute = disputes.create_dispute(session, claim=claim, customer_id=int(slots["customer_id"]), sender_id="test-user",
                                          grounds=["emergency_admission"], statement="120急救车把我送到最近的医院")
        disputes.record_outcome(session, dispute, outcome="overturned", amount=Decimal("3418.00"), advisor_id=None)
    tracker = make_tracker(slots=slots, text="C-1001为什么拒赔", intent="explain_decision",
                           entities=[{"entity": "case_number", "value": "C-1001"}])
    dispatcher, _ = await run(ActionExplainDecision(), tracker)
    said = texts(dispatcher)
    assert said.startswith("案件 C-1001：您申诉后，保险公司在2026年11月24日改变了原来的决定，同意赔付 ¥3,418.00")
    assert "原来的决定" in said


# --- form answers on real servers (issue 6 fixes): what the NLU guesses must not beat the question asked ---

async def test_call_back_form_takes_the_answer_to_the_question_asked(database):
    form, dispatcher = ValidateCallbackForm(), CollectingDispatcher()
    # Slots cleared before the form starts are not answers: nothing is said about them.
    assert form.validate_cb_window(None, dispatcher, make_tracker(), {}) == {"cb_window": None}
    assert form.validate_cb_topic(None, dispatcher, make_tracker(), {}) == {"cb_topic": None}
    assert dispatcher.messages == []
    # "下午" read as a greeting still answers "when".
    tracker = make_tracker(text="下午", intent="greet", requested_slot="cb_window")
    assert await form.extract_cb_window(dispatcher, tracker, {}) == {"cb_window": "afternoon"}
    assert await form.extract_cb_window(dispatcher, make_tracker(text="你好", intent="greet", requested_slot="cb_window"), {}) == {}
    # "理赔进度" read as a status question is the topic when the topic is asked.
    tracker = make_tracker(text="理赔进度", intent="ask_claim_status", requested_slot="cb_topic")
    assert await form.extract_cb_topic(dispatcher, tracker, {}) == {"cb_topic": "理赔进度"}
    for intent in ("request_human", "cancel", "choose_number"):
        assert await form.extract_cb_topic(dispatcher, make_tracker(text="x", intent=intent, requested_slot="cb_topic"), {}) == {}
    # "不约了" (read as an appointment's) stops the form: nothing is booked.
    tracker = make_tracker(text="不约了", intent="manage_appointment", requested_slot="cb_topic",
                           slots={"cb_phone": "010-12345678", "cb_window": "morning"})
    events = await form.get_validation_events(dispatcher, tracker, {"forms": {"callback_form": {"required_slots": []}}})
    assert {"event": "slot", "timestamp": None, "name": "requested_slot", "value": None} in events
    assert "不约回电了" in texts(dispatcher)
    dispatcher, events = await run(ActionSubmitCallback(), make_tracker(slots={"cb_topic": "不约了"}))
    assert dispatcher.messages == []
    with session_scope() as session:
        assert list(session.scalars(select(Callback))) == []


async def test_paper_policy_form_reads_typed_choices_and_clears_quietly(database):
    form, dispatcher = ValidatePaperPolicyForm(), CollectingDispatcher()
    tracker = make_tracker(text="寄给我本人", requested_slot="pp_recipient", entities=[{"entity": "relationship", "value": "self"}])
    assert await form.extract_pp_recipient(dispatcher, tracker, {}) == {"pp_recipient": "self"}
    assert await form.extract_pp_recipient(dispatcher, make_tracker(text="张三", requested_slot="pp_recipient"), {}) == {"pp_recipient": "张三"}
    assert await form.extract_pp_mobile(dispatcher, make_tracker(text="用我的手机号", requested_slot="pp_mobile"), {}) == {"pp_mobile": "self"}
    tracker = make_tracker(text="13912345678", requested_slot="pp_mobile", entities=[{"entity": "mobile", "value": "13912345678"}])
    assert await form.extract_pp_mobile(dispatcher, tracker, {}) == {"pp_mobile": "13912345678"}
    assert await form.extract_pp_province(dispatcher, make_tracker(text="上海", requested_slot="pp_province"), {}) == {
        "pp_province": "上海市", "pp_city": "上海市"}
    changed = await form.extract_pp_confirmed(dispatcher, make_tracker(text="地址要改", intent="nlu_fallback",
                                                                       requested_slot="pp_confirmed"), {})
    assert changed["pp_confirmed"] is None and changed["pp_street"] is None
    assert await form.extract_pp_confirmed(dispatcher, make_tracker(text="确认", intent="affirm", requested_slot="pp_confirmed"), {}) == {
        "pp_confirmed": "yes"}
    assert form.validate_pp_street(None, dispatcher, make_tracker(), {}) == {"pp_street": None}
    assert form.validate_pp_policy(None, dispatcher, make_tracker(), {}) == {"pp_policy": None}
    assert dispatcher.messages == []


def test_elderly_mode_one_button_and_words_already_in_brackets():
    [message] = elderly.adapt([{"text": "收件人叫什么名字？", "buttons": [{"title": "寄给我本人", "payload": "/inform"}]}])
    assert message["text"].endswith("请回复数字1，或直接点选。")
    assert elderly.plain("2. 医保卡（社保卡）") == "2. 医保卡（社保卡）"
