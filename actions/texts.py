"""What the assistant says from its actions: form questions and messages.

Kept in Python rather than domain responses because only actions send them
(Rasa's validator flags responses that no story uses) and because one
catalogue is easier to localise.
"""
from __future__ import annotations

from typing import Dict, List, Tuple

Button = Dict[str, str]

HOTLINE = "400-800-1234（工作日 9:00-18:00）"

NEED_IDENTITY = "为了保护您的个人信息，查看保单和理赔前需要先核实身份。"
IDENTITY_FAILED = (
    "手机号和身份证后4位已连续3次对不上，为了安全我先不再继续核对。"
    "可能是当初投保时留的手机号不同。请联系真人顾问帮您核实。"
)
ACTION_FAILED = "抱歉，系统刚才出了点问题，您刚才填写的内容都还在。请稍后再发一次，或说“转人工”。"
CLAIM_REPORT_CANCELLED = "好的，这次报案已取消，您填写的信息没有提交。需要时随时可以重新开始。"
FEATURE_NOT_YET = "这项服务（{feature}）即将上线。目前我可以帮您报案理赔；其他问题可以拨打客服热线 " + HOTLINE + " 找理赔顾问。"
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


# (form, slot) -> (question, buttons). A form asks its next question through
# the matching action_ask_<form>_<slot> (actions/form_questions.py).
FORM_QUESTIONS: Dict[Tuple[str, str], Tuple[str, List[Button]]] = {
    ("identity_form", "mobile"): ("请输入您在投保时留的手机号码（11位）。", []),
    ("identity_form", "id_last4"): ("请输入被保险人或投保人身份证号码的最后4位（最后一位是X的请输入X）。", []),
    ("claim_report_form", "incident_type"): (
        "这次是因为意外受伤，还是生病？",
        [_inform("意外受伤", '{"incident_type":"accident"}'), _inform("生病", '{"incident_type":"illness"}')],
    ),
    ("claim_report_form", "incident_date"): ("是哪一天发生（或开始就诊）的？可以说“昨天”、“11月3号”或“2026年11月3日”。", []),
    ("claim_report_form", "hospital"): ("在哪家医院就诊的？请告诉我医院全称，例如“北京朝阳医院”。", []),
    ("claim_report_form", "hospital_grade"): (
        "这家医院是什么性质和等级？不清楚也没关系，选“不清楚”即可。",
        [
            _inform("公立 三甲", '{"hospital_grade":"3A","hospital_ownership":"public"}'),
            _inform("公立 二级", '{"hospital_grade":"2","hospital_ownership":"public"}'),
            _inform("公立 一级/社区", '{"hospital_grade":"1","hospital_ownership":"public"}'),
            _inform("民营/私立医院", '{"hospital_ownership":"private"}'),
            _inform("不清楚", '{"hospital_grade":"unknown"}'),
        ],
    ),
    ("claim_report_form", "diagnosis"): ("医生的诊断或受伤情况是什么？例如“急性阑尾炎，做了手术”或“右手割伤，缝了针”。", []),
    ("claim_report_form", "claim_amount"): ("医疗费用一共大约多少钱？说个大概数也可以，例如“八千”或“13418元”。", []),
}

# --- help review: materials, uploads, submission, status ------------------------------
HOW_TO_SEND = "直接把材料的照片或PDF发给我就行（网页聊天点📎，Telegram里直接发图片或文件，终端聊天输入 /file 文件路径）。一次发一份，拍清楚四个角。"
ASK_CLAIM_KIND = "您想了解哪一类理赔需要的材料？"
ALREADY_REPORTED_BUTTON: Button = {"title": "已报案，核对我的材料", "payload": "/ask_claim_status"}
GENERAL_CHECKLIST_NOTE = "已经报过案的话，核实身份后我可以按您的案件逐项核对：哪些收到了、还缺什么，一次说清。"
NO_CLAIMS = "您名下还没有理赔案件。需要的话我现在就帮您报案。"
REPORT_BUTTON: Button = {"title": "我要报案理赔", "payload": "/report_claim"}
CHOOSE_CLAIM = "您名下有{count}个案件，请问是哪一个？"
READY_TO_SUBMIT = "必需材料已经齐全。确认后我们就把材料提交给保险公司。"
AFTER_VERIFICATION = "先完成身份核实，核实后我马上帮您{task}。"
TASK_NAMES = {
    "ask_claim_status": "查理赔进度",
    "upload_document": "收材料",
    "submit_claim": "提交材料",
}
OVERDUE = "⚠ 保险公司已经超过时限：{basis}。我们可以请理赔顾问帮您催办。"
