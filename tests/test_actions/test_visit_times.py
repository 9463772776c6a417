"""Booking a counter visit for the day and time the user names, and later days on request (now: Tue 24 Nov 10:00)."""
from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import yaml
from rasa_sdk.events import FollowupAction
from rasa_sdk.executor import CollectingDispatcher

from actions.service_centre import ActionBookAppointment, ActionManageAppointment
from actions.visit_slots import NOT_A_DAY, REPLY_INTENTS
from bot import clock
from bot.store import appointments, customers, session_scope

from .conftest import make_tracker, texts, verified_slots, with_bot_turn


async def run(action, tracker):
    dispatcher = CollectingDispatcher()
    await action.run(dispatcher, tracker, {})
    return dispatcher


def offered(dispatcher) -> list:
    """(slot start or "more", title) of the last message's buttons."""
    shown = []
    for button in dispatcher.messages[-1].get("buttons") or []:
        entities = json.loads("{" + button["payload"].split("{", 1)[1]) if "{" in button["payload"] else {}
        shown.append(("more" if entities.get("choice") == "more" else entities.get("slot_time"), button["title"]))
    return shown


def at(month, day, hour, minute=0) -> str:
    return datetime(2026, month, day, hour, minute, tzinfo=clock.tz()).isoformat()


def ask(text, **slots):
    return make_tracker(slots={**verified_slots("王丽"), **slots}, text=text, intent="book_appointment")


async def test_a_named_day_and_part_of_day_offers_only_those_slots(database):
    dispatcher = await run(ActionBookAppointment(), ask("我想约周四下午去"))
    starts = [start for start, _ in offered(dispatcher) if start != "more"]
    assert "11月26日（周四）下午还可以约这些时间" in texts(dispatcher)
    assert starts == [at(11, 26, hour, minute) for hour in (12, 13, 14, 15) for minute in (0, 30)]
    assert offered(dispatcher)[-1][0] == "more"


async def test_an_exact_time_comes_with_its_neighbours_and_a_full_one_says_so(database, monkeypatch):
    dispatcher = await run(ActionBookAppointment(), ask("下周一上午10点"))
    assert "11月30日（周一） 10:00还可以约" in texts(dispatcher)
    starts = [start for start, _ in offered(dispatcher) if start != "more"]
    assert starts[0] == at(11, 30, 10, 0) and all(start.startswith("2026-11-30") for start in starts)
    assert starts[1:] == sorted(starts[1:])
    monkeypatch.setenv("SERVICE_CENTRE_SLOT_CAPACITY", "1")
    with session_scope() as session:
        appointments.book(session, customers.find_by_mobile(session, "13700137000").id,
                          datetime(2026, 11, 30, 10, 0, tzinfo=clock.tz()))
    dispatcher = await run(ActionBookAppointment(), ask("下周一上午10点"))
    assert "约不上（已约满或不在营业时间），离它最近的空位是" in texts(dispatcher)
    starts = [start for start, _ in offered(dispatcher) if start != "more"]
    assert at(11, 30, 10, 0) not in starts and at(11, 30, 9, 30) in starts and at(11, 30, 10, 30) in starts


async def test_a_closed_or_far_day_is_explained_before_the_next_free_slots(database):
    dispatcher = await run(ActionBookAppointment(), ask("这周六上午"))
    said = texts(dispatcher)
    assert "11月28日（周六）服务中心休息" in said and "下面是最近可以预约的时间" in said
    assert offered(dispatcher)[0][0] == at(11, 24, 10, 30)  # today's next slot
    dispatcher = await run(ActionBookAppointment(), ask("明年3月1号"))
    assert "只能预约14天以内的时间" in texts(dispatcher)
    dispatcher = await run(ActionBookAppointment(), ask("约这周一"))
    assert "已经过去了" in texts(dispatcher)


async def test_more_shows_later_days_and_keeps_the_appointment_being_moved(database):
    first = offered(await run(ActionBookAppointment(), ask("预约到店")))
    assert "直接告诉我" in first[-1][1] or first[-1][0] == "more"
    last_shown = max(start for start, _ in first if start != "more")
    more = ask("/book_appointment")
    more.latest_message["entities"] = [{"entity": "choice", "value": "more"},
                                       {"entity": "slot_time", "value": last_shown},
                                       {"entity": "appointment_id", "value": 7}]
    dispatcher = await run(ActionBookAppointment(), more)
    assert "再往后几天可以预约的时间" in texts(dispatcher)
    later = [start for start, _ in offered(dispatcher) if start != "more"]
    assert later and min(later)[:10] > last_shown[:10]
    assert all('"appointment_id": 7' in b["payload"] for b in dispatcher.messages[-1]["buttons"])


