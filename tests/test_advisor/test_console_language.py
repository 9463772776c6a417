"""The console shows each user's language, and what it sends a user is in that language (issue 8)."""
from __future__ import annotations

import re

from bot.store.conversations import note_user_language, set_conversation_language
from bot.store.db import session_scope

BADGE_RE = re.compile(r'data-handoff-id="(\d+)".*?(?:data-testid="queue-language"\s+data-language="([^"]+)">([^<]+)<|</li>)',
                      re.S)


def speak(url, sender, text=None, fixed=None):
    with session_scope(url) as session:
        if text is not None:
            note_user_language(session, sender, text)
        if fixed is not None:
            set_conversation_language(session, sender, fixed, True)


async def badges(advisor) -> dict:
    text = await (await advisor.client.get("/advisor/")).text()
    return {int(i): (code, label) for i, code, label in BADGE_RE.findall(text)}


async def test_queue_shows_each_users_language_and_whether_they_chose_it(advisor, queued, console_url):
    speak(console_url, "web-wang", "Can I talk to a real person please?")
    speak(console_url, "web-li", fixed="zh-Hant")
    shown = await badges(advisor)
    assert shown[queued["normal"]] == ("en", "English")
    assert shown[queued["elderly"]] == ("zh-Hant", "繁體中文（用户指定）")
    assert shown[queued["dispute_item"]] == ("zh-Hans", "简体中文")  # nothing shown yet: the bot's default
    assert shown[queued["callback"]] == ("", "")  # a call-back has no conversation: no badge


async def test_conversation_view_tells_the_advisor_to_answer_in_english(advisor, queued, console_url):
    speak(console_url, "web-wang", "I want to speak to an advisor")
    page = await (await advisor.client.get(f"/advisor/handoffs/{queued['normal']}")).text()
    assert re.search(r'data-testid="handoff-language"\s+data-language="en" title="用户的语言">English<', page)
    assert 'data-testid="reply-language">用户使用英文，请用英文回复。<' in page
    plain = await (await advisor.client.get(f"/advisor/handoffs/{queued['dispute_item']}")).text()
    assert ">简体中文<" in plain and 'data-testid="reply-language"' not in plain


async def test_closing_says_goodbye_in_the_users_language(advisor, gateway, queued, console_url):
    speak(console_url, "web-wang", "I want to speak to an advisor")
    speak(console_url, "web-li", "我想找真人顧問")
    await advisor.post(f"/advisor/handoffs/{queued['normal']}/close")
    await advisor.post(f"/advisor/handoffs/{queued['elderly']}/close")
    assert [(sender, texts) for sender, texts, _, _ in gateway.delivered] == [
        ("web-wang", ["The advisor has ended this conversation. Thank you for your patience. "
                      "You can ask me anything again at any time."]),
        ("web-li", ["顧問已結束本次人工服務，感謝您的耐心。之後有問題可以隨時問我。"]),
    ]


async def test_a_dispute_notice_reaches_a_traditional_reader_in_traditional(advisor, gateway, queued, console_url):
    speak(console_url, "web-dispute", "我對這個決定有異議")
    await advisor.post(f"/advisor/disputes/{queued['dispute']}/with-insurer", {"note": ""})
    [(_, [text], _, _)] = gateway.delivered
    assert "申訴材料已由顧問提交給保險公司" in text
