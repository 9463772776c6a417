"""Claim materials: the catalogue of items, and the checklist for a claim's facts.

Every item says what it is, what it looks like and where to get it, and has
keywords used to recognise it from a photo's caption or file name
(bot.claims.doc_types). Its `code` is stored as Document.doc_type.

A checklist is resolved from the claim's facts: an item with a condition is
required when the facts say the condition holds, left out when they say it
does not, and listed as conditional, with the condition in plain Chinese,
when the facts are unknown.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Callable, Dict, List, Optional, Tuple

from bot.claims.wording import EN, key


@dataclass(frozen=True)
class Material:
    code: str
    name: str
    description: str  # what it looks like and where to get it
    keywords: Tuple[str, ...] = ()
    name_en: str = ""
    description_en: str = ""

    def name_in(self, lang: Optional[str] = None) -> str:
        return self.name_en if key(lang) == EN else self.name

    def description_in(self, lang: Optional[str] = None) -> str:
        return self.description_en if key(lang) == EN else self.description


def _m(code: str, name: str, description: str, *keywords: str, en: Tuple[str, str, Tuple[str, ...]]) -> Material:
    """A material; `en`: (name, description, keywords) in English, the keywords read from English captions."""
    name_en, description_en, keywords_en = en
    return Material(code, name, description, (code,) + keywords + keywords_en, name_en, description_en)


CATALOGUE: Tuple[Material, ...] = (
    _m("claim_form", "理赔申请书", "保险公司的理赔申请表，由被保险人（或监护人、受益人）签字；我们可以帮您填写，您签字确认即可",
       "申请书", "申请表", "理赔申请",
       en=("Claim form",
           "the insurer's claim form, signed by the insured person (or guardian or beneficiary); we can fill it"
           " in for you, you only sign it",
           ("claim form", "application form"))),
    _m("id_card", "被保险人身份证（正反面）", "人像面和国徽面各拍一张，四个角完整、不要反光，并在有效期内",
       "身份证", "人像面", "国徽面", "idcard", "shenfenzheng",
       en=("Insured person's ID card (both sides)",
           "one photo of each side, all four corners visible, no glare, not expired",
           ("id card", "identity card", "id_card"))),
    _m("bank_card", "被保险人本人的银行卡", "卡号清晰的正面照片；不是被保险人本人的卡（如监护人或受益人的卡）时需附关系证明",
       "银行卡", "储蓄卡", "借记卡", "存折", "bankcard", "yinhangka",
       en=("Insured person's own bank card",
           "a photo of the front with the card number readable; if the card is not the insured person's own "
           "(e.g. a guardian's or beneficiary's), add proof of the relationship",
           ("bank card", "debit card", "bank_card", "passbook"))),
    _m("medical_record", "门诊/急诊病历", "就诊时医生写的病历本或打印的门急诊病历；住院病历可在医院病案室复印并盖章",
       "病历", "病案", "门诊记录", "急诊记录", "bingli",
       en=("Outpatient/emergency medical record",
           "the record book the doctor wrote in, or the printed outpatient/emergency record; inpatient records "
           "can be copied and stamped at the hospital's records office",
           ("medical record", "medical_record", "case record"))),
    _m("discharge_summary", "出院小结", "出院时由主治医生开具，写明住院日期、诊断和治疗经过，可在住院部或病案室复印盖章",
       "出院小结", "出院记录", "小结", "discharge",
       en=("Discharge summary",
           "written by the attending doctor when you leave hospital, with the dates of the stay, the diagnosis "
           "and the treatment; copies are stamped at the ward or records office",
           ("discharge summary",))),
    _m("invoice", "医疗费用发票", "医院收费处开具的发票原件或电子发票，每次就诊的都要",
       "发票", "收据", "票据", "invoice", "receipt", "fapiao",
       en=("Medical invoices",
           "the original paper invoice or the e-invoice from the hospital cashier, one for every visit",
           ("invoices", "receipts", "bill", "bills"))),
    _m("itemised_list", "费用明细清单", "出院时在住院处打印的费用明细清单，要有医院盖章",
       "明细", "清单", "一日清单", "mingxi",
       en=("Itemised list of costs",
           "printed at the inpatient office when you leave hospital, with the hospital's stamp",
           ("itemised", "itemized", "itemised list", "itemized list", "cost list", "itemised_list"))),
    _m("diagnosis_certificate", "诊断证明书", "医生开具并加盖医院诊断专用章，写明诊断结果",
       "诊断证明", "诊断书", "疾病证明", "诊断", "diagnosis",
       en=("Diagnosis certificate",
           "issued by the doctor with the hospital's diagnosis stamp, stating the diagnosis",
           ("diagnosis certificate", "medical certificate", "doctor's certificate"))),
    _m("exam_report", "检查检验报告", "化验单、影像（CT/核磁/B超/X光）报告等，可在医院自助机或检验科打印",
       "检查报告", "检验报告", "化验", "报告单", "影像", "ct", "b超", "彩超", "核磁", "x光",
       en=("Test and scan reports",
           "lab results and imaging (CT/MRI/ultrasound/X-ray) reports, printed at the hospital's self-service machine or the lab",
           ("lab report", "test report", "test results", "x-ray", "xray", "mri", "ultrasound", "blood test", "exam_report"))),
    _m("social_insurance_statement", "社保结算单", "用医保卡结算后医院给的医保（社保）结算单，写明医保报销了多少",
       "结算单", "结算清单", "医保结算", "社保结算", "报销单",
       en=("Social insurance settlement statement",
           "the statement the hospital gives after settling with your medical insurance card, showing what social insurance paid",
           ("settlement statement", "social insurance statement", "social insurance", "medical insurance statement"))),
    _m("accident_proof", "意外事故证明", "120急救记录、交通事故认定书、派出所证明或单位出具的事故说明，任选其一",
       "事故证明", "事故认定", "认定书", "交通事故", "派出所", "报警", "出警", "120", "急救", "事故说明",
       en=("Proof of the accident",
           "any one of: the 120 ambulance record, the traffic accident report, a police certificate or an "
           "employer's account of the accident",
           ("accident report", "police report", "ambulance", "accident proof", "accident_proof"))),
    _m("pathology_report", "病理报告", "确诊时医院病理科出具的报告（活检或手术后的病理诊断）",
       "病理", "活检", "病理诊断", "pathology",
       en=("Pathology report",
           "the hospital pathology department's report at diagnosis (biopsy or post-surgery pathology)",
           ("pathology report", "biopsy"))),
    _m("guardian_proof", "监护关系证明及监护人身份证、银行卡", "出生证明或户口簿，证明您与孩子的关系",
       "出生证明", "出生医学证明", "监护", "户口本", "户口簿", "guardian",
       en=("Proof of guardianship, with the guardian's ID card and bank card",
           "the birth certificate or household register showing your relationship to the child",
           ("birth certificate", "guardianship", "household register"))),
    _m("disability_assessment", "伤残鉴定报告", "有资质的司法鉴定机构按《人身保险伤残评定标准》出具的伤残鉴定意见书",
       "伤残", "鉴定", "残疾", "disability",
       en=("Disability assessment report",
           "the assessment by a qualified forensic institute under the Disability Assessment Standard for Personal Insurance",
           ("disability assessment", "disability report"))),
    _m("death_certificate", "死亡证明", "医院或公安机关出具的《居民死亡医学证明（推断）书》",
       "死亡证明", "死亡医学", "火化",
       en=("Death certificate",
           "the Medical Certificate of Death issued by the hospital or the police",
           ("death certificate", "cremation"))),
    _m("household_cancellation", "户口注销证明", "派出所出具的被保险人户口注销证明，或盖章的户口簿注销页",
       "户口注销", "注销证明", "销户", "注销",
       en=("Household registration cancellation",
           "the police station's certificate cancelling the insured person's household registration, or the "
           "stamped cancellation page of the register",
           ("deregistration", "household cancellation", "hukou cancellation"))),
    _m("heirs_relationship", "受益人关系证明", "受益人（继承人）的身份证，以及户口簿、结婚证、出生证明或亲属关系公证书等关系证明",
       "亲属关系", "关系证明", "继承", "受益人", "结婚证", "公证", "户口本", "户口簿",
       en=("Proof of the beneficiaries' relationship",
           "the beneficiaries' (heirs') ID cards, and proof of relationship: household register, marriage or "
           "birth certificate, or a notarised kinship certificate",
           ("beneficiary", "beneficiaries", "marriage certificate", "notarised", "notarized", "kinship"))),
)
MATERIALS: Dict[str, Material] = {m.code: m for m in CATALOGUE}
_BY_NAME: Dict[str, Material] = {m.name: m for m in CATALOGUE}


def material_names_in(names: List[str], lang: Optional[str] = None) -> List[str]:
    """Stored (Chinese) material names as the user reads them; a name not in the catalogue stays as it is."""
    return [_BY_NAME[n].name_in(lang) if n in _BY_NAME else n for n in names]

CLAIM_TYPES = (
    "accident_outpatient", "accident_inpatient", "illness_outpatient", "illness_inpatient",
    "critical_illness", "disability", "death",
)
CANCER_WORDS = ("癌", "瘤", "白血病", "淋巴瘤", "肉瘤", "恶性")


@dataclass(frozen=True)
class ClaimFacts:
    """What the checklist depends on. None means "not known yet"."""

    claim_type: str
    inpatient: Optional[bool] = None
    social_insurance_settled: Optional[bool] = None
    insured_is_minor: Optional[bool] = False
    accident: Optional[bool] = None  # caused by an accident (disability and death claims)
    diagnosis: Optional[str] = None

    def __post_init__(self) -> None:
        if self.claim_type not in CLAIM_TYPES:
            raise ValueError(f"claim_type must be one of {CLAIM_TYPES}")


def _cancer(facts: ClaimFacts) -> Optional[bool]:
    """True when the diagnosis names a tumour; never False (other illnesses may need one too)."""
    return True if facts.diagnosis and any(w in facts.diagnosis for w in CANCER_WORDS) else None


# condition code -> (when it is needed, in plain Chinese; how the facts decide it)
CONDITIONS: Dict[str, Tuple[str, Callable[[ClaimFacts], Optional[bool]]]] = {
    "minor": ("被保险人未满18周岁时", lambda f: f.insured_is_minor),
    "inpatient": ("住院治疗时", lambda f: f.inpatient),
    "social_insurance": ("费用经过社保（医保）结算时", lambda f: f.social_insurance_settled),
    "accident": ("因意外导致时", lambda f: f.accident),
    "examined": ("做过化验、拍片等检查时", lambda f: None),  # no stored fact tells
    "cancer": ("确诊为恶性肿瘤等需要病理检查的疾病时", _cancer),
}
CONDITIONS_EN = {
    "minor": "if the insured person is under 18",
    "inpatient": "if you stayed in hospital",
    "social_insurance": "if the bill was settled through social (medical) insurance",
    "accident": "if it was caused by an accident",
    "examined": "if you had tests or scans",
    "cancer": "if the diagnosis is a malignant tumour or another illness that needs a pathology test",
}

# (material code, condition code or None) per claim type, after the common items
_COMMON = [("claim_form", None), ("id_card", None), ("bank_card", None), ("guardian_proof", "minor")]
_MEDICAL = [("medical_record", None), ("discharge_summary", "inpatient"), ("invoice", None),
            ("itemised_list", "inpatient"), ("diagnosis_certificate", None)]
_OUTPATIENT = [("medical_record", None), ("invoice", None), ("diagnosis_certificate", None)]
_ACCIDENT = [("exam_report", "examined"), ("accident_proof", None), ("social_insurance_statement", "social_insurance")]
_ILLNESS = [("exam_report", None), ("social_insurance_statement", "social_insurance")]
CHECKLISTS: Dict[str, List[Tuple[str, Optional[str]]]] = {
    "accident_outpatient": _COMMON + _OUTPATIENT + _ACCIDENT,
    "accident_inpatient": _COMMON + _MEDICAL + _ACCIDENT,
    "illness_outpatient": _COMMON + _OUTPATIENT + _ILLNESS,
    "illness_inpatient": _COMMON + _MEDICAL + _ILLNESS,
    "critical_illness": _COMMON + [
        ("diagnosis_certificate", None), ("pathology_report", "cancer"), ("exam_report", None),
        ("medical_record", None), ("discharge_summary", "inpatient")],
    "disability": _COMMON + [
        ("disability_assessment", None), ("diagnosis_certificate", None), ("medical_record", None),
        ("discharge_summary", "inpatient"), ("accident_proof", "accident")],
    "death": _COMMON[:3] + [
        ("death_certificate", None), ("household_cancellation", None), ("heirs_relationship", None),
        ("accident_proof", "accident")],
}


@dataclass(frozen=True)
class ChecklistItem:
    """One material on a claim's checklist: required, or conditional when the facts cannot tell."""

    material: Material
    required: bool
    condition: Optional[str] = None  # plain Chinese, for conditional items only
    condition_code: Optional[str] = None  # CONDITIONS key, for conditional items only

    @property
    def code(self) -> str:
        return self.material.code

    @property
    def name(self) -> str:
        return self.material.name

    def name_in(self, lang: Optional[str] = None) -> str:
        return self.material.name_in(lang)

    def condition_in(self, lang: Optional[str] = None) -> Optional[str]:
        """When a conditional item is needed, in `lang`."""
        if key(lang) == EN and self.condition_code:
            return CONDITIONS_EN[self.condition_code]
        return self.condition


