"""An advisor takes over a real conversation in the console, in Chromium.

The user talks through the gateway's chat API (as the web chat and Telegram do); the
advisor works in the real console of the same stack (Rasa, action server, gateway).
"""
from __future__ import annotations

import re

import requests
from playwright.sync_api import expect

from bot import clock

from tests.test_browser.conftest import STACK_NOW, screenshot

ADVISOR, PASSWORD = "advisor", "demo-advisor-2026"


def _log_in(page, gateway_url: str) -> None:
    page.goto(gateway_url + "/advisor/")
    expect(page).to_have_url(re.compile(r"/advisor/login"))  # no session: the login page
    page.get_by_test_id("login-username").fill(ADVISOR)
    page.get_by_test_id("login-password").fill(PASSWORD)
    page.get_by_test_id("login-submit").click()
    expect(page.get_by_test_id("queue-list")).to_be_visible()


def _pushed(gateway_url: str, sender: str, after: int) -> list[dict]:
    response = requests.get(f"{gateway_url}/api/messages", params={"sender": sender, "after": after}, timeout=10)
    response.raise_for_status()
    return response.json()["messages"]


def test_advisor_replies_and_returns_the_conversation_to_the_bot(stack, sender, new_page, sample_files):
    # The user verifies and asks for a person: the bot pauses and says an advisor will reply.
    stack.chat(sender, "我的理赔到哪一步了")
    stack.chat(sender, "13800138000")
    assert "C-1001" in str(stack.chat(sender, "0026"))
    handed = stack.chat(sender, "我要转人工，找个真人顾问")
    assert handed["mode"] == "advisor", handed
    waiting = stack.chat(sender, "C-1001 为什么被拒赔？")  # goes to the advisor, not to Rasa
    assert waiting == {"messages": [], "mode": "advisor", "language": "zh-Hans"}

    page = new_page()
    _log_in(page, stack.gateway_url)
    item = page.get_by_test_id("queue-item").filter(has_text="138****8000").first
    expect(item).to_be_visible()
    expect(item.get_by_test_id("queue-timer")).to_be_visible()
    screenshot(page, "advisor-queue")
    item.get_by_test_id("queue-item-link").click()

    # The context the bot collected, and the user's own words live in the transcript.
    expect(page.get_by_test_id("context-panel")).to_contain_text("王丽")
    expect(page.get_by_test_id("transcript")).to_contain_text("为什么被拒赔")
    last_seen = max(m["id"] for m in _pushed(stack.gateway_url, sender, 0))

    page.get_by_test_id("reply-text").fill("王女士您好，我是李顾问，正在看您的C-1001，请稍等。")
    page.get_by_test_id("reply-send").click()
    expect(page.get_by_test_id("transcript")).to_contain_text("我是李顾问")
    expect(page.get_by_test_id("handoff-status")).to_have_attribute("data-status", "active")
    screenshot(page, "advisor-conversation")

    # The user receives the reply through the chat API.
    replies = _pushed(stack.gateway_url, sender, last_seen)
    assert [(m["role"], m["text"]) for m in replies] == [("advisor", "王女士您好，我是李顾问，正在看您的C-1001，请稍等。")]

    # The user sends the advisor a photo (the bot never sees it): it arrives live with a link to open it.
    requests.post(f"{stack.gateway_url}/api/upload", data={"sender": sender}, timeout=30,
                  files={"file": ("化验单.jpg", sample_files["sharp.jpg"], "image/jpeg")}).raise_for_status()
    photo = page.get_by_test_id("transcript").get_by_test_id("sent-file")
    expect(photo).to_have_count(1)
    opened = page.request.get(stack.gateway_url + photo.get_attribute("href"))  # with the advisor's cookie
    assert opened.status == 200 and opened.headers["content-type"] == "image/jpeg"
    assert opened.body() == sample_files["sharp.jpg"]
    replies = _pushed(stack.gateway_url, sender, last_seen)

    # The advisor puts it on the claim from the files panel: the bot's checks run and the user is told.
    page.reload()
    files = page.get_by_test_id("files-panel")
    expect(files).to_contain_text("化验单.jpg")
    files.get_by_label("案件").select_option("C-1001")  # 王丽's claims only; the one she asked about
    files.get_by_test_id("attach-submit").click()
    expect(page.get_by_test_id("flash")).to_contain_text("文件已收进案件，也已告诉用户")
    expect(page.get_by_test_id("sent-file-cases")).to_have_text("已收进 C-1001")
    screenshot(page, "advisor-file-attached")
    told = _pushed(stack.gateway_url, sender, replies[-1]["id"])
    assert [m["role"] for m in told] == ["advisor"] and "收进案件 C-1001：已收到：检查检验报告" in told[0]["text"], told
    replies += told

    # End of the shift: the item goes to a colleague, and the user is told someone else takes over.
    from sqlalchemy import select

    from bot.store.advisors import create_advisor
    from bot.store.db import session_scope
    from bot.store.models import Advisor

    with session_scope(stack.database_url) as session:
        if session.scalar(select(Advisor.id).where(Advisor.username == "zhao.lei")) is None:
            create_advisor(session, "zhao.lei", "赵磊", PASSWORD)
    page.reload()
    page.get_by_label("转交给").select_option(label="赵磊")
    page.get_by_test_id("assign-button").click()
    expect(page.get_by_test_id("flash")).to_contain_text("已转交")
    screenshot(page, "advisor-assigned")
    told = _pushed(stack.gateway_url, sender, replies[-1]["id"])
    assert [m["role"] for m in told] == ["system"] and "另一位顾问" in told[0]["text"], told
    replies += told

    page.get_by_test_id("return-button").click()
    expect(page.get_by_test_id("handoff-status")).to_have_attribute("data-status", "returned")
    back = _pushed(stack.gateway_url, sender, replies[-1]["id"])
    assert back and all(m["role"] == "bot" for m in back), back

    # The bot answers the next message again, with the slots intact (still verified).
    again = stack.chat(sender, "我的理赔进度怎么样")
    assert again["mode"] == "bot" and again["messages"], again
    assert "手机号" not in " ".join(m.get("text") or "" for m in again["messages"])