async def test_a_wish_waits_through_verification_and_a_change_names_the_new_day(database):
    slots = {**verified_slots("王丽"), "pending_task": "book_appointment", "pending_question": "帮我约周三上午"}
    tracker = make_tracker(slots=slots, text="1234", intent="inform")
    tracker.latest_action_name = "action_after_identity"
    dispatcher = await run(ActionBookAppointment(), tracker)
    assert "11月25日（周三）上午还可以约" in texts(dispatcher)
    with session_scope() as session:
        appointments.book(session, customers.find_by_mobile(session, "13800138000").id,
                          datetime(2026, 11, 25, 9, 0, tzinfo=clock.tz()))
    change = make_tracker(slots=verified_slots("王丽"), text="我想改到下周二下午", intent="manage_appointment")
    dispatcher = await run(ActionManageAppointment(), change)
    assert "12月1日（周二）下午还可以约" in texts(dispatcher)
    assert all('"appointment_id"' in b["payload"] for b in dispatcher.messages[-1]["buttons"])


async def test_english_wishes(database):
    tracker = make_tracker(slots={**verified_slots("王丽"), "language": "en"}, text="Can I come next Friday at 2pm?",
                           intent="book_appointment")
    dispatcher = await run(ActionBookAppointment(), tracker)
    assert "For Fri 4 Dec at 14:00, these times still have places" in texts(dispatcher)
    assert offered(dispatcher)[-1] == ("more", "Show later days")


def reply(text, intent, after, **slots):
    """A typed answer, read by the NLU as `intent`, to the bot's answer `after` (a dispatcher)."""
    tracker = make_tracker(slots={**verified_slots("王丽"), **slots}, text=text, intent=intent)
    earlier = [{"event": "user", "text": "上一轮"}, {"event": "bot", "text": "旧的", "data": {"buttons": [
        {"title": "旧", "payload": '/book_appointment{"slot_time": "%s", "appointment_id": 99}' % at(12, 7, 9)}]}}]
    answer = [{"event": "bot", "text": m.get("text"), "data": {"buttons": m.get("buttons") or []}}
              for m in after.messages]
    tracker.events = earlier + [{"event": "user", "text": "帮我约"}] + answer + [
        {"event": "action", "name": "action_listen"}] + tracker.events
    return tracker


async def test_a_day_typed_after_the_slots_is_read_even_when_the_nlu_reads_it_as_something_else(database):
    first = await run(ActionBookAppointment(), ask("预约到店"))
    dispatcher = await run(ActionBookAppointment(), reply("下周四下午", "inform", first))
    assert "12月3日（周四）下午还可以约这些时间" in texts(dispatcher)
    assert all('"appointment_id"' not in b["payload"] for b in dispatcher.messages[-1]["buttons"])
    dispatcher = await run(ActionBookAppointment(), reply("那个时间", "inform", first))
    assert "没看出您想约哪天、几点" in texts(dispatcher)
    assert offered(dispatcher)[0][0] == at(11, 24, 10, 30)


async def test_a_time_typed_after_one_days_slots_is_that_days(database):
    thursday = await run(ActionBookAppointment(), ask("帮我约周四"))
    dispatcher = await run(ActionBookAppointment(), reply("下午三点", "inform", thursday))
    assert "11月26日（周四） 15:00还可以约" in texts(dispatcher)
    assert offered(dispatcher)[0][0] == at(11, 26, 15)
    spread = await run(ActionBookAppointment(), ask("预约到店"))  # several days: the time is the nearest day's
    dispatcher = await run(ActionBookAppointment(), reply("下午三点", "inform", spread))
    assert "最近几天的 15:00还可以约" in texts(dispatcher)


async def test_a_day_typed_while_moving_an_appointment_moves_it(database):
    with session_scope() as session:
        booked = appointments.book(session, customers.find_by_mobile(session, "13800138000").id,
                                   datetime(2026, 11, 25, 9, 0, tzinfo=clock.tz())).appointment.id
    change = make_tracker(slots=verified_slots("王丽"), text="改时间", intent="manage_appointment")
    moving = await run(ActionManageAppointment(), change)
    for action in (ActionManageAppointment(), ActionBookAppointment()):
        dispatcher = await run(action, reply("周五上午", "inform", moving))
        assert "11月27日（周五）上午还可以约" in texts(dispatcher)
        assert all(f'"appointment_id": {booked}' in b["payload"] for b in dispatcher.messages[-1]["buttons"])


async def test_a_reply_naming_no_day_gets_what_its_intent_gets_anywhere_else(database):
    first = await run(ActionBookAppointment(), ask("预约到店"))
    for intent, usual in NOT_A_DAY.items():
        for action in (ActionBookAppointment(), ActionManageAppointment()):
            dispatcher = CollectingDispatcher()
            events = await action.run(dispatcher, reply("你好呀", intent, first), {})
            assert events == [FollowupAction(usual)] and not dispatcher.messages
    dispatcher = await run(ActionBookAppointment(), reply("周四不行，周五呢", "deny", first))
    assert "11月27日（周五）还可以约这些时间" in texts(dispatcher)
    dispatcher = await run(ActionBookAppointment(), reply("周四下午", "greet", first))  # looks like 下午好
    assert "11月26日（周四）下午还可以约这些时间" in texts(dispatcher)


