"""What a user is told about their dispute, in Chinese and in English (SQLite and PostgreSQL).

The console picks the language from the conversation (tests/test_advisor/test_console_notices.py);
here the store's texts: Chinese unchanged by default, English with no Chinese left in it.
"""
from decimal import Decimal

import pytest

from bot.claims.wording import has_chinese
from bot.store import disputes, find_by_mobile, get_visible_claim, session_scope

STATEMENT = "是120急救车直接把我送到华康医院的，我自己没有选医院。"


def _dispute(session):
    wang = find_by_mobile(session, "13800138000")
    claim = get_visible_claim(session, wang.id, "C-1001")
    return disputes.create_dispute(session, claim=claim, customer_id=wang.id, sender_id="s1",
                                   grounds=["emergency_admission"], statement=STATEMENT)


@pytest.mark.parametrize("lang, expected", [
    ("zh-Hans", "您对案件 C-1001 的申诉材料已由顾问提交给保险公司。保险公司通常在收到申诉后15～30天内答复，"
                "有结果我们会第一时间告诉您。"),
    ("zh-Hant", "您对案件 C-1001 的申诉材料已由顾问提交给保险公司。保险公司通常在收到申诉后15～30天内答复，"
                "有结果我们会第一时间告诉您。"),  # Simplified: the console converts it for the reader
    ("en", "An advisor has sent the appeal for case C-1001 to the insurer. Insurers usually reply within 15-30 days "
           "of receiving an appeal, and we'll tell you as soon as there's a result."),
])
def test_sent_to_the_insurer_in_the_users_language(seeded_url, lang, expected):
    with session_scope(seeded_url) as session:
        assert disputes.mark_with_insurer(session, _dispute(session), None, "已寄出", lang=lang) == expected


def test_the_chinese_default_is_unchanged(seeded_url):
    with session_scope(seeded_url) as session:
        message = disputes.record_outcome(session, _dispute(session), outcome="overturned", amount=Decimal("3418"),
                                          advisor_id=None, note="保险公司电话通知")
        assert message == ("好消息！您对案件 C-1001 的申诉成功了：保险公司改变了原来的决定，同意赔付 ¥3,418.00。"
                           "保险公司电话通知。按《保险法》第二十三条，保险公司应在达成赔付协议后10日内付款，"
                           "赔款会打到被保险人的银行卡。")


@pytest.mark.parametrize("outcome, amount, words", [
    ("upheld", None, "the insurer has kept its original decision"),
    ("overturned", Decimal("3418"), "has succeeded: the insurer has changed its decision and agreed to pay ¥3,418.00"),
    ("partly_overturned", Decimal("500"), "partly changed its decision and agreed to pay ¥500.00"),
])
def test_each_outcome_in_english(seeded_url, outcome, amount, words):
    with session_scope(seeded_url) as session:
        dispute = _dispute(session)
        message = disputes.record_outcome(session, dispute, outcome=outcome, amount=amount, advisor_id=None, lang="en")
        assert "case C-1001" in message and words in message and not has_chinese(message)
        assert "  " not in message
        # what is stored for advisors stays Chinese
        assert dispute.events[-1].note.startswith("保险公司")


@pytest.mark.parametrize("note, shown", [
    ("The insurer phoned us this morning", "¥3,418.00. The insurer phoned us this morning. Under Article 23"),
    ("Paid by bank transfer!", "¥3,418.00. Paid by bank transfer! Under Article 23"),
    ("保险公司电话通知", "¥3,418.00. Under Article 23"),  # a Chinese note is for Chinese readers only
    ("", "¥3,418.00. Under Article 23"),
])
def test_the_advisors_note_in_an_english_notice(seeded_url, note, shown):
    with session_scope(seeded_url) as session:
        message = disputes.record_outcome(session, _dispute(session), outcome="overturned", amount=Decimal("3418"),
                                          advisor_id=None, note=note, lang="en")
        assert shown in message
