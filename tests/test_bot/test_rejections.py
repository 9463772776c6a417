"""Rejection explanations: the catalogue, C-1001's emergency argument, unknown codes never invented."""
import re
from datetime import date

import pytest

from bot.claims import rejection_reasons, rejections
from bot.claims.clauses import ClauseText
from bot.claims.rejections import ClaimFacts, RejectionInputs

HOSPITALS = ClauseText("2.4", "医院范围", "本合同约定的医院，是指……二级及以上公立医院的普通部，……亦不包括民营医院、私立医院……")
EMERGENCY = ClauseText("2.5", "紧急情况", "被保险人因急诊……经120急救车送至或就近前往非本合同约定的医院接受紧急治疗的，"
                       "本公司对由此发生的合理且必要的紧急救治费用仍承担保险责任。病情稳定后，被保险人应转入本合同约定的医院继续治疗；……")
WAITING = ClauseText("2.7", "等待期", "自本合同首次生效之日起30日内为等待期。……因意外伤害发生的医疗费用不受等待期限制。续保合同不再设置等待期。")
RENEWAL = ClauseText("1.2", "保险期间与续保", "……续保时不再设置等待期。")
MEDICAL = (RENEWAL, ClauseText("2.1", "一般医疗保险金", "……"), HOSPITALS, EMERGENCY, WAITING)
C1001_FACTS = ClaimFacts("北京华康医院", "2", "private", "accident", date(2022, 11, 6),
                         "在家洗碗时玻璃碗破碎割伤右手，拨打120由急救车送至最近的北京华康医院急诊，当天行肌腱及神经修复手术，住院5天。")


def c1001(**overrides) -> RejectionInputs:
    related = rejections.related_clauses("hospital_not_qualified", MEDICAL, "2.4", True)
    values = dict(case_number="C-1001", reason_code="hospital_not_qualified", clause_id="2.4", clause=HOSPITALS,
                  facts=C1001_FACTS, related=related, summary="北京华康医院是民营医院")
    values.update(overrides)
    return RejectionInputs(**values)


def test_catalogue_has_every_reason_with_evidence_and_next_steps():
    assert set(rejection_reasons.CATALOGUE) == {
        "hospital_not_qualified", "waiting_period", "pre_existing_condition", "excluded_treatment",
        "outside_coverage_period", "below_deductible", "missing_materials", "item_not_covered"}
    for reason in rejection_reasons.CATALOGUE.values():
        assert reason.title and reason.explanation and reason.evidence and reason.next_steps
        assert set(reason.next_steps) <= set(rejection_reasons.NEXT_STEPS)


def test_legal_references_are_exact():
    text = " ".join(" ".join(r.dispute_points) + r.explanation for r in rejection_reasons.CATALOGUE.values())
    assert set(re.findall(r"《保险法》第(\S+?)条", text)) == {"十六", "十七", "二十二", "三十"}
    pre_existing = " ".join(rejection_reasons.CATALOGUE["pre_existing_condition"].dispute_points)
    assert "满2年" in pre_existing and "第十六条" in pre_existing and "第十七条" in pre_existing


def test_c1001_cites_clause_2_4_and_argues_the_emergency_under_2_5():
    result = rejections.explain(c1001())
    assert result.known and result.clause == HOSPITALS and result.related == (EMERGENCY,)
    text = rejections.format_rejection(result)
    assert "保险公司的理由是：就诊医院不在保单约定的范围内" in text
    assert f"第2.4条“医院范围”：“{HOSPITALS.text}”" in text  # quoted exactly
    assert "北京华康医院是民营/私立 二级医院，当时是120急救车送去的" in text
    assert "去哪家医院是急救车决定的" in text and f"第2.5条“紧急情况”：“{EMERGENCY.text}”" in text
    assert "病情稳定后没有转到约定医院" in text  # honest about what stays unpaid
    assert "120急救出车记录" in text and "《保险法》第三十条" in text and "申诉" in text


def test_emergency_argument_without_an_ambulance_asks_for_the_circumstances():
    result = rejections.explain(c1001(facts=ClaimFacts("北京华康医院", "2", "private", description="自己去的医院，住院1200元")))
    assert "如果当时病情危急" in rejections.format_rejection(result)


def test_policy_without_emergency_exception_gets_no_invented_clause():
    related = rejections.related_clauses("hospital_not_qualified", MEDICAL, "2.4", False)
    assert related == ()
    text = rejections.format_rejection(rejections.explain(c1001(related=related)))
    assert "第2.5条" not in text and "没有查到这样的条款" in text


def test_emergency_exception_inside_the_decision_clause_itself():
    own = ClauseText("2.2", "医院范围", "……二级及以上公立医院。被保险人因紧急情况经120急救送往或就近前往其他医院急救的，急救费用不受此限，病情稳定后应转入上述医院治疗。")
    result = rejections.explain(c1001(clause_id="2.2", clause=own, related=()))
    assert "第2.2条“医院范围”本身就写明了紧急情况的例外" in rejections.format_rejection(result)


@pytest.mark.parametrize("description, expected", [("拨打120送医", True), ("急救中心接走", True),
                                                   ("花了1200元", False), ("自己打车去的", False)])
def test_ambulance_is_read_from_the_description(description, expected):
    assert ClaimFacts(description=description).by_ambulance is expected


def test_waiting_period_points_to_renewal_and_accident():
    related = rejections.related_clauses("waiting_period", MEDICAL, "2.7", True)
    assert related == (RENEWAL,)
    inputs = RejectionInputs("C-7", "waiting_period", "2.7", WAITING, ClaimFacts(incident_type="accident",
                             incident_date=date(2026, 1, 10)), related)
    text = rejections.format_rejection(rejections.explain(inputs))
    assert "意外伤害不受等待期限制" in text and "第1.2条“保险期间与续保”" in text and "2026年01月10日" in text


def test_unknown_reason_is_never_invented():
    inputs = c1001(reason_code="suspected_fraud", clause_id="9.9", clause=None, related=(), summary="存在疑点")
    result = rejections.explain(inputs)
    assert not result.known and result.arguments == ()
    text = rejections.format_rejection(result)
    assert "保险公司的说法：存在疑点" in text and "顾问会对照您的保单条款" in text
    assert "第9.9条" in text and "没有这一条的原文" in text and "急救车" not in text


def test_missing_materials_offers_resubmission():
    inputs = RejectionInputs("C-8", "missing_materials", None, None, ClaimFacts())
    text = rejections.format_rejection(rejections.explain(inputs))
    assert "补齐材料后重新提交" in text and "《保险法》第二十二条" in text and "接下来要知道的" in text
