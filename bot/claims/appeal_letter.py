"""The appeal-letter draft an advisor edits and sends to the insurer: facts, the clause, the argument.

Pure: the caller gathers the claim's facts, the decision's clause and the
user's grounds and statement (bot.store.disputes does it from the database).
Legal references are the exact articles quoted in bot.claims.rejection_reasons; a
ground we have no argument for says so and leaves it to the advisor.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import List, Optional, Tuple

from bot.claims.clauses import ClauseText, quote, ref
from bot.claims.money import yuan
from bot.claims.rejection_reasons import ART_16, ART_17, ART_30

ART_17_LETTER = ART_17.replace("向您", "向投保人")  # the catalogue speaks to the user; the letter to the insurer

GROUND_TITLES = {
    "emergency_admission": "急诊/120送医",
    "misapplied_clause": "条款适用有误",
    "wrong_amount": "金额算错",
    "waiting_period": "等待期算错",
    "pre_existing": "既往症认定有误",
    "other": "其他",
}
# Documents that support each ground, listed as attachments to gather.
GROUND_EVIDENCE = {
    "emergency_admission": ("120急救出车记录（急救中心出具）", "急诊病历（写明到院时的病情和抢救经过）"),
    "misapplied_clause": ("保险合同条款全文",),
    "wrong_amount": ("费用明细清单", "医疗费用发票", "社保结算单"),
    "waiting_period": ("第一次就诊的病历和挂号单", "上一年度保单或续保记录"),
    "pre_existing": ("投保时的健康告知页面", "投保前的体检报告或病历"),
    "other": (),
}


@dataclass(frozen=True)
class LetterInputs:
    case_number: str
    insurer: str
    product_name: str
    policy_number: str
    insured_name: str
    incident_date: date
    hospital_name: str
    hospital_label: str  # labels.hospital_label(), e.g. "民营/私立 二级"
    diagnosis: str
    amount_claimed: Decimal
    outcome: str  # the decision: rejected | partly_paid | paid
    payout: Decimal
    reason_title: str  # the insurer's reason in plain words ("就诊医院不在保单约定的范围内")
    decision_summary: str
    grounds: Tuple[str, ...]
    statement: str
    clause: Optional[ClauseText] = None  # the clause the decision relies on
    emergency_clause: Optional[ClauseText] = None  # the policy's emergency exception, when it has one
    by_ambulance: bool = False  # the claim's own description says a 120 ambulance took the patient
    evidence_received: Tuple[str, ...] = ()  # names of documents already on file


def _ground_argument(code: str, inputs: LetterInputs) -> str:
    if code == "emergency_admission":
        how = ("被保险人由120急救车送往" if inputs.by_ambulance else "被保险人因病情危急，就近送往") + inputs.hospital_name
        text = f"{how}抢救，送往哪家医院由急救人员按就近原则决定，并非被保险人自主选择。"
        if inputs.emergency_clause is not None:
            return text + f"保险合同{quote(inputs.emergency_clause)}本案属于该条约定的紧急情况，相关费用应予赔付。"
        return text + "紧急情况下就近救治属于合理必要的医疗行为，请贵司按紧急情况的约定核定（合同中的紧急情况条款请顾问核对后补充）。"
    if code == "misapplied_clause":
        cited = f"贵司引用的{ref(inputs.clause)}" if inputs.clause is not None else "贵司引用的条款"
        return f"{cited}不适用于本案的情形。{ART_30}。{ART_17_LETTER}。"
    if code == "wrong_amount":
        return (f"本次申请金额{yuan(inputs.amount_claimed)}，贵司核定赔付{yuan(inputs.payout)}。"
                "请按费用明细逐项说明扣减的项目、金额和依据的条款，并重新核算。")
    if code == "waiting_period":
        return f"本次出险日期为{inputs.incident_date:%Y年%m月%d日}，请以首次就诊病历记载的日期为准重新核对是否在等待期内；续保保单不应重新计算等待期。"
    if code == "pre_existing":
        return f"贵司认定本次疾病属于既往症，请提供认定依据。{ART_16}。{ART_17_LETTER}。"
    return "详见被保险人陈述。"


def draft_letter(inputs: LetterInputs) -> str:
    """The letter as plain text, in the order an insurer's complaint desk expects."""
    outcome = {"rejected": "不予赔付", "partly_paid": f"仅赔付{yuan(inputs.payout)}",
               "paid": f"赔付{yuan(inputs.payout)}"}.get(inputs.outcome, "作出理赔决定")
    facts = (f"{inputs.incident_date:%Y年%m月%d日}，被保险人{inputs.insured_name}因“{inputs.diagnosis}”"
             f"在{inputs.hospital_name}（{inputs.hospital_label}）就诊，医疗费用共计{yuan(inputs.amount_claimed)}，"
             f"依保单{inputs.policy_number}（{inputs.product_name}）申请理赔（案件号{inputs.case_number}）。"
             f"贵司以“{inputs.reason_title}”为由决定{outcome}。")
    lines: List[str] = [
        "理赔申诉书（草稿，请顾问核对后提交）",
        f"致：{inputs.insurer} 理赔部门",
        "",
        "一、事实经过",
        facts,
    ]
    if inputs.clause is not None:
        lines.append(f"贵司依据的条款为{quote(inputs.clause)}")
    lines += ["", "二、申诉理由"]
    for number, code in enumerate(inputs.grounds, start=1):
        lines.append(f"{number}. {GROUND_TITLES.get(code, code)}：{_ground_argument(code, inputs)}")
    lines.append(f"被保险人陈述：“{inputs.statement.strip()}”")
    lines += ["", "三、请求", "请贵司依据合同约定和上述理由重新核定本案，并在收到申诉后书面答复。", "", "附件（证据）："]
    evidence = list(dict.fromkeys(
        list(inputs.evidence_received) + [item for code in inputs.grounds for item in GROUND_EVIDENCE.get(code, ())]))
    lines += [f"{number}. {item}" for number, item in enumerate(evidence, start=1)] or ["（待补充）"]
    lines += ["", f"申诉人：{inputs.insured_name}"]
    return "\n".join(lines)
