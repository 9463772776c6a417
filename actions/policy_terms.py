"""Build the domain view of a policy (bot.claims) from the stored rows (bot.store)."""
from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from typing import List, Optional

from bot.claims import labels
from bot.claims.report_rules import PolicyTerms
from bot.store import customers, policies


def terms_for(session, policy, on_date: date) -> Optional[PolicyTerms]:
    """The terms the reporting checks need; None for a policy whose terms we do not know
    (a family policy added without them): the report goes ahead, unchecked."""
    try:
        coverage = policies.main_coverage(session, policy)
    except LookupError:
        return None
    used = policies.deductible_used(session, policy, on_date)
    deductible = Decimal(coverage.annual_deductible or 0)
    return PolicyTerms(
        policy_type=policy.policy_type,
        start_date=policy.start_date,
        end_date=policy.end_date,
        sum_insured=Decimal(coverage.sum_insured),
        remaining_deductible=max(deductible - used, Decimal("0")),
        waiting_days_illness=coverage.waiting_days_illness or 0,
        waiting_days_accident=coverage.waiting_days_accident or 0,
        hospital_requirement=coverage.hospital_requirement or "any",
        emergency_exception=bool(coverage.emergency_exception),
    )


def policy_title(session, policy, *, lang: Optional[str] = None) -> str:
    insured = customers.get_customer(session, policy.insured_id)
    return labels.policy_title(insured.name if insured else "", policy.product_name, policy.policy_type, policy.source,
                               lang=lang)


# English answers: "the second one", "2nd", "the accident one".
ORDINALS_EN = re.compile(r"\b(?:(first|1st)|(second|2nd)|(third|3rd)|(fourth|4th)|(fifth|5th))\b", re.I)
TYPES_EN = {"medical": "medical", "health": "medical", "hospital": "medical", "accident": "accident",
            "critical": "critical_illness", "cancer": "critical_illness"}


def match_policy(text: str, options: List, titles: List[str]) -> Optional[str]:
    """Pick a policy from a typed answer: '1', '第二个', '医疗险那个', '给我女儿的', 'the second one', 'the accident one'."""
    ordinals = {"1": 0, "一": 0, "2": 1, "二": 1, "两": 1, "3": 2, "三": 2, "4": 3, "四": 3, "5": 4, "五": 4}
    stripped = text.strip().strip("。.号第个份").strip()
    if stripped in ordinals and ordinals[stripped] < len(options):
        return options[ordinals[stripped]].policy_number
    for marker, index in ordinals.items():
        if f"第{marker}" in text and index < len(options):
            return options[index].policy_number
    ordinal = ORDINALS_EN.search(text)
    if ordinal and ordinal.lastindex - 1 < len(options):
        return options[ordinal.lastindex - 1].policy_number
    hits = [p.policy_number for p, title in zip(options, titles) if p.policy_number.lower() in text.lower()]
    if not hits:
        keywords = {"医疗": "医疗险", "意外": "意外险", "重疾": "重疾险", "大病": "重疾险"}
        wanted = [kind for word, kind in keywords.items() if word in text]
        hits = [p.policy_number for p, title in zip(options, titles) if any(kind in title for kind in wanted)]
    if not hits:
        wanted = {kind for word, kind in TYPES_EN.items() if re.search(rf"\b{word}", text, re.I)}
        hits = [p.policy_number for p in options if p.policy_type in wanted]
    if not hits:
        hits = [p.policy_number for p, title in zip(options, titles) if title.split(" · ")[0] and title.split(" · ")[0] in text]
    return hits[0] if len(set(hits)) == 1 else None
