"""What one policy says on one topic, derived from its stored terms and clause texts.

Every "covered" or "not covered" rests on a stored term or on the policy's
own wording; when neither says, the answer is "unknown" and says so, so the
dialogue can offer an advisor. Nothing here assumes what a typical policy
would cover.
"""
from __future__ import annotations

import re
from datetime import date, timedelta
from decimal import Decimal
from typing import Callable, Dict, List, Optional

from bot.claims.clauses import ClauseText, ref
from bot.claims.money import yuan
from bot.claims.payout import ZERO, percent
from bot.claims.policy_view import Answer, CoverageTerms, PolicyView, waiting_status
from bot.claims.rejections import ART_16

EMERGENCY = r"紧急|急救"
RENEWAL_REMINDER_DAYS = 60


def _benefit(p: PolicyView) -> Optional[ClauseText]:
    return p.clause(title="保险金")


def _fixed_sum(topic: str, p: PolicyView, c: CoverageTerms, what: str) -> Answer:
    """Critical illness pays its sum insured on diagnosis; it reimburses no costs."""
    return Answer(topic, "not_covered", f"重疾险不报销医疗费用，{what}也一样；它是在确诊合同约定的重大疾病后，"
                  f"一次性给付{yuan(c.sum_insured)}。", _benefit(p))


def _unknown(topic: str, what: str, clause: Optional[ClauseText] = None) -> Answer:
    where = f"我们存的条款（{ref(clause)}）" if clause else "我们存的条款"
    return Answer(topic, "unknown", f"{where}没有写明{what}，需要顾问对照完整条款帮您确认。", clause)


def _outpatient_parts(benefit: Optional[ClauseText]) -> List[str]:
    """The outpatient costs a medical benefit clause names ("特殊门诊", "门诊手术", days around a stay)."""
    text = benefit.text if benefit else ""
    parts = [name for name in ("特殊门诊", "门诊手术") if name in text]
    around = re.search(r"住院前(\d+)日和出院后(\d+)日内(与该次住院原因相同)?", text)
    if around:
        same = "、与住院原因相同" if around.group(3) else ""
        parts.append(f"住院前{around.group(1)}天和出院后{around.group(2)}天内{same}的门急诊")
    return parts


def _emergency_note(p: PolicyView, c: CoverageTerms) -> str:
    if not c.emergency_exception:
        return ""
    clause = p.clause(title=EMERGENCY) or p.clause(title="医院", text=EMERGENCY)
    where = f"（{ref(clause)}）" if clause and re.search(EMERGENCY, clause.title + clause.text) else ""
    return f"例外：急诊时由120送去或就近抢救的，急救费用仍可以赔{where}，病情稳定后要转到约定的医院。"


def _deductible_left(p: PolicyView, c: CoverageTerms) -> Decimal:
    return max(c.annual_deductible - p.deductible_used, ZERO)


def _pay_rule(p: PolicyView, c: CoverageTerms) -> str:
    """'先扣本保单年度还剩的免赔额¥0.00，再按比例赔付（用医保结算的100%，没用的60%）'"""
    remaining = _deductible_left(p, c)
    deductible = "" if not c.annual_deductible else (
        f"先扣本保单年度还剩的免赔额{yuan(remaining)}，再" if remaining else "本保单年度的免赔额已经用完，直接")
    if c.ratio_with_social == c.ratio_without_social:
        return f"{deductible}按{percent(c.ratio_with_social)}赔付"
    return (f"{deductible}按比例赔付（用医保结算的{percent(c.ratio_with_social)}，"
            f"没用的{percent(c.ratio_without_social)}）")


def outpatient(p: PolicyView, c: CoverageTerms, today: date) -> Answer:
    if p.policy_type == "critical_illness":
        return _fixed_sum("outpatient", p, c, "门诊费用")
    benefit = _benefit(p)
    parts = _outpatient_parts(benefit)
    if p.policy_type == "medical" and parts:
        return Answer("outpatient", "conditional", "普通门诊看病拿药的费用不赔。这份保单只赔这几种门诊费用："
                      + "、".join(parts) + "。", benefit)
    if p.policy_type == "accident" and benefit and "医疗费用" in benefit.text and "住院" not in benefit.text:
        return Answer("outpatient", "conditional", f"因意外受伤看门诊的医疗费用可以赔，{_pay_rule(p, c)}；"
                      "生病看门诊不赔，意外险不保疾病。", benefit)
    return _unknown("outpatient", "门诊费用能不能赔", benefit)