def test_console_pages_need_a_login(stack, new_page):
    page = new_page()
    for path in ("/advisor/", "/advisor/metrics", "/advisor/audit", "/advisor/handoffs/1"):
        page.goto(stack.gateway_url + path)
        expect(page).to_have_url(re.compile(r"/advisor/login"))
    posted = requests.post(stack.gateway_url + "/advisor/handoffs/1/reply", data={"text": "x"}, timeout=10)
    assert posted.status_code in (401, 403)


def test_the_audit_page_filters_by_action(stack, new_page):
    from bot.store.advisors import audit
    from bot.store.db import session_scope

    with session_scope(stack.database_url) as session:
        audit(session, None, "note", "audit-filter-test", "a note row")
        audit(session, None, "take", "audit-filter-test", "a take row")

    page = new_page()
    _log_in(page, stack.gateway_url)
    page.get_by_test_id("nav-audit").click()
    table = page.get_by_test_id("audit-table")
    expect(table).to_contain_text("a take row")
    page.get_by_label("操作", exact=True).select_option(label="添加备注")
    page.get_by_test_id("audit-search").click()
    expect(page).to_have_url(re.compile(r"/advisor/audit\?(.*&)?action=note"))
    expect(page.get_by_label("操作", exact=True)).to_have_value("note")
    rows = page.get_by_test_id("audit-entry")
    expect(rows.first).to_be_visible()
    assert {rows.nth(i).get_attribute("data-action") for i in range(rows.count())} == {"note"}
    expect(table).to_contain_text("a note row")
    expect(table).not_to_contain_text("a take row")
    expect(page.get_by_test_id("audit-total")).to_have_text(f"共 {rows.count()} 条")
    screenshot(page, "advisor-audit-filtered")

    page.get_by_test_id("audit-clear").click()
    expect(table).to_contain_text("a take row")


