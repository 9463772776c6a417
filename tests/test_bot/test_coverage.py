"""Coverage answers from hand-built policy views: topics, verdicts from terms and clauses, claim order."""
from dataclasses import replace
from datetime import date
from decimal import Decimal as D

import pytest

from bot.claims import coverage, report_rules
from bot.claims.clauses import ClauseText
from bot.claims.policy_view import CoverageTerms, PolicyView, waiting_status

TODAY = date(2026, 11, 24)

MEDICAL_CLAUSES = (
    ClauseText("1.2", "保险期间与续保", "本合同保险期间为一年。……续保时不再设置等待期。"),
    ClauseText("2.1", "一般医疗保险金", "在保险期间内，被保险人因意外伤害或在等待期后因疾病，在本合同约定的医院接受治疗的，"
               "本公司对其发生的合理且必要的住院医疗费用、特殊门诊医疗费用、门诊手术医疗费用，以及住院前7日和出院后30日内"
               "与该次住院原因相同的门急诊医疗费用，按第2.6条计算并给付一般医疗保险金，累计给付以保险金额人民币200万元为限。"),
    ClauseText("2.2", "费用范围", "……社保目录外的自费药品、自费诊疗项目及自费材料费用，本公司不承担给付责任。"),
    ClauseText("2.3", "年免赔额", "本合同的年免赔额为人民币10,000元……被保险人通过社会基本医疗保险、公费医疗获得的补偿，不得用于抵扣年免赔额；……"),
    ClauseText("2.4", "医院范围", "……二级及以上公立医院的普通部，不包括其特需医疗部、国际医疗部、VIP部……亦不包括民营医院、私立医院……"),
    ClauseText("2.5", "紧急情况", "被保险人因急诊……经120急救车送至或就近前往非本合同约定的医院接受紧急治疗的……"),
    ClauseText("2.6", "赔付比例与计算", "……赔付比例为100%；……赔付比例为60%。"),
    ClauseText("2.7", "等待期", "自本合同首次生效之日起30日内为等待期。……"),
    ClauseText("3.1", "责任免除", "因下列情形之一……（1）投保前已患有且未如实告知的疾病（既往症）；（2）美容、整形及矫形手术；"
               "（3）牙科治疗及牙齿修复，但因意外伤害所致的除外；……"),
)
MEDICAL = PolicyView(
    "P2022-0001", "安康百万医疗险（2022版）", "安康人寿", "medical", "王丽", "self", "ours", "active",
    date(2022, 1, 1), date(2026, 12, 31),
    (CoverageTerms("general_medical", "一般医疗保险金", D("2000000.00"), D("10000.00"), D("1.00"), D("0.60"),
                   "public_grade2_plus", True, 30, 0, ("既往症", "美容整形", "牙科治疗（意外除外）", "先天性疾病"), True),),
    MEDICAL_CLAUSES, (date(2026, 1, 1), date(2027, 1, 1)), D("10000.00"), D("3418.00"), D("3418.00"), insured_id=1)
ACCIDENT = PolicyView(
    "P2022-0002", "青禾综合意外险", "青禾财险", "accident", "王丽", "self", "ours", "active", date(2022, 3, 1), date(2027, 2, 28),
    (CoverageTerms("accident_medical", "意外医疗保险金", D("50000.00"), D("100.00"), D("0.90"), D("0.90"),
                   "public_grade2_plus", False, 0, 0, ("酒后驾驶", "疾病（含猝死）"), True),),
    (ClauseText("2.1", "意外医疗保险金", "被保险人遭受意外伤害，……就其实际支出的合理且必要的医疗费用，扣除人民币100元免赔额后，"
                "按90%的比例给付意外医疗保险金"),
     ClauseText("2.2", "医院范围", "……二级及以上公立医院。被保险人因紧急情况经120急救送往或就近前往其他医院急救的，急救费用不受此限。")),
    (date(2026, 3, 1), date(2027, 3, 1)), insured_id=1)