def private_hospital(p: PolicyView, c: CoverageTerms, today: date) -> Answer:
    clause = p.clause(title="医院")
    if c.hospital_requirement == "any":
        return Answer("private_hospital", "covered", "这份保单对医院的性质没有限制，民营、私立医院也可以。", clause)
    if p.policy_type == "critical_illness":
        return Answer("private_hospital", "not_covered", "重大疾病要在二级及以上公立医院确诊才算，私立、民营医院的诊断不算。", clause)
    ward = "的普通部" if c.general_ward_only else ""
    return Answer("private_hospital", "not_covered", f"私立、民营医院看病的费用不赔：这份保单只认二级及以上公立医院{ward}。"
                  + _emergency_note(p, c), clause)


def special_ward(p: PolicyView, c: CoverageTerms, today: date) -> Answer:
    if p.policy_type == "critical_illness":
        return _fixed_sum("special_ward", p, c, "特需部、国际部、VIP病房的费用")
    clause = p.clause(title="医院")
    if c.general_ward_only or (clause and re.search(r"特需|国际|VIP", clause.text)):
        return Answer("special_ward", "not_covered", "公立医院的特需部、国际部、VIP病房这些的费用不赔，只赔普通部的费用。", clause)
    return _unknown("special_ward", "特需部、国际部、VIP病房的费用能不能赔", clause)


def self_paid_drugs(p: PolicyView, c: CoverageTerms, today: date) -> Answer:
    if p.policy_type == "critical_illness":
        return _fixed_sum("self_paid_drugs", p, c, "进口药、自费药")
    clause = p.clause(title="费用", text="自费")
    if clause and re.search(r"自费.*(不承担|不予|不赔)", clause.text):
        return Answer("self_paid_drugs", "not_covered", "医保目录外的自费药、自费项目和材料不赔；进口药如果不在医保目录里，也不赔。"
                      "只赔医保目录内的费用。", clause)
    return _unknown("self_paid_drugs", "医保目录外的自费药、进口药能不能赔", clause or _benefit(p))


def fracture(p: PolicyView, c: CoverageTerms, today: date) -> Answer:
    if p.policy_type == "critical_illness":
        return _fixed_sum("fracture", p, c, "骨折（不属于重大疾病）")
    benefit = _benefit(p)
    if not benefit or "意外" not in benefit.text:
        return _unknown("fracture", "意外骨折的费用能不能赔", benefit)
    if p.policy_type == "accident":
        return Answer("fracture", "covered", f"意外骨折的医疗费用可以赔，{_pay_rule(p, c)}。", benefit)
    parts = _outpatient_parts(benefit)
    outpatient_text = f"门诊只赔{'、'.join(parts)}，只打石膏、看普通门诊的费用不赔" if parts else "门诊费用要看条款"
    return Answer("fracture", "conditional", f"意外骨折住院治疗的费用可以赔，{_pay_rule(p, c)}；{outpatient_text}。", benefit)


def _excluded(p: PolicyView, c: CoverageTerms, pattern: str) -> Optional[str]:
    return next((item for item in c.exclusions if re.search(pattern, item)), None)


def dental(p: PolicyView, c: CoverageTerms, today: date) -> Answer:
    if p.policy_type == "critical_illness":
        return _fixed_sum("dental", p, c, "看牙的费用")
    clause, item = p.clause(title="责任免除"), _excluded(p, c, "牙")
    if item and "意外" in item:
        return Answer("dental", "conditional", "平时看牙（补牙、拔牙、镶牙、洗牙等）不赔；因意外伤害导致的牙齿治疗可以赔。", clause)
    if item:
        return Answer("dental", "not_covered", "看牙的费用不赔，牙科治疗在这份保单的责任免除里。", clause)
    if p.policy_type == "accident":
        return Answer("dental", "conditional", "意外摔伤、撞伤牙齿的治疗可以按意外医疗赔；平时看牙不赔，意外险不保疾病。", _benefit(p))
    return _unknown("dental", "看牙的费用能不能赔", clause)


