"""Call-backs: phone validation, one open call-back per customer, change, cancel, done (SQLite + PostgreSQL)."""
from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from bot import clock
from bot.store import callbacks, handoffs
from bot.store.advisors import create_advisor
from bot.store.callbacks import CallbackError, mask_phone, parse_phone, request_callback
from bot.store.db import session_scope
from bot.store.models import Callback, Handoff

SHANGHAI = ZoneInfo("Asia/Shanghai")


@pytest.mark.parametrize("typed, stored", [
    ("13800138000", "13800138000"), ("138 0013 8000", "13800138000"), ("+86 138-0013-8000", "13800138000"),
    ("１３８００１３８０００", "13800138000"), ("010-12345678", "010-12345678"), ("0755-1234567", "0755-1234567"),
    ("021 1234 5678", "021-12345678"), ("(0755)12345678", "0755-12345678"), ("+86 10 1234 5678", "010-12345678"),
])
def test_chinese_mobiles_and_landlines_are_accepted(typed, stored):
    assert parse_phone(typed) == stored


@pytest.mark.parametrize("typed", ["", "12345", "12800138000", "1380013800", "010-1234567", "0755-123456",
                                   "010-02345678", "电话13800138000", "00755-1234567"])
def test_other_numbers_are_refused_in_plain_chinese(typed):
    with pytest.raises(CallbackError) as problem:
        parse_phone(typed)
    assert "号码" in str(problem.value)


def test_phones_are_masked():
    assert mask_phone("13800138000") == "138****8000"
    assert mask_phone("010-12345678") == "010-****5678"
    assert mask_phone("0755-1234567") == "0755-***4567"


def test_request_queues_a_priority_3_item_due_end_of_next_working_day(seeded_url, people, frozen_clock):
    with session_scope(seeded_url) as session:
        result = request_callback(session, customer_id=people["李建国"], sender_id="web-li", phone=None,
                                  window="morning", topic="出院小结不会拍")
        assert result.updated is False
        assert result.message == ("好的，已为您预约回电。顾问会在11月25日（周三）21:00 前拨打 139****9000 联系您，"
                                  "会尽量在上午打给您。请留意接听。")
        item = result.callback.handoff
        assert (item.kind, item.reason, item.priority, item.status) == ("callback", "callback", 3, "queued")
        assert item.due_at == result.callback.due_at == datetime(2026, 11, 25, 21, 0, tzinfo=SHANGHAI)
        assert result.callback.phone == "13900139000"  # defaults to the verified mobile, stored whole
        assert item.context["title"] == "李建国 · 预约回电"
        assert "电话：139****9000" in item.context["sections"][0]["lines"]
        assert "13900139000" not in str(item.context)
        assert handoffs.conversation_handoff(session, "web-li") is None  # a call-back never holds the chat
        assert [h.id for h in handoffs.queue(session)] == [item.id]


def test_a_second_request_updates_the_open_one_and_says_so(seeded_url, people):
    with session_scope(seeded_url) as session:
        first = request_callback(session, customer_id=people["王丽"], sender_id="web-1", phone="13800138000",
                                 window="any", topic="报案")
    with session_scope(seeded_url) as session:
        again = request_callback(session, customer_id=people["王丽"], sender_id="web-2", phone="010-12345678",
                                 window="afternoon", topic="")
        assert again.updated and again.callback.id == first.callback.id
        assert again.message.startswith("您之前已经预约过回电，这次已按新的要求更新：")
        assert "010-****5678" in again.message and "下午" in again.message
        assert again.callback.topic == "报案"  # an empty topic keeps the old one
        assert session.scalar(select(Handoff).where(Handoff.kind == "callback")).id == first.callback.handoff_id
        assert len(session.scalars(select(Callback)).all()) == 1
    with session_scope(seeded_url) as session:  # asked for again in one step: number and time of day stay
        kept = request_callback(session, customer_id=people["王丽"], sender_id="web-2", topic="继续报案", keep=True)
        assert kept.kept and kept.callback.id == first.callback.id
        assert (kept.callback.phone, kept.callback.call_window, kept.callback.topic) == (
            "010-12345678", "afternoon", "继续报案")
        assert kept.message.startswith("您已经预约过回电了，还按原来的电话和时段：") and "下午" in kept.message


