"""The scaled mode for real: two Rasa servers with their own action servers on PostgreSQL (claims and tracker)
and the Redis lock store, behind one gateway that sends each conversation to one instance."""
from __future__ import annotations

import re
import uuid
from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import select

from bot.scale import instance_of
from bot.store.db import reset_engines, session_scope
from bot.store.models import Claim

from test_e2e.test_claim_report_e2e import button

from .conftest import texts


def senders_for(instance: int, count: int, prefix: str) -> list[str]:
    """Fresh conversation ids whose preferred Rasa instance (0-based) is `instance`."""
    found = []
    while len(found) < count:
        sender = f"{prefix}-{uuid.uuid4().hex[:10]}"
        if instance_of(sender, 2) == instance:
            found.append(sender)
    return found


def say(stack, sender: str, text: str) -> list[dict]:
    reply = stack.chat(sender, text)
    assert reply["mode"] == "bot", reply
    return reply["messages"]


def verify(stack, sender: str) -> list[dict]:
    say(stack, sender, "我要报案")
    say(stack, sender, "13800138000")
    reply = say(stack, sender, "0026")
    assert "身份核实成功，王女士您好" in texts(reply)
    return reply


def start_medical_report(stack, sender: str) -> None:
    reply = verify(stack, sender)
    reply = say(stack, sender, button(reply, "医疗险"))
    assert "意外受伤，还是生病" in texts(reply)
    assert "哪一天" in texts(say(stack, sender, "生病"))


def webhook_calls(stack, number: int) -> int:
    """User messages Rasa instance `number` answered (its access log, LOG_LEVEL_LIBRARIES=INFO)."""
    return (stack.workdir / f"rasa-{number}.log").read_text(errors="replace").count("/webhooks/rest/webhook")


def test_conversations_are_spread_over_both_instances_and_kept_apart(scaled_stack):
    before = [webhook_calls(scaled_stack, n) for n in (1, 2)]
    senders = senders_for(0, 3, "spread") + senders_for(1, 3, "spread")
    with ThreadPoolExecutor(max_workers=len(senders)) as pool:  # all at once, each in order
        replies = list(pool.map(lambda sender: verify(scaled_stack, sender), senders))
    assert all("王女士" in texts(reply) for reply in replies)
    after = [webhook_calls(scaled_stack, n) for n in (1, 2)]
    # Three conversations of three messages each on each instance.
    assert after[0] - before[0] == 9 and after[1] - before[1] == 9, (before, after)


def test_full_claim_report_through_the_gateway(scaled_stack):
    sender = senders_for(1, 1, "claim")[0]
    start_medical_report(scaled_stack, sender)
    assert "哪家医院" in texts(say(scaled_stack, sender, "上周五"))
    say(scaled_stack, sender, "北京朝阳医院")
    say(scaled_stack, sender, "三甲")
    assert "多少钱" in texts(say(scaled_stack, sender, "急性阑尾炎，做了手术"))
    summary = texts(say(scaled_stack, sender, "一万二"))
    assert "出险日期：2026年11月20日" in summary and "¥12,000.00" in summary and "北京朝阳医院（三级甲等）" in summary
    done = texts(say(scaled_stack, sender, "/affirm"))
    case_number = re.search(r"案件号是 (C-\d+)", done).group(1)

    reset_engines()
    with session_scope(scaled_stack.database_url) as session:  # the claim is in PostgreSQL
        claim = session.execute(select(Claim).where(Claim.case_number == case_number)).scalar_one()
        assert str(claim.amount_claimed) == "12000.00" and claim.hospital_name == "北京朝阳医院"
    reset_engines()


def test_a_conversation_fails_over_with_its_slots_when_its_instance_dies(scaled_stack):
    """Last in the module: it kills Rasa instance 1 for good (the stack is stopped after the module)."""
    sender = senders_for(0, 1, "failover")[0]
    start_medical_report(scaled_stack, sender)
    say(scaled_stack, sender, "11月3号")
    served_by_2 = webhook_calls(scaled_stack, 2)

    scaled_stack.kill_rasa(1)
    reply = say(scaled_stack, sender, "北京朝阳医院")
    assert "性质和等级" in texts(reply)  # the form goes on where it was
    say(scaled_stack, sender, "二级公立")
    say(scaled_stack, sender, "肺炎")
    summary = texts(say(scaled_stack, sender, "八千"))
    assert "出险日期：2026年11月03日" in summary and "北京朝阳医院" in summary and "¥8,000.00" in summary
    assert webhook_calls(scaled_stack, 2) - served_by_2 == 4  # instance 2 took the conversation over
    # New conversations of the dead instance are served too.
    other = senders_for(0, 1, "after-kill")[0]
    assert "核实身份" in texts(say(scaled_stack, other, "我要报案"))
