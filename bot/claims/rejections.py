"""Rejections in plain words: what the reason means, what can still be argued, with what.

A catalogue by reason code (how a friendly advisor would put it to a
60-year-old), plus `explain()`, which adds the policy's own clause, the
claim's facts and related clauses (e.g. the emergency clause when the
ambulance chose the hospital). An unknown code never gets an invented
reason: the answer says an advisor will check the clause.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Iterable, List, Optional, Tuple

from bot.claims import labels
from bot.claims.clauses import ClauseText, cite, find, quote, ref

ART_16 = "《保险法》第十六条：合同成立满2年后，保险公司不能再以投保时没有如实告知为由解除合同，发生保险事故的应当赔付"
ART_17 = "《保险法》第十七条：免除保险公司责任的条款，投保时没有向您提示并明确说明的，不产生效力"
ART_22 = "《保险法》第二十二条：保险公司认为材料不全的，应当一次性通知需要补充的全部材料"
ART_30 = "《保险法》第三十条：条款有两种以上理解时，应当作有利于被保险人的解释"

NEXT_STEPS = {
    "dispute": "帮您申诉：我们整理理由和证据，向保险公司提出",
    "advisor": "请顾问帮您看：顾问会对照条款，告诉您有没有争取的余地",
    "resubmit": "补齐材料后重新提交",
}


@dataclass(frozen=True)
class RejectionReason:
    code: str
    title: str
    explanation: str  # what it means, in plain words
    disputable: bool  # commonly argued with success, or just a step to complete
    dispute_points: Tuple[str, ...]  # how it is commonly argued, legal references exact
    evidence: Tuple[str, ...]
    next_steps: Tuple[str, ...]  # codes of NEXT_STEPS


CATALOGUE = {r.code: r for r in (
    RejectionReason(
        "hospital_not_qualified", "就诊医院不在保单约定的范围内",
        "保单对看病的医院有要求，比如只认二级及以上公立医院的普通部。保险公司认为这次看病的医院不符合这个要求，所以没有赔。",
        True,
        (f"条款对医院范围写得不清楚的，可以主张有利于您的理解（{ART_30}）。",),
        ("120急救出车记录（可向当地急救中心申请）", "急诊病历（写明到院时的病情和抢救经过）",
         "医院等级和性质的查询截图（卫生健康委员会网站可查）", "病情稳定后转院的转院记录"),
        ("dispute", "advisor")),
    RejectionReason(
        "waiting_period", "在等待期内发病",
        "新买的保险有一段“等待期”，比如30天或90天，这段时间里得的病保险公司不赔，这是为了防止有病才去买保险。"
        "保险公司认为这次的病是在等待期内发生的。",
        True,
        ("发病日期以病历上第一次看病的日期为准，如果其实是在等待期结束以后，可以要求重新核定。",),
        ("上一年度的保单或续保记录", "第一次就诊的病历和挂号单", "意外受伤的，意外事故证明（如120急救记录）"),
        ("dispute", "advisor")),
    RejectionReason(
        "pre_existing_condition", "投保前就有的病（既往症）或投保时没有如实告知",
        "保险公司认为这次的病在买保险之前就有了，或者投保时填写健康情况没有如实说明，所以没有赔。",
        True,
        (f"投保已满2年的，保险公司不能再以没有如实告知为由解除合同（{ART_16}）。",
         f"“既往症”属于免责条款，投保时保险公司要提示并讲清楚，没讲清楚的不算数（{ART_17}）。",
         f"健康告知的问题问得含糊、可以有两种理解的，应当按有利于您的理解（{ART_30}）。"),
        ("投保时的健康告知页面截图或电子投保单", "投保前的体检报告或病历（证明当时没有这个病）", "保单生效日期和续保记录"),
        ("dispute", "advisor")),
    RejectionReason(
        "excluded_treatment", "这项治疗属于保单写明不保的情形（责任免除）",
        "保单里有一张“不保清单”，叫责任免除，比如美容整形、普通牙科治疗。保险公司认为这次的治疗在这张清单上。",
        True,
        (f"免责条款投保时要提示并讲清楚，没讲清楚的不产生效力（{ART_17}）。",
         "要看治疗是不是真的属于清单上的项目，比如意外摔伤牙齿的治疗，很多保单是赔的。",
         f"条款有两种理解的，按有利于您的理解（{ART_30}）。"),
        ("医生开的诊断证明（写明病因和治疗的必要性）", "病历和手术记录", "投保时的条款提示或确认记录"),
        ("dispute", "advisor")),
    RejectionReason(
        "outside_coverage_period", "出险时不在保障期内",
        "保险只管保障期内发生的事。保险公司认为出险时保单还没生效、已经到期，或者因为没交保费失效了。",
        True,
        ("出险日期以病历上第一次看病的日期为准，可以核对是否其实在保障期内。",
         "续保是否已经生效、保单是否在约定的交费宽限期内，都可以核对；宽限期内出险的一般照赔。"),
        ("保单和续保记录", "交费记录", "第一次就诊的病历和挂号单"),
        ("advisor", "dispute")),
    RejectionReason(
        "below_deductible", "费用没有超过免赔额",
        "免赔额是每个保单年度里要自己先承担的一笔钱，比如1万元。这次能报的费用加起来还没超过它，所以这次没有赔款。",
        False,
        ("这不算真正的拒赔：同一保单年度内的费用可以累计，之后再看病住院，超过免赔额的部分就能赔。",
         "有的保单允许用其他商业保险等途径拿到的补偿抵扣免赔额，可以核对条款。"),
        ("同一保单年度内其他看病的发票和费用清单", "从其他途径获得补偿的证明"),
        ("resubmit", "advisor")),
    RejectionReason(
        "missing_materials", "理赔材料不齐",
        f"保险公司认为材料不齐，没法核定。按规定，保险公司应当一次性告诉您要补哪些材料（{ART_22}）。",
        False,
        ("这不是最终的结果：材料补齐后可以重新提交。", "如果保险公司前后多次要求补不同的材料，顾问可以帮您交涉。"),
        ("保险公司的补充材料通知", "通知上列出的每一项材料"),
        ("resubmit", "advisor")),
    RejectionReason(
        "item_not_covered", "这部分费用不在保障范围内",
        "有些费用保单不管，比如医保目录外的自费药，或者只保住院的保单遇到普通门诊费用。保险公司认为这部分费用不在保单要赔的范围里。",
        True,
        ("可以核对费用是不是真的属于自费项目，以医院的费用明细清单为准。",
         "有的保单对住院前后一段时间的门诊费用也赔，可以核对条款。",
         f"条款有两种理解的，按有利于您的理解（{ART_30}）。"),
        ("费用明细清单", "医生开具的用药或治疗必要性说明"),
        ("dispute", "advisor")),
)}

UNKNOWN = RejectionReason(
    "unknown", "保险公司给出的其他理由",
    "这个拒赔理由我们这里还没有现成的解读。顾问会对照您的保单条款逐条核实，看看有没有可以争取的地方。",
    False, (), ("保险公司的拒赔通知书",), ("advisor",))

EMERGENCY_USUAL = ("很多保单有“紧急情况”的例外：病情危急时由120急救车送去或就近抢救的，急救费用照样要赔。"
                   "这份保单我们没有查到这样的条款，顾问可以帮您对照完整条款核实。")
WAITING_USUAL = "续保的保单通常不再设等待期，意外受伤一般不受等待期限制，可以对照保单核实。"

# Clauses worth citing next to the decision's own, by reason (regex on title or text).
RELATED = {"hospital_not_qualified": r"紧急|急救", "waiting_period": r"续保"}
AMBULANCE = re.compile(r"(?<!\d)120(?!\d)|急救")


@dataclass(frozen=True)
class ClaimFacts:
    """What the claim says that matters to a rejection."""

    hospital_name: Optional[str] = None
    hospital_grade: Optional[str] = None
    hospital_ownership: Optional[str] = None
    incident_type: Optional[str] = None  # accident | illness
    incident_date: Optional[date] = None
    description: str = ""

    @property
    def by_ambulance(self) -> bool:
        """The description says a 120 ambulance (or emergency service) took the patient."""
        return bool(AMBULANCE.search(self.description or ""))


@dataclass(frozen=True)
class RejectionInputs:
    case_number: str
    reason_code: Optional[str]
    clause_id: Optional[str]  # the decision's clause
    clause: Optional[ClauseText]  # its text from the policy, when stored
    facts: ClaimFacts
    related: Tuple[ClauseText, ...] = ()  # from related_clauses()
    summary: str = ""  # the insurer's reason as recorded


@dataclass(frozen=True)
class RejectionExplanation:
    case_number: str
    reason: RejectionReason  # UNKNOWN when the code is not in the catalogue
    clause_id: Optional[str]
    clause: Optional[ClauseText]
    situation: str  # this claim's facts that the reason turns on ("" when none)
    arguments: Tuple[str, ...]  # this claim's points first, then the reason's usual ones
    related: Tuple[ClauseText, ...]
    summary: str

    @property
    def known(self) -> bool:
        return self.reason is not UNKNOWN


def related_clauses(
    reason_code: Optional[str], clauses: Iterable[ClauseText], decision_clause_id: Optional[str],
    emergency_exception: bool,
) -> Tuple[ClauseText, ...]:
    """The policy's clauses that bear on this reason besides the decision's own (e.g. emergency 2.5)."""
    pattern = RELATED.get(reason_code or "")
    if not pattern or (reason_code == "hospital_not_qualified" and not emergency_exception):
        return ()
    others = [c for c in clauses if c.clause_id != decision_clause_id]
    found = find(others, title=pattern) or find(others, text=pattern)
    return (found,) if found else ()


def _hospital_points(facts: ClaimFacts, clause: Optional[ClauseText], related: Tuple[ClauseText, ...]) -> List[str]:
    pattern = RELATED["hospital_not_qualified"]
    own = clause if clause is not None and re.search(pattern, clause.text) else None
    emergency = find(related, title=pattern, text=pattern) or own
    if emergency is None:
        return [EMERGENCY_USUAL]
    hospital = facts.hospital_name or "那家医院"
    wording = f"{ref(emergency)}本身就写明了紧急情况的例外（见上面的原文）" if emergency is own else quote(emergency)
    if facts.by_ambulance:
        points = [f"您当时是打120、由急救车送到{hospital}的，去哪家医院是急救车决定的，不是您自己挑的。"
                  f"保单{wording}{'，' if emergency is own else ''}所以这次可以按紧急情况申诉。"]
    else:
        points = [f"如果当时病情危急，是120送去或就近抢救的，可以按保单{ref(emergency)}的紧急情况例外主张赔付，"
                  "请把当时的经过告诉顾问。"]
    if "转" in emergency.text:
        points.append("按这一条，急诊抢救和紧急手术的费用最有希望争取回来；病情稳定后没有转到约定医院、继续住院的费用，保险公司仍可能不赔。")
    return points


def _waiting_points(facts: ClaimFacts, clause: Optional[ClauseText], related: Tuple[ClauseText, ...]) -> List[str]:
    points = []
    if facts.incident_type == "accident" and clause and re.search(r"意外伤害.{0,12}不受等待期", clause.text):
        points.append(f"这次是意外受伤，保单{ref(clause)}写明意外伤害不受等待期限制。")
    renewal = find(related, title="续保", text="续保")
    if renewal is not None:
        points.append(f"如果这份保单是续保的，请看保单{quote(renewal)}")
    return points or [WAITING_USUAL]


def _situation(code: str, facts: ClaimFacts) -> str:
    if code == "hospital_not_qualified" and facts.hospital_name:
        kind = labels.hospital_label(facts.hospital_grade, facts.hospital_ownership)
        return f"这次看病的{facts.hospital_name}是{kind}医院" + ("，当时是120急救车送去的。" if facts.by_ambulance else "。")
    if code in ("waiting_period", "outside_coverage_period") and facts.incident_date:
        return f"这次的出险日期是{facts.incident_date:%Y年%m月%d日}。"
    return ""


def explain(inputs: RejectionInputs) -> RejectionExplanation:
    """The rejection explained with the policy's clause, this claim's facts and what can be argued."""
    reason = CATALOGUE.get(inputs.reason_code or "", UNKNOWN)
    specific: List[str] = []
    if reason.code == "hospital_not_qualified":
        specific = _hospital_points(inputs.facts, inputs.clause, inputs.related)
    elif reason.code == "waiting_period":
        specific = _waiting_points(inputs.facts, inputs.clause, inputs.related)
    return RejectionExplanation(
        inputs.case_number, reason, inputs.clause_id, inputs.clause, _situation(reason.code, inputs.facts),
        tuple(specific) + reason.dispute_points, inputs.related, inputs.summary)


def format_rejection(explanation: RejectionExplanation) -> str:
    """The explanation as one chat message in plain Chinese."""
    reason = explanation.reason
    if explanation.known:
        out = [f"案件{explanation.case_number}没有获得赔付，保险公司的理由是：{reason.title}。", f"简单说：{reason.explanation}"]
    else:
        out = [f"案件{explanation.case_number}没有获得赔付。"]
        out += [f"保险公司的说法：{explanation.summary}"] if explanation.summary else []
        out.append(reason.explanation)
    if explanation.clause is not None:
        out.append(f"保险公司依据的条款是{quote(explanation.clause)}")
    elif explanation.clause_id:
        out.append(f"保险公司依据的是保单{cite(explanation.clause_id, None)}，我们这里没有这一条的原文，顾问会帮您核对。")
    out += [explanation.situation] if explanation.situation else []
    if explanation.arguments:
        out.append("可以争取的地方：" if reason.disputable else "接下来要知道的：")
        out += [f"· {point}" for point in explanation.arguments]
    out.append("能帮上忙的材料：" + "；".join(reason.evidence) + "。")
    out.append("接下来您可以选择：" + "；".join(NEXT_STEPS[step] for step in reason.next_steps) + "。")
    return "\n".join(out)
