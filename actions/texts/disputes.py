"""Appeals against a claim decision: the appeal button, the dispute form, and a won appeal."""
from __future__ import annotations

from typing import List, Tuple

from actions.texts.claims import HOW_TO_SEND
from actions.texts.general import Button, _choice


def dispute_button(case_number: str) -> Button:
    return {"title": "我有异议，想申诉", "payload": f'/dispute_decision{{"case_number":"{case_number}"}}'}


# --- help mediate: disputes -----------------------------------------------------------------
DISPUTE_GROUND_BUTTONS: List[Tuple[str, str]] = [
    ("emergency_admission", "急诊/120送医"),
    ("misapplied_clause", "条款适用有误"),
    ("wrong_amount", "金额算错"),
    ("waiting_period", "等待期算错"),
    ("pre_existing", "既往症认定有误"),
    ("other", "其他"),
]
DISPUTE_GROUNDS_DONE = "done"
ASK_DISPUTE_CASE = "您想对哪个案件的理赔结果提出申诉？"
NO_DISPUTABLE_CLAIMS = "您名下还没有保险公司已经作出决定的案件，暂时没有可以申诉的结果。如果对进度有疑问，我可以帮您查进度。"
ASK_DISPUTE_GROUNDS = "您觉得保险公司的决定哪里不对？可以多选，选好后点“完成”；也可以直接用一句话告诉我。"
DISPUTE_GROUNDS_PICKED = "已选：{picked}。还有别的理由吗？选好了点“完成”。"
DISPUTE_GROUNDS_UNCLEAR = "请点下面的按钮选择理由（可以多选），或者说“急诊”“条款”“金额”“等待期”“既往症”这样的关键词。"
DISPUTE_STATEMENT_TOO_SHORT = "请用您自己的话把经过和理由多说几句（至少{min}个字），比如“当时是120急救车把我送到这家医院的，我没法选医院”。顾问会据此帮您写申诉书。"
DISPUTE_STATEMENT_TOO_LONG = "说得很详细，谢谢！不过请控制在{max}字以内，把最重要的经过和理由说清楚就可以，其余的可以稍后告诉顾问。"
ASK_DISPUTE_EVIDENCE = "有能证明的材料吗？比如120急救出车记录、急诊病历、费用明细。" + HOW_TO_SEND + "没有的话点“跳过”。"
DISPUTE_EVIDENCE_RECEIVED = "申诉证据已收到：{names}。还有其他证据吗？发完了点“证据发完了”。"
DISPUTE_EVIDENCE_SKIP: Button = _choice("跳过", "skip")
DISPUTE_EVIDENCE_DONE: Button = _choice("证据发完了", "done")
DISPUTE_EVIDENCE_UNCLEAR = "请直接发送证据的照片或PDF；发完了点“证据发完了”，没有的话点“跳过”。"
DISPUTE_ALREADY_OPEN = "案件 {case} 已经在申诉中了，顾问正在跟进。如果想补充情况，可以说“转人工”直接告诉顾问。"
DISPUTE_NOT_DECIDED = "案件 {case} 保险公司还没有作出决定，等结果出来后，如果有异议再申诉。"
DISPUTE_CONFIRM_BUTTONS: List[Button] = [
    {"title": "确认提交申诉", "payload": "/affirm"},
    {"title": "重新填写理由", "payload": "/deny"},
    {"title": "不申诉了", "payload": "/cancel"},
]
DISPUTE_CONFIRM_UNCLEAR = "请点“确认提交申诉”，或点“重新填写理由”修改。"
DISPUTE_SUBMITTED = (
    "申诉已登记（案件 {case}）。接下来：理赔顾问会根据您的理由和证据整理申诉书，代您向保险公司提出，"
    "一般在1～2个工作日内提交；保险公司通常在收到申诉后15～30天内答复，有结果我们会第一时间在这里通知您。"
)
DISPUTE_CANCELLED = "好的，这次不申诉了，您填写的内容没有提交。之后想申诉，随时说“我要申诉”就可以。"

# --- after a won dispute ---------------------------------------------------------------------
DISPUTE_WON_NOTE = {
    "overturned": "案件 {case}：您申诉后，保险公司在{day:%Y年%m月%d日}改变了原来的决定，同意赔付 {amount}。",
    "partly_overturned": "案件 {case}：您申诉后，保险公司在{day:%Y年%m月%d日}部分改变了原来的决定，追回赔付 {amount}。",
}
ORIGINAL_DECISION = "下面是保险公司原来的决定和当时的理由，供您对照：\n"

# --- moved from the actions (dispute) -------------------------------------------------------------
CASE_NOT_FOUND = "没有找到这个案件，或者它不在您的名下。请核对案件号（例如 C-1003）后再告诉我。"
DISPUTE_CASE_UNCLEAR = "没能确定是哪个案件。请点下面的按钮选择，或告诉我案件号（例如 C-1001）。"
DISPUTE_DONE_TITLE = "完成"
DISPUTE_GROUND_TITLES = dict(DISPUTE_GROUND_BUTTONS)
DISPUTE_SUMMARY = "请核对申诉内容：\n案件：{case}\n理由：{grounds}\n您的陈述：{statement}\n证据：{evidence}"
DISPUTE_NO_EVIDENCE = "暂无（之后也可以发给顾问）"
