"""The service centre (visits) and paper policies by post."""
from __future__ import annotations

from typing import List

from actions.texts.general import Button, _choice

# --- service centre ----------------------------------------------------------------------------
SC_BUTTONS: List[Button] = [
    {"title": "预约到店时间", "payload": "/book_appointment"},
    {"title": "我约的是几点", "payload": "/manage_appointment"},
]
SC_CHOOSE_SLOT = "下面是最近可以预约的时间（半小时一个时段），选一个就行："
SC_CHOOSE_NEW_SLOT = "要改到哪个时间？选一个新的时段："
SC_NO_SLOTS = "最近几天的时段都约满了。可以预约顾问回电，或者直接到店取号。"
SC_SLOT_GONE = "不好意思，这个时段刚被约满了。下面是现在还有空位的时间，请再选一个："
SC_MANAGE_BUTTONS = "要改时间或取消的话，点下面的按钮。"
SC_NOTHING_TO_CANCEL = "您现在没有到服务中心的预约。"
SC_PRIORITY_COUNTER_ANY = "60岁以上的客户到了服务中心可以去“长者优先”窗口，不用排队取号。"
SC_WHICH = "您有几个预约，是哪一个？"

# --- paper policy by post -----------------------------------------------------------------------
PP_ASK_POLICY = "要寄哪一份保单的纸质版？"
PP_NO_POLICIES = "您名下还没有通过我们投保的保单，没有可以打印的纸质保单。"
PP_ASK_RECIPIENT = "收件人叫什么名字？"
PP_RECIPIENT_SELF: Button = _choice("寄给我本人", "self")
PP_ASK_MOBILE = "收件人的手机号是多少？快递员会打这个电话。"
PP_MOBILE_SELF: Button = _choice("用我验证过的手机号", "self")
PP_CONFIRM = "请核对寄送信息：\n保单：{policy}\n寄给：{address}\n邮寄免费，一般3个工作日内寄出。"
PP_CONFIRM_BUTTONS: List[Button] = [
    {"title": "确认寄送", "payload": "/affirm"},
    {"title": "地址要改", "payload": "/deny"},
    {"title": "不寄了", "payload": "/cancel"},
]
PP_CONFIRM_UNCLEAR = "请点“确认寄送”，或点“地址要改”重新填写地址。"
PP_CANCELLED = "好的，这次不寄了，没有登记。需要时随时说“我要纸质保单”。"
PP_NO_REQUESTS = "您还没有申请过纸质保单。需要的话，说“我要纸质保单”就可以，邮寄免费。"
PP_NOTHING_TO_CANCEL = "您现在没有还在办理中的纸质保单申请，不用取消。"
PP_WHICH_TO_CANCEL = "要取消哪一份保单的邮寄？"
PP_ALREADY = "这份保单的纸质版已经在办理了，不用重复申请。"

# --- moved from the actions (paper policy, service centre) ----------------------------------------
PP_POLICY_UNCLEAR = "没能确定是哪一份保单，请点下面的按钮选择。"
PP_RECIPIENT_SELF_TITLE = "寄给我本人（{name}）"
PP_MOBILE_SELF_TITLE = "用 {mobile}"
PP_REQUEST_BUTTON: Button = {"title": "申请纸质保单", "payload": "/request_paper_policy"}
SC_SEATS_LEFT = "{slot} · 还剩{count}个位置"
SC_CHANGE_TIME_TITLE = "改时间"
SC_CANCEL_TITLE = "取消预约"
SC_PICK_TITLE = "{verb}：{appointment}"
SC_VERBS = {"cancel": "取消", "change": "改时间"}
