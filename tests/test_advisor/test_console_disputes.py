"""Following a dispute up after its queue item ended: the "申诉跟进" page, "已提交保险公司", the late outcome."""
from __future__ import annotations

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select

from bot import clock
from bot.store import disputes, handoffs
from bot.store.advisors import audit_log
from bot.store.db import session_scope
from bot.store.models import Claim, Customer, Dispute, Handoff
from tests.test_advisor.conftest import log_in

ROW_RE = re.compile(r'data-testid="dispute-row" data-dispute-id="(\d+)" data-status="(\w+)"')


def _dispute(url, dispute_id) -> Dispute:
    with session_scope(url) as session:
        dispute = session.get(Dispute, dispute_id)
        return dispute, [(e.status, e.note, e.advisor_id) for e in dispute.events]


def _actions(url) -> list[tuple[str, str, str]]:
    with session_scope(url) as session:
        return [(e.action, e.target, e.detail) for e in sorted(audit_log(session), key=lambda e: e.id)
                if not e.action.startswith("login")]


async def _rows(advisor) -> list[tuple[int, str]]:
    page = await advisor.client.get("/advisor/disputes")
    assert page.status == 200
    return [(int(i), status) for i, status in ROW_RE.findall(await page.text())]


def _open_old_dispute(session, *, days_ago: int, sender_id, with_item: bool = True) -> Dispute:
    """A dispute on C-1002 opened `days_ago` days before the demo day, its queue item already returned to the bot."""
    with clock.freeze(clock.now() - timedelta(days=days_ago)):
        claim = session.scalar(select(Claim).where(Claim.case_number == "C-1002"))
        customer = session.scalar(select(Customer).where(Customer.name == "张伟"))
        dispute = disputes.create_dispute(session, claim=claim, customer_id=customer.id, sender_id=sender_id,
                                          grounds=["wrong_amount", "other"], statement="自费药的钱没算进去。")
        if with_item:
            item = handoffs.open_handoff(session, sender_id=sender_id, reason="dispute", kind="dispute",
                                         customer_id=customer.id, claim_id=claim.id, dispute_id=dispute.id,
                                         context={"title": "张伟 · 申诉 · C-1002"})
            handoffs.finish(session, item, "returned")
    return dispute


@pytest.fixture
def older(console_url, queued, frozen_clock) -> dict:
    """Besides the queued dispute (C-1001, today): one with the insurer for 10 days, two decided."""
    with session_scope(console_url) as session:
        waiting = _open_old_dispute(session, days_ago=10, sender_id="web-waiting")
        with clock.freeze(frozen_clock - timedelta(days=9)):
            disputes.mark_with_insurer(session, waiting, None)
        upheld = _open_old_dispute(session, days_ago=40, sender_id="web-upheld")
        with clock.freeze(frozen_clock - timedelta(days=5)):
            disputes.record_outcome(session, upheld, outcome="upheld", amount=None, advisor_id=None)
        won = _open_old_dispute(session, days_ago=30, sender_id="web-won")
        with clock.freeze(frozen_clock - timedelta(days=2)):
            disputes.record_outcome(session, won, outcome="partly_overturned", amount=Decimal("500"), advisor_id=None)
        return {"waiting": waiting.id, "upheld": upheld.id, "won": won.id}


async def test_follow_up_page_lists_open_disputes_first_then_the_latest_decided(advisor, queued, older):
    assert await _rows(advisor) == [(older["waiting"], "with_insurer"), (queued["dispute"], "opened"),
                                    (older["won"], "partly_overturned"), (older["upheld"], "upheld")]
    text = await (await advisor.client.get("/advisor/disputes")).text()
    assert 'data-testid="nav-disputes" aria-current="page"' in text
    assert 'data-testid="disputes-open-count">2<' in text
    for part in ("C-1001", "C-1002", "137****7000", "138****8000", "急诊/120送医", "金额算错、其他",
                 "已提交保险公司", "已受理", "部分改判", "¥500.00", "维持原决定（未改判）"):
        assert part in text
    assert "13700137000" not in text and "13800138000" not in text  # masked mobiles only
    assert re.findall(r'data-testid="dispute-days">([^<]+)<', text) == ["10天", "今天"]
    links = re.findall(r'href="/advisor/handoffs/(\d+)#dispute-panel"', text)
    assert len(links) == 4 and links[1] == str(queued["dispute_item"])


async def test_marking_a_dispute_as_sent_records_history_audit_and_tells_the_user(
        advisor, gateway, queued, console_url):
    view = await (await advisor.client.get(f"/advisor/handoffs/{queued['dispute_item']}")).text()
    assert 'data-testid="with-insurer-form"' in view and "已提交保险公司</button>" in view
    response = await advisor.post(f"/advisor/disputes/{queued['dispute']}/with-insurer",
                                  {"note": "  已通过保险公司客服邮箱提交  "})
    assert response.status == 303
    assert response.headers["Location"] == f"/advisor/handoffs/{queued['dispute_item']}?msg=with_insurer"
    dispute, events = _dispute(console_url, queued["dispute"])
    assert dispute.status == "with_insurer"
    advisor_id = events[-1][2]
    assert events[-1] == ("with_insurer", "已通过保险公司客服邮箱提交", advisor_id) and advisor_id is not None
    assert [status for status, _, _ in events] == ["opened", "with_insurer"]
    assert _actions(console_url) == [("with_insurer", f"dispute:{queued['dispute']}", "C-1001"),
                                     ("take", f"handoff:{queued['dispute_item']}", "")]
    with session_scope(console_url) as session:  # working on it answered the queued item: taken, no longer overdue
        item = session.get(Handoff, queued["dispute_item"])
        assert item.status == "active" and item.taken_by == advisor_id and item.first_response_at is not None
    [(sender, [text], role, by)] = gateway.delivered
    assert (sender, role, by) == ("web-dispute", "system", None)
    assert "C-1001" in text and "提交给保险公司" in text and "15～30天" in text
    view = await (await advisor.client.get(f"/advisor/handoffs/{queued['dispute_item']}?msg=with_insurer")).text()
    assert "已标记为已提交保险公司" in view and 'data-testid="with-insurer-form"' not in view
    assert "已通过保险公司客服邮箱提交（王芳）" in view and 'data-testid="outcome-form"' in view
    audit_page = await (await advisor.client.get("/advisor/audit")).text()
    assert "<td>申诉已提交保险公司</td>" in audit_page
    # Only once: a second click changes nothing and tells the user nothing.
    again = await advisor.post(f"/advisor/disputes/{queued['dispute']}/with-insurer")
    assert again.headers["Location"].endswith("?msg=not_opened") and len(gateway.delivered) == 1
    assert len(_dispute(console_url, queued["dispute"])[1]) == 2 and len(_actions(console_url)) == 2


