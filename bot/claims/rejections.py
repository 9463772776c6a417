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
from bot.claims.wording import EN, day, key, pick, stored

ART_16 = "《保险法》第十六条：合同成立满2年后，保险公司不能再以投保时没有如实告知为由解除合同，发生保险事故的应当赔付"
ART_17 = "《保险法》第十七条：免除保险公司责任的条款，投保时没有向您提示并明确说明的，不产生效力"
ART_22 = "《保险法》第二十二条：保险公司认为材料不全的，应当一次性通知需要补充的全部材料"
ART_30 = "《保险法》第三十条：条款有两种以上理解时，应当作有利于被保险人的解释"
ART_16_EN = ("Insurance Law art. 16: two years after the contract is formed, the insurer can no longer cancel it "
             "because something was not disclosed when it was bought, and must pay for insured events")
ART_17_EN = ("Insurance Law art. 17: a clause that frees the insurer from liability has no effect unless it was "
             "pointed out and clearly explained to you when you bought the policy")
ART_22_EN = "Insurance Law art. 22: an insurer that finds the materials incomplete must list everything missing at once"
ART_30_EN = "Insurance Law art. 30: where a clause can be read in two or more ways, the reading that favours the insured applies"

NEXT_STEPS = {
    "dispute": "帮您申诉：我们整理理由和证据，向保险公司提出",
    "advisor": "请顾问帮您看：顾问会对照条款，告诉您有没有争取的余地",
    "resubmit": "补齐材料后重新提交",
}
NEXT_STEPS_EN = {
    "dispute": "a dispute: we gather the reasons and evidence and put them to the insurer",
    "advisor": "an advisor's view: an advisor checks the clauses and tells you whether there is room to argue",
    "resubmit": "resubmitting once the materials are complete",
}


@dataclass(frozen=True)
class Wording:
    """A reason's words for the user in one language."""

    title: str
    explanation: str
    dispute_points: Tuple[str, ...]
    evidence: Tuple[str, ...]


@dataclass(frozen=True)
class RejectionReason:
    code: str
    title: str
    explanation: str  # what it means, in plain words
    disputable: bool  # commonly argued with success, or just a step to complete
    dispute_points: Tuple[str, ...]  # how it is commonly argued, legal references exact
    evidence: Tuple[str, ...]
    next_steps: Tuple[str, ...]  # codes of NEXT_STEPS
    en: Optional[Wording] = None  # the same in English

    def wording(self, lang: Optional[str] = None) -> Wording:
        if key(lang) == EN and self.en is not None:
            return self.en
        return Wording(self.title, self.explanation, self.dispute_points, self.evidence)


