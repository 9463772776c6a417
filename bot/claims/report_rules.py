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
from bot.claims.wording import EN, day, pick

# PRC Insurance Law art. 26: two years for non-life insurance claims.
LIMITATION_DAYS = 2 * 365


# Every message of the checks, per language.
WORDS = {
    "zh": {
        "accident_only": "您选的是意外险，它只保意外伤害，不保生病。生病的费用请改用医疗险报案。",
        "future": "出险日期不能晚于今天（{today}）。请告诉我实际就诊或受伤的日期，例如“11月3号”或“昨天”。",
        "before_start": "这份保单从{start}起生效，{incident}还没有保障。请核对日期；如确实早于生效日，这次费用不在保障范围内。",
        "after_end": "这份保单已于{end}到期，该日期不在保障期内。请核对日期或选择其他保单。",
        "waiting": "提醒：这份保单疾病等待期为{days}天（到{last}为止，含这一天），等待期内发生的疾病一般不赔。"
                   "如果是续保保单或意外受伤，不受等待期限制，请在报案说明里写清楚。",
        "limitation": "提醒：距离出险已超过2年。《保险法》第二十六条规定非寿险的索赔时效为2年，"
                      "自知道保险事故发生之日起计算；如有中断或特殊情况，顾问可以帮您评估。",
        "hospital_unknown": "这份保单要求在二级及以上公立医院就诊。医院等级可以在医院官网或挂号单上查到，报案后我们会帮您核实。",
        "ownership_unknown": "这份保单要求在二级及以上公立医院就诊。这个等级的医院大多是公立的；如果这家是民营（私立）医院，"
                             "请在最后核对时改一下，报案后我们也会帮您核实。",
        "hospital_no": "注意：这份保单要求在二级及以上公立医院的普通部就诊，这家医院可能不符合要求，保险公司有可能据此拒赔。",
        "hospital_emergency": "不过，如果当时是急诊、由120送往最近的医院，可以按紧急情况主张理赔——请保留120急救记录和急诊病历，我们的顾问会帮您争取。",
        "amount_zero": "金额需要大于0。请告诉我大概花了多少钱，例如“8000元”或“八千”。",
        "amount_over": "{amount}超过了这份保单的保额{sum}，请核对金额（例如是否多写了一个0）。",
        "approximate": "先按约{amount}登记，最终以发票金额为准。",
        "below_deductible": "提醒：本保单年度的免赔额还剩{left}，这次的{amount}可能全部在免赔额以内，"
                            "单独理赔可能拿不到钱；但同一保单年度内的费用可以累计，建议保留好发票。",
    },
    EN: {
        "accident_only": "You chose accident insurance: it covers accidents only, not illness. Please report an "
                         "illness under a medical insurance policy.",
        "future": "The date cannot be later than today ({today}). Please tell me the day you were actually treated or "
                  "hurt, for example \"Nov 3\" or \"yesterday\".",
        "before_start": "This policy started on {start}, so {incident} was not covered yet. Please check the date; if it "
                        "really was before the start, these costs are not covered.",
        "after_end": "This policy ended on {end}, so that date is outside the period of cover. Please check the date or "
                     "choose another policy.",
        "waiting": "Note: this policy's waiting period for illness is {days} days (up to and including {last}); "
                   "illness in the waiting period is usually not paid. If the policy is a renewal or this was an "
                   "accident, the waiting period does not apply: please say so in the report.",
        "limitation": "Note: the incident was more than 2 years ago. Insurance Law art. 26 gives 2 years to claim "
                      "(non-life insurance), counted from when you learned of the incident; if it was interrupted or "
                      "special, an advisor can assess it.",
        "hospital_unknown": "This policy requires treatment at a public hospital of grade 2 or above. The grade is on "
                            "the hospital's website or the registration slip; we will check it after the report.",
        "ownership_unknown": "This policy requires treatment at a public hospital of grade 2 or above. Most hospitals "
                             "of this grade are public; if this one is private, please change it when you check the "
                             "report at the end. We will check it after the report too.",
        "hospital_no": "Note: this policy requires the general wards of a public hospital of grade 2 or above. This "
                       "hospital may not qualify, and the insurer could reject the claim for that.",
        "hospital_emergency": " But if it was an emergency and a 120 ambulance took you to the nearest hospital, you "
                              "can claim it as an emergency: keep the 120 ambulance record and the emergency medical "
                              "record, and our advisor will argue it for you.",
        "amount_zero": "The amount must be more than 0. Please tell me roughly how much it cost, for example "
                       "\"8000 yuan\" or \"8k\".",
        "amount_over": "{amount} is more than this policy's sum insured of {sum}: please check the amount (an extra 0?).",
        "approximate": "Registered as about {amount} for now; the invoices decide the final amount.",
        "below_deductible": "Note: {left} of this policy year's deductible is left, so this {amount} may fall entirely "
                            "within it and not be paid on its own; but costs in the same policy year add up, so keep "
                            "the invoices.",
    },
}


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


def check_incident_type(incident_type: str, terms: PolicyTerms, *, lang: Optional[str] = None) -> Check:
    """An accident policy pays for accidents only."""
    if terms.policy_type == "accident" and incident_type == "illness":
        return Check(error=pick(WORDS, lang)["accident_only"])
    return Check()


def check_incident_date(incident: date, incident_type: Optional[str], terms: PolicyTerms, today: date, *,
                        lang: Optional[str] = None) -> Check:
    w = pick(WORDS, lang)
    if incident > today:
        return Check(error=w["future"].format(today=day(today, lang)))
    if incident < terms.start_date:
        return Check(error=w["before_start"].format(start=day(terms.start_date, lang), incident=day(incident, lang)))
    if incident > terms.end_date:
        return Check(error=w["after_end"].format(end=day(terms.end_date, lang)))
    check = Check()
    waiting = terms.waiting_days_accident if incident_type == "accident" else terms.waiting_days_illness
    waiting_end = terms.start_date + timedelta(days=waiting)
    if incident_type != "accident" and waiting and incident < waiting_end:
        check.notes.append(w["waiting"].format(days=waiting, last=day(waiting_end - timedelta(days=1), lang)))
    if (today - incident).days > LIMITATION_DAYS:
        check.notes.append(w["limitation"])
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


def check_hospital(grade: Optional[str], ownership: Optional[str], terms: PolicyTerms, *,
                   lang: Optional[str] = None) -> Check:
    w = pick(WORDS, lang)
    meets = hospital_meets_requirement(terms.hospital_requirement, grade, ownership)
    if meets is None:  # the grade qualifies and only the ownership is not known ("三甲"), or the grade is not known
        return Check(notes=[w["ownership_unknown" if grade in ("3A", "3", "2") else "hospital_unknown"]])
    if meets:
        return Check()
    note = w["hospital_no"]
    if terms.emergency_exception:
        note += w["hospital_emergency"]
    return Check(notes=[note])


def check_amount(amount: Decimal, approximate: bool, terms: PolicyTerms, *, lang: Optional[str] = None) -> Check:
    w = pick(WORDS, lang)
    if amount <= 0:
        return Check(error=w["amount_zero"])
    if amount > terms.sum_insured:
        return Check(error=w["amount_over"].format(amount=yuan(amount), sum=yuan(terms.sum_insured)))
    check = Check()
    if approximate:
        check.notes.append(w["approximate"].format(amount=yuan(amount)))
    if terms.remaining_deductible > 0 and amount <= terms.remaining_deductible:
        check.notes.append(w["below_deductible"].format(left=yuan(terms.remaining_deductible), amount=yuan(amount)))
    return check