CRITICAL = PolicyView(
    "P2026-0004", "安康守护重大疾病保险", "安康人寿", "critical_illness", "张伟", "self", "ours", "active",
    date(2026, 10, 1), date(2056, 9, 30),
    (CoverageTerms("critical_illness", "重大疾病保险金", D("300000.00"), hospital_requirement="public_grade2_plus",
                   waiting_days_illness=90),),
    (ClauseText("2.1", "重大疾病保险金", "被保险人于等待期后……按基本保险金额人民币30万元给付重大疾病保险金"),
     ClauseText("2.2", "等待期", "自本合同生效之日起90日内为等待期。……")),
    (date(2026, 10, 1), date(2027, 10, 1)), insured_id=3)


@pytest.mark.parametrize("text, topics", [
    ("门诊看病能报吗", ["outpatient"]),
    ("在私立医院住院能不能报", ["private_hospital"]),
    ("去特需部、VIP病房可以吗", ["special_ward"]),
    ("進口藥、自費藥能報嗎", ["self_paid_drugs"]),
    ("摔了一跤骨折了", ["fracture"]),
    ("看牙补牙算不算", ["dental"]),
    ("做双眼皮", ["cosmetic"]),
    ("我这个老毛病，以前就有的病能赔吗", ["pre_existing"]),
    ("免赔额还剩多少", ["deductible"]),
    ("没走医保报几成", ["ratio"]),
    ("保额还剩多少，最多能赔多少", ["sum_insured"]),
    ("等待期过了没有", ["waiting_period"]),
    ("哪些医院可以去", ["hospital"]),
    ("什么情况不赔", ["exclusions"]),
    ("保单还有效吗，什么时候到期", ["policy_period"]),
    ("私立医院的门诊呢", ["private_hospital", "outpatient"]),
    ("今天天气怎么样", []),
])
def test_topics_in(text, topics):
    assert coverage.topics_in(text) == topics


def test_outpatient_under_the_medical_policy_is_only_what_clause_2_1_names():
    answer = coverage.answer(MEDICAL, "outpatient", TODAY)
    assert answer.verdict == "conditional" and answer.clause.clause_id == "2.1"
    assert "普通门诊看病拿药的费用不赔" in answer.text
    assert "特殊门诊、门诊手术、住院前7天和出院后30天内、与住院原因相同的门急诊" in answer.text


def test_outpatient_is_unknown_when_the_clause_only_names_inpatient_costs():
    child = replace(MEDICAL, clauses=(ClauseText("2.1", "少儿住院医疗保险金", "……住院治疗的，本公司对其实际发生的合理且必要的住院医疗费用……"),))
    answer = coverage.answer(child, "outpatient", TODAY)
    assert answer.verdict == "unknown" and "顾问" in answer.text


@pytest.mark.parametrize("topic, verdict, clause_id, words", [
    ("private_hospital", "not_covered", "2.4", "第2.5条“紧急情况”"),
    ("special_ward", "not_covered", "2.4", "特需部"),
    ("self_paid_drugs", "not_covered", "2.2", "医保目录外"),
    ("fracture", "conditional", "2.1", "本保单年度的免赔额已经用完"),
    ("dental", "conditional", "3.1", "意外伤害导致的牙齿治疗可以赔"),
    ("cosmetic", "not_covered", "3.1", "美容"),
    ("pre_existing", "conditional", "3.1", "《保险法》第十六条"),
    ("deductible", "covered", "2.3", "还剩¥0.00"),
    ("ratio", "conditional", "2.6", "只按60%赔付"),
    ("sum_insured", "covered", "2.1", "还剩¥1,996,582.00"),
    ("waiting_period", "covered", "2.7", "等待期已经过了"),
    ("hospital", "conditional", "2.4", "二级及以上公立医院的普通部"),
    ("exclusions", "not_covered", "3.1", "牙科治疗（意外除外）"),
    ("policy_period", "covered", "1.2", "还有37天到期"),
])
def test_medical_policy_answers(topic, verdict, clause_id, words):
    answer = coverage.answer(MEDICAL, topic, TODAY)
    assert (answer.verdict, answer.clause.clause_id) == (verdict, clause_id)
    assert words in answer.text