def test_the_database_allows_one_open_call_back_per_customer(seeded_url, people):
    with session_scope(seeded_url) as session:
        first = request_callback(session, customer_id=people["王丽"], sender_id="web-1", phone="13800138000").callback
        duplicate = Callback(handoff_id=handoffs.open_handoff(session, sender_id=None, reason="callback",
                                                              kind="callback").id,
                             customer_id=first.customer_id, phone="13800138000", call_window="any", topic="",
                             status="open", due_at=first.due_at, note="")
        session.add(duplicate)
        with pytest.raises(IntegrityError):
            session.flush()
        session.rollback()


def test_an_unverified_user_gets_one_per_conversation(seeded_url):
    with session_scope(seeded_url) as session:
        first = request_callback(session, sender_id="web-anon", phone="0755-1234567", topic="想咨询")
        assert first.callback.customer_id is None and first.callback.handoff.sender_id == "web-anon"
        second = request_callback(session, sender_id="web-anon", phone="13800138000")
        assert second.updated and second.callback.id == first.callback.id
        with pytest.raises(CallbackError, match="电话号码"):
            request_callback(session, sender_id="web-other", phone=None)  # nobody to default to


def test_change_cancel_and_status(seeded_url, people):
    with session_scope(seeded_url) as session:
        callback = request_callback(session, customer_id=people["张伟"], sender_id="web-z", phone="13700137000").callback
        assert callbacks.change_callback(session, callback, window="afternoon", topic="问等待期") == (
            "已经改好了：顾问会在11月25日（周三）21:00 前拨打 137****7000 联系您，会尽量在下午打给您。")
        with pytest.raises(CallbackError):
            callbacks.change_callback(session, callback, phone="123")
        assert callbacks.current_callback(session, customer_id=people["张伟"]) is callback
        assert "还在安排中" in callbacks.status_text(callback) and "问等待期" in callbacks.status_text(callback)
        assert callbacks.cancel_callback(session, callback).startswith("已经为您取消了回电预约")
        assert callback.handoff.status == "closed" and handoffs.queue(session) == []
        assert callbacks.current_callback(session, customer_id=people["张伟"]) is None
        assert callbacks.status_text(None).startswith("您现在没有预约回电")
        with pytest.raises(CallbackError, match="已经取消"):
            callbacks.cancel_callback(session, callback)


def test_an_advisor_marks_it_done_with_a_note(seeded_url, people):
    with session_scope(seeded_url) as session:
        advisor = create_advisor(session, "wang.fang", "王芳", "correct horse battery")
        callback = request_callback(session, customer_id=people["王丽"], sender_id="web-w", phone=None).callback
        with pytest.raises(CallbackError, match="回电情况"):
            callbacks.mark_done(session, callback, advisor.id, "  ")
        callbacks.mark_done(session, callback, advisor.id, "已电话联系，指导补交出院小结")
        item = callback.handoff
        assert (callback.status, callback.done_by, item.status, item.taken_by) == ("done", advisor.id, "closed", advisor.id)
        assert item.first_response_at is not None
        assert [n.text for n in item.notes] == ["已回电：已电话联系，指导补交出院小结"]
        assert callbacks.status_text(callback).startswith("顾问已经在11月24日 10:00 给您回过电话了")
        assert callbacks.current_callback(session, customer_id=people["王丽"]) is None
        assert callbacks.recent_callback(session, customer_id=people["王丽"]) is callback  # "什么时候打": already called
        # done: a new request opens a new call-back
        again = request_callback(session, customer_id=people["王丽"], sender_id="web-w", phone=None)
        assert not again.updated and again.callback.id != callback.id


def test_the_call_back_closed_last_answers_when_nothing_is_open(seeded_url, people):
    with session_scope(seeded_url) as session:
        advisor = create_advisor(session, "li.na", "李娜", "correct horse battery")
        called = request_callback(session, customer_id=people["张伟"], sender_id="web-z", phone=None).callback
        callbacks.mark_done(session, called, advisor.id, "已回电")
        assert callbacks.recent_callback(session, customer_id=people["张伟"]) is called
        assert callbacks.recent_callback(session, customer_id=people["王丽"]) is None
        anonymous = request_callback(session, sender_id="web-anon", phone="13912345678").callback
        callbacks.cancel_callback(session, anonymous)
        assert callbacks.recent_callback(session, sender_id="web-anon") is anonymous
        assert callbacks.recent_callback(session, sender_id="web-z") is None  # a verified customer's, not by sender
    with clock.freeze(datetime(2026, 12, 9, 10, 0)):  # 15 days on: too old to answer "什么时候打"
        with session_scope(seeded_url) as session:
            assert callbacks.recent_callback(session, customer_id=people["张伟"]) is None