def test_an_advisor_reveals_a_call_back_number_and_opens_a_claim_document(stack, new_page, monkeypatch):
    """Both leave an entry in the audit log; the number is masked until the reveal."""
    from sqlalchemy import select

    from bot.documents import staging
    from bot.store import callbacks, handoffs
    from bot.store.db import session_scope
    from bot.store.models import OPEN_HANDOFF_STATUSES, Claim, Customer, Document

    monkeypatch.setenv("CLAIMS_UPLOADS_DIR", str(stack.workdir / "uploads"))  # the stack's uploads folder
    token = staging.stage(_png(), "住院发票.png")
    with clock.freeze(STACK_NOW), session_scope(stack.database_url) as session:
        wang = session.scalar(select(Customer).where(Customer.name == "王丽"))
        claim = session.scalar(select(Claim).where(Claim.case_number == "C-1003"))
        session.add(Document(claim_id=claim.id, doc_type="invoice", filename="住院发票.png", sha256=token,
                             mime="image/png"))
        item = handoffs.open_handoff(session, sender_id=None, reason="request_human", claim_id=claim.id,
                                     customer_id=wang.id)
        callback = callbacks.request_callback(session, customer_id=wang.id, sender_id=None, phone="010-87654321",
                                              window="afternoon", topic="发票丢了怎么办")
        session.flush()
        item_id, callback_item = item.id, callback.callback.handoff_id

    try:
        page = new_page()
        _log_in(page, stack.gateway_url)
        page.goto(f"{stack.gateway_url}/advisor/handoffs/{callback_item}")
        expect(page.get_by_test_id("callback-phone")).to_have_text("010-****4321")
        page.get_by_test_id("reveal-phone").click()
        expect(page.get_by_test_id("callback-phone")).to_have_text("010-87654321")
        expect(page.get_by_test_id("callback-phone")).to_have_attribute("href", "tel:010-87654321")
        screenshot(page, "advisor-callback-revealed")
        page.get_by_test_id("callback-note").fill("已电话联系，发票可补开")
        page.get_by_test_id("callback-done").click()
        expect(page.get_by_test_id("callback-status")).to_contain_text("已回电")

        page.goto(f"{stack.gateway_url}/advisor/handoffs/{item_id}")
        panel = page.get_by_test_id("documents-panel")
        expect(panel).to_contain_text("住院发票.png")
        with page.context.expect_page() as opened:
            panel.get_by_test_id("document-link").click()
        document = opened.value
        document.wait_for_load_state()
        assert document.url.startswith(f"{stack.gateway_url}/advisor/documents/")
        assert document.evaluate("document.images.length") == 1  # Chromium shows the image itself

        page.goto(f"{stack.gateway_url}/advisor/audit")
        expect(page.locator("body")).to_contain_text("显示完整号码")
        expect(page.locator("body")).to_contain_text("查看材料")
    finally:  # the stack is shared: leave no open item or call-back for 王丽 behind
        with session_scope(stack.database_url) as session:
            for handoff_id in (item_id, callback_item):
                handoff = handoffs.get_handoff(session, handoff_id)
                if handoff.callback is not None and handoff.callback.status == "open":
                    callbacks.cancel_callback(session, handoff.callback)
                if handoff.status in OPEN_HANDOFF_STATUSES:
                    handoffs.finish(session, handoff, "closed")


def _png() -> bytes:
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 30, 30)).save(buffer, format="PNG")
    return buffer.getvalue()


