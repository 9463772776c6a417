"""What one policy says on one topic, derived from its stored terms and clause texts.

Every "covered" or "not covered" rests on a stored term or on the policy's
own wording; when neither says, the answer is "unknown" and says so, so the
dialogue can offer an advisor. Nothing here assumes what a typical policy
would cover. Each rule takes `lang`; the sentences are in
bot.claims.coverage_words.WORDS, per language.
"""
from __future__ import annotations

import re
from datetime import date, timedelta
from decimal import Decimal
from typing import Callable, Dict, List, Optional

from bot.claims.clauses import ClauseText, ref
from bot.claims.coverage_words import WORDS
from bot.claims.money import yuan
from bot.claims.payout import ZERO, percent
from bot.claims.policy_view import Answer, CoverageTerms, PolicyView, waiting_status
from bot.claims.rejection_reasons import ART_16, ART_16_EN
from bot.claims.wording import EN, day, join, pick

EMERGENCY = r"紧急|急救"
RENEWAL_REMINDER_DAYS = 60


def _benefit(p: PolicyView) -> Optional[ClauseText]:
    return p.clause(title="保险金")


def _fixed_sum(topic: str, p: PolicyView, c: CoverageTerms, what: str, lang: Optional[str]) -> Answer:
    """Critical illness pays its sum insured on diagnosis; it reimburses no costs."""
    w = pick(WORDS, lang)
    return Answer(topic, "not_covered", w["fixed_sum"].format(what=w[what], sum=yuan(c.sum_insured)), _benefit(p))


def _unknown(topic: str, what: str, clause: Optional[ClauseText], lang: Optional[str]) -> Answer:
    w = pick(WORDS, lang)
    where = w["where_clause"].format(ref=ref(clause, lang=lang)) if clause else w["where"]
    return Answer(topic, "unknown", w["unknown"].format(where=where, what=w[what]), clause)


def _outpatient_parts(benefit: Optional[ClauseText], lang: Optional[str]) -> List[str]:
    """The outpatient costs a medical benefit clause names ("特殊门诊", "门诊手术", days around a stay)."""
    w = pick(WORDS, lang)
    text = benefit.text if benefit else ""
    parts = [w[key] for name, key in (("特殊门诊", "special_outpatient"), ("门诊手术", "outpatient_surgery")) if name in text]
    around = re.search(r"住院前(\d+)日和出院后(\d+)日内(与该次住院原因相同)?", text)
    if around:
        same = w["same_cause"] if around.group(3) else ""
        parts.append(w["around_stay"].format(before=around.group(1), after=around.group(2), same=same))
    return parts


def _emergency_note(p: PolicyView, c: CoverageTerms, lang: Optional[str]) -> str:
    if not c.emergency_exception:
        return ""
    w = pick(WORDS, lang)
    clause = p.clause(title=EMERGENCY) or p.clause(title="医院", text=EMERGENCY)
    found = clause and re.search(EMERGENCY, clause.title + clause.text)
    return w["emergency"].format(where=w["emergency_where"].format(ref=ref(clause, lang=lang)) if found else "")


def _deductible_left(p: PolicyView, c: CoverageTerms) -> Decimal:
    return max(c.annual_deductible - p.deductible_used, ZERO)


def _pay_rule(p: PolicyView, c: CoverageTerms, lang: Optional[str]) -> str:
    """'先扣本保单年度还剩的免赔额¥0.00，再按比例赔付（用医保结算的100%，没用的60%）'"""
    w = pick(WORDS, lang)
    remaining = _deductible_left(p, c)
    deductible = "" if not c.annual_deductible else (
        w["deductible_first"].format(left=yuan(remaining)) if remaining else w["deductible_gone"])
    if c.ratio_with_social == c.ratio_without_social:
        return w["pay_flat"].format(deductible=deductible, ratio=percent(c.ratio_with_social))
    return w["pay_ratio"].format(deductible=deductible, with_social=percent(c.ratio_with_social),
                                 without_social=percent(c.ratio_without_social))


