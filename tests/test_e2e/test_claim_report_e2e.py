"""Whole conversations through Rasa's REST channel, with the real action server and database."""
from sqlalchemy import select

from bot.store.db import reset_engines, session_scope
from bot.store.models import Claim, ClaimEvent

from .conftest import texts


def verify(stack, sender: str) -> list:
    stack.send(sender, "我要报案")
    stack.send(sender, "13800138000")
    reply = stack.send(sender, "0026")
    assert "身份核实成功，王女士您好" in texts(reply)
    return reply


def button(messages, title_part: str) -> str:
    for message in messages:
        for b in message.get("buttons") or []:
            if title_part in b["title"]:
                return b["payload"]
    raise AssertionError(f"no button with {title_part!r} in {messages}")


def start_medical_report(stack, sender: str) -> None:
    """Verified as 王丽, medical policy chosen, illness: the form asks for the date next."""
    reply = verify(stack, sender)
    reply = stack.send(sender, button(reply, "医疗险"))
    assert "意外受伤，还是生病" in texts(reply)
    assert "哪一天" in texts(stack.send(sender, "生病"))


def test_full_claim_report_creates_a_case(stack, sender):
    start_medical_report(stack, sender)
    reply = stack.send(sender, "上周五")
    assert "哪家医院" in texts(reply)
    stack.send(sender, "北京朝阳医院")
    stack.send(sender, "三甲")
    reply = stack.send(sender, "急性阑尾炎，做了手术")
    assert "多少钱" in texts(reply)
    reply = stack.send(sender, "一万二")
    summary = texts(reply)
    assert "出险日期：2026年11月20日" in summary and "¥12,000.00" in summary and "北京朝阳医院（三级甲等）" in summary
    reply = stack.send(sender, "/affirm")
    assert "案件号是 C-1005" in texts(reply) and "费用明细清单" in texts(reply)

    reset_engines()
    with session_scope(stack.database_url) as session:
        claim = session.execute(select(Claim).where(Claim.case_number == "C-1005")).scalar_one()
        assert str(claim.amount_claimed) == "12000.00" and claim.hospital_name == "北京朝阳医院"
        assert session.execute(select(ClaimEvent).where(ClaimEvent.claim_id == claim.id)).scalars().all()


def test_several_answers_in_one_message(stack, sender):
    verify(stack, sender)
    reply = stack.send(sender, "/cancel")
    assert "已取消" in texts(reply)
    reply = stack.send(sender, "我昨天在朝阳医院住院花了八千，想报销")
    assert "哪一份保单" in texts(reply)
    stack.send(sender, "医疗险那个")
    reply = stack.send(sender, "生病")
    # date, hospital and amount came with the first message: next is the hospital grade.
    assert "性质和等级" in texts(reply)


def test_a_claim_narrative_starts_the_report_after_verification(stack, sender):
    reply = stack.send(sender, "我上周五切菜把手割伤了，120送到了北京华康医院，想报销")
    assert "核实身份" in texts(reply)
    stack.send(sender, "13800138000")
    reply = stack.send(sender, "0026")
    assert "哪一份保单" in texts(reply)
    reply = stack.send(sender, button(reply, "意外险"))
    # Date, hospital and incident type came with the first message: the hospital's grade is next,
    # and the private hospital is flagged at once with the emergency argument.
    reply = stack.send(sender, "民营医院")
    assert "二级及以上公立医院" in texts(reply) and "120" in texts(reply)
    assert "诊断" in texts(reply)


def test_wrong_answers_are_explained_and_asked_again(stack, sender):
    start_medical_report(stack, sender)
    reply = stack.send(sender, "明天")
    assert "不能晚于今天" in texts(reply)
    reply = stack.send(sender, "好像是那天吧")
    assert "没看懂这个日期" in texts(reply)
    reply = stack.send(sender, "三天前")
    assert "哪家医院" in texts(reply)


def test_restart_mid_form_keeps_the_answers(stack, sender):
    start_medical_report(stack, sender)
    stack.send(sender, "11月3号")
    stack.restart()
    reply = stack.send(sender, "北京朝阳医院")
    assert "性质和等级" in texts(reply)
    stack.send(sender, "二级公立")
    stack.send(sender, "肺炎")
    reply = stack.send(sender, "八千")
    assert "出险日期：2026年11月03日" in texts(reply) and "北京朝阳医院" in texts(reply)


def test_empty_emoji_and_huge_messages_get_a_reply(stack, sender):
    """Through the gateway, as every channel sends them. Empty messages are not misunderstandings,
    so they never count toward the fallbacks that hand the user to a person."""
    for text in ["", "   ", "😀😀😀", ""]:
        reply = stack.chat(sender, text)
        assert texts(reply["messages"]).strip() and reply["mode"] == "bot", f"no reply to {text!r}"
    for number, text in enumerate(["啊" * 5000, "我要报案" * 1250]):
        assert texts(stack.chat(f"{sender}-{number}", text)["messages"]).strip(), f"no reply to {text[:20]!r}"


def test_corrections_at_the_summary_and_a_question_midway(stack, sender):
    start_medical_report(stack, sender)
    stack.send(sender, "11月3号")
    reply = stack.send(sender, "/ask_coverage")  # a question of its own: answered, then the form asks again
    assert "哪方面" in texts(reply) and "哪家医院" in texts(reply)
    stack.send(sender, "北京朝阳医院")
    stack.send(sender, "三甲")
    stack.send(sender, "肺炎")
    stack.send(sender, "八千")
    reply = stack.send(sender, "/deny")
    assert "哪一项需要修改" in texts(reply)
    reply = stack.send(sender, button(reply, "修改金额"))
    assert "多少钱" in texts(reply)
    reply = stack.send(sender, "9000元")
    assert "¥9,000.00" in texts(reply) and "请核对报案信息" in texts(reply)
    reply = stack.send(sender, "/deny")
    reply = stack.send(sender, "日期是11月5号")
    assert "出险日期：2026年11月05日" in texts(reply) and "请核对报案信息" in texts(reply)


def test_a_typed_number_picks_the_button_through_the_real_servers(stack, sender):
    """Elderly users answer "请回复数字1或2" with a digit: it must act as the button press."""
    menu = stack.chat(sender, "你好")["messages"]
    first = next(b for m in menu for b in m["buttons"])
    by_number = texts(stack.chat(sender, "1")["messages"])
    by_button = texts(stack.chat(f"{sender}-b", first["payload"])["messages"])
    assert by_number.strip() and by_number == by_button, (first, by_number)