def cosmetic(p: PolicyView, c: CoverageTerms, today: date) -> Answer:
    if p.policy_type == "critical_illness":
        return _fixed_sum("cosmetic", p, c, "美容整形的费用")
    if _excluded(p, c, "美容|整形"):
        return Answer("cosmetic", "not_covered", "美容、整形的费用不赔，在这份保单的责任免除里。", p.clause(title="责任免除"))
    return _unknown("cosmetic", "美容整形的费用能不能赔", p.clause(title="责任免除"))


def pre_existing(p: PolicyView, c: CoverageTerms, today: date) -> Answer:
    clause = p.clause(title="责任免除")
    if p.policy_type == "accident" and _excluded(p, c, "^疾病"):
        return Answer("pre_existing", "not_covered", "意外险只保意外伤害，不保疾病，投保前就有的病也不赔。", clause)
    if not _excluded(p, c, "既往症") and not (clause and "如实告知" in clause.text):
        return _unknown("pre_existing", "投保前就有的病能不能赔", clause)
    law = f"另外，合同成立满2年后，保险公司不能再以没有如实告知为由解除合同（{ART_16}）。"
    if clause and "未如实告知" in clause.text:
        return Answer("pre_existing", "conditional", "投保前就有、投保时又没有如实告知的病不赔；投保时如实告知过、"
                      "保险公司照样承保的，不在这一条里。" + law, clause)
    return Answer("pre_existing", "not_covered", "投保前就有的病（既往症）不赔。" + law, clause)


def deductible(p: PolicyView, c: CoverageTerms, today: date) -> Answer:
    clause = p.clause(title="免赔", text="免赔额")
    if not c.annual_deductible:
        return Answer("deductible", "covered", "这份保单没有免赔额。", clause)
    remaining = _deductible_left(p, c)
    start, end = p.policy_year
    text = (f"这份保单每个保单年度的免赔额是{yuan(c.annual_deductible)}。本保单年度（{start:%Y年%m月%d日}至"
            f"{end - timedelta(days=1):%Y年%m月%d日}）已经用掉{yuan(p.deductible_used)}，还剩{yuan(remaining)}。")
    if clause and "社会基本医疗保险" in clause.text and "不得用于抵扣" in clause.text:
        text += "医保（社保）报销的部分不能抵扣免赔额。"
    if remaining == 0:
        return Answer("deductible", "covered", text + "今年内再看病，不会再扣免赔额。", clause)
    return Answer("deductible", "conditional", text + f"能报的费用超过{yuan(remaining)}的部分才开始赔。", clause)


def ratio(p: PolicyView, c: CoverageTerms, today: date) -> Answer:
    if p.policy_type == "critical_illness":
        return Answer("ratio", "covered", f"重疾险不按比例报销，确诊后按保额{yuan(c.sum_insured)}一次性给付。", _benefit(p))
    clause = p.clause(title="比例", text="比例")
    if c.ratio_with_social == c.ratio_without_social:
        verdict = "covered" if c.ratio_with_social == 1 else "conditional"
        return Answer("ratio", verdict, f"不论是否用医保（社保）结算，都按{percent(c.ratio_with_social)}赔付。", clause)
    return Answer("ratio", "conditional", f"用医保（社保）身份就诊并结算的，按{percent(c.ratio_with_social)}赔付；"
                  f"没有用医保结算的，只按{percent(c.ratio_without_social)}赔付。所以看病时记得用医保卡结算。", clause)


