"""Paper-policy texts in the user's language: the store's (SQLite and PostgreSQL) and the console's notice."""
from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from bot import clock
from bot.store import mailings
from bot.store.conversations import set_conversation_language
from bot.store.db import session_scope
from bot.store.models import Customer, Policy
from bot.store.transcripts import ensure_conversation, messages_of

ADDRESS = dict(recipient="王丽", mobile="13800138000", province="北京市", city="北京市", district="朝阳区",
               street="建国路88号院3号楼1单元502")
POLICY_EN = "王丽 · 安康百万医疗险（2022版） (medical insurance)"  # names stay as stored


def _request(session, customer_id: int, lang: str = "en", sender_id=None) -> mailings.MailingResult:
    policy = session.scalar(select(Policy).where(Policy.policy_number == "P2022-0001"))
    return mailings.request_paper_copy(session, customer_id, policy, sender_id=sender_id, lang=lang, **ADDRESS)


def test_request_repeat_and_every_status_in_english(seeded_url, people, frozen_clock):
    with session_scope(seeded_url) as session:
        first = _request(session, people["王丽"])
        assert first.message == (
            f"Done: we'll post a paper copy of {POLICY_EN} free of charge to 王丽 138****8000, 北京市 北京市 朝阳区 "
            "建国路88号院3号楼1单元502. It's usually printed and sent within 3 working days; once it's on its way, "
            "ask me for the tracking number any time.")
        repeat = _request(session, people["王丽"])
        assert repeat.message == ("A paper copy of this policy is already on its way, so there's no need to ask again. "
                                  f"Paper policy for {POLICY_EN}: registered on 24 Nov, being printed, "
                                  "usually sent within 3 working days.")
        request = first.request
        assert mailings.advance(session, request, "printed", advisor_id=None, lang="en") == (
            f"Paper policy for {POLICY_EN}: printed on 24 Nov and about to be posted.")
        with clock.freeze(frozen_clock + timedelta(days=1)):
            posted = mailings.advance(session, request, "posted", advisor_id=None, tracking_number="SF1234567890123",
                                      lang="en")
        assert posted == (f"Paper policy for {POLICY_EN}: posted on 25 Nov, tracking number SF1234567890123, "
                          "going to 北京市, 朝阳区; it usually arrives in 2 to 4 days.")
        delivered = mailings.advance(session, request, "delivered", advisor_id=None, lang="en")
        assert delivered.endswith("If you didn't get it, tell me and we'll look into it.")
        assert mailings.status_text(request) == (  # the default is Chinese, as before
            "王丽 · 安康百万医疗险（2022版）（医疗险）的纸质保单：11月24日已经签收。如果没收到，请告诉我，我们帮您查。")


@pytest.mark.parametrize("lang", ["zh-Hans", "zh-Hant"])
def test_chinese_conversations_get_the_simplified_text(seeded_url, people, lang):
    """Traditional is converted where the text leaves (the console, the action server), never twice."""
    with session_scope(seeded_url) as session:
        assert _request(session, people["王丽"], lang).message.startswith("好的，已登记：免费把王丽 · 安康百万医疗险")


# --- the console's "posted" notice -------------------------------------------------------------------

@pytest.fixture
def mailing_for(console_url):
    def make(lang: str) -> int:
        with session_scope(console_url) as session:
            ensure_conversation(session, "web-mail")
            set_conversation_language(session, "web-mail", lang)
            wang = session.scalar(select(Customer).where(Customer.name == "王丽"))
            return _request(session, wang.id, "zh-Hans", sender_id="web-mail").request.id
    return make


@pytest.mark.parametrize("lang, expected", [
    ("en", f"Paper policy for {POLICY_EN}: posted on 24 Nov, tracking number SF1234567890123"),
    ("zh-Hant", "王麗 · 安康百萬醫療險（2022版）（醫療險）的紙質保單：11月24日已經寄出，快遞單號 SF1234567890123"),
    ("zh-Hans", "王丽 · 安康百万医疗险（2022版）（医疗险）的纸质保单：11月24日已经寄出，快递单号 SF1234567890123"),
])
async def test_the_posted_notice_is_in_the_conversations_language(advisor, gateway, mailing_for, console_url,
                                                                   lang, expected):
    mailing = mailing_for(lang)
    posted = await advisor.post(f"/advisor/mailings/{mailing}/status",
                                {"status": "posted", "tracking_number": "SF1234567890123"})
    assert posted.headers["Location"] == "/advisor/mailings?msg=notified"
    [(sender, [text], role, _)] = gateway.delivered
    assert (sender, role) == ("web-mail", "system") and text.startswith(expected)
    with session_scope(console_url) as session:  # the transcript holds what the user read
        assert messages_of(session, "web-mail")[-1].text == text