def outpatient(p: PolicyView, c: CoverageTerms, today: date, *, lang: Optional[str] = None) -> Answer:
    if p.policy_type == "critical_illness":
        return _fixed_sum("outpatient", p, c, "w_outpatient", lang)
    w, benefit = pick(WORDS, lang), _benefit(p)
    parts = _outpatient_parts(benefit, lang)
    if p.policy_type == "medical" and parts:
        return Answer("outpatient", "conditional", w["outpatient_parts"].format(parts=join(parts, lang)), benefit)
    if p.policy_type == "accident" and benefit and "医疗费用" in benefit.text and "住院" not in benefit.text:
        return Answer("outpatient", "conditional", w["outpatient_accident"].format(pay=_pay_rule(p, c, lang)), benefit)
    return _unknown("outpatient", "u_outpatient", benefit, lang)


def private_hospital(p: PolicyView, c: CoverageTerms, today: date, *, lang: Optional[str] = None) -> Answer:
    w, clause = pick(WORDS, lang), p.clause(title="医院")
    if c.hospital_requirement == "any":
        return Answer("private_hospital", "covered", w["private_any"], clause)
    if p.policy_type == "critical_illness":
        return Answer("private_hospital", "not_covered", w["private_ci"], clause)
    ward = w["general_ward"] if c.general_ward_only else ""
    return Answer("private_hospital", "not_covered", w["private_no"].format(ward=ward) + _emergency_note(p, c, lang), clause)


def special_ward(p: PolicyView, c: CoverageTerms, today: date, *, lang: Optional[str] = None) -> Answer:
    if p.policy_type == "critical_illness":
        return _fixed_sum("special_ward", p, c, "w_special_ward", lang)
    clause = p.clause(title="医院")
    if c.general_ward_only or (clause and re.search(r"特需|国际|VIP", clause.text)):
        return Answer("special_ward", "not_covered", pick(WORDS, lang)["special_ward_no"], clause)
    return _unknown("special_ward", "u_special_ward", clause, lang)


def self_paid_drugs(p: PolicyView, c: CoverageTerms, today: date, *, lang: Optional[str] = None) -> Answer:
    if p.policy_type == "critical_illness":
        return _fixed_sum("self_paid_drugs", p, c, "w_self_paid", lang)
    clause = p.clause(title="费用", text="自费")
    if clause and re.search(r"自费.*(不承担|不予|不赔)", clause.text):
        return Answer("self_paid_drugs", "not_covered", pick(WORDS, lang)["self_paid_no"], clause)
    return _unknown("self_paid_drugs", "u_self_paid", clause or _benefit(p), lang)


def fracture(p: PolicyView, c: CoverageTerms, today: date, *, lang: Optional[str] = None) -> Answer:
    if p.policy_type == "critical_illness":
        return _fixed_sum("fracture", p, c, "w_fracture", lang)
    w, benefit = pick(WORDS, lang), _benefit(p)
    if not benefit or "意外" not in benefit.text:
        return _unknown("fracture", "u_fracture", benefit, lang)
    if p.policy_type == "accident":
        return Answer("fracture", "covered", w["fracture_accident"].format(pay=_pay_rule(p, c, lang)), benefit)
    parts = _outpatient_parts(benefit, lang)
    outpatient_text = (w["fracture_outpatient_parts"].format(parts=join(parts, lang)) if parts
                       else w["fracture_outpatient_terms"])
    return Answer("fracture", "conditional",
                  w["fracture_medical"].format(pay=_pay_rule(p, c, lang), outpatient=outpatient_text), benefit)


def _excluded(p: PolicyView, c: CoverageTerms, pattern: str) -> Optional[str]:
    return next((item for item in c.exclusions if re.search(pattern, item)), None)


