"""The advisors' queue on SQLite and PostgreSQL: one open item per conversation, SLA, priorities."""
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot import clock
from bot.store import Advisor, Conversation, find_by_mobile, get_visible_claim, session_scope
from bot.store import handoffs

TZ = ZoneInfo("Asia/Shanghai")


def _context(title, heading, *lines):
    return {"title": title, "sections": [{"heading": heading, "lines": list(lines)}]}


def _advisor(session) -> int:
    advisor = Advisor(username="li", display_name="李顾问", password_hash="x")
    session.add(advisor)
    session.flush()
    return advisor.id


def test_open_handoff_creates_the_conversation_and_sets_the_sla(seeded_url):
    with session_scope(seeded_url) as session:
        item = handoffs.open_handoff(session, sender_id="s1", reason="request_human",
                                     context=_context("王丽 · 要求人工", "客户", "王丽"), user_words="转人工")
        assert session.get(Conversation, "s1").channel == "api"
        assert (item.kind, item.status, item.priority) == ("handoff", "queued", 2)
        assert item.due_at == datetime(2026, 11, 24, 10, 30, tzinfo=TZ)
        assert handoffs.conversation_handoff(session, "s1").id == item.id


@pytest.mark.parametrize("reason, priority", [("elderly", 1), ("dispute", 1), ("complaint", 1), ("fallback", 2),
                                              ("callback", 3)])
def test_default_priorities(seeded_url, reason, priority):
    with session_scope(seeded_url) as session:
        kind = "callback" if reason == "callback" else "handoff"
        assert handoffs.open_handoff(session, sender_id="s", reason=reason, kind=kind).priority == priority


def test_bad_values_are_refused(seeded_url):
    with session_scope(seeded_url) as session:
        with pytest.raises(ValueError):
            handoffs.open_handoff(session, sender_id="s", reason="bored")
        with pytest.raises(ValueError):
            handoffs.open_handoff(session, sender_id="s", reason="other", kind="chat")
        with pytest.raises(ValueError):
            handoffs.open_handoff(session, sender_id="s", reason="other", priority=5)


def test_a_second_request_updates_the_open_item(seeded_url):
    with session_scope(seeded_url) as session:
        first = handoffs.open_handoff(session, sender_id="s1", reason="request_human", user_words="转人工",
                                      context=_context("王丽 · 要求人工", "客户", "王丽"))
        claim = get_visible_claim(session, find_by_mobile(session, "13800138000").id, "C-1001")
        second = handoffs.open_handoff(session, sender_id="s1", reason="complaint", user_words="我要投诉",
                                       claim_id=claim.id, context=_context("王丽 · 投诉", "用户原话", "我要投诉"))
        assert second.id == first.id
        assert (second.priority, second.reason, second.claim_id) == (1, "complaint", claim.id)
        assert second.due_at == datetime(2026, 11, 24, 10, 15, tzinfo=TZ)
        assert second.context["title"] == "王丽 · 投诉"
        assert [s["heading"] for s in second.context["sections"]] == ["客户", "用户原话"]
        assert second.user_words == "转人工\n我要投诉"
        # a less urgent request never lowers the priority
        third = handoffs.open_handoff(session, sender_id="s1", reason="fallback")
        assert (third.id, third.priority, third.reason) == (first.id, 1, "complaint")
        assert len(handoffs.queue(session)) == 1


def test_a_dispute_takes_over_the_open_handoff(seeded_url):
    with session_scope(seeded_url) as session:
        first = handoffs.open_handoff(session, sender_id="s1", reason="request_human")
        second = handoffs.open_handoff(session, sender_id="s1", reason="dispute", kind="dispute")
        assert (second.id, second.kind, second.priority) == (first.id, "dispute", 1)


def test_callbacks_never_hold_the_conversation(seeded_url):
    with session_scope(seeded_url) as session:
        callback = handoffs.open_handoff(session, sender_id="s1", reason="callback", kind="callback")
        assert callback.due_at == datetime(2026, 11, 25, 21, 0, tzinfo=TZ)
        assert handoffs.conversation_handoff(session, "s1") is None
        item = handoffs.open_handoff(session, sender_id="s1", reason="request_human")
        assert item.id != callback.id
        assert handoffs.conversation_handoff(session, "s1").id == item.id


def test_queue_order_and_items_ahead(seeded_url):
    with session_scope(seeded_url) as session:
        normal = handoffs.open_handoff(session, sender_id="a", reason="request_human")
        callback = handoffs.open_handoff(session, sender_id="b", reason="callback", kind="callback")
        urgent = handoffs.open_handoff(session, sender_id="c", reason="elderly")
        later = handoffs.open_handoff(session, sender_id="d", reason="fallback")
        assert [h.id for h in handoffs.queue(session)] == [urgent.id, normal.id, later.id, callback.id]
        assert handoffs.items_ahead(session, urgent) == 0
        assert handoffs.items_ahead(session, normal) == 1
        assert handoffs.items_ahead(session, later) == 2


def test_take_over_respond_note_and_finish(seeded_url):
    with session_scope(seeded_url) as session:
        advisor_id = _advisor(session)
        item = handoffs.open_handoff(session, sender_id="s1", reason="request_human")
        with clock.freeze(datetime(2026, 11, 24, 10, 5)):
            handoffs.take_over(session, item, advisor_id)
            handoffs.mark_first_response(session, item)
        with clock.freeze(datetime(2026, 11, 24, 10, 9)):
            handoffs.mark_first_response(session, item)  # only the first counts
        assert item.status == "active" and item.taken_by == advisor_id
        assert item.first_response_at - item.created_at == timedelta(minutes=5)
        note = handoffs.add_note(session, item, advisor_id, "  已电话联系  ")
        assert note.text == "已电话联系" and item.notes == [note]
        with pytest.raises(ValueError):
            handoffs.add_note(session, item, advisor_id, " ")
        with pytest.raises(ValueError):
            handoffs.finish(session, item, "queued")
        handoffs.finish(session, item, "returned")
        assert item.closed_at is not None
        assert handoffs.conversation_handoff(session, "s1") is None
        assert handoffs.queue(session) == []
        assert handoffs.get_handoff(session, item.id) is item
        with pytest.raises(ValueError):
            handoffs.take_over(session, item, advisor_id)
        # a new request after the return opens a new item
        assert handoffs.open_handoff(session, sender_id="s1", reason="request_human").id != item.id


def test_handoff_without_conversation(seeded_url):
    with session_scope(seeded_url) as session:
        item = handoffs.open_handoff(session, sender_id=None, reason="other")
        assert item.sender_id is None and item.status == "queued"


def test_merge_context_keeps_older_sections():
    old = {"title": "a", "sections": [{"heading": "客户", "lines": ["x"]}, {"heading": "保单", "lines": ["p"]}]}
    new = {"title": "b", "sections": [{"heading": "保单", "lines": ["q"]}]}
    assert handoffs.merge_context(old, new) == {
        "title": "b", "sections": [{"heading": "客户", "lines": ["x"]}, {"heading": "保单", "lines": ["q"]}]}
