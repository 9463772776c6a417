"""Chinese display labels for the codes stored in the database."""

INCIDENT_TYPES = {"accident": "意外", "illness": "疾病"}

POLICY_TYPES = {
    "medical": "医疗险",
    "accident": "意外险",
    "critical_illness": "重疾险",
    "other": "其他保险",
}

HOSPITAL_GRADES = {
    "3A": "三级甲等",
    "3": "三级",
    "2": "二级",
    "1": "一级",
    "unrated": "未定级",
    "unknown": "等级不清楚",
}

OWNERSHIP = {"public": "公立", "private": "民营/私立"}

RELATIONSHIPS = {"self": "本人", "spouse": "配偶", "parent": "父母", "child": "子女", "other": "家人"}

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


def policy_title(insured_name: str, product_name: str, policy_type: str, source: str) -> str:
    """'张小雨 · 启明少儿医疗险（医疗险，其他平台购买）'"""
    kind = POLICY_TYPES.get(policy_type, policy_type)
    bought = "，其他平台购买" if source == "external" else ""
    return f"{insured_name} · {product_name}（{kind}{bought}）"


def hospital_label(grade: str | None, ownership: str | None) -> str:
    """'公立 三级甲等', '民营/私立', '等级不清楚' ..."""
    parts = []
    if ownership:
        parts.append(OWNERSHIP.get(ownership, ownership))
    if (grade and grade != "unknown") or not parts:
        parts.append(HOSPITAL_GRADES.get(grade or "unknown", grade or "等级不清楚"))
    return " ".join(parts)