def test_an_advisor_verifies_a_user_the_bot_could_not(stack, sender, new_page):
    """Three failed tries hand the user to a person; the advisor checks who it is, and the bot goes on
    with the verified customer after the hand-back."""
    from bot.store import handoffs
    from bot.store.db import session_scope

    stack.chat(sender, "我的理赔到哪一步了")
    for _ in range(3):
        stack.chat(sender, "13800138000")
        failed = stack.chat(sender, "1111")
    assert failed["mode"] == "advisor", failed
    with session_scope(stack.database_url) as session:
        item_id = handoffs.conversation_handoff(session, sender).id

    page = new_page()
    _log_in(page, stack.gateway_url)
    page.goto(f"{stack.gateway_url}/advisor/handoffs/{item_id}")
    panel = page.get_by_test_id("verify-panel")
    panel.get_by_label("手机号").fill("13800138000")
    panel.get_by_label("身份证号后4位").fill("0026")
    panel.get_by_test_id("verify-submit").click()
    expect(page.get_by_test_id("flash")).to_contain_text("身份已核实")
    expect(page.get_by_test_id("context-panel")).to_contain_text("王丽 · 138****8000 · 由")
    last_seen = max(m["id"] for m in _pushed(stack.gateway_url, sender, 0))
    page.get_by_test_id("return-button").click()
    expect(page.get_by_test_id("handoff-status")).to_have_attribute("data-status", "returned")
    back = _pushed(stack.gateway_url, sender, last_seen)
    assert any("顾问已帮您核实了身份" in (m["text"] or "") for m in back), back

    again = stack.chat(sender, "我的理赔进度怎么样")  # 王丽's claims, without verifying again
    said = " ".join(m.get("text") or "" for m in again["messages"])
    titles = [b["title"] for m in again["messages"] for b in m.get("buttons") or []]
    assert again["mode"] == "bot" and "您名下有2个案件" in said and "手机号" not in said, said
    assert any("C-1001" in title for title in titles), titles


def test_an_advisor_moves_a_paper_policy_on_and_cancels_another(stack, sender, new_page):
    """The 纸质保单邮寄 page: a status update, then a cancellation with its reason, which the user reads."""
    from sqlalchemy import select

    from bot.store import customers, mailings
    from bot.store.db import session_scope
    from bot.store.models import MailingRequest, Policy
    from bot.store.transcripts import ensure_conversation

    with clock.freeze(STACK_NOW), session_scope(stack.database_url) as session:
        ensure_conversation(session, sender)
        wang = customers.find_by_mobile(session, "13800138000")
        policy = session.scalar(select(Policy).where(Policy.policy_number == "P2022-0002"))
        for old in session.scalars(select(MailingRequest).where(MailingRequest.policy_id == policy.id)):
            if old.status in ("requested", "printed"):  # the shared stack: nothing left open by another test
                mailings.cancel(session, old)
        request_id = mailings.request_paper_copy(
            session, wang.id, policy, recipient="王丽", mobile="13800138000", province="北京市", city="北京市",
            district="朝阳区", street="建国路88号院3号楼1单元502", sender_id=sender).request.id
    last_seen = max([m["id"] for m in _pushed(stack.gateway_url, sender, 0)] or [0])

    page = new_page()
    _log_in(page, stack.gateway_url)
    page.get_by_test_id("nav-mailings").click()
    row = page.locator(f'[data-testid="mailing-row"][data-mailing-id="{request_id}"]')
    row.get_by_test_id("mailing-status").select_option(label="已打印")
    row.get_by_test_id("mailing-submit").click()
    expect(page.get_by_test_id("flash")).to_have_text("状态已更新。")
    expect(row).to_have_attribute("data-status", "printed")

    page.once("dialog", lambda dialog: dialog.accept())  # "确定取消这份邮寄申请吗？"
    row.get_by_test_id("mailing-cancel-reason").fill("地址不在快递派送范围")
    row.get_by_test_id("mailing-cancel").click()
    expect(page.get_by_test_id("flash")).to_have_text("申请已取消，并已把原因告诉用户。")
    expect(row).to_have_attribute("data-status", "cancelled")
    expect(row).to_contain_text("已取消（李顾问）：地址不在快递派送范围")
    expect(row.get_by_test_id("mailing-cancel-form")).to_have_count(0)
    screenshot(page, "advisor-mailing-cancelled")
    told = _pushed(stack.gateway_url, sender, last_seen)
    assert [m["role"] for m in told] == ["system"] and "原因：地址不在快递派送范围" in told[0]["text"], told
