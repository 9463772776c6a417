"""A claim's documents, submission and status; decisions explained; cover questions; family policies."""
from __future__ import annotations

from typing import List

from actions.texts.general import Button

# --- help review: materials, uploads, submission, status ------------------------------
HOW_TO_SEND = "直接把材料的照片或PDF发给我就行（网页聊天点📎，Telegram里直接发图片或文件，终端聊天输入 /file 文件路径）。一次发一份，拍清楚四个角。"
ASK_CLAIM_KIND = "您想了解哪一类理赔需要的材料？"
ALREADY_REPORTED_BUTTON: Button = {"title": "已报案，核对我的材料", "payload": "/ask_claim_status"}
GENERAL_CHECKLIST_NOTE = "已经报过案的话，核实身份后我可以按您的案件逐项核对：哪些收到了、还缺什么，一次说清。"
NO_CLAIMS = "您名下还没有理赔案件。需要的话我现在就帮您报案。"
REPORT_BUTTON: Button = {"title": "我要报案理赔", "payload": "/report_claim"}
CHOOSE_CLAIM = "您名下有{count}个案件，请问是哪一个？点下面的按钮，或回复序号、案件号都可以。"
READY_TO_SUBMIT = "必需材料已经齐全。确认后我们就把材料提交给保险公司。"
AFTER_VERIFICATION = "先完成身份核实，核实后我马上帮您{task}。"
AFTER_FORM = "先把{form}办完，然后我马上帮您{task}。"
BACK_TO_FORM = "我们接着刚才的事继续。"
TASK_NAMES = {
    "report_claim": "报案",
    "ask_claim_status": "查理赔进度",
    "upload_document": "收材料",
    "submit_claim": "提交材料",
    "explain_decision": "解读理赔结果",
    "ask_coverage": "解答保障问题",
    "add_family_policy": "添加家人保单",
    "dispute_decision": "申诉",
    "request_callback": "预约顾问回电",
    "book_appointment": "预约到店时间",
    "manage_appointment": "查看到店预约",
    "request_paper_policy": "申请纸质保单",
    "paper_policy_status": "查纸质保单寄到哪了",
}
FORM_NAMES = {"claim_report_form": "这次报案", "family_policy_form": "这份家人保单的登记", "dispute_form": "这次申诉",
              "callback_form": "回电预约", "paper_policy_form": "纸质保单的申请"}
FORM_TASKS = {"claim_report_form": "report_claim", "family_policy_form": "add_family_policy",
              "dispute_form": "dispute_decision", "callback_form": "request_callback",
              "paper_policy_form": "request_paper_policy"}
OVERDUE = "⚠ 保险公司已经超过时限：{basis}。我们可以请理赔顾问帮您催办。"

# --- help interpret ---------------------------------------------------------------------
NOT_DECIDED = "案件 {case} 保险公司还没有作出决定，出结果后我再逐项给您解释。现在可以先看看进度。"
FIGURES_DISAGREE = (
    "案件 {case} 保险公司记录的各项金额加起来和赔付金额对不上，我不能随便给您一个数。"
    "我请理赔顾问核对原始理赔通知书后给您逐项说明。"
)
NO_POLICIES = "您名下还没有保单记录。如果保单是在其他平台买的，可以先添加进来，我再帮您看保障。"
ADD_FAMILY_BUTTON: Button = {"title": "添加其他平台的保单", "payload": "/add_family_policy"}
ASK_COVERAGE_TOPIC = "您想了解保单的哪方面？也可以直接问，例如“私立医院看病能报吗”。"
COVERAGE_TOPIC_BUTTONS: List[Button] = [
    {"title": "免赔额还剩多少", "payload": "免赔额还剩多少"},
    {"title": "门诊能不能报", "payload": "门诊能报吗"},
    {"title": "私立医院能不能报", "payload": "私立医院看病能报吗"},
    {"title": "等待期过了没有", "payload": "等待期过了吗"},
    {"title": "保额还剩多少", "payload": "保额还剩多少"},
]
COVERAGE_UNKNOWN = "有些问题保单记录里查不到确切答案，我不会替保险公司下结论。需要的话，顾问可以对照完整条款帮您确认。"
FAMILY_POLICY_ADDED = (
    "已添加保单 {number}（标记为其他平台购买）。之后问保障、报案、查进度都可以用这份保单。"
    "保单里的免赔额、报销比例等条款如果没有填全，回答保障问题时我会说明哪些需要顾问核对。"
)
