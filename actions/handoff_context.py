"""The context summary an advisor reads above the transcript (Handoff.context).

Shape: {"title": ..., "sections": [{"heading": ..., "lines": [...]}]}; the
console renders it as it is. Everything personal comes from the database and
only for a verified customer; an unverified user's summary holds their own
words (phone and ID numbers masked) and nothing else.
"""
from __future__ import annotations

from datetime import date
from typing import Any, Dict, List, Optional

from rasa_sdk import Tracker
from sqlalchemy.orm import Session

from actions import texts
from actions.claim_choice import claim_title, told_case_number
from actions.common import customer_id
from actions.interpret import explanation_text
from actions.policy_terms import policy_title
from bot import clock
from bot.claims import labels
from bot.claims.appeal_letter import GROUND_TITLES
from bot.claims.materials import MATERIALS, age_on
from bot.claims.money import to_money, yuan
from bot.documents import intake
from bot.store import claims as claim_store
from bot.store import customers, policies
from bot.store.identity import mask_mobile, mask_personal_numbers
from bot.store.models import Claim, Dispute

REASON_TITLES = {
    "request_human": "要求人工", "dispute": "申诉", "fallback": "机器人没听懂", "form_failures": "填写遇到困难",
    "elderly": "长辈求助", "complaint": "投诉", "verification_failed": "身份核实失败", "overdue_claim": "理赔超时",
    "callback": "预约回电", "other": "其他",
}
RECENT_WORDS = 5
CLAIM_REPORT_LABELS = {
    "incident_type": "出险原因", "incident_date": "出险日期", "hospital": "医院", "hospital_grade": "医院等级",
    "diagnosis": "诊断/伤情", "claim_amount": "金额",
}


def recent_words(tracker: Tracker, count: int = RECENT_WORDS) -> List[str]:
    """The user's own latest messages (not button payloads), masked."""
    said = [(e.get("text") or "").strip() for e in tracker.events if e.get("event") == "user"]
    return [mask_personal_numbers(text) for text in said if text and not text.startswith("/")][-count:]


def claim_in_question(session: Session, tracker: Tracker, case_number: Optional[str] = None) -> Optional[Claim]:
    """The claim the conversation is about, only for a verified customer."""
    cid = customer_id(tracker)
    if cid is None:
        return None
    for candidate in (case_number, told_case_number(tracker), tracker.get_slot("dispute_case"),
                      tracker.get_slot("current_claim")):
        if candidate:
            claim = claim_store.get_visible_claim(session, cid, str(candidate))
            if claim is not None:
                return claim
    return None


def _shown_report(slot: str, value: Any, tracker: Tracker) -> str:
    if slot == "incident_type":
        return labels.INCIDENT_TYPES.get(value, str(value))
    if slot == "incident_date":
        try:
            return f"{date.fromisoformat(str(value)):%Y年%m月%d日}"
        except ValueError:
            return str(value)
    if slot == "hospital_grade":
        return labels.hospital_label(value, tracker.get_slot("hospital_ownership"))
    if slot == "claim_amount":
        amount = to_money(value)
        return yuan(amount) if amount is not None else str(value)
    return str(value)


