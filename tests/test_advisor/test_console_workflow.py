"""What an advisor does in the console, against a fake gateway that records deliveries."""
from __future__ import annotations

import re
from datetime import timedelta

from sqlalchemy import select

from bot import clock
from bot.store import handoffs
from bot.store.advisors import audit_log
from bot.store.db import session_scope
from bot.store.models import Claim, ClaimEvent, Dispute, Handoff

ITEM_RE = re.compile(r'data-testid="queue-item" data-handoff-id="(\d+)" data-kind="(\w+)"\s+data-priority="(\d)" '
                     r'data-overdue="(\w+)"')


def _row(url, handoff_id) -> Handoff:
    with session_scope(url) as session:
        return session.get(Handoff, handoff_id)


def _actions(url) -> list[tuple[str, str]]:
    with session_scope(url) as session:
        entries = sorted(audit_log(session), key=lambda e: e.id)  # in the order written (tests move the clock)
        return [(e.action, e.target) for e in entries if not e.action.startswith("login")]


async def _queue(advisor) -> list[tuple]:
    page = await advisor.client.get("/advisor/")
    return [(int(i), kind, int(p), overdue == "true") for i, kind, p, overdue in ITEM_RE.findall(await page.text())]


async def test_queue_puts_elderly_users_and_disputes_first_and_call_backs_last(advisor, queued):
    items = await _queue(advisor)
    assert [i for i, *_ in items] == [queued["elderly"], queued["dispute_item"], queued["normal"], queued["callback"]]
    assert [(kind, priority) for _, kind, priority, _ in items] == [
        ("handoff", 1), ("dispute", 1), ("handoff", 2), ("callback", 3)]
    text = await (await advisor.client.get("/advisor/")).text()
    assert "用户要求人工" in text and "老年用户" in text and "预约回电" in text
    assert "138****8000" in text and "13800138000" not in text  # masked mobiles only
    assert 'data-created="2026-11-24T10:00:00+08:00"' in text  # the JS timer counts from created_at


async def test_overdue_items_are_flagged(advisor, queued, frozen_clock):
    with clock.freeze(frozen_clock + timedelta(minutes=20)):  # past the 15-minute SLA of priority 1, not the 30 of 2
        items = await _queue(advisor)
        text = await (await advisor.client.get("/advisor/")).text()
    assert {i: overdue for i, _, _, overdue in items} == {
        queued["elderly"]: True, queued["dispute_item"]: True, queued["normal"]: False, queued["callback"]: False}
    assert "2 项已超时" in text and "is-overdue" in text


async def test_conversation_view_shows_context_transcript_and_controls(advisor, queued):
    page = await advisor.client.get(f"/advisor/handoffs/{queued['normal']}")
    text = await page.text()
    assert page.status == 200
    for part in ('data-testid="context-panel"', "王丽 · 要求人工", "用户原话", 'data-role="user"', 'data-role="bot"',
                 "好的，正在为您转接人工顾问。", 'class="chip">取消', 'data-testid="reply-form"',
                 'data-testid="take-button"', 'data-testid="return-button"', 'data-testid="close-button"'):
        assert part in text
    assert (await advisor.client.get("/advisor/handoffs/9999")).status == 404


async def test_messages_json_returns_only_newer_messages(advisor, queued):
    first = await (await advisor.client.get(f"/advisor/handoffs/{queued['normal']}/messages")).json()
    assert [m["role"] for m in first["messages"]] == ["user", "bot"] and first["status"] == "queued"
    assert first["messages"][1]["buttons"] == ["取消"]
    after = first["messages"][0]["id"]
    newer = await (await advisor.client.get(f"/advisor/handoffs/{queued['normal']}/messages?after={after}")).json()
    assert [m["text"] for m in newer["messages"]] == ["好的，正在为您转接人工顾问。"]