def dental(p: PolicyView, c: CoverageTerms, today: date, *, lang: Optional[str] = None) -> Answer:
    if p.policy_type == "critical_illness":
        return _fixed_sum("dental", p, c, "w_dental", lang)
    w = pick(WORDS, lang)
    clause, item = p.clause(title="责任免除"), _excluded(p, c, "牙")
    if item and "意外" in item:
        return Answer("dental", "conditional", w["dental_accident_ok"], clause)
    if item:
        return Answer("dental", "not_covered", w["dental_no"], clause)
    if p.policy_type == "accident":
        return Answer("dental", "conditional", w["dental_accident_policy"], _benefit(p))
    return _unknown("dental", "u_dental", clause, lang)


def cosmetic(p: PolicyView, c: CoverageTerms, today: date, *, lang: Optional[str] = None) -> Answer:
    if p.policy_type == "critical_illness":
        return _fixed_sum("cosmetic", p, c, "w_cosmetic", lang)
    if _excluded(p, c, "美容|整形"):
        return Answer("cosmetic", "not_covered", pick(WORDS, lang)["cosmetic_no"], p.clause(title="责任免除"))
    return _unknown("cosmetic", "u_cosmetic", p.clause(title="责任免除"), lang)


def pre_existing(p: PolicyView, c: CoverageTerms, today: date, *, lang: Optional[str] = None) -> Answer:
    w, clause = pick(WORDS, lang), p.clause(title="责任免除")
    if p.policy_type == "accident" and _excluded(p, c, "^疾病"):
        return Answer("pre_existing", "not_covered", w["pre_existing_accident"], clause)
    if not _excluded(p, c, "既往症") and not (clause and "如实告知" in clause.text):
        return _unknown("pre_existing", "u_pre_existing", clause, lang)
    law = w["pre_existing_law"].format(law=pick({"zh": ART_16, EN: ART_16_EN}, lang))
    if clause and "未如实告知" in clause.text:
        return Answer("pre_existing", "conditional", w["pre_existing_disclosed"] + law, clause)
    return Answer("pre_existing", "not_covered", w["pre_existing_no"] + law, clause)


def deductible(p: PolicyView, c: CoverageTerms, today: date, *, lang: Optional[str] = None) -> Answer:
    w, clause = pick(WORDS, lang), p.clause(title="免赔", text="免赔额")
    if not c.annual_deductible:
        return Answer("deductible", "covered", w["no_deductible"], clause)
    remaining = _deductible_left(p, c)
    start, end = p.policy_year
    text = w["deductible"].format(annual=yuan(c.annual_deductible), start=day(start, lang),
                                  end=day(end - timedelta(days=1), lang), used=yuan(p.deductible_used), left=yuan(remaining))
    if clause and "社会基本医疗保险" in clause.text and "不得用于抵扣" in clause.text:
        text += w["deductible_social"]
    if remaining == 0:
        return Answer("deductible", "covered", text + w["deductible_used_up"], clause)
    return Answer("deductible", "conditional", text + w["deductible_above"].format(left=yuan(remaining)), clause)


def ratio(p: PolicyView, c: CoverageTerms, today: date, *, lang: Optional[str] = None) -> Answer:
    w = pick(WORDS, lang)
    if p.policy_type == "critical_illness":
        return Answer("ratio", "covered", w["ratio_ci"].format(sum=yuan(c.sum_insured)), _benefit(p))
    clause = p.clause(title="比例", text="比例")
    if c.ratio_with_social == c.ratio_without_social:
        verdict = "covered" if c.ratio_with_social == 1 else "conditional"
        return Answer("ratio", verdict, w["ratio_same"].format(ratio=percent(c.ratio_with_social)), clause)
    return Answer("ratio", "conditional", w["ratio_two"].format(with_social=percent(c.ratio_with_social),
                                                                without_social=percent(c.ratio_without_social)), clause)