def test_every_reply_intent_has_its_rules_after_both_booking_actions():
    rules = yaml.safe_load(Path("data/rules/services.yml").read_text(encoding="utf-8"))["rules"]
    routed = {(rule["steps"][0].get("action"), rule["steps"][1].get("intent"), rule["steps"][2].get("action"))
              for rule in rules if len(rule["steps"]) == 3}
    for action in ("action_book_appointment", "action_manage_appointment"):
        assert {(action, intent, action) for intent in REPLY_INTENTS} <= routed


async def test_a_range_of_days_and_a_time_limit(database):
    dispatcher = await run(ActionBookAppointment(), ask("周三到周五下午都可以"))
    assert "11月25日（周三）至11月27日（周五）下午还可以约这些时间" in texts(dispatcher)
    days = {start[:10] for start, _ in offered(dispatcher) if start != "more"}
    assert days == {"2026-11-25", "2026-11-26", "2026-11-27"}
    assert all(start[11:13] >= "12" for start, _ in offered(dispatcher) if start != "more")
    dispatcher = await run(ActionBookAppointment(), ask("周四下午三点以后"))
    assert "11月26日（周四） 15:00以后还可以约" in texts(dispatcher)
    starts = [start for start, _ in offered(dispatcher) if start != "more"]
    assert starts == [at(11, 26, hour, minute) for hour in (15, 16) for minute in (0, 30)]
    dispatcher = await run(ActionBookAppointment(), ask("这周六到周日"))  # both closed: said, then the next slots
    assert "11月28日（周六）服务中心休息" in texts(dispatcher) and offered(dispatcher)[0][0] == at(11, 24, 10, 30)


async def test_a_range_of_times_offers_the_slots_inside_it(database):
    dispatcher = await run(ActionBookAppointment(), ask("帮我约周四十点到十一点"))
    assert "11月26日（周四） 10:00至11:00还可以约这些时间" in texts(dispatcher)
    starts = [start for start, _ in offered(dispatcher) if start != "more"]
    assert starts == [at(11, 26, 10), at(11, 26, 10, 30)]  # not 11:00: it starts at the end of the window
    dispatcher = await run(ActionBookAppointment(), ask("週四下午2點至3點半"))  # Traditional, normalised first
    assert "11月26日（周四） 14:00至15:30还可以约" in texts(dispatcher)
    starts = [start for start, _ in offered(dispatcher) if start != "more"]
    assert starts == [at(11, 26, 14), at(11, 26, 14, 30), at(11, 26, 15)]
    dispatcher = await run(ActionBookAppointment(), ask("周三到周五下午两点到三点"))
    assert "11月25日（周三）至11月27日（周五） 14:00至15:00还可以约" in texts(dispatcher)
    starts = [start for start, _ in offered(dispatcher) if start != "more"]
    assert starts == [at(11, day, 14, minute) for day in (25, 26, 27) for minute in (0, 30)]


async def test_a_range_of_times_in_english_and_a_full_one(database, monkeypatch):
    tracker = make_tracker(slots={**verified_slots("王丽"), "language": "en"},
                           text="Thursday between 10 and 11am please", intent="book_appointment")
    dispatcher = await run(ActionBookAppointment(), tracker)
    assert "For Thu 26 Nov between 10:00 and 11:00, these times still have places" in texts(dispatcher)
    assert [start for start, _ in offered(dispatcher) if start != "more"] == [at(11, 26, 10), at(11, 26, 10, 30)]
    monkeypatch.setenv("SERVICE_CENTRE_SLOT_CAPACITY", "1")
    with session_scope() as session:
        for minute in (0, 30):
            appointments.book(session, customers.find_by_mobile(session, "13700137000").id,
                              datetime(2026, 11, 26, 10, minute, tzinfo=clock.tz()))
    dispatcher = await run(ActionBookAppointment(), ask("周四十点到十一点"))
    assert "11月26日（周四） 10:00至11:00已经约满了" in texts(dispatcher)
    assert offered(dispatcher)[0][0] == at(11, 24, 10, 30)  # then the next free slots



SLOTS_OFFERED = [{"title": f"12月3日（周四）{t} · 还剩3个位置",
                  "payload": '/book_appointment{"slot_time": "2026-12-03T%s:00+08:00"}' % t} for t in ("10:00", "10:30")]


async def test_a_typed_time_of_one_offered_slot_books_it(database):
    """"十点半那个" after slots that include 10:30 on one day books that slot, as if its button were pressed."""
    for customer, text, intent in (("李建国", "十点半那个", "choose_number"), ("王丽", "那就约10:30吧", "book_appointment")):
        tracker = with_bot_turn(make_tracker(slots=verified_slots(customer), text=text, intent=intent), SLOTS_OFFERED)
        said = texts(await run(ActionBookAppointment(), tracker))
        assert said.startswith("预约成功") and "12月3日" in said and "10:30" in said, text
    tracker = with_bot_turn(make_tracker(slots=verified_slots("张伟"), text="十一点那个", intent="choose_number"),
                            SLOTS_OFFERED)
    assert "预约成功" not in texts(await run(ActionBookAppointment(), tracker))  # 11:00 not offered: slots again