def collected(session: Session, tracker: Tracker, with_dispute: bool = True) -> List[str]:
    """What the forms have gathered so far (claim report, family policy, and a dispute not yet submitted)."""
    cid = customer_id(tracker)
    lines: List[str] = []
    if cid is None:
        return lines
    number = tracker.get_slot("claim_policy")
    policy = policies.get_visible_policy(session, cid, number) if number else None
    report = [f"{label}：{_shown_report(slot, tracker.get_slot(slot), tracker)}"
              for slot, label in CLAIM_REPORT_LABELS.items() if tracker.get_slot(slot) not in (None, "", "?")]
    if policy is not None or report:
        lines.append("报案（未提交）：" + (policy_title(session, policy) if policy else "保单未选"))
        lines += report
    from actions.family_policy import FIELDS as FAMILY_FIELDS  # noqa: PLC0415 - family_policy hands off itself
    from actions.family_policy import shown as family_shown  # noqa: PLC0415

    family = [f"{label}：{family_shown(slot, tracker.get_slot(slot))}"
              for slot, (_, label, _) in FAMILY_FIELDS.items() if tracker.get_slot(slot) not in (None, "")]
    if family:
        lines += ["添加家人保单（未保存）："] + family
    grounds = tracker.get_slot("dispute_grounds") or tracker.get_slot("dispute_grounds_picked") or []
    if with_dispute and (tracker.get_slot("dispute_case") or grounds):
        lines.append(f"申诉（未提交）：{tracker.get_slot('dispute_case') or '案件未选'}")
        if grounds:
            lines.append("理由：" + "、".join(GROUND_TITLES.get(g, g) for g in grounds))
        if tracker.get_slot("dispute_statement"):
            lines.append(f"用户陈述：{mask_personal_numbers(tracker.get_slot('dispute_statement'))}")
    return lines


def _customer_lines(session: Session, tracker: Tracker, reason: str) -> List[str]:
    cid = customer_id(tracker)
    if cid is None:
        note = "身份核实连续3次失败" if reason == "verification_failed" else "未验证身份"
        return [f"{note}：没有显示任何保单和理赔信息"]
    customer = customers.get_customer(session, cid)
    age = age_on(customer.birth_date, clock.today())
    return [f"{customer.name} · {mask_mobile(customer.mobile)} · {age}岁 · 已验证身份"]


def _claim_lines(claim: Claim) -> List[str]:
    hospital = claim.hospital_name or "医院不详"
    return [
        claim_title(claim),
        f"出险 {claim.incident_date:%Y年%m月%d日} · {hospital}（{labels.hospital_label(claim.hospital_grade, claim.hospital_ownership)}）",
        f"申请金额 {yuan(claim.amount_claimed)}",
    ]


def _missing_lines(session: Session, claim: Claim) -> List[str]:
    if claim.status not in intake.SUBMITTABLE:
        return []
    outstanding = intake.claim_review(session, claim).outstanding
    return [MATERIALS[code].name for code in outstanding] or ["必需材料已齐全"]


def dispute_lines(dispute: Dispute) -> List[str]:
    return [
        f"申诉 #{dispute.id} · 已登记",
        "理由：" + "、".join(GROUND_TITLES.get(g, g) for g in dispute.grounds),
        f"用户陈述：{mask_personal_numbers(dispute.statement)}",
        "申诉书草稿已生成（见申诉记录）",
    ]


def build_context(session: Session, tracker: Tracker, reason: str, claim: Optional[Claim] = None,
                  dispute: Optional[Dispute] = None) -> Dict[str, Any]:
    """The summary for the advisor; sections without content are left out."""
    cid = customer_id(tracker)
    who = customers.get_customer(session, cid).name if cid is not None else "未验证用户"
    title = " · ".join(filter(None, [who, REASON_TITLES.get(reason, reason), claim.case_number if claim else ""]))
    sections = [("客户", _customer_lines(session, tracker, reason))]
    if cid is not None:
        sections.append(("保单", [f"{policy_title(session, p)} · {p.policy_number}"
                                  for p in policies.visible_policies(session, cid)]))
    if claim is not None:
        sections.append(("本次理赔", _claim_lines(claim)))
    sections.append(("机器人已收集", collected(session, tracker, with_dispute=dispute is None)))
    if claim is not None:
        sections.append(("缺少的材料", _missing_lines(session, claim)))
        if claim.decision is not None:
            sections.append(("理赔决定解读", explanation_text(session, claim)[0].splitlines()))
    if dispute is not None:
        sections.append(("申诉", dispute_lines(dispute)))
    sections.append(("用户原话", recent_words(tracker)))
    return {"title": title, "sections": [{"heading": h, "lines": lines} for h, lines in sections if lines]}
