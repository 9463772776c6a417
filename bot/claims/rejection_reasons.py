"""The rejection reasons the assistant can explain, by the insurer's reason code: what each means in
plain words (how a friendly advisor would put it to a 60-year-old), whether it is commonly argued
and how, with exact legal references, and what evidence helps; in Chinese and English.

The words only: `bot.claims.rejections` adds the policy's clause and the claim's facts.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Tuple

from bot.claims.wording import EN, key

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