def claim_type_for(policy_type: str, incident_type: str, inpatient: Optional[bool], event: Optional[str] = None) -> str:
    """The checklist to use for a stored claim.

    `event` ("disability" / "death") comes from the dialogue; the store has no such
    field. Inpatient unknown counts as inpatient: that list is the outpatient one
    plus the inpatient-only items, which then show as conditional ("住院治疗时"),
    so nothing the user may need is left out and nothing is demanded wrongly.
    """
    if event in ("disability", "death"):
        return event
    if policy_type == "critical_illness":
        return "critical_illness"
    cause = "accident" if incident_type == "accident" else "illness"
    return f"{cause}_{'outpatient' if inpatient is False else 'inpatient'}"


def claim_facts(
    policy_type: str,
    incident_type: str,
    *,
    inpatient: Optional[bool] = None,
    social_insurance_settled: Optional[bool] = None,
    insured_is_minor: Optional[bool] = False,
    diagnosis: Optional[str] = None,
    event: Optional[str] = None,
) -> ClaimFacts:
    """ClaimFacts for a claim as stored (policy type, incident type, inpatient flag ...)."""
    return ClaimFacts(
        claim_type_for(policy_type, incident_type, inpatient, event), inpatient=inpatient,
        social_insurance_settled=social_insurance_settled, insured_is_minor=insured_is_minor,
        accident=incident_type == "accident", diagnosis=diagnosis,
    )