async def test_take_reply_and_return_to_bot(advisor, gateway, queued, console_url, frozen_clock):
    item = queued["normal"]
    response = await advisor.post(f"/advisor/handoffs/{item}/take")
    assert response.status == 303 and response.headers["Location"] == f"/advisor/handoffs/{item}?msg=taken"
    assert _row(console_url, item).status == "active"
    with clock.freeze(frozen_clock + timedelta(minutes=3)):
        response = await advisor.post(f"/advisor/handoffs/{item}/reply", {"text": "  王女士您好，我是王芳。  "})
    assert response.headers["Location"].endswith("?msg=replied")
    advisor_id = _row(console_url, item).taken_by
    assert gateway.delivered == [("web-wang", ["王女士您好，我是王芳。"], "advisor", advisor_id)]
    assert _row(console_url, item).first_response_at == frozen_clock + timedelta(minutes=3)
    view = await (await advisor.client.get(f"/advisor/handoffs/{item}?msg=replied")).text()
    assert "已发送给用户。" in view and "顾问 王芳" in view
    response = await advisor.post(f"/advisor/handoffs/{item}/return")
    assert response.headers["Location"].endswith("?msg=returned")
    assert gateway.returned == ["web-wang"]
    assert _row(console_url, item).status == "returned"
    assert _actions(console_url) == [("take", f"handoff:{item}"), ("reply", f"handoff:{item}"),
                                     ("return", f"handoff:{item}")]
    # A finished item takes no more actions.
    again = await advisor.post(f"/advisor/handoffs/{item}/reply", {"text": "还在吗"})
    assert again.headers["Location"].endswith("?msg=finished") and len(gateway.delivered) == 1


async def test_replying_to_a_queued_item_takes_it(advisor, gateway, queued, console_url):
    response = await advisor.client.post(f"/advisor/handoffs/{queued['elderly']}/reply", data={"text": "李先生您好"},
                                         headers={"X-CSRF-Token": advisor.csrf, "Accept": "application/json"})
    assert (await response.json()) == {"ok": True, "code": "replied", "message": "已发送给用户。"}
    assert _row(console_url, queued["elderly"]).status == "active"
    assert [a for a, _ in _actions(console_url)] == ["take", "reply"]


async def test_empty_reply_and_empty_note_are_refused_kindly(advisor, gateway, queued):
    reply = await advisor.post(f"/advisor/handoffs/{queued['normal']}/reply", {"text": "   "})
    note = await advisor.post(f"/advisor/handoffs/{queued['normal']}/note", {"text": ""})
    assert reply.headers["Location"].endswith("msg=empty_reply") and note.headers["Location"].endswith("msg=empty_note")
    assert gateway.delivered == []


async def test_an_item_taken_by_another_advisor_is_not_answered_twice(advisor, gateway, queued, console_url):
    with session_scope(console_url) as session:
        other = session.scalar(select(Handoff.id).where(Handoff.id == queued["normal"]))
        handoffs.take_over(session, session.get(Handoff, other), advisor_id=2)  # 赵磊
    response = await advisor.post(f"/advisor/handoffs/{queued['normal']}/reply", {"text": "您好"})
    assert response.headers["Location"].endswith("msg=taken_by_other") and gateway.delivered == []


async def test_close_finishes_and_resumes_the_bot_for_the_user(advisor, gateway, queued, console_url):
    response = await advisor.post(f"/advisor/handoffs/{queued['normal']}/close")
    assert response.headers["Location"].endswith("?msg=closed")
    assert _row(console_url, queued["normal"]).status == "closed"
    assert gateway.delivered == [("web-wang", ["顾问已结束本次人工服务，感谢您的耐心。之后有问题可以随时问我。"], "system", None)]
    assert gateway.returned == ["web-wang"]
    assert _actions(console_url) == [("close", f"handoff:{queued['normal']}")]


async def test_closing_a_call_back_talks_to_nobody(advisor, gateway, queued, console_url):
    await advisor.post(f"/advisor/handoffs/{queued['callback']}/take")
    assert _row(console_url, queued["callback"]).first_response_at is not None  # the advisor is calling now
    await advisor.post(f"/advisor/handoffs/{queued['callback']}/close")
    assert gateway.delivered == [] and gateway.returned == []
    page = await (await advisor.client.get(f"/advisor/handoffs/{queued['callback']}")).text()
    assert 'data-testid="reply-form"' not in page and 'data-testid="finished-note"' in page