CATALOGUE = {r.code: r for r in (
    RejectionReason(
        "hospital_not_qualified", "就诊医院不在保单约定的范围内",
        "保单对看病的医院有要求，比如只认二级及以上公立医院的普通部。保险公司认为这次看病的医院不符合这个要求，所以没有赔。",
        True,
        (f"条款对医院范围写得不清楚的，可以主张有利于您的理解（{ART_30}）。",),
        ("120急救出车记录（可向当地急救中心申请）", "急诊病历（写明到院时的病情和抢救经过）",
         "医院等级和性质的查询截图（卫生健康委员会网站可查）", "病情稳定后转院的转院记录"),
        ("dispute", "advisor"),
        en=Wording(
            "the hospital is not one the policy accepts",
            "The policy has rules about hospitals, for example only public hospitals of grade 2 or above, general wards only. "
            "The insurer thinks the hospital you were treated at does not meet them, so it did not pay.",
            (f"Where the policy's hospital rules are unclear, you can ask for the reading that favours you ({ART_30_EN}).",),
            ("the 120 ambulance record (ask the local emergency centre)", "the emergency medical record (your condition on "
             "arrival and the treatment)", "a screenshot of the hospital's grade and ownership (the health commission's "
             "website shows it)", "the transfer record, if you moved hospital once stable"))),
    RejectionReason(
        "waiting_period", "在等待期内发病",
        "新买的保险有一段“等待期”，比如30天或90天，这段时间里得的病保险公司不赔，这是为了防止有病才去买保险。"
        "保险公司认为这次的病是在等待期内发生的。",
        True,
        ("发病日期以病历上第一次看病的日期为准，如果其实是在等待期结束以后，可以要求重新核定。",),
        ("上一年度的保单或续保记录", "第一次就诊的病历和挂号单", "意外受伤的，意外事故证明（如120急救记录）"),
        ("dispute", "advisor"),
        en=Wording(
            "the illness began in the waiting period",
            "A new policy has a \"waiting period\", for example 30 or 90 days, in which illnesses are not paid: it stops "
            "people buying insurance only once they are ill. The insurer thinks this illness began in that period.",
            ("The illness counts from the first visit in the medical record: if that was after the waiting period, "
             "you can ask for the claim to be decided again.",),
            ("last year's policy or renewal record", "the medical record and registration slip of the first visit",
             "for an accident, proof of the accident (e.g. the 120 ambulance record)"))),
    RejectionReason(
        "pre_existing_condition", "投保前就有的病（既往症）或投保时没有如实告知",
        "保险公司认为这次的病在买保险之前就有了，或者投保时填写健康情况没有如实说明，所以没有赔。",
        True,
        (f"投保已满2年的，保险公司不能再以没有如实告知为由解除合同（{ART_16}）。",
         f"“既往症”属于免责条款，投保时保险公司要提示并讲清楚，没讲清楚的不算数（{ART_17}）。",
         f"健康告知的问题问得含糊、可以有两种理解的，应当按有利于您的理解（{ART_30}）。"),
        ("投保时的健康告知页面截图或电子投保单", "投保前的体检报告或病历（证明当时没有这个病）", "保单生效日期和续保记录"),
        ("dispute", "advisor"),
        en=Wording(
            "a condition you had before buying the policy, or something not disclosed when buying it",
            "The insurer thinks you had this illness before the policy started, or that the health questions were not "
            "answered fully when the policy was bought, so it did not pay.",
            (f"Two years after the policy started, the insurer can no longer cancel it for non-disclosure ({ART_16_EN}).",
             f"\"Pre-existing conditions\" is an exclusion: it only counts if it was pointed out and explained "
             f"when you bought the policy ({ART_17_EN}).",
             f"Health questions that were vague and could be read two ways are read in your favour ({ART_30_EN})."),
            ("screenshots of the health questions answered when buying, or the e-application form",
             "check-ups or medical records from before the policy (showing you did not have the illness then)",
             "the policy's start date and renewal records"))),
    RejectionReason(
        "excluded_treatment", "这项治疗属于保单写明不保的情形（责任免除）",
        "保单里有一张“不保清单”，叫责任免除，比如美容整形、普通牙科治疗。保险公司认为这次的治疗在这张清单上。",
        True,
        (f"免责条款投保时要提示并讲清楚，没讲清楚的不产生效力（{ART_17}）。",
         "要看治疗是不是真的属于清单上的项目，比如意外摔伤牙齿的治疗，很多保单是赔的。",
         f"条款有两种理解的，按有利于您的理解（{ART_30}）。"),
        ("医生开的诊断证明（写明病因和治疗的必要性）", "病历和手术记录", "投保时的条款提示或确认记录"),
        ("dispute", "advisor"),
        en=Wording(
            "this treatment is one the policy excludes",
            "The policy has a list of things it does not pay for, called exclusions, for example cosmetic surgery or "
            "ordinary dental care. The insurer thinks this treatment is on that list.",
            (f"Exclusions only count if they were pointed out and explained when you bought the policy ({ART_17_EN}).",
             "Check whether the treatment really is on the list: many policies do pay to treat teeth hurt in an accident.",
             f"Where a clause can be read two ways, the reading that favours you applies ({ART_30_EN})."),
            ("the doctor's diagnosis certificate (the cause and why the treatment was needed)",
             "the medical and surgery records", "the exclusion notice or confirmation from when you bought the policy"))),
    RejectionReason(
        "outside_coverage_period", "出险时不在保障期内",
        "保险只管保障期内发生的事。保险公司认为出险时保单还没生效、已经到期，或者因为没交保费失效了。",
        True,
        ("出险日期以病历上第一次看病的日期为准，可以核对是否其实在保障期内。",
         "续保是否已经生效、保单是否在约定的交费宽限期内，都可以核对；宽限期内出险的一般照赔。"),
        ("保单和续保记录", "交费记录", "第一次就诊的病历和挂号单"),
        ("advisor", "dispute"),
        en=Wording(
            "it happened outside the period of cover",
            "A policy only covers what happens while it is in force. The insurer thinks the policy had not started yet, "
            "had ended, or had lapsed because a premium was not paid.",
            ("The date counts from the first visit in the medical record: check whether it was in fact inside the period.",
             "Check whether a renewal had taken effect, or whether it happened within the grace period for paying the "
             "premium; events in the grace period are normally paid."),
            ("the policy and renewal records", "the premium payment records",
             "the medical record and registration slip of the first visit"))),
    RejectionReason(
        "below_deductible", "费用没有超过免赔额",
        "免赔额是每个保单年度里要自己先承担的一笔钱，比如1万元。这次能报的费用加起来还没超过它，所以这次没有赔款。",
        False,
        ("这不算真正的拒赔：同一保单年度内的费用可以累计，之后再看病住院，超过免赔额的部分就能赔。",
         "有的保单允许用其他商业保险等途径拿到的补偿抵扣免赔额，可以核对条款。"),
        ("同一保单年度内其他看病的发票和费用清单", "从其他途径获得补偿的证明"),
        ("resubmit", "advisor"),
        en=Wording(
            "the costs did not go over the deductible",
            "The deductible is an amount you bear yourself each policy year, for example 10,000 yuan. The costs the "
            "policy pays for did not go over it this time, so there is nothing to pay yet.",
            ("This is not really a rejection: costs in the same policy year add up, so once later treatment takes you "
             "over the deductible, the part above it is paid.",
             "Some policies let money from other sources, such as another commercial policy, count towards the "
             "deductible: check the clause."),
            ("invoices and cost lists of other treatment in the same policy year",
             "proof of money received from other sources"))),
    RejectionReason(
        "missing_materials", "理赔材料不齐",
        f"保险公司认为材料不齐，没法核定。按规定，保险公司应当一次性告诉您要补哪些材料（{ART_22}）。",
        False,
        ("这不是最终的结果：材料补齐后可以重新提交。", "如果保险公司前后多次要求补不同的材料，顾问可以帮您交涉。"),
        ("保险公司的补充材料通知", "通知上列出的每一项材料"),
        ("resubmit", "advisor"),
        en=Wording(
            "the claim materials are incomplete",
            f"The insurer thinks materials are missing, so it cannot decide. The rules say it must tell you everything "
            f"that is missing at once ({ART_22_EN}).",
            ("This is not a final result: once the materials are complete the claim can be sent again.",
             "If the insurer keeps asking for different materials, an advisor can take it up with them."),
            ("the insurer's notice asking for more materials", "every item the notice lists"))),
    RejectionReason(
        "item_not_covered", "这部分费用不在保障范围内",
        "有些费用保单不管，比如医保目录外的自费药，或者只保住院的保单遇到普通门诊费用。保险公司认为这部分费用不在保单要赔的范围里。",
        True,
        ("可以核对费用是不是真的属于自费项目，以医院的费用明细清单为准。",
         "有的保单对住院前后一段时间的门诊费用也赔，可以核对条款。",
         f"条款有两种理解的，按有利于您的理解（{ART_30}）。"),
        ("费用明细清单", "医生开具的用药或治疗必要性说明"),
        ("dispute", "advisor"),
        en=Wording(
            "these costs are not covered",
            "Some costs are outside what the policy pays, for example self-paid drugs outside the medical insurance "
            "list, or ordinary outpatient costs under a policy that only covers hospital stays. The insurer thinks "
            "these costs are among them.",
            ("Check on the hospital's itemised list whether the costs really are self-paid items.",
             "Some policies also pay outpatient costs in the days before and after a hospital stay: check the clause.",
             f"Where a clause can be read two ways, the reading that favours you applies ({ART_30_EN})."),
            ("the itemised list of costs", "the doctor's note on why the drugs or treatment were needed"))),
)}