def sum_insured(p: PolicyView, c: CoverageTerms, today: date) -> Answer:
    benefit = _benefit(p)
    if p.policy_type == "critical_illness":
        if p.paid_total > 0:
            return Answer("sum_insured", "not_covered", "重大疾病保险金已经赔过，这项保障已经结束。", benefit)
        return Answer("sum_insured", "covered", f"保额{yuan(c.sum_insured)}，确诊合同约定的重大疾病后一次性给付。", benefit)
    remaining = max(c.sum_insured - p.paid_this_year, ZERO)
    verdict = "covered" if remaining > 0 else "not_covered"
    return Answer("sum_insured", verdict, f"保额{yuan(c.sum_insured)}，本保单年度已经赔了{yuan(p.paid_this_year)}，"
                  f"还剩{yuan(remaining)}。", benefit)


def waiting_period(p: PolicyView, c: CoverageTerms, today: date) -> Answer:
    clause = p.clause(title="等待期")
    status = waiting_status(p.start_date, c.waiting_days_illness, today)
    accident = "因意外受伤不受等待期限制。" if not c.waiting_days_accident else ""
    if not status.days:
        return Answer("waiting_period", "covered", "这份保单没有疾病等待期。", clause)
    head = f"这份保单生病的等待期是{status.days}天，从{status.start:%Y年%m月%d日}生效算起，到{status.last_day:%Y年%m月%d日}（含这一天）为止。"
    if status.inside:
        return Answer("waiting_period", "not_covered", head + f"今天还在等待期内，还有{status.days_left}天；"
                      f"{status.covered_from:%Y年%m月%d日}起因病出险才能赔。" + accident, clause)
    if today < status.start:
        return Answer("waiting_period", "not_covered", head + "保单还没生效。", clause)
    return Answer("waiting_period", "covered", head + "等待期已经过了，现在生病也在保障范围内。", clause)


def hospital(p: PolicyView, c: CoverageTerms, today: date) -> Answer:
    clause = p.clause(title="医院")
    if c.hospital_requirement == "any":
        return Answer("hospital", "covered", "这份保单对医院没有特别要求。", clause)
    what = "确诊" if p.policy_type == "critical_illness" else "看病"
    ward = "的普通部（特需部、国际部、VIP病房不算）" if c.general_ward_only else ""
    return Answer("hospital", "conditional", f"要在二级及以上公立医院{ward}{what}，二级、三级、三甲都可以；私立、民营医院不行。"
                  + ("" if what == "确诊" else _emergency_note(p, c)), clause)


def exclusions(p: PolicyView, c: CoverageTerms, today: date) -> Answer:
    clause = p.clause(title="责任免除")
    if not c.exclusions:
        return _unknown("exclusions", "不保哪些情形", clause)
    return Answer("exclusions", "not_covered", "、".join(c.exclusions) + "，这些情形不赔。", clause)


def policy_period(p: PolicyView, c: CoverageTerms, today: date) -> Answer:
    clause = p.clause(title="保险期间")
    if today < p.start_date:
        return Answer("policy_period", "not_covered", f"这份保单还没生效，{p.start_date:%Y年%m月%d日}起生效。", clause)
    if p.status == "lapsed" or today > p.end_date:
        return Answer("policy_period", "not_covered", f"这份保单已经失效（保障到{p.end_date:%Y年%m月%d日}），"
                      "失效后出险不赔。是否能恢复或续保，顾问可以帮您问。", clause)
    text = f"这份保单现在有效，保障到{p.end_date:%Y年%m月%d日}。"
    left = (p.end_date - today).days
    if left <= RENEWAL_REMINDER_DAYS:
        text += f"还有{left}天到期，记得按时续保。"
    return Answer("policy_period", "covered", text, clause)


RULES: Dict[str, Callable[[PolicyView, CoverageTerms, date], Answer]] = {
    "outpatient": outpatient, "private_hospital": private_hospital, "special_ward": special_ward,
    "self_paid_drugs": self_paid_drugs, "fracture": fracture, "dental": dental, "cosmetic": cosmetic,
    "pre_existing": pre_existing, "deductible": deductible, "ratio": ratio, "sum_insured": sum_insured,
    "waiting_period": waiting_period, "hospital": hospital, "exclusions": exclusions, "policy_period": policy_period,
}