@pytest.mark.parametrize("topic, verdict", [
    ("fracture", "covered"), ("outpatient", "conditional"), ("dental", "conditional"), ("pre_existing", "not_covered"),
    ("special_ward", "unknown"), ("self_paid_drugs", "unknown"), ("cosmetic", "unknown"), ("ratio", "conditional"),
])
def test_accident_policy_answers(topic, verdict):
    assert coverage.answer(ACCIDENT, topic, TODAY).verdict == verdict


def test_critical_illness_pays_a_sum_and_reimburses_nothing():
    for topic in ("outpatient", "self_paid_drugs", "special_ward", "fracture"):
        answer = coverage.answer(CRITICAL, topic, TODAY)
        assert answer.verdict == "not_covered" and "一次性给付¥300,000.00" in answer.text
    assert coverage.answer(CRITICAL, "deductible", TODAY).text == "这份保单没有免赔额。"


def test_waiting_period_of_zhang_weis_critical_illness_policy():
    answer = coverage.answer(CRITICAL, "waiting_period", TODAY)
    assert answer.verdict == "not_covered" and answer.clause.clause_id == "2.2"
    assert "到2026年12月29日（含这一天）为止" in answer.text and "还有36天" in answer.text
    assert "2026年12月30日起因病出险才能赔" in answer.text
    assert coverage.answer(CRITICAL, "waiting_period", date(2026, 12, 29)).verdict == "not_covered"
    assert coverage.answer(CRITICAL, "waiting_period", date(2026, 12, 30)).verdict == "covered"


def test_waiting_period_agrees_with_the_reporting_check():
    terms = report_rules.PolicyTerms("critical_illness", date(2026, 10, 1), date(2056, 9, 30), D("300000.00"),
                                     D("0"), 90, 0, "public_grade2_plus", False)
    status = waiting_status(date(2026, 10, 1), 90, TODAY)
    assert status.last_day == date(2026, 12, 29) and status.covered_from == date(2026, 12, 30)
    for day in (status.last_day, status.covered_from):
        inside = bool(report_rules.check_incident_date(day, "illness", terms, date(2027, 1, 5)).notes)
        assert inside is waiting_status(date(2026, 10, 1), 90, day).inside


def test_no_coverage_terms_means_unknown():
    answer = coverage.answer(replace(MEDICAL, coverages=()), "deductible", TODAY)
    assert answer.verdict == "unknown"


def test_claim_order_for_an_accident_fracture():
    order = coverage.claim_order([ACCIDENT, MEDICAL], "accident")
    assert order.reimbursing == (MEDICAL, ACCIDENT) and order.fixed_sum == ()
    assert order.text.startswith("先用医保（社保）结算，再拿发票和医保结算单找“安康百万医疗险（2022版）”报销")
    assert "找“青禾综合意外险”报" in order.text and order.text.count("。") <= 2


def test_claim_order_leaves_out_accident_policies_for_an_illness_and_keeps_critical_illness_apart():
    critical = replace(CRITICAL, insured_name="王丽", insured_id=1)
    order = coverage.claim_order([ACCIDENT, MEDICAL, critical], "illness")
    assert order.reimbursing == (MEDICAL,) and order.fixed_sum == (critical,) and order.not_applicable == (ACCIDENT,)
    assert "互不影响" in order.text and order.text.count("。") == 2


def test_claim_order_refuses_several_insured_people():
    with pytest.raises(ValueError):
        coverage.claim_order([MEDICAL, CRITICAL])


def test_format_answers_is_one_reply_per_policy():
    results = coverage.answer_all([MEDICAL, ACCIDENT], coverage.topics_in("骨折了，自费药能报吗"), TODAY)
    text = coverage.format_answers(results, coverage.claim_order([MEDICAL, ACCIDENT], "accident"))
    assert text.startswith("【王丽 · 安康百万医疗险（2022版）（医疗险）】\n· 意外骨折：有条件——")
    assert "【王丽 · 青禾综合意外险（意外险）】" in text and "（依据第2.2条“费用范围”）" in text
    assert "· 进口药、自费药：需要确认——" in text and text.endswith("我们可以请顾问对照完整条款帮您确认。")
    assert "理赔顺序：先用医保" in text