def checklist_for(facts: ClaimFacts) -> List[ChecklistItem]:
    """The claim's materials in the order to present them; items not needed are left out."""
    items = []
    for code, condition in CHECKLISTS[facts.claim_type]:
        if condition is None:
            items.append(ChecklistItem(MATERIALS[code], required=True))
            continue
        text, decide = CONDITIONS[condition]
        needed = decide(facts)
        if needed is None:
            items.append(ChecklistItem(MATERIALS[code], required=False, condition=text, condition_code=condition))
        elif needed:
            items.append(ChecklistItem(MATERIALS[code], required=True))
    return items


def age_on(birth: date, day: date) -> int:
    """Full years of age on `day`."""
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def format_checklist(items: List[ChecklistItem], *, lang: Optional[str] = None) -> str:
    """The pre-report list: numbered, where to get each item, conditions stated."""
    line, when = _CHECKLIST_LINE[key(lang)]
    return "\n".join(
        line.format(number=number, name=item.name_in(lang), description=item.material.description_in(lang),
                    when=when.format(condition=item.condition_in(lang)) if item.condition else "")
        for number, item in enumerate(items, start=1))


# (line, condition) per language
_CHECKLIST_LINE = {
    "zh": ("{number}. {name}{when}：{description}", "（{condition}需要）"),
    EN: ("{number}. {name}{when}: {description}", " (needed {condition})"),
}
