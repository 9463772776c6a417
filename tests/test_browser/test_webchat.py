"""The web chat page in Chromium against the real stack (Rasa, actions, gateway; clock frozen, demo data).

Every test leaves the shared stack's claims database as it found it (SQLite's backup API
copies it before and back after), so the end-to-end tests that expect C-1003 incomplete and
the next case number C-1005 pass in any order.
"""
from __future__ import annotations

import re
import sqlite3

import pytest
from playwright.sync_api import expect

from bot.store import handoffs
from bot.store.db import reset_engines, session_scope

from .conftest import screenshot

BOT = "[data-testid=bot-message]"
ADVISOR = "[data-testid=advisor-message]"
# Questions of the claim report and how a user answers them on the page: ("click", title) or ("type", text).
CLAIM_ANSWERS = [
    ("请核对报案信息", ("click", "确认提交")),
    ("意外受伤，还是生病", ("click", "意外受伤")),
    ("哪一天", ("type", "上周五")),
    ("哪家医院", ("type", "北京朝阳医院")),
    ("性质和等级", ("click", "公立 三甲")),
    ("诊断", ("type", "右手割伤，缝了针")),
    ("多少钱", ("type", "八千")),
]


@pytest.fixture(autouse=True)
def untouched_claims_database(stack):
    """Put the stack's claims database back as it was once the test is done."""
    path = stack.database_url.removeprefix("sqlite:///")
    snapshot = sqlite3.connect(":memory:")
    with sqlite3.connect(path) as live:
        live.backup(snapshot)
    yield
    reset_engines()
    with sqlite3.connect(path, timeout=30) as live:
        snapshot.backup(live)
    snapshot.close()


def open_chat(new_page, stack, width=1280, height=900):
    page = new_page(width, height)
    page.goto(stack.gateway_url + "/")
    expect(page.locator(BOT).last).to_contain_text("我可以帮您")  # first visit: greeting and menu
    return page


def turn(page, act) -> str:
    """Do something on the page; wait for the assistant's answer; return the text of its new messages."""
    before = page.locator(BOT).count()
    act()
    return answer_after(page, before)


def answer_after(page, before: int) -> str:
    page.wait_for_function(
        "n => document.querySelectorAll('[data-testid=bot-message]').length > n"
        " && document.getElementById('typing').hidden", arg=before)
    return "\n".join(page.locator(BOT).all_inner_texts()[before:])


def click(page, title: str) -> str:
    return turn(page, lambda: page.locator(".choice:not([disabled])", has_text=title).first.click())


def type_(page, text: str) -> str:
    def act():
        page.get_by_label("输入消息").fill(text)
        page.get_by_label("输入消息").press("Enter")
    return turn(page, act)


def sender_of(page) -> str:
    return page.evaluate("localStorage.getItem('claims.webchat.sender')")


def test_a_claim_report_by_clicking_ends_with_a_case_number(stack, new_page):
    page = open_chat(new_page, stack)
    assert "手机号码" in click(page, "我要报案理赔")
    expect(page.locator("[data-testid=user-message] .bubble").last).to_have_text("我要报案理赔")  # the title, not the payload
    assert "最后4位" in type_(page, "13800138000")
    said = type_(page, "0026")
    assert "哪一份保单" in said
    said = click(page, "意外险")
    for _ in range(len(CLAIM_ANSWERS) + 2):
        if "案件号" in said:
            break
        step = next((a for question, a in CLAIM_ANSWERS if question in said), None)
        assert step, f"unexpected question: {said!r}\n---\n{page.locator('#log').inner_text()}"
        how, answer = step
        said = click(page, answer) if how == "click" else type_(page, answer)
    case = page.locator(BOT, has_text="案件号是")
    expect(case).to_contain_text(re.compile(r"案件号是 C-\d{4}"))
    expect(page.locator(BOT).last).to_contain_text("直接把材料的照片或PDF发给我")
    assert page.locator(".choice:not([disabled])", has_text="确认提交").count() == 0  # answered buttons are spent
    screenshot(page, "webchat-claim-report")


