"""The console's 申诉跟进, 网点预约 and 服务指标 pages in Chromium, against the shared stack.

The stack's database is shared by every browser and end-to-end test: the dispute test works on
a claim of its own (deleted afterwards, so the seeded C-1001 and the next case number stay as
they were), and the appointment is cancelled again.
"""
from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from bot import clock
from bot.claims.money import yuan
from bot.claims.service_centre import SLOT
from bot.claims.working_days import day_label
from bot.store import appointments, claims, handoffs
from bot.store.db import session_scope
from bot.store.disputes import create_dispute
from bot.store.metrics import summary
from bot.store.models import Appointment, Claim, ClaimEvent, Customer, Dispute, Handoff, Policy
from tests.test_browser.conftest import STACK_NOW, screenshot
from tests.test_browser.test_advisor_console import _log_in, _pushed


@pytest.fixture
def dispute(stack, sender):
    """王丽 disputes a rejected claim made for this test, from a conversation, as the dialogue does it:
    the dispute and its queue item (kind "dispute"). All of it is deleted after the test."""
    with clock.freeze(STACK_NOW), session_scope(stack.database_url) as session:
        wang = session.scalar(select(Customer).where(Customer.name == "王丽"))
        policy = session.scalar(select(Policy).where(Policy.policy_number == "P2022-0001"))
        claim = claims.create_claim(
            session, policy=policy, insured_id=wang.id, reporter_id=wang.id, incident_type="accident",
            incident_date=date(2026, 10, 9), hospital_name="北京华康医院", hospital_grade="2",
            hospital_ownership="private", diagnosis="左踝骨折", amount_claimed=Decimal("8600.00"), inpatient=True)
        claim.status = "rejected"
        claims.record_decision(
            session, claim, outcome="rejected", reason_code="hospital_not_qualified", clause_id="2.4",
            summary="北京华康医院是民营医院，不在保单第2.4条约定的医院范围内，8,600.00元不予赔付。",
            lines=[("billed", "医疗费用总额", Decimal("8600.00"), None, None),
                   ("not_covered", "非合同约定医院的费用", Decimal("-8600.00"), "2.4", None)])
        opened = create_dispute(session, claim=claim, customer_id=wang.id, sender_id=sender,
                                grounds=["emergency_admission"], statement="是120送去的，最近的医院就是这家。")
        item = handoffs.open_handoff(
            session, sender_id=sender, reason="dispute", kind="dispute", customer_id=wang.id, claim_id=claim.id,
            dispute_id=opened.id, user_words="我不服这个拒赔决定",
            context={"title": f"王丽 · 申诉 · {claim.case_number}",
                     "sections": [{"heading": "客户", "lines": ["王丽 · 138****8000 · 已验证身份"]}]})
        session.flush()
        made = {"id": opened.id, "item": item.id, "claim": claim.id, "case": claim.case_number}
    yield made
    with session_scope(stack.database_url) as session:  # children first: the queue item, the dispute, the claim
        for row in session.scalars(select(Handoff).where(Handoff.claim_id == made["claim"])):
            session.delete(row)
        session.flush()
        for row in session.scalars(select(Dispute).where(Dispute.claim_id == made["claim"])):
            session.delete(row)
        session.flush()
        session.delete(session.get(Claim, made["claim"]))