async def test_gateway_failure_is_reported_not_a_crash(advisor, gateway, queued, console_url):
    gateway.fail = True
    reply = await advisor.post(f"/advisor/handoffs/{queued['normal']}/reply", {"text": "您好"})
    assert reply.headers["Location"].endswith("msg=delivery_failed")
    assert _row(console_url, queued["normal"]).first_response_at is None
    back = await advisor.post(f"/advisor/handoffs/{queued['normal']}/return")
    assert back.headers["Location"].endswith("msg=bot_unavailable")
    assert _row(console_url, queued["normal"]).status == "returned"


async def test_notes_are_listed_and_audited(advisor, queued, console_url):
    await advisor.post(f"/advisor/handoffs/{queued['normal']}/note", {"text": "用户下午三点后方便接电话"})
    page = await (await advisor.client.get(f"/advisor/handoffs/{queued['normal']}")).text()
    assert "用户下午三点后方便接电话" in page and "王芳" in page
    assert [a for a, _ in _actions(console_url)] == ["note"]


async def test_dispute_outcome_with_a_bad_amount_shows_the_form_again(advisor, gateway, queued):
    view = await (await advisor.client.get(f"/advisor/handoffs/{queued['dispute_item']}")).text()
    assert 'data-testid="appeal-letter"' in view and 'data-testid="outcome-form"' in view
    response = await advisor.post(f"/advisor/disputes/{queued['dispute']}/outcome",
                                  {"outcome": "overturned", "amount": "三千", "note": "保险公司来电"})
    text = await response.text()
    assert response.status == 400 and "金额格式不对" in text and 'value="三千"' in text and "保险公司来电" in text
    missing = await advisor.post(f"/advisor/disputes/{queued['dispute']}/outcome", {"outcome": "overturned"})
    assert missing.status == 400 and "请填写保险公司同意赔付的金额" in await missing.text()
    assert gateway.delivered == []


async def test_dispute_outcome_tells_the_user_and_updates_the_claim(advisor, gateway, queued, console_url):
    response = await advisor.post(f"/advisor/disputes/{queued['dispute']}/outcome",
                                  {"outcome": "overturned", "amount": "¥3,418.00"})
    assert response.status == 303 and response.headers["Location"].endswith(f"{queued['dispute_item']}?msg=outcome")
    [(sender, [text], role, _)] = gateway.delivered
    assert sender == "web-dispute" and role == "system" and "¥3,418.00" in text and "C-1001" in text
    with session_scope(console_url) as session:
        dispute = session.get(Dispute, queued["dispute"])
        claim = session.scalar(select(Claim).where(Claim.case_number == "C-1001"))
        kinds = list(session.scalars(select(ClaimEvent.kind).where(ClaimEvent.claim_id == claim.id)))
        assert (dispute.outcome, str(dispute.amount_recovered)) == ("overturned", "3418.00")
        assert claim.status == "paid" and kinds[-1] == "dispute_result"
    assert _actions(console_url) == [("outcome", f"dispute:{queued['dispute']}"),
                                     ("take", f"handoff:{queued['dispute_item']}")]
    view = await (await advisor.client.get(f"/advisor/handoffs/{queued['dispute_item']}")).text()
    assert 'data-testid="outcome-form"' not in view and "¥3,418.00" in view
    metrics = await (await advisor.client.get("/advisor/metrics")).text()
    assert "¥3,418.00" in metrics and "1 / 1" in metrics


async def test_metrics_page_has_figures_and_accessible_charts(advisor, queued, gateway):
    await advisor.post(f"/advisor/handoffs/{queued['normal']}/reply", {"text": "您好"})
    text = await (await advisor.client.get("/advisor/metrics")).text()
    for testid in ("metric-cases-served", "metric-amount-recovered", "metric-disputes-won",
                   "metric-median-first-response", "metric-sla-met", "chart-1", "chart-2"):
        assert f'data-testid="{testid}"' in text
    assert text.count("<svg") == 2 and 'role="img"' in text and "<table" in text
    assert "100%" in text  # the one answered item was answered in time


async def test_audit_page_lists_newest_first(advisor, queued):
    await advisor.post(f"/advisor/handoffs/{queued['normal']}/take")
    await advisor.post(f"/advisor/handoffs/{queued['normal']}/note", {"text": "备注"})
    text = await (await advisor.client.get("/advisor/audit")).text()
    assert text.index("<td>添加备注</td>") < text.index("<td>接手</td>") < text.index("<td>登录</td>")
