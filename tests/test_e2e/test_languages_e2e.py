"""English and Traditional Chinese end to end: real Rasa, action server and database.

What the user sees must be in the language they write in: no Chinese characters in
English replies (beyond names from the seed data and quoted policy wording), and
Traditional characters for a user who writes Traditional.
"""
import re

from sqlalchemy import select

from bot.store.db import reset_engines, session_scope
from bot.store.models import Claim, Customer, Policy

from .conftest import texts
from .test_claim_report_e2e import button

CJK = re.compile(r"[\u4e00-\u9fff]")
SIMPLIFIED_ONLY = re.compile(r"[赔据险诉顾问们这时额证]")  # characters that Traditional text writes differently


CJK_RUN = re.compile(r"[\u4e00-\u9fff（）]+")


def seed_names(database_url: str) -> str:
    """Names the seed data writes in Chinese (people, products, hospitals, diagnoses): shown as written."""
    reset_engines()
    with session_scope(database_url) as session:
        rows = [session.execute(select(column)).scalars().all() for column in
                (Customer.name, Policy.product_name, Claim.hospital_name, Claim.diagnosis)]
    return "|".join(name for names in rows for name in names if name)


def english(stack, messages, allowed: str = "") -> str:
    """The texts of `messages`; they and the button titles are English apart from names from the seed."""
    names = seed_names(stack.database_url)
    said = texts(messages)
    for text in [said] + [b["title"] for m in messages for b in m.get("buttons") or []]:
        foreign = [run for run in CJK_RUN.findall(text.replace(allowed, "")) if run not in names]
        assert not foreign, text
    return said


def verify_in_english(stack, sender, first: str) -> list:
    assert "check who you are" in english(stack, stack.send(sender, first))
    stack.send(sender, "13800138000")
    reply = stack.send(sender, "0026")
    assert "verified" in english(stack, reply).lower()
    return reply


def test_an_english_claim_report_from_start_to_case_number(stack, sender):
    reply = verify_in_english(stack, sender, "Hi, I'd like to file a claim")
    reply = stack.send(sender, button(reply, "edical"))
    assert "accident" in english(stack, reply).lower()
    assert "when" in english(stack, stack.send(sender, "I got sick")).lower()
    assert "hospital" in english(stack, stack.send(sender, "last Friday")).lower()
    assert "grade" in english(stack, stack.send(sender, "Beijing Chaoyang Hospital")).lower()
    assert "diagnos" in english(stack, stack.send(sender, "public, grade 3A")).lower()
    reply = stack.send(sender, "acute appendicitis, had surgery")
    assert "how much" in english(stack, reply).lower()
    summary = english(stack, stack.send(sender, "about 12,000 yuan"))
    assert "20 Nov 2026" in summary and "¥12,000.00" in summary
    said = english(stack, stack.send(sender, "/affirm"))
    case_number = re.search(r"case number is (C-\d+)", said).group(1)

    reset_engines()
    with session_scope(stack.database_url) as session:
        claim = session.execute(select(Claim).where(Claim.case_number == case_number)).scalar_one()
        assert str(claim.amount_claimed) == "12000.00" and claim.hospital_name == "Beijing Chaoyang Hospital"


def test_english_status_explanation_coverage_and_glossary(stack, sender):
    assert "deductible" in english(stack, stack.send(sender, "what does deductible mean?")).lower()
    reply = verify_in_english(stack, sender, "why did they only pay part of my claim?")
    said = english(stack, stack.send(sender, next(b["payload"] for b in reply[-1]["buttons"] if "C-1002" in b["title"])))
    assert "¥16,250.00" in said and "¥3,418.00" in said
    said = english(stack, stack.send(sender, "Can I claim for a private hospital?"))
    assert "2.4" in said
    reply = stack.send(sender, "what's the status of my claim?")
    assert "Which one" in english(stack, reply)  # three claims: a choice, by case number
    assert any("C-1001" in b["title"] for m in reply for b in m.get("buttons") or [])


def test_english_hand_off_and_fixed_language(stack, sender):
    said = english(stack, stack.send(sender, "I want to talk to a real person"))
    assert "advisor" in said.lower()


def test_lang_command_fixes_the_language_until_changed(stack, sender):
    assert "English" in english(stack, stack.send(sender, "/lang en"), allowed="“请用中文”")
    english(stack, stack.send(sender, "你好"))  # fixed: a Chinese message still gets English
    said = texts(stack.send(sender, "/lang zh"))
    assert CJK.search(said)
    assert CJK.search(texts(stack.send(sender, "hello there, what can you do")))  # fixed Chinese


def test_traditional_chinese_gets_traditional_replies(stack, sender):
    said = texts(stack.send(sender, "我要申請理賠"))
    assert "核實身份" in said and not SIMPLIFIED_ONLY.search(said), said
    stack.send(sender, "13800138000")
    reply = stack.send(sender, "0026")
    said = texts(reply)
    assert "身份核實成功" in said and not SIMPLIFIED_ONLY.search(said), said
    for message in reply:
        for b in message.get("buttons") or []:
            assert not SIMPLIFIED_ONLY.search(b["title"]), b
    said = texts(stack.send(sender, "免賠額是什麼意思"))
    assert "免賠額" in said and not SIMPLIFIED_ONLY.search(said), said
    # Writing Simplified again switches back.
    assert "免赔额" in texts(stack.send(sender, "免赔额是什么意思"))


def test_traditional_chosen_by_name_stays_when_the_user_writes_simplified(stack, sender):
    said = texts(stack.send(sender, "/lang zh-hant"))
    assert "繁體中文" in said
    said = texts(stack.send(sender, "免赔额是什么意思"))  # typed with a Simplified keyboard
    assert "免賠額" in said and not SIMPLIFIED_ONLY.search(said), said
    texts(stack.send(sender, "/lang zh"))  # the 简 button
    assert "免赔额" in texts(stack.send(sender, "免賠額是什麼意思"))