def test_an_advisor_follows_a_dispute_to_the_insurers_answer(stack, sender, new_page, dispute):
    with session_scope(stack.database_url) as session:
        recovered_before = summary(session).amount_recovered
    page = new_page()
    _log_in(page, stack.gateway_url)
    page.get_by_test_id("nav-disputes").click()
    row = page.locator(f'[data-testid="dispute-row"][data-dispute-id="{dispute["id"]}"]')
    expect(page.get_by_test_id("disputes-open-table").locator(row)).to_be_visible()  # in 进行中
    expect(row).to_contain_text(dispute["case"])
    expect(row).to_contain_text("王丽")
    expect(row).to_contain_text("急诊/120送医")
    expect(row).to_contain_text("已受理")
    screenshot(page, "advisor-disputes")

    row.get_by_test_id("dispute-link").click()
    expect(page).to_have_url(re.compile(rf"/advisor/handoffs/{dispute['item']}#dispute-panel$"))
    panel = page.get_by_test_id("dispute-panel")
    expect(panel).to_contain_text(f"申诉 · {dispute['case']}")
    expect(panel.get_by_test_id("appeal-letter")).to_contain_text(dispute["case"])  # the draft to send
    expect(panel.get_by_test_id("dispute-status")).to_have_text("已受理")

    panel.get_by_test_id("with-insurer-note").fill("已通过保险公司客服邮箱提交")
    panel.get_by_test_id("with-insurer-submit").click()
    expect(page.get_by_test_id("flash")).to_have_text("已标记为已提交保险公司，并已告诉用户大约多久会有答复。")
    expect(panel.get_by_test_id("dispute-status")).to_have_text("已提交保险公司")
    expect(panel.get_by_test_id("with-insurer-form")).to_have_count(0)  # done once
    expect(panel).to_contain_text("已通过保险公司客服邮箱提交")  # in the dispute's progress
    told = _pushed(stack.gateway_url, sender, 0)
    assert [m["role"] for m in told] == ["system"], told
    assert f"您对案件 {dispute['case']} 的申诉材料已由顾问提交给保险公司" in told[0]["text"], told

    # A typo in the amount: nothing is recorded, the form comes back with the error and what was typed.
    panel.get_by_test_id("outcome-select").select_option(label="改判，全额赔付")
    panel.get_by_test_id("outcome-amount").fill("八千六")
    panel.get_by_test_id("outcome-note").fill("保险公司认可是120急救送医")
    panel.get_by_test_id("outcome-submit").click()
    expect(page.get_by_test_id("outcome-error")).to_have_text("金额格式不对：请只填数字，最多两位小数，例如 3418.00。")
    expect(panel.get_by_test_id("outcome-select")).to_have_value("overturned")
    expect(panel.get_by_test_id("outcome-amount")).to_have_value("八千六")
    expect(panel.get_by_test_id("outcome-note")).to_have_value("保险公司认可是120急救送医")
    expect(panel.get_by_test_id("dispute-status")).to_have_text("已提交保险公司")
    assert _pushed(stack.gateway_url, sender, told[-1]["id"]) == []

    panel.get_by_test_id("outcome-amount").fill("8,600.00")
    panel.get_by_test_id("outcome-submit").click()
    expect(page.get_by_test_id("flash")).to_have_text("申诉结果已记录，并已通知用户。")
    expect(panel.get_by_test_id("dispute-status")).to_have_text("改判赔付")
    expect(panel).to_contain_text("改判赔付 · 改判，全额赔付 · ¥8,600.00")
    expect(panel.get_by_test_id("outcome-form")).to_have_count(0)  # decided: no second answer
    screenshot(page, "advisor-dispute-outcome")
    news = _pushed(stack.gateway_url, sender, told[-1]["id"])
    assert [m["role"] for m in news] == ["system"], news
    assert (f"好消息！您对案件 {dispute['case']} 的申诉成功了：保险公司改变了原来的决定，同意赔付 ¥8,600.00。"
            "保险公司认可是120急救送医。") in news[0]["text"], news

    page.get_by_test_id("nav-disputes").click()
    expect(page.get_by_test_id("disputes-done-table").locator(row)).to_be_visible()  # moved to 已有结果
    expect(row).to_have_attribute("data-status", "overturned")
    expect(row).to_contain_text("改判，全额赔付")
    expect(row.get_by_test_id("dispute-amount")).to_have_text("¥8,600.00")
    screenshot(page, "advisor-disputes-decided")
    page.get_by_test_id("nav-metrics").click()
    expect(page.get_by_test_id("metric-amount-recovered")).to_contain_text(yuan(recovered_before + Decimal("8600")))

    with session_scope(stack.database_url) as session:  # the claim is now paid, with the result on its timeline
        claim = session.get(Claim, dispute["claim"])
        decided = session.get(Dispute, dispute["id"])
        assert (claim.status, decided.outcome, decided.amount_recovered) == ("paid", "overturned", Decimal("8600.00"))
        assert session.scalars(select(ClaimEvent.note).where(
            ClaimEvent.claim_id == claim.id, ClaimEvent.kind == "dispute_result")).all() == [
            "申诉结果：保险公司改判，同意赔付¥8,600.00"]


