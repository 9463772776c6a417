"""Issue 6 end to end: call-backs, counter appointments, paper policies and elderly mode, through real servers.

Each test has its own conversation (the `sender` fixture); the stack's database is shared by the
end-to-end tests, so what a test books it cancels again, and no assertion depends on another test.
"""
from __future__ import annotations

from sqlalchemy import select

from bot.store.db import reset_engines, session_scope
from bot.store.models import Appointment, Callback, Customer, MailingRequest

from .conftest import texts

# Form questions that must never be said before (or instead of) the question being asked.
WINDOW_ERROR = "请选上午、下午，或者都可以"
TOPIC_QUESTION = "想和顾问聊什么事"
WINDOW_QUESTION = "您希望顾问什么时候打来"


def chat(stack, sender: str, text: str) -> list:
    """One message through the gateway's chat API (as the web page sends it): the bot's messages."""
    return stack.chat(sender, text)["messages"]


def said(messages: list) -> str:
    return texts(messages)


def button(messages: list, title_part: str) -> str:
    for message in messages:
        for b in message.get("buttons") or []:
            if title_part in b["title"]:
                return b["payload"]
    raise AssertionError(f"no button with {title_part!r} in {messages}")


def all_buttons(messages: list) -> list:
    return [b for m in messages for b in m.get("buttons") or []]


def verify(stack, sender: str, mobile: str, last4: str, greeting: str) -> list:
    reply = chat(stack, sender, "我的理赔到哪了")
    assert "核实身份" in said(reply)
    chat(stack, sender, mobile)
    reply = chat(stack, sender, last4)
    assert f"身份核实成功，{greeting}您好" in said(reply)
    return reply


def callbacks_of(stack, sender: str) -> list:
    reset_engines()
    with session_scope(stack.database_url) as session:
        return [(c.status, c.call_window, c.topic) for c in
                session.execute(select(Callback).where(Callback.sender_id == sender).order_by(Callback.id)).scalars()]


def test_call_back_verified_default_phone_window_topic_status_change_cancel(stack, sender):
    verify(stack, sender, "13800138000", "0026", "王女士")

    reply = chat(stack, sender, "请顾问给我回个电话")
    # Only the phone is asked: no complaint about answers nobody asked for yet.
    assert "就打 138****8000 可以吗" in said(reply)
    assert WINDOW_ERROR not in said(reply) and TOPIC_QUESTION not in said(reply)

    reply = chat(stack, sender, "1")  # a typed number picks 可以，就打这个
    assert WINDOW_QUESTION in said(reply) and [b["title"] for b in all_buttons(reply)] == ["上午", "下午", "都可以"]

    reply = chat(stack, sender, "下午")  # the NLU may read it as a greeting (下午好): it is the answer
    assert TOPIC_QUESTION in said(reply) and "我是理赔小助手" not in said(reply)

    reply = chat(stack, sender, "理赔进度")  # a topic, not a status question
    assert "已为您预约回电" in said(reply)
    assert "11月25日（周三）21:00 前拨打 138****8000" in said(reply) and "下午" in said(reply)
    assert "您名下有" not in said(reply)
    assert callbacks_of(stack, sender) == [("open", "afternoon", "理赔进度")]

    reply = chat(stack, sender, "顾问什么时候打电话")
    assert "还在安排中" in said(reply) and "事由：理赔进度" in said(reply)
    assert "改成上午打" in [b["title"] for b in all_buttons(reply)]

    reply = chat(stack, sender, "回电改到上午")
    assert "已经改好了" in said(reply) and "上午" in said(reply)
    assert callbacks_of(stack, sender) == [("open", "morning", "理赔进度")]

    reply = chat(stack, sender, "改回电")
    reply = chat(stack, sender, button(reply, "改成下午打"))
    assert "已经改好了" in said(reply) and "下午" in said(reply)

    reply = chat(stack, sender, "取消回电")
    assert "已经为您取消了回电预约" in said(reply)
    assert callbacks_of(stack, sender)[-1][0] == "cancelled"
    assert "您之前的回电预约已经取消了" in said(chat(stack, sender, "顾问什么时候给我打电话"))