def test_an_upload_through_the_file_input_shows_the_checklist(stack, new_page, sample_files):
    page = open_chat(new_page, stack)
    assert "手机号码" in click(page, "查理赔进度")
    type_(page, "13900139000")
    type_(page, "003X")
    expect(page.locator(BOT, has_text="还需要补2项")).to_have_count(1)

    before = page.locator(BOT).count()
    page.locator("[data-testid=file-input]").set_input_files(
        files=[{"name": "费用明细清单.jpg", "mimeType": "image/jpeg", "buffer": sample_files["sharp.jpg"]}])
    expect(page.locator("[data-testid=user-message]").last).to_contain_text("📎 费用明细清单.jpg")
    assert "已收到：费用明细清单" in answer_after(page, before)
    checklist = page.locator(BOT, has_text="还需要补1项")
    expect(checklist).to_contain_text("✓ 费用明细清单")
    expect(checklist).to_contain_text("✗ 出院小结")
    expect(page.locator("[data-testid=notice]")).to_be_hidden()
    expect_picture_shown(page.locator("[data-testid=user-message] [data-testid=sent-file] img").last)
    screenshot(page, "webchat-upload-checklist")

    page.reload()  # the history shows the photo again, now from the gateway, only for this conversation
    expect(page.locator(BOT).last).to_contain_text("还需要补1项")
    picture = page.locator("[data-testid=sent-file] img")
    expect(picture).to_have_count(1)
    expect_picture_shown(picture)
    assert re.fullmatch(r".*/api/files/\d+\?sender=" + sender_of(page), picture.get_attribute("src"))
    screenshot(page, "webchat-upload-history")


def expect_picture_shown(picture) -> None:
    """The image is on the page and decoded (a refused or broken source leaves it 0 pixels wide)."""
    expect(picture).to_be_visible()
    picture.page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=picture.element_handle())


def test_phone_screen_large_text_and_history_after_reload(stack, new_page):
    page = open_chat(new_page, stack, 360, 740)
    toggle = page.get_by_role("button", name="大字")
    expect(toggle).to_have_attribute("aria-pressed", "false")
    normal = page.locator(BOT).last.evaluate("e => parseFloat(getComputedStyle(e.querySelector('.bubble')).fontSize)")
    toggle.click()
    expect(toggle).to_have_attribute("aria-pressed", "true")
    large = page.locator(BOT).last.evaluate("e => parseFloat(getComputedStyle(e.querySelector('.bubble')).fontSize)")
    assert large >= 20 and large > normal
    assert page.evaluate("document.documentElement.scrollWidth") <= 360  # nothing wider than the phone

    sender = sender_of(page)
    page.reload()
    expect(page.locator(BOT).last).to_contain_text("我可以帮您")  # the history, not a new greeting
    assert page.locator(BOT).count() == 2 and sender_of(page) == sender
    expect(page.get_by_role("button", name="大字")).to_have_attribute("aria-pressed", "true")  # remembered
    expect(page.get_by_label("输入消息")).to_be_visible()
    expect(page.get_by_test_id("typing")).to_be_hidden()
    screenshot(page, "webchat-phone-large-text")

    page.get_by_role("button", name="新对话").click()
    expect(page.locator(BOT).last).to_contain_text("我可以帮您")
    assert sender_of(page) != sender and page.locator(BOT).count() == 2


def test_an_advisor_reply_from_the_console_arrives_live(stack, new_page):
    page = open_chat(new_page, stack)
    type_(page, "转人工")
    expect(page.locator("[data-testid=mode-banner]")).to_be_visible()
    with session_scope(stack.database_url) as session:
        handoff_id = handoffs.conversation_handoff(session, sender_of(page)).id
    reset_engines()

    console = new_page()
    console.goto(stack.gateway_url + "/advisor/login")
    console.get_by_test_id("login-username").fill("advisor")
    console.get_by_test_id("login-password").fill("demo-advisor-2026")
    console.get_by_test_id("login-submit").click()
    console.locator(f"[data-handoff-id='{handoff_id}'] [data-testid=queue-item-link]").click()  # the queue, after login
    console.get_by_test_id("reply-text").fill("您好，我是顾问小李，马上帮您看。")
    console.get_by_test_id("reply-send").click()

    reply = page.locator(ADVISOR)
    expect(reply).to_contain_text("您好，我是顾问小李，马上帮您看。")  # pushed through the event stream
    expect(reply.locator(".who")).to_have_text("人工顾问")
    assert reply.count() == 1
    screenshot(page, "webchat-advisor-reply")