def test_the_appointments_page_lists_a_booking_with_the_mobile_masked(stack, new_page):
    with session_scope(stack.database_url) as session:
        zhang = session.scalar(select(Customer).where(Customer.name == "张伟"))
        case = session.scalar(select(Claim).where(Claim.case_number == "C-1004"))  # read, not changed
        slot = next(s for s in appointments.free_slots(session, STACK_NOW) if s.start.date() > STACK_NOW.date())
        booked = appointments.book(session, zhang.id, slot.start, "materials", case.id, now=STACK_NOW).appointment
        session.flush()
        booking_id = booked.id
    try:
        page = new_page()
        _log_in(page, stack.gateway_url)
        page.get_by_test_id("nav-appointments").click()
        expect(page).to_have_url(re.compile(r"/advisor/appointments$"))
        row = page.locator(f'[data-testid="appointment-row"][data-appointment-id="{booking_id}"]')
        day = page.get_by_test_id("appointment-day").filter(has=row)
        expect(day).to_have_attribute("data-day", slot.start.date().isoformat())
        expect(day.get_by_role("heading")).to_have_text(day_label(slot.start.date()))
        start = slot.start.astimezone(clock.tz())
        expect(row.locator("td").nth(0)).to_have_text(f"{start:%H:%M}-{start + SLOT:%H:%M}")
        expect(row.locator("td").nth(2)).to_have_text("张伟 · 137****7000")
        expect(row.locator("td").nth(3)).to_have_text("当面整理材料")
        expect(row.locator("td").nth(4)).to_have_text("C-1004")
        expect(page.locator("main")).not_to_contain_text("13700137000")  # never the whole number
        screenshot(page, "advisor-appointments")
    finally:  # the shared stack: the seat goes back
        with session_scope(stack.database_url) as session:
            appointments.cancel(session, session.get(Appointment, booking_id), now=STACK_NOW)


def test_the_metrics_page_shows_five_figures_and_two_charts(stack, new_page):
    with session_scope(stack.database_url) as session:
        figures = summary(session, STACK_NOW)
    page = new_page()
    _log_in(page, stack.gateway_url)
    page.get_by_test_id("nav-metrics").click()
    expect(page.get_by_role("heading", name="服务指标")).to_be_visible()
    expected = {
        "cases-served": ("已服务案件", str(figures.cases_served)),
        "amount-recovered": ("申诉追回金额", yuan(figures.amount_recovered)),
        "disputes-won": ("申诉成功", f"{figures.disputes_won} / {figures.disputes_decided}"
                         if figures.disputes_decided else "—"),
        "median-first-response": ("首次响应时间（中位数）", None),
        "sla-met": ("按时响应率", None if figures.sla_counted else "—"),
    }
    for metric, (label, value) in expected.items():
        figure = page.get_by_test_id(f"metric-{metric}")
        expect(figure.locator("dt")).to_have_text(label)
        expect(figure.locator("dd.value")).to_have_text(value if value is not None else re.compile(r"\S"))
    if figures.sla_counted:
        expect(page.get_by_test_id("metric-sla-met").locator("dd.value")).to_have_text(re.compile(r"^\d{1,3}%$"))

    for title in ("每日转人工数量（件）", "每日首次响应时间（中位数）（分钟）"):
        chart = page.get_by_role("img", name=re.compile("^" + re.escape(title) + " 柱状图"))
        expect(chart).to_be_visible()
        expect(chart.locator("rect.bar")).to_have_count(14)  # the last 14 days
        box = chart.bounding_box()
        assert box and box["width"] > 300 and box["height"] > 100, box
    today = page.get_by_test_id("chart-1").locator("rect.bar").last.locator("title")
    expect(today).to_have_text(f"{STACK_NOW.month}/{STACK_NOW.day}：" + str(figures.days[-1].handoffs))
    screenshot(page, "advisor-metrics")
