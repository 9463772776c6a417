"""Display labels for the codes stored in the database: Chinese, with the English twin below each."""
from __future__ import annotations

from typing import Dict, Optional

from bot.claims.wording import EN, key

INCIDENT_TYPES = {"accident": "意外", "illness": "疾病"}
INCIDENT_TYPES_EN = {"accident": "accident", "illness": "illness"}

POLICY_TYPES = {
    "medical": "医疗险",
    "accident": "意外险",
    "critical_illness": "重疾险",
    "other": "其他保险",
}
POLICY_TYPES_EN = {
    "medical": "medical insurance",
    "accident": "accident insurance",
    "critical_illness": "critical illness insurance",
    "other": "other insurance",
}

HOSPITAL_GRADES = {
    "3A": "三级甲等",
    "3": "三级",
    "2": "二级",
    "1": "一级",
    "unrated": "未定级",
    "unknown": "等级不清楚",
}
HOSPITAL_GRADES_EN = {
    "3A": "grade 3A",
    "3": "grade 3",
    "2": "grade 2",
    "1": "grade 1",
    "unrated": "unrated",
    "unknown": "grade not known",
}

OWNERSHIP = {"public": "公立", "private": "民营/私立"}
OWNERSHIP_EN = {"public": "public", "private": "private"}

RELATIONSHIPS = {"self": "本人", "spouse": "配偶", "parent": "父母", "child": "子女", "other": "家人"}
RELATIONSHIPS_EN = {"self": "yourself", "spouse": "spouse", "parent": "parent", "child": "child", "other": "family"}

CLAIM_STATUSES = {
    "reported": "已报案，待提交材料",
    "materials_incomplete": "材料不全，待补充",
    "submitted": "材料已提交保险公司",
    "under_review": "保险公司审核中",
    "paid": "已赔付",
    "partly_paid": "部分赔付",
    "rejected": "已拒赔",
    "closed": "已结案",
    "withdrawn": "已撤案",
}
CLAIM_STATUSES_EN = {
    "reported": "reported, materials to send",
    "materials_incomplete": "materials incomplete",
    "submitted": "sent to the insurer",
    "under_review": "insurer reviewing",
    "paid": "paid",
    "partly_paid": "partly paid",
    "rejected": "rejected",
    "closed": "closed",
    "withdrawn": "withdrawn",
}

# Checklists by kind of claim (bot.claims.materials.CLAIM_TYPES), as buttons.
CLAIM_KINDS = {
    "accident_outpatient": "意外 · 门诊",
    "accident_inpatient": "意外 · 住院",
    "illness_outpatient": "生病 · 门诊",
    "illness_inpatient": "生病 · 住院",
    "critical_illness": "重大疾病",
    "disability": "伤残",
    "death": "身故",
}
CLAIM_KINDS_EN = {
    "accident_outpatient": "Accident · outpatient",
    "accident_inpatient": "Accident · hospital stay",
    "illness_outpatient": "Illness · outpatient",
    "illness_inpatient": "Illness · hospital stay",
    "critical_illness": "Critical illness",
    "disability": "Disability",
    "death": "Death",
}

EVENT_KINDS = {
    "reported": "报案",
    "materials_requested": "要求补充材料",
    "submitted": "材料提交保险公司",
    "under_review": "保险公司开始审核",
    "decided": "保险公司作出决定",
    "paid": "赔款到账",
    "note": "备注",
    "disputed": "提出申诉",
    "dispute_result": "申诉结果",
}
EVENT_KINDS_EN = {
    "reported": "claim reported",
    "materials_requested": "more materials requested",
    "submitted": "materials sent to the insurer",
    "under_review": "insurer started the review",
    "decided": "insurer decided",
    "paid": "payment received",
    "note": "note",
    "disputed": "dispute raised",
    "dispute_result": "dispute result",
}

_ENGLISH = {id(INCIDENT_TYPES): INCIDENT_TYPES_EN, id(POLICY_TYPES): POLICY_TYPES_EN,
            id(HOSPITAL_GRADES): HOSPITAL_GRADES_EN, id(OWNERSHIP): OWNERSHIP_EN, id(RELATIONSHIPS): RELATIONSHIPS_EN,
            id(CLAIM_STATUSES): CLAIM_STATUSES_EN, id(CLAIM_KINDS): CLAIM_KINDS_EN, id(EVENT_KINDS): EVENT_KINDS_EN}


def table(chinese: Dict[str, str], lang: Optional[str] = None) -> Dict[str, str]:
    """The table in `lang`: `labels.table(labels.CLAIM_KINDS, "en")` is CLAIM_KINDS_EN."""
    return _ENGLISH[id(chinese)] if key(lang) == EN else chinese


def label(chinese: Dict[str, str], code: Optional[str], lang: Optional[str] = None, default: str = "") -> str:
    """One code's label in `lang`, `default` when the table has none."""
    return table(chinese, lang).get(code or "", default)


def policy_title(insured_name: str, product_name: str, policy_type: str, source: str, *, lang: Optional[str] = None) -> str:
    """'张小雨 · 启明少儿医疗险（医疗险，其他平台购买）' / '… (medical insurance, bought elsewhere)'"""
    kind = table(POLICY_TYPES, lang).get(policy_type, policy_type)
    if key(lang) == EN:
        return f"{insured_name} · {product_name} ({kind}{', bought elsewhere' if source == 'external' else ''})"
    bought = "，其他平台购买" if source == "external" else ""
    return f"{insured_name} · {product_name}（{kind}{bought}）"


def hospital_label(grade: str | None, ownership: str | None, *, lang: Optional[str] = None) -> str:
    """'公立 三级甲等', '民营/私立', '等级不清楚' ... / 'public grade 3A', 'private', 'grade not known'"""
    parts = []
    if ownership:
        parts.append(table(OWNERSHIP, lang).get(ownership, ownership))
    if (grade and grade != "unknown") or not parts:
        grades = table(HOSPITAL_GRADES, lang)
        parts.append(grades.get(grade or "unknown", grade or grades["unknown"]))
    return " ".join(parts)
