"""What the console sends a user, in the conversation's language: dispute notices and the advisor's own words."""
from __future__ import annotations

import pytest

from bot.claims.wording import has_chinese
from bot.store.conversations import set_conversation_language
from bot.store.db import session_scope
from bot.store.transcripts import messages_of


def reads(url: str, sender_id: str, language: str) -> None:
    with session_scope(url) as session:
        set_conversation_language(session, sender_id, language)


async def test_dispute_notices_reach_an_english_user_in_english(advisor, gateway, queued, console_url):
    reads(console_url, "web-dispute", "en")
    await advisor.post(f"/advisor/disputes/{queued['dispute']}/with-insurer", {"note": "寄出了"})
    response = await advisor.post(f"/advisor/disputes/{queued['dispute']}/outcome",
                                  {"outcome": "overturned", "amount": "3418", "note": "Confirmed by phone"})
    assert response.headers["Location"].endswith("?msg=outcome")
    [(_, [sent], _, _), (_, [outcome], role, _)] = gateway.delivered
    assert sent.startswith("An advisor has sent the appeal for case C-1001 to the insurer.")
    assert outcome.startswith("Good news! Your appeal for case C-1001 has succeeded")
    assert "¥3,418.00. Confirmed by phone. Under Article 23" in outcome and role == "system"
    assert not has_chinese(sent + outcome)


async def test_a_dispute_outcome_reaches_a_traditional_reader_in_traditional(advisor, gateway, queued, console_url):
    reads(console_url, "web-dispute", "zh-Hant")
    await advisor.post(f"/advisor/disputes/{queued['dispute']}/outcome", {"outcome": "upheld", "note": "已电话确认"})
    [(_, [text], _, _)] = gateway.delivered
    assert text.startswith("您對案件 C-1001 的申訴有結果了：保險公司維持原來的決定。已電話確認。")


@pytest.mark.parametrize("language, typed, shown", [
    ("zh-Hant", "您好，理赔发票请拍照上传，我帮您审核。", "您好，理賠發票請拍照上傳，我幫您審核。"),
    ("zh-Hans", "您好，理赔发票请拍照上传。", "您好，理赔发票请拍照上传。"),
    ("en", "Hello, please upload a photo of the 发票 (invoice).", "Hello, please upload a photo of the 发票 (invoice)."),
])
async def test_an_advisor_reply_in_the_users_script(advisor, gateway, queued, console_url, language, typed, shown):
    """Only Traditional readers get the advisor's words converted; the transcript shows what they read."""
    reads(console_url, "web-wang", language)
    response = await advisor.post(f"/advisor/handoffs/{queued['normal']}/reply", {"text": typed})
    assert response.headers["Location"].endswith("?msg=replied")
    [(sender, [text], role, _)] = gateway.delivered
    assert (sender, text, role) == ("web-wang", shown, "advisor")
    with session_scope(console_url) as session:
        assert messages_of(session, "web-wang")[-1].text == shown


async def test_the_advisor_knows_a_traditional_readers_replies_are_converted(advisor, queued, console_url):
    reads(console_url, "web-wang", "zh-Hant")
    page = await (await advisor.client.get(f"/advisor/handoffs/{queued['normal']}")).text()
    assert 'data-testid="reply-language">用户使用繁体中文：您的回复会自动转成繁体，用简体输入即可。<' in page
