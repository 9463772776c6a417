"""Materials to prepare for a claim, by claim type.

Each item says what it is, what it looks like and where to get it, and, for
conditional items, when it is needed. The full pre-check of uploads builds on
this list.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import List, Optional


@dataclass(frozen=True)
class Material:
    code: str
    name: str
    how_to_get: str
    condition: Optional[str] = None  # None: always required


CLAIM_FORM = Material("claim_form", "理赔申请书", "我们可以帮您填写，您签字确认即可")
ID_CARD = Material("id_card", "被保险人身份证（正反面）", "拍清楚四个角，不要反光")
BANK_CARD = Material("bank_card", "被保险人本人的银行卡", "卡号清晰的正面照片；不是本人卡时需附关系证明")
MEDICAL_RECORD = Material("medical_record", "门诊/急诊病历", "就诊时医生手写或打印的病历，可在医院病案室复印并盖章")
DISCHARGE_SUMMARY = Material("discharge_summary", "出院小结", "出院时由主治医生开具，可在住院部或病案室复印盖章", "住院治疗时")
INVOICE = Material("invoice", "医疗费用发票", "医院收费处开具的发票原件或电子发票")
ITEMISED_LIST = Material("itemised_list", "费用明细清单", "出院时在住院处打印的费用明细清单，要有医院盖章", "住院治疗时")
DIAGNOSIS = Material("diagnosis_certificate", "诊断证明书", "医生开具并加盖医院诊断专用章")
EXAM_REPORTS = Material("exam_report", "检查检验报告", "化验单、影像（CT/核磁）报告等")
SOCIAL_STATEMENT = Material(
    "social_insurance_statement", "社保结算单", "用医保卡结算后医院给的结算单", "费用经过社保（医保）结算时"
)
ACCIDENT_PROOF = Material(
    "accident_proof", "意外事故证明", "120急救记录、交通事故认定书、派出所证明或单位出具的事故说明，任选其一"
)
PATHOLOGY = Material("pathology_report", "病理报告", "确诊时医院病理科出具的报告")
GUARDIAN_PROOF = Material(
    "guardian_proof", "监护关系证明及监护人身份证、银行卡", "出生证明或户口簿，证明您与孩子的关系", "被保险人未满18周岁时"
)

BASE = [CLAIM_FORM, ID_CARD, BANK_CARD, GUARDIAN_PROOF]

BY_CLAIM_TYPE = {
    "accident": [MEDICAL_RECORD, INVOICE, DIAGNOSIS, ACCIDENT_PROOF, DISCHARGE_SUMMARY, ITEMISED_LIST, SOCIAL_STATEMENT],
    "illness": [MEDICAL_RECORD, INVOICE, DIAGNOSIS, EXAM_REPORTS, DISCHARGE_SUMMARY, ITEMISED_LIST, SOCIAL_STATEMENT],
    "critical_illness": [DIAGNOSIS, PATHOLOGY, EXAM_REPORTS, DISCHARGE_SUMMARY, MEDICAL_RECORD],
}


def claim_type(policy_type: str, incident_type: str) -> str:
    """The checklist to use: critical-illness policies have their own."""
    if policy_type == "critical_illness":
        return "critical_illness"
    return "accident" if incident_type == "accident" else "illness"


def materials_for(claim_type_code: str, insured_is_minor: bool = False) -> List[Material]:
    items = [m for m in BASE if m is not GUARDIAN_PROOF or insured_is_minor]
    return items + BY_CLAIM_TYPE[claim_type_code]


def format_checklist(items: List[Material]) -> str:
    """A numbered list a user can follow, conditions stated."""
    lines = []
    for number, item in enumerate(items, start=1):
        when = f"（{item.condition}需要）" if item.condition else ""
        lines.append(f"{number}. {item.name}{when}：{item.how_to_get}")
    return "\n".join(lines)