def sum_insured(p: PolicyView, c: CoverageTerms, today: date, *, lang: Optional[str] = None) -> Answer:
    w, benefit = pick(WORDS, lang), _benefit(p)
    if p.policy_type == "critical_illness":
        if p.paid_total > 0:
            return Answer("sum_insured", "not_covered", w["sum_ci_paid"], benefit)
        return Answer("sum_insured", "covered", w["sum_ci"].format(sum=yuan(c.sum_insured)), benefit)
    remaining = max(c.sum_insured - p.paid_this_year, ZERO)
    verdict = "covered" if remaining > 0 else "not_covered"
    return Answer("sum_insured", verdict, w["sum"].format(sum=yuan(c.sum_insured), paid=yuan(p.paid_this_year),
                                                           left=yuan(remaining)), benefit)


def waiting_period(p: PolicyView, c: CoverageTerms, today: date, *, lang: Optional[str] = None) -> Answer:
    w, clause = pick(WORDS, lang), p.clause(title="等待期")
    status = waiting_status(p.start_date, c.waiting_days_illness, today)
    accident = w["waiting_accident"] if not c.waiting_days_accident else ""
    if not status.days:
        return Answer("waiting_period", "covered", w["waiting_none"], clause)
    head = w["waiting_head"].format(days=status.days, start=day(status.start, lang), last=day(status.last_day, lang))
    if status.inside:
        return Answer("waiting_period", "not_covered", head + w["waiting_inside"].format(
            left=status.days_left, covered=day(status.covered_from, lang)) + accident, clause)
    if today < status.start:
        return Answer("waiting_period", "not_covered", head + w["waiting_not_started"], clause)
    return Answer("waiting_period", "covered", head + w["waiting_over"], clause)


def hospital(p: PolicyView, c: CoverageTerms, today: date, *, lang: Optional[str] = None) -> Answer:
    w, clause = pick(WORDS, lang), p.clause(title="医院")
    if c.hospital_requirement == "any":
        return Answer("hospital", "covered", w["hospital_any"], clause)
    diagnosis = p.policy_type == "critical_illness"
    ward = w["hospital_ward"] if c.general_ward_only else ""
    text = w["hospital"].format(ward=ward, what=w["diagnosed" if diagnosis else "treated"])
    return Answer("hospital", "conditional", text + ("" if diagnosis else _emergency_note(p, c, lang)), clause)


def exclusions(p: PolicyView, c: CoverageTerms, today: date, *, lang: Optional[str] = None) -> Answer:
    clause = p.clause(title="责任免除")
    if not c.exclusions:
        return _unknown("exclusions", "u_exclusions", clause, lang)
    # The items are the policy's own words (stored in Chinese), listed as they are.
    return Answer("exclusions", "not_covered", pick(WORDS, lang)["exclusions"].format(items="、".join(c.exclusions)), clause)


def policy_period(p: PolicyView, c: CoverageTerms, today: date, *, lang: Optional[str] = None) -> Answer:
    w, clause = pick(WORDS, lang), p.clause(title="保险期间")
    if today < p.start_date:
        return Answer("policy_period", "not_covered", w["period_not_started"].format(start=day(p.start_date, lang)), clause)
    if p.status == "lapsed" or today > p.end_date:
        return Answer("policy_period", "not_covered", w["period_lapsed"].format(end=day(p.end_date, lang)), clause)
    text = w["period_active"].format(end=day(p.end_date, lang))
    left = (p.end_date - today).days
    if left <= RENEWAL_REMINDER_DAYS:
        text += w["period_renew"].format(left=left)
    return Answer("policy_period", "covered", text, clause)


RULES: Dict[str, Callable[..., Answer]] = {
    "outpatient": outpatient, "private_hospital": private_hospital, "special_ward": special_ward,
    "self_paid_drugs": self_paid_drugs, "fracture": fracture, "dental": dental, "cosmetic": cosmetic,
    "pre_existing": pre_existing, "deductible": deductible, "ratio": ratio, "sum_insured": sum_insured,
    "waiting_period": waiting_period, "hospital": hospital, "exclusions": exclusions, "policy_period": policy_period,
}
