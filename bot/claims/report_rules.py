"""Checks made while a claim is reported (first notice of loss).

Each check returns a `Check`: `error` means the answer cannot be accepted and
says what a valid answer looks like; `notes` are accepted-but-worth-knowing
warnings (waiting period, hospital requirement, deductible, time limit).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import List, Optional

from bot.claims.money import yuan

# PRC Insurance Law art. 26: two years for non-life insurance claims.
LIMITATION_DAYS = 2 * 365


@dataclass(frozen=True)
class PolicyTerms:
    """What the reporting checks need to know about the chosen policy."""

    policy_type: str
    start_date: date
    end_date: date
    sum_insured: Decimal
    remaining_deductible: Decimal
    waiting_days_illness: int
    waiting_days_accident: int
    hospital_requirement: str  # "any" | "public_grade2_plus"
    emergency_exception: bool


@dataclass
class Check:
    error: Optional[str] = None
    notes: List[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.error is None


def check_incident_type(incident_type: str, terms: PolicyTerms) -> Check:
    """An accident policy pays for accidents only."""
    if terms.policy_type == "accident" and incident_type == "illness":
        return Check(error="您选的是意外险，它只保意外伤害，不保生病。生病的费用请改用医疗险报案。")
    return Check()


def check_incident_date(incident: date, incident_type: Optional[str], terms: PolicyTerms, today: date) -> Check:
    if incident > today:
        return Check(error=f"出险日期不能晚于今天（{today:%Y年%m月%d日}）。请告诉我实际就诊或受伤的日期，例如“11月3号”或“昨天”。")
    if incident < terms.start_date:
        return Check(
            error=f"这份保单从{terms.start_date:%Y年%m月%d日}起生效，{incident:%Y年%m月%d日}还没有保障。"
            "请核对日期；如确实早于生效日，这次费用不在保障范围内。"
        )
    if incident > terms.end_date:
        return Check(error=f"这份保单已于{terms.end_date:%Y年%m月%d日}到期，该日期不在保障期内。请核对日期或选择其他保单。")
    check = Check()
    waiting = terms.waiting_days_accident if incident_type == "accident" else terms.waiting_days_illness
    waiting_end = terms.start_date + timedelta(days=waiting)
    if incident_type != "accident" and waiting and incident < waiting_end:
        check.notes.append(
            f"提醒：这份保单疾病等待期为{waiting}天（到{waiting_end - timedelta(days=1):%Y年%m月%d日}为止，含这一天），"
            "等待期内发生的疾病一般不赔。如果是续保保单或意外受伤，不受等待期限制，请在报案说明里写清楚。"
        )
    if (today - incident).days > LIMITATION_DAYS:
        check.notes.append(
            "提醒：距离出险已超过2年。《保险法》第二十六条规定非寿险的索赔时效为2年，"
            "自知道保险事故发生之日起计算；如有中断或特殊情况，顾问可以帮您评估。"
        )
    return check


def hospital_meets_requirement(requirement: str, grade: Optional[str], ownership: Optional[str]) -> Optional[bool]:
    """True / False, or None when we do not know enough to say."""
    if requirement == "any":
        return True
    if ownership == "private":
        return False
    if grade in (None, "unknown"):
        return None
    if grade in ("1", "unrated"):
        return False
    return True if ownership == "public" else None


def check_hospital(grade: Optional[str], ownership: Optional[str], terms: PolicyTerms) -> Check:
    meets = hospital_meets_requirement(terms.hospital_requirement, grade, ownership)
    if meets is not False:
        if meets is None:
            return Check(notes=["这份保单要求在二级及以上公立医院就诊。医院等级可以在医院官网或挂号单上查到，报案后我们会帮您核实。"])
        return Check()
    note = "注意：这份保单要求在二级及以上公立医院的普通部就诊，这家医院可能不符合要求，保险公司有可能据此拒赔。"
    if terms.emergency_exception:
        note += "不过，如果当时是急诊、由120送往最近的医院，可以按紧急情况主张理赔——请保留120急救记录和急诊病历，我们的顾问会帮您争取。"
    return Check(notes=[note])


def check_amount(amount: Decimal, approximate: bool, terms: PolicyTerms) -> Check:
    if amount <= 0:
        return Check(error="金额需要大于0。请告诉我大概花了多少钱，例如“8000元”或“八千”。")
    if amount > terms.sum_insured:
        return Check(
            error=f"{yuan(amount)}超过了这份保单的保额{yuan(terms.sum_insured)}，请核对金额（例如是否多写了一个0）。"
        )
    check = Check()
    if approximate:
        check.notes.append(f"先按约{yuan(amount)}登记，最终以发票金额为准。")
    if terms.remaining_deductible > 0 and amount <= terms.remaining_deductible:
        check.notes.append(
            f"提醒：本保单年度的免赔额还剩{yuan(terms.remaining_deductible)}，这次的{yuan(amount)}可能全部在免赔额以内，"
            "单独理赔可能拿不到钱；但同一保单年度内的费用可以累计，建议保留好发票。"
        )
    return check
