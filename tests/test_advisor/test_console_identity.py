"""The advisor verifies a user the bot could not, for the bot to go on with after the hand-back."""
from __future__ import annotations

import re

from sqlalchemy import select

from bot.store import handoffs
from bot.store.db import session_scope
from bot.store.models import AuditEntry, Customer, Handoff
from bot.store.transcripts import ensure_conversation


def unverified_item(url, sender="web-anon") -> int:
    with session_scope(url) as session:
        ensure_conversation(session, sender)
        item = handoffs.open_handoff(session, sender_id=sender, reason="verification_failed")
        session.flush()
        return item.id


async def verify(advisor, item_id, mobile, last4) -> str:
    response = await advisor.post(f"/advisor/handoffs/{item_id}/verify", {"mobile": mobile, "id_last4": last4})
    return re.search(r"msg=(\w+)", response.headers["Location"]).group(1)


def audits(url) -> list:
    with session_scope(url) as session:
        return [(e.target, e.detail) for e in session.scalars(
            select(AuditEntry).where(AuditEntry.action == "verify_customer").order_by(AuditEntry.id))]


async def test_the_advisor_verifies_with_the_same_two_facts_the_bot_asks_for(advisor, console_url):
    item = unverified_item(console_url)
    page = await (await advisor.client.get(f"/advisor/handoffs/{item}")).text()
    assert 'data-testid="verify-panel"' in page and "身份证号后4位" in page

    assert await verify(advisor, item, "13800138000", "9999") == "verify_mismatch"
    assert await verify(advisor, item, "13900139000", "0026") == "verify_mismatch"  # 李建国's mobile, 王丽's ID
    with session_scope(console_url) as session:
        assert session.get(Handoff, item).customer_id is None
        assert handoffs.advisor_verified_customer(session, "web-anon") is None

    assert await verify(advisor, item, "138 0013 8000", "0026") == "user_verified"
    with session_scope(console_url) as session:
        wang = session.scalar(select(Customer).where(Customer.mobile == "13800138000"))
        handoff = session.get(Handoff, item)
        assert handoff.customer_id == wang.id
        assert handoffs.advisor_verified_customer(session, "web-anon") == wang.id
        [section] = [s for s in handoff.context["sections"] if s["heading"] == "顾问核实身份"]
        assert section["lines"] == ["王丽 · 138****8000 · 由王芳核实"]
    assert audits(console_url) == [(f"handoff:{item}", "不匹配")] * 2 + [(f"handoff:{item}", f"customer:{wang.id}")]
    page = await (await advisor.client.get(f"/advisor/handoffs/{item}")).text()
    assert 'data-testid="verify-panel"' not in page and "由王芳核实" in page
    assert await verify(advisor, item, "13800138000", "0026") == "already_verified"


async def test_verified_users_call_backs_and_finished_items_have_nothing_to_verify(advisor, queued, console_url):
    for kind in ("normal", "callback"):  # 王丽 verified herself; a call-back has no conversation
        page = await (await advisor.client.get(f"/advisor/handoffs/{queued[kind]}")).text()
        assert 'data-testid="verify-panel"' not in page
    assert await verify(advisor, queued["normal"], "13800138000", "0026") == "already_verified"
    assert await verify(advisor, queued["callback"], "13800138000", "0026") == "no_conversation"
    item = unverified_item(console_url)
    with session_scope(console_url) as session:
        handoffs.finish(session, session.get(Handoff, item), "returned")
    assert await verify(advisor, item, "13800138000", "0026") == "finished"
    assert audits(console_url) == []
