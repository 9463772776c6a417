"""The console's issue-6 pages: the call-back panel and "已回电", paper-policy mailings, appointments."""
from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from bot.store import callbacks, mailings
from bot.store.advisors import audit_log
from bot.store.appointments import book
from bot.store.db import session_scope
from bot.store.models import AuditEntry, Claim, Customer, Handoff, MailingRequest, Policy

SHANGHAI = ZoneInfo("Asia/Shanghai")
ADDRESS = dict(recipient="王丽", mobile="13800138000", province="北京市", city="北京市", district="朝阳区",
               street="建国路88号院3号楼1单元502")


def _people(session) -> dict:
    return {c.name: c for c in session.scalars(select(Customer))}


@pytest.fixture
def callback_item(console_url) -> int:
    with session_scope(console_url) as session:
        result = callbacks.request_callback(session, customer_id=_people(session)["王丽"].id, sender_id="web-cb",
                                            phone="010-12345678", window="morning", topic="材料怎么交")
        return result.callback.handoff_id


@pytest.fixture
def mailing(console_url) -> int:
    with session_scope(console_url) as session:
        policy = session.scalar(select(Policy).where(Policy.policy_number == "P2022-0001"))
        return mailings.request_paper_copy(session, _people(session)["王丽"].id, policy, sender_id="web-mail",
                                           **ADDRESS).request.id


async def test_the_phone_is_masked_until_the_advisor_reveals_it_and_the_reveal_is_audited(
        advisor, callback_item, console_url):
    queue = await (await advisor.client.get("/advisor/")).text()
    assert "王丽 · 预约回电" in queue and "010-12345678" not in queue
    masked = await (await advisor.client.get(f"/advisor/handoffs/{callback_item}")).text()
    assert "010-12345678" not in masked and 'data-testid="callback-phone">010-****5678<' in masked
    revealed = await advisor.post(f"/advisor/handoffs/{callback_item}/reveal-phone", {})
    assert revealed.headers["Location"] == f"/advisor/handoffs/{callback_item}?msg=phone_revealed"
    page = await advisor.client.get(revealed.headers["Location"])
    text = await page.text()
    assert page.status == 200 and "已记入审计日志" in text
    assert 'data-testid="callback-phone">010-12345678<' in text and 'href="tel:010-12345678"' in text
    await advisor.post(f"/advisor/handoffs/{callback_item}/reveal-phone", {})  # once is enough in the log
    with session_scope(console_url) as session:
        entries = session.scalars(select(AuditEntry).where(AuditEntry.action == "reveal_phone")).all()
        assert [(e.target.startswith("callback:"), e.detail) for e in entries] == [(True, f"handoff:{callback_item}")]
    assert "上午" in text and "材料怎么交" in text and "11月25日（周三）21:00 前回电" in text
    assert 'data-testid="callback-done-form"' in text and 'data-testid="close-button"' not in text
    assert "电话：010-****5678" in text  # the context panel keeps it masked


async def test_marking_a_call_back_done_needs_a_note_and_is_audited(advisor, callback_item, console_url):
    empty = await advisor.post(f"/advisor/handoffs/{callback_item}/callback-done", {"note": " "})
    assert empty.headers["Location"].endswith("?msg=empty_callback_note")
    done = await advisor.post(f"/advisor/handoffs/{callback_item}/callback-done", {"note": "已联系，下午补材料"})
    assert done.status == 303 and done.headers["Location"] == f"/advisor/handoffs/{callback_item}?msg=callback_done"
    page = await (await advisor.client.get(done.headers["Location"])).text()
    assert "已记录回电" in page and "已回电（王芳" in page and "已联系，下午补材料" in page
    again = await advisor.post(f"/advisor/handoffs/{callback_item}/callback-done", {"note": "再来一次"})
    assert again.headers["Location"].endswith("?msg=finished")
    with session_scope(console_url) as session:
        assert session.get(Handoff, callback_item).status == "closed"
        assert [(e.action, e.target) for e in audit_log(session) if e.action == "callback_done"] == [
            ("callback_done", f"callback:{callbacks.for_handoff(session, callback_item).id}")]
    audit = await (await advisor.client.get("/advisor/audit")).text()
    assert "已回电" in audit


async def test_callback_done_on_another_kind_of_item_is_not_found(advisor, queued):
    response = await advisor.post(f"/advisor/handoffs/{queued['normal']}/callback-done", {"note": "x"})
    assert response.status == 404