UNKNOWN = RejectionReason(
    "unknown", "保险公司给出的其他理由",
    "这个拒赔理由我们这里还没有现成的解读。顾问会对照您的保单条款逐条核实，看看有没有可以争取的地方。",
    False, (), ("保险公司的拒赔通知书",), ("advisor",),
    en=Wording("another reason given by the insurer",
               "We have no ready explanation of this reason yet. An advisor will check it against your policy's "
               "clauses one by one and see whether there is room to argue.",
               (), ("the insurer's rejection notice",)))

EMERGENCY_USUAL = ("很多保单有“紧急情况”的例外：病情危急时由120急救车送去或就近抢救的，急救费用照样要赔。"
                   "这份保单我们没有查到这样的条款，顾问可以帮您对照完整条款核实。")
WAITING_USUAL = "续保的保单通常不再设等待期，意外受伤一般不受等待期限制，可以对照保单核实。"

# The sentences around the catalogue's wording, per language.
WORDS = {
    "zh": {
        "emergency_usual": EMERGENCY_USUAL, "waiting_usual": WAITING_USUAL, "that_hospital": "那家医院",
        "own_exception": "{ref}本身就写明了紧急情况的例外（见上面的原文）",
        "by_ambulance": "您当时是打120、由急救车送到{hospital}的，去哪家医院是急救车决定的，不是您自己挑的。"
                        "保单{wording}{comma}所以这次可以按紧急情况申诉。", "comma": "，",
        "if_emergency": "如果当时病情危急，是120送去或就近抢救的，可以按保单{ref}的紧急情况例外主张赔付，请把当时的经过告诉顾问。",
        "transfer": "按这一条，急诊抢救和紧急手术的费用最有希望争取回来；病情稳定后没有转到约定医院、继续住院的费用，保险公司仍可能不赔。",
        "accident_no_wait": "这次是意外受伤，保单{ref}写明意外伤害不受等待期限制。",
        "renewal": "如果这份保单是续保的，请看保单{quote}",
        "hospital_situation": "这次看病的{hospital}是{kind}医院", "ambulance_situation": "，当时是120急救车送去的。",
        "end": "。", "date_situation": "这次的出险日期是{date}。",
        "head": "案件{case}没有获得赔付，保险公司的理由是：{title}。", "simply": "简单说：{explanation}",
        "head_unknown": "案件{case}没有获得赔付。", "insurer_said": "保险公司的说法：{summary}",
        "clause": "保险公司依据的条款是{quote}",
        "clause_missing": "保险公司依据的是保单{cite}，我们这里没有这一条的原文，顾问会帮您核对。",
        "arguable": "可以争取的地方：", "to_know": "接下来要知道的：",
        "evidence": "能帮上忙的材料：{items}。", "next": "接下来您可以选择：{items}。", "sep": "；",
    },
    EN: {
        "emergency_usual": "Many policies make an exception for emergencies: when a 120 ambulance took the patient, or "
                           "the nearest hospital treated an urgent case, the emergency costs are still paid. We found no "
                           "such clause in this policy; an advisor can check the full terms with you.",
        "waiting_usual": "Renewed policies usually have no new waiting period, and accidents are usually not subject to "
                         "one: this can be checked against the policy.",
        "that_hospital": "that hospital",
        "own_exception": "{ref} itself makes an exception for emergencies (see the wording above)",
        "by_ambulance": "You called 120 and the ambulance took you to {hospital}: the ambulance chose the hospital, "
                        "not you. The policy's {wording}, so this claim can be disputed as an emergency.",
        "comma": "",
        "if_emergency": "If it was an emergency and a 120 ambulance took you there, or the nearest hospital treated you, "
                        "you can claim under the emergency exception of the policy's {ref}: please tell an advisor what "
                        "happened.",
        "transfer": "Under this clause, the emergency treatment and urgent surgery are the costs most likely to be won "
                    "back; costs of staying on after you were stable, instead of moving to an accepted hospital, may "
                    "still not be paid.",
        "accident_no_wait": "This was an accident, and the policy's {ref} says accidents are not subject to the waiting "
                            "period.",
        "renewal": "If this policy is a renewal, see the policy's {quote}",
        "hospital_situation": "The hospital this time, {hospital}, is a {kind} hospital",
        "ambulance_situation": ", and a 120 ambulance took you there.", "end": ".",
        "date_situation": "The date of the incident is {date}.",
        "head": "Case {case} was not paid. The insurer's reason: {title}.", "simply": "In plain words: {explanation}",
        "head_unknown": "Case {case} was not paid.", "insurer_said": "The insurer's words: {summary}",
        "clause": "The insurer relies on {quote}",
        "clause_missing": "The insurer relies on the policy's {cite}; we do not have its wording here, and an advisor "
                          "will check it for you.",
        "arguable": "What can be argued:", "to_know": "Good to know:",
        "evidence": "Materials that help: {items}.", "next": "What you can do next: {items}.", "sep": "; ",
    },
}

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
    lang: Optional[str] = None  # the language of `situation` and `arguments`

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