def test_call_back_typed_phone_topic_button_and_stopping_the_form(stack, sender):
    reply = chat(stack, sender, "让顾问给我回个电话")  # not verified: a number is asked
    assert "顾问打哪个电话找您" in said(reply) and WINDOW_ERROR not in said(reply)
    assert "号码好像不对" in said(chat(stack, sender, "12345"))
    assert WINDOW_QUESTION in said(chat(stack, sender, "010-12345678"))
    reply = chat(stack, sender, "都可以")
    assert TOPIC_QUESTION in said(reply)
    reply = chat(stack, sender, button(reply, "材料"))
    assert "已为您预约回电" in said(reply) and "010-****5678" in said(reply)
    assert callbacks_of(stack, sender) == [("open", "any", "理赔材料")]
    assert "已经为您取消了回电预约" in said(chat(stack, sender, "取消回电"))

    # Asked again, then "不约了" at the topic (read by the NLU as another intent): nothing is booked.
    chat(stack, sender, "让顾问给我回个电话")
    chat(stack, sender, "13912345678")
    chat(stack, sender, "早上吧")
    reply = chat(stack, sender, "不约了")
    assert "这次不约回电了" in said(reply) and "已为您预约回电" not in said(reply)
    assert [status for status, *_ in callbacks_of(stack, sender)] == ["cancelled"]


def test_counter_appointment_booked_by_number_moved_by_button_and_cancelled(stack, sender):
    reply = chat(stack, sender, "服务中心在哪")
    assert "建国路88号" in said(reply) and "营业时间" in said(reply)

    reply = chat(stack, sender, "帮我约个柜台时间")  # verification first, then the slots
    assert "核实身份" in said(reply)
    chat(stack, sender, "13800138000")
    reply = chat(stack, sender, "0026")
    assert "身份核实成功" in said(reply) and "选一个就行" in said(reply)
    second = all_buttons(reply)[1]["title"].split(" · ")[0]

    reply = chat(stack, sender, "2")  # a typed number books the second slot
    assert "预约成功！" + second in said(reply) and "请提前10分钟到" in said(reply)

    reply = chat(stack, sender, "我约的是几点")
    assert second in said(reply)
    assert [b["title"] for b in all_buttons(reply)] == ["改时间", "取消预约"]

    reply = chat(stack, sender, "改预约")
    assert "要改到哪个时间" in said(reply)
    third = all_buttons(reply)[2]
    reply = chat(stack, sender, third["payload"])
    assert "已经改好了" in said(reply) and third["title"].split(" · ")[0] in said(reply)

    reply = chat(stack, sender, "取消到店预约")
    assert "已经取消了" in said(reply)
    assert "没有到服务中心的预约" in said(chat(stack, sender, "我约的是几点"))
    reset_engines()
    with session_scope(stack.database_url) as session:
        mine = session.execute(select(Appointment.status).where(Appointment.sender_id == sender)).scalars().all()
    assert mine and "booked" not in mine


def test_counter_appointment_for_the_day_and_time_the_user_names(stack, sender):
    verify(stack, sender, "13700137000", "1018", "张先生")
    reply = chat(stack, sender, "帮我约下周四下午去柜台")  # real NLU: the words name the day, the action reads them
    if "服务中心休息" in said(reply):  # next Thursday is a public holiday this time of year
        return
    assert "（周四）下午还可以约这些时间" in said(reply)
    slots = [b for b in all_buttons(reply) if "·" in b["title"]]
    assert slots and all("（周四）" in b["title"] and b["title"].split("）")[1][:2] >= "12" for b in slots)
    more = button(reply, "看更多日子")
    reply = chat(stack, sender, more)
    assert "再往后几天可以预约的时间" in said(reply)
    assert all("（周四）" not in b["title"] for b in all_buttons(reply) if "·" in b["title"])

    reply = chat(stack, sender, "还是约下周四下午三点吧")
    assert "15:00-15:30" in all_buttons(reply)[0]["title"]
    reply = chat(stack, sender, "1")
    assert "预约成功！" in said(reply) and "15:00-15:30" in said(reply)
    assert "已经取消了" in said(chat(stack, sender, "取消到店预约"))

    # Bare replies to the slots, which the NLU reads as a fallback or a greeting, and a time alone.
    chat(stack, sender, "帮我约个柜台时间")
    reply = chat(stack, sender, "下周四下午")
    assert "（周四）下午还可以约这些时间" in said(reply)
    reply = chat(stack, sender, "下午四点")  # a time not offered: the slots nearest it, of that day
    assert "（周四） 16:00还可以约" in said(reply) and "16:00-16:30" in all_buttons(reply)[0]["title"]
    reply = chat(stack, sender, "第一个")  # names no day: picks a button, as anywhere else
    assert "预约成功！" in said(reply) and "16:00-16:30" in said(reply)
    assert "已经取消了" in said(chat(stack, sender, "取消到店预约"))
    chat(stack, sender, "帮我约个柜台时间")
    chat(stack, sender, "下周四下午")
    reply = chat(stack, sender, "下午三点那个")  # the time of one slot offered: booked, as if pressed
    assert "预约成功！" in said(reply) and "15:00-15:30" in said(reply)
    assert "已经取消了" in said(chat(stack, sender, "取消到店预约"))