async def test_mailings_page_and_status_updates(advisor, mailing, gateway, console_url):
    page = await (await advisor.client.get("/advisor/mailings")).text()
    assert 'data-testid="mailing-row"' in page and "138****8000" in page and "13800138000" not in page
    assert 'data-testid="mailings-open-count">1<' in page
    printed = await advisor.post(f"/advisor/mailings/{mailing}/status", {"status": "printed"})
    assert printed.status == 303 and printed.headers["Location"] == "/advisor/mailings?msg=updated"
    missing = await advisor.post(f"/advisor/mailings/{mailing}/status", {"status": "posted", "tracking_number": ""})
    assert missing.status == 400 and "快递单号" in await missing.text()
    posted = await advisor.post(f"/advisor/mailings/{mailing}/status",
                                {"status": "posted", "tracking_number": "SF1234567890123"})
    assert posted.headers["Location"] == "/advisor/mailings?msg=notified"
    assert gateway.delivered[0][0] == "web-mail" and "SF1234567890123" in gateway.delivered[0][1][0]
    backwards = await advisor.post(f"/advisor/mailings/{mailing}/status", {"status": "printed"})
    assert backwards.status == 400 and "只能往后" in await backwards.text()
    await advisor.post(f"/advisor/mailings/{mailing}/status", {"status": "delivered"})
    with session_scope(console_url) as session:
        assert session.get(MailingRequest, mailing).status == "delivered"
        assert [e.detail for e in sorted(audit_log(session), key=lambda e: e.id) if e.action == "mailing_status"] == [
            "printed", "posted SF1234567890123", "delivered"]
    assert (await advisor.post("/advisor/mailings/999/status", {"status": "printed"})).status == 404


async def test_a_request_the_user_cancelled_is_shown_closed(advisor, mailing, console_url):
    with session_scope(console_url) as session:
        mailings.cancel(session, session.get(MailingRequest, mailing))
    page = await (await advisor.client.get("/advisor/mailings")).text()
    assert "已取消" in page and "（用户取消）" in page and 'data-testid="mailings-open-count">0<' in page
    assert 'data-testid="mailing-cancel-form"' not in page
    refused = await advisor.post(f"/advisor/mailings/{mailing}/status", {"status": "printed"})
    assert refused.status == 400 and "这份申请已经取消了" in await refused.text()


async def test_an_advisor_cancels_a_request_with_a_reason_the_user_is_told(advisor, mailing, gateway, console_url):
    page = await (await advisor.client.get("/advisor/mailings")).text()
    assert 'data-testid="mailing-cancel-form"' in page
    empty = await advisor.post(f"/advisor/mailings/{mailing}/cancel", {"reason": "  "})
    assert empty.status == 400 and "请填写取消原因" in await empty.text() and gateway.delivered == []
    done = await advisor.post(f"/advisor/mailings/{mailing}/cancel", {"reason": "地址不在快递派送范围"})
    assert done.headers["Location"] == "/advisor/mailings?msg=cancelled"
    [(sender, [told], role, _)] = gateway.delivered
    assert sender == "web-mail" and role == "system"
    assert told.endswith("纸质保单邮寄申请已由顾问取消，原因：地址不在快递派送范围。需要的话，说“我要纸质保单”就可以重新申请。")
    page = await (await advisor.client.get("/advisor/mailings")).text()
    assert "已取消（王芳）：地址不在快递派送范围" in page and 'data-testid="mailings-open-count">0<' in page
    again = await advisor.post(f"/advisor/mailings/{mailing}/cancel", {"reason": "再取消"})
    assert again.status == 400 and "不能再取消" in await again.text()
    with session_scope(console_url) as session:
        assert session.get(MailingRequest, mailing).status == "cancelled"
        assert [(e.target, e.detail) for e in audit_log(session) if e.action == "mailing_cancel"] == [
            (f"mailing:{mailing}", "地址不在快递派送范围")]
    assert (await advisor.post("/advisor/mailings/999/cancel", {"reason": "x"})).status == 404


async def test_a_posted_request_cannot_be_cancelled(advisor, mailing, gateway):
    await advisor.post(f"/advisor/mailings/{mailing}/status", {"status": "posted", "tracking_number": "SF1234567890123"})
    refused = await advisor.post(f"/advisor/mailings/{mailing}/cancel", {"reason": "用户不要了"})
    assert refused.status == 400 and "已经是“已寄出”，不能再取消" in await refused.text()


async def test_appointments_page_lists_upcoming_bookings_by_day(advisor, console_url):
    with session_scope(console_url) as session:
        people = _people(session)
        claim = session.scalar(select(Claim).where(Claim.case_number == "C-1003"))
        book(session, people["李建国"].id, datetime(2026, 11, 25, 9, 30, tzinfo=SHANGHAI), "filing", claim.id)
        book(session, people["王丽"].id, datetime(2026, 11, 26, 14, 0, tzinfo=SHANGHAI))
    text = await (await advisor.client.get("/advisor/appointments")).text()
    assert text.count('data-testid="appointment-day"') == 2 and 'data-testid="appointments-count">2<' in text
    assert "11月25日（周三）" in text and "09:30-10:00" in text and "柜台递交理赔" in text and "C-1003" in text
    assert "139****9000" in text and "13900139000" not in text
    assert 'aria-current="page">网点预约' in text


async def test_empty_pages(advisor):
    assert "还没有邮寄申请" in await (await advisor.client.get("/advisor/mailings")).text()
    assert "近期没有预约" in await (await advisor.client.get("/advisor/appointments")).text()