def _hospital_points(facts: ClaimFacts, clause: Optional[ClauseText], related: Tuple[ClauseText, ...],
                     lang: Optional[str]) -> List[str]:
    words = pick(WORDS, lang)
    pattern = RELATED["hospital_not_qualified"]
    own = clause if clause is not None and re.search(pattern, clause.text) else None
    emergency = find(related, title=pattern, text=pattern) or own
    if emergency is None:
        return [words["emergency_usual"]]
    hospital = facts.hospital_name or words["that_hospital"]
    wording = (words["own_exception"].format(ref=ref(emergency, lang=lang)) if emergency is own
               else quote(emergency, lang=lang))
    if facts.by_ambulance:
        points = [words["by_ambulance"].format(hospital=hospital, wording=wording,
                                               comma=words["comma"] if emergency is own else "")]
    else:
        points = [words["if_emergency"].format(ref=ref(emergency, lang=lang))]
    if "转" in emergency.text:
        points.append(words["transfer"])
    return points


def _waiting_points(facts: ClaimFacts, clause: Optional[ClauseText], related: Tuple[ClauseText, ...],
                    lang: Optional[str]) -> List[str]:
    words = pick(WORDS, lang)
    points = []
    if facts.incident_type == "accident" and clause and re.search(r"意外伤害.{0,12}不受等待期", clause.text):
        points.append(words["accident_no_wait"].format(ref=ref(clause, lang=lang)))
    renewal = find(related, title="续保", text="续保")
    if renewal is not None:
        points.append(words["renewal"].format(quote=quote(renewal, lang=lang)))
    return points or [words["waiting_usual"]]