def test_paper_policy_with_the_whole_address_in_one_answer_then_its_status(stack, sender):
    reply = chat(stack, sender, "我要纸质保单")
    assert "核实身份" in said(reply)
    chat(stack, sender, "13800138000")
    reply = chat(stack, sender, "0026")
    assert "要寄哪一份保单" in said(reply)
    reply = chat(stack, sender, button(reply, "安康百万医疗险"))
    assert "收件人叫什么名字" in said(reply)
    reply = chat(stack, sender, "寄给我本人")  # typed instead of pressing the button
    assert "收件人的手机号" in said(reply)
    reply = chat(stack, sender, "用我的手机号")
    assert "寄到哪里" in said(reply)
    reply = chat(stack, sender, "北京市朝阳区建国路88号3号楼201")
    assert "王丽 138****8000，北京市 北京市 朝阳区 建国路88号3号楼201" in said(reply)
    assert "请核对寄送信息" in said(reply)
    reply = chat(stack, sender, "确认")
    assert "已登记" in said(reply) and "安康百万医疗险" in said(reply)

    reply = chat(stack, sender, "我的纸质保单寄出了吗")
    assert "安康百万医疗险" in said(reply) and "已登记" in said(reply)
    reset_engines()
    with session_scope(stack.database_url) as session:
        request = session.execute(select(MailingRequest).where(MailingRequest.sender_id == sender)).scalar_one()
        assert (request.recipient, request.province, request.city, request.district, request.street, request.status) == (
            "王丽", "北京市", "北京市", "朝阳区", "建国路88号3号楼201", "requested")
        assert request.mobile == session.execute(select(Customer.mobile).where(Customer.id == request.customer_id)).scalar_one()

    reply = chat(stack, sender, "纸质保单不用寄了，帮我取消")  # real NLU: the status intent with cancel words
    assert "已取消，不会寄出" in said(reply)
    reset_engines()
    with session_scope(stack.database_url) as session:
        assert session.execute(select(MailingRequest.status).where(MailingRequest.sender_id == sender)).scalar_one() == \
            "cancelled"


def test_elderly_mode_for_li_jianguo_answers_with_digits(stack, sender):
    reply = verify(stack, sender, "13900139000", "003X", "李先生")
    assert "已为您打开长辈模式" in said(reply) and "案件 C-1003" in said(reply) and "说“打电话给我”" in said(reply)

    reply = chat(stack, sender, "你能帮我做什么")  # Rasa's own response, in its elderly variant
    assert "请回复数字1到4" in said(reply) and "您可以这样跟我说" not in said(reply)
    assert [b["title"] for b in all_buttons(reply)][-1] == "4. 请顾问给我回电话"
    reply = chat(stack, sender, "2")  # 查理赔进度
    assert "C-1003" in said(reply)

    reply = chat(stack, sender, "让顾问给我回个电话")
    assert "就打 139****9000 可以吗" in said(reply) and "请回复数字1或2" in said(reply)
    assert WINDOW_ERROR not in said(reply) and TOPIC_QUESTION not in said(reply)
    assert [b["title"] for b in all_buttons(reply)] == ["1. 可以，就打这个", "2. 换一个号码"]

    reply = chat(stack, sender, "1")
    assert "好的，这一项记下了" in said(reply) and WINDOW_QUESTION in said(reply) and "请回复数字1～3" in said(reply)
    reply = chat(stack, sender, "1")
    assert "好的，这一项记下了" in said(reply) and TOPIC_QUESTION in said(reply)
    reply = chat(stack, sender, "2")
    assert "已为您预约回电" in said(reply) and "139****9000" in said(reply) and "上午" in said(reply)
    assert callbacks_of(stack, sender) == [("open", "morning", "理赔材料")]

    reply = chat(stack, sender, "顾问什么时候打电话")
    assert "还在安排中" in said(reply) and "请回复数字1～4" in said(reply)
    reply = chat(stack, sender, "4")  # 取消回电
    assert "已经为您取消了回电预约" in said(reply)
    assert callbacks_of(stack, sender)[-1][0] == "cancelled"

    reply = chat(stack, sender, "关闭长辈模式")
    assert "已关闭长辈模式" in said(reply)
    reply = chat(stack, sender, "顾问什么时候打电话")
    assert "您之前的回电预约已经取消了" in said(reply) and "请回复数字" not in said(reply)
    reply = chat(stack, sender, "你能帮我做什么")
    assert "您可以这样跟我说" in said(reply) and not all_buttons(reply)
