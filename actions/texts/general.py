"""Basics every topic uses: buttons, the menu, greetings, fallbacks, the identity check."""
from __future__ import annotations

from typing import Dict, List

Button = Dict[str, str]

HOTLINE = "400-800-1234（工作日 9:00-18:00）"
GAP = ""  # between sentences joined in code (English puts a space)

NEED_IDENTITY = "为了保护您的个人信息，查看保单和理赔前需要先核实身份。"
ACTION_FAILED = "抱歉，系统刚才出了点问题，您刚才填写的内容都还在。请稍后再发一次，或说“转人工”。"
CLAIM_REPORT_CANCELLED = "好的，这次报案已取消，您填写的信息没有提交。需要时随时可以重新开始。"
ASK_REPHRASE = "抱歉，我没太明白。能换个说法再说一次吗？例如“我要报案”或“需要哪些材料”。"
DEFAULT_FALLBACK = "抱歉，我还是没弄明白您的意思。您可以换个说法，或者请真人顾问帮您。"

MENU = (
    "我可以帮您：\n1. 报案理赔（帮您申请）\n2. 查询理赔进度\n3. 看看需要准备哪些材料\n4. 解释保险公司的理赔结果\n"
    "请直接告诉我您想办的事，或点下面的按钮。"
)
MENU_BUTTONS: List[Button] = [
    {"title": "我要报案理赔", "payload": "/report_claim"},
    {"title": "查理赔进度", "payload": "/ask_claim_status"},
    {"title": "需要哪些材料", "payload": "/ask_required_documents"},
    {"title": "找人工顾问", "payload": "/request_human"},
]

HUMAN_BUTTON: Button = {"title": "转人工顾问", "payload": "/request_human"}
HELP_BUTTON: Button = {"title": "看看能做什么", "payload": "/help"}


def _inform(title: str, payload: str) -> Button:
    return {"title": title, "payload": f"/inform{payload}"}


def _choice(title: str, value: str) -> Button:
    """A button answering the form's current question (entity `choice`)."""
    return _inform(title, f'{{"choice":"{value}"}}')


# --- moved from the actions (general, identity) ---------------------------------------------------
LIST_SEP = "、"
GREET_NAMED = "{name}，您好！"
GREET_ANON = "您好，我是理赔小助手，免费帮您办理健康险理赔。"
ASK_AFFIRMATION = "请问您是想“{intent}”吗？"
AFFIRM_YES = "是的"
AFFIRM_NO = "不是"
# Plain-language names of what each intent asks for (used in "did you mean ...?").
INTENT_DESCRIPTIONS = {
    "greet": "打招呼",
    "goodbye": "结束对话",
    "affirm": "确认",
    "deny": "否定",
    "thank": "感谢",
    "help": "了解我能做什么",
    "bot_challenge": "确认是不是机器人",
    "inform": "提供信息",
    "cancel": "取消正在办理的事",
    "report_claim": "报案理赔",
    "ask_claim_status": "查询理赔进度",
    "ask_required_documents": "了解需要准备的材料",
    "upload_document": "上传理赔材料",
    "ask_coverage": "咨询保单保障范围",
    "explain_decision": "解释理赔结果",
    "dispute_decision": "对理赔结果提出异议",
    "request_human": "转人工顾问",
    "request_callback": "预约顾问回电",
    "elderly_assistance": "长辈简易服务",
    "service_center": "线下服务中心",
    "add_family_policy": "添加家人保单",
    "submit_claim": "提交理赔材料",
    "glossary": "了解保险名词的意思",
    "complain": "投诉",
    "elderly_mode_off": "关闭长辈模式",
    "manage_callback": "查询或修改回电预约",
    "book_appointment": "预约去服务中心",
    "manage_appointment": "查看或修改到店预约",
    "request_paper_policy": "申请纸质保单",
    "paper_policy_status": "查询纸质保单寄送进度",
}
BAD_MOBILE = "这个手机号格式不对：应该是11位数字，以1开头，例如 13800138000。请再输入一次。"
BAD_ID_LAST4 = "请输入身份证号码的最后4位，是4个字符，前三位是数字，最后一位是数字或X，例如 0026 或 003X。"
IDENTITY_MISMATCH = "手机号和身份证后4位对不上（还可以再试{left}次）。请从手机号开始重新输入。"
VERIFIED_HELLO = "身份核实成功，{name}您好！"
# "取消报案" / "撤案" with no form in progress: a claim already reported is withdrawn by an advisor.
WITHDRAW_CLAIM = ("已经报案的案件要撤案的话，需要顾问跟保险公司办理，撤案后一般不能再用同一次就诊重新报案。"
                  "想撤的话点“转人工顾问”，顾问会跟您确认；如果只是想看看案件进度，点“查理赔进度”。")
WITHDRAW_BUTTONS: List[Button] = [HUMAN_BUTTON, {"title": "查理赔进度", "payload": "/ask_claim_status"}]