def _situation(code: str, facts: ClaimFacts, lang: Optional[str]) -> str:
    words = pick(WORDS, lang)
    if code == "hospital_not_qualified" and facts.hospital_name:
        kind = labels.hospital_label(facts.hospital_grade, facts.hospital_ownership, lang=lang)
        return (words["hospital_situation"].format(hospital=facts.hospital_name, kind=kind)
                + (words["ambulance_situation"] if facts.by_ambulance else words["end"]))
    if code in ("waiting_period", "outside_coverage_period") and facts.incident_date:
        return words["date_situation"].format(date=day(facts.incident_date, lang))
    return ""


def explain(inputs: RejectionInputs, *, lang: Optional[str] = None) -> RejectionExplanation:
    """The rejection explained with the policy's clause, this claim's facts and what can be argued."""
    reason = CATALOGUE.get(inputs.reason_code or "", UNKNOWN)
    specific: List[str] = []
    if reason.code == "hospital_not_qualified":
        specific = _hospital_points(inputs.facts, inputs.clause, inputs.related, lang)
    elif reason.code == "waiting_period":
        specific = _waiting_points(inputs.facts, inputs.clause, inputs.related, lang)
    return RejectionExplanation(
        inputs.case_number, reason, inputs.clause_id, inputs.clause, _situation(reason.code, inputs.facts, lang),
        tuple(specific) + reason.wording(lang).dispute_points, inputs.related, inputs.summary, lang)


def format_rejection(explanation: RejectionExplanation, *, lang: Optional[str] = None) -> str:
    """The explanation as one chat message in plain words (`lang`, by default the explanation's)."""
    lang = lang or explanation.lang
    words, reason = pick(WORDS, lang), explanation.reason
    wording = reason.wording(lang)
    if explanation.known:
        out = [words["head"].format(case=explanation.case_number, title=wording.title),
               words["simply"].format(explanation=wording.explanation)]
    else:
        out = [words["head_unknown"].format(case=explanation.case_number)]
        # The insurer's words as recorded; in English only when they are not Chinese.
        summary = stored(explanation.summary, lang)
        out += [words["insurer_said"].format(summary=summary)] if summary else []
        out.append(wording.explanation)
    if explanation.clause is not None:
        out.append(words["clause"].format(quote=quote(explanation.clause, lang=lang)))
    elif explanation.clause_id:
        out.append(words["clause_missing"].format(cite=cite(explanation.clause_id, None, lang=lang)))
    out += [explanation.situation] if explanation.situation else []
    if explanation.arguments:
        out.append(words["arguable"] if reason.disputable else words["to_know"])
        out += [f"· {point}" for point in explanation.arguments]
    out.append(words["evidence"].format(items=words["sep"].join(wording.evidence)))
    steps = pick({"zh": NEXT_STEPS, EN: NEXT_STEPS_EN}, lang)
    out.append(words["next"].format(items=words["sep"].join(steps[step] for step in reason.next_steps)))
    return "\n".join(out)