async def test_marking_without_a_conversation_or_with_the_channel_down(advisor, gateway, queued, console_url):
    with session_scope(console_url) as session:
        phoned = _open_old_dispute(session, days_ago=1, sender_id=None, with_item=False).id
    response = await advisor.post(f"/advisor/disputes/{phoned}/with-insurer")
    assert response.headers["Location"] == "/advisor/disputes?msg=with_insurer_no_chat"
    assert gateway.delivered == [] and _dispute(console_url, phoned)[0].status == "with_insurer"
    assert "没有在线会话" in await (await advisor.client.get("/advisor/disputes?msg=with_insurer_no_chat")).text()
    gateway.fail = True
    response = await advisor.post(f"/advisor/disputes/{queued['dispute']}/with-insurer")
    assert response.headers["Location"].endswith("?msg=with_insurer_not_told")
    assert _dispute(console_url, queued["dispute"])[0].status == "with_insurer"  # recorded all the same
    assert (await advisor.post("/advisor/disputes/9999/with-insurer")).status == 404


async def test_outcome_is_recorded_from_the_follow_up_page_after_the_item_was_returned(
        advisor, gateway, queued, console_url, frozen_clock):
    item = queued["dispute_item"]
    await advisor.post(f"/advisor/handoffs/{item}/take")
    await advisor.post(f"/advisor/disputes/{queued['dispute']}/with-insurer")
    assert (await advisor.post(f"/advisor/handoffs/{item}/return")).headers["Location"].endswith("?msg=returned")
    queue = await (await advisor.client.get("/advisor/")).text()
    assert f'data-handoff-id="{item}"' not in queue  # gone from the queue ...
    with clock.freeze(frozen_clock + timedelta(days=18)):  # ... and the insurer answers weeks later
        assert (await log_in(advisor.client)).status == 303  # a new working day, a new session
        page = await (await advisor.client.get("/advisor/disputes")).text()
        advisor.csrf = re.search(r'data-csrf-token="([^"]+)"', page).group(1)
        follow_up = await (await advisor.client.get("/advisor/disputes")).text()
        assert re.findall(r'data-testid="dispute-days">([^<]+)<', follow_up) == ["18天"]
        link = re.search(r'href="(/advisor/handoffs/\d+)#dispute-panel"', follow_up).group(1)
        assert link == f"/advisor/handoffs/{item}"
        view = await (await advisor.client.get(link)).text()
        assert 'data-testid="finished-note">这个会话已交回机器人。' in view
        assert 'data-testid="dispute-still-open"' in view and 'data-testid="outcome-form"' in view
        assert 'data-testid="reply-form"' not in view  # the conversation itself stays with the bot
        response = await advisor.post(f"/advisor/disputes/{queued['dispute']}/outcome",
                                      {"outcome": "overturned", "amount": "3418"})
    assert response.headers["Location"] == f"/advisor/handoffs/{item}?msg=outcome"
    [_, (sender, [text], role, _)] = gateway.delivered
    assert (sender, role) == ("web-dispute", "system") and "¥3,418.00" in text
    dispute, events = _dispute(console_url, queued["dispute"])
    assert (dispute.outcome, dispute.amount_recovered) == ("overturned", Decimal("3418.00"))
    assert [status for status, _, _ in events] == ["opened", "with_insurer", "overturned"]
    with session_scope(console_url) as session:
        assert session.get(Handoff, item).status == "returned"  # not reopened
    assert [a for a, _, _ in _actions(console_url)] == ["take", "with_insurer", "return", "outcome"]
    assert await _rows(advisor) == [(queued["dispute"], "overturned")]
    done = await (await advisor.client.get("/advisor/disputes")).text()
    assert 'data-testid="disputes-open-empty"' in done and 'data-testid="dispute-amount">¥3,418.00<' in done
    view = await (await advisor.client.get(f"/advisor/handoffs/{item}")).text()
    assert 'data-testid="outcome-form"' not in view and 'data-testid="dispute-still-open"' not in view


async def test_outcome_of_a_dispute_without_a_queue_item_goes_back_to_the_follow_up_page(
        advisor, gateway, queued, console_url):
    with session_scope(console_url) as session:
        phoned = _open_old_dispute(session, days_ago=3, sender_id=None, with_item=False).id
    page = await (await advisor.client.get("/advisor/disputes")).text()
    assert "没有对应的会话页" in page
    response = await advisor.post(f"/advisor/disputes/{phoned}/outcome", {"outcome": "upheld"})
    assert response.headers["Location"] == "/advisor/disputes?msg=outcome" and gateway.delivered == []
