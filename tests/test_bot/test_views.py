"""Domain inputs built from the seeded demo database, on SQLite and PostgreSQL."""
from datetime import date
from decimal import Decimal as D

from bot.claims import coverage, payout, rejections
from bot.store import get_visible_claim, get_visible_policy, record_decision, session_scope, views


def test_c1002_explains_to_3418_yuan(seeded_url, customer_ids):
    with session_scope(seeded_url) as session:
        claim = get_visible_claim(session, customer_ids["王丽"], "C-1002")
        inputs = views.decision_inputs(session, claim)
        assert inputs.deductible == payout.DeductibleFacts(D("10000.00"), D("0.00"), D("10000.00"))
        assert inputs.ratio.social_insurance_settled is True and inputs.clauses["2.3"].title == "年免赔额"
        result = payout.explain(inputs)
        assert result.consistent and result.computed == D("3418.00") and result.warnings == ()
        text = payout.format_explanation(result)
        assert "医疗费用总额 ¥16,250.00" in text and "= 实际赔付金额 ¥3,418.00" in text
        assert "还剩¥0.00；本保单年度内再看病，不会再扣免赔额" in text


def test_a_later_claim_of_the_same_policy_year_sees_the_deductible_used_before(seeded_url, customer_ids, make_claim):
    with session_scope(seeded_url) as session:
        wang = customer_ids["王丽"]
        later = make_claim(session, policy=get_visible_policy(session, wang, "P2022-0001"), incident_date=date(2026, 11, 20),
                           social_insurance_settled=False)
        record_decision(session, later, outcome="paid", summary="", lines=[
            ("billed", "医疗费用总额", D("3000.00"), None, None),
            ("ratio", "赔付比例60%", D("-1200.00"), "2.6", None)])
        inputs = views.decision_inputs(session, later)
        assert inputs.deductible == payout.DeductibleFacts(D("10000.00"), D("10000.00"), D("0.00"))
        result = payout.explain(inputs)
        assert result.consistent and result.steps[1].ratio == D("0.60") and result.warnings == ()
        assert views.decision_inputs(session, get_visible_claim(session, wang, "C-1002")).deductible.used_before == 0


def test_c1001_rejection_cites_2_4_and_the_emergency_clause_2_5(seeded_url, customer_ids):
    with session_scope(seeded_url) as session:
        claim = get_visible_claim(session, customer_ids["王丽"], "C-1001")
        inputs = views.rejection_inputs(session, claim)
        assert inputs.clause.clause_id == "2.4" and [c.clause_id for c in inputs.related] == ["2.5"]
        assert inputs.facts.by_ambulance and inputs.facts.hospital_ownership == "private"
        text = rejections.format_rejection(rejections.explain(inputs))
        assert "第2.4条“医院范围”" in text and "第2.5条“紧急情况”" in text and "急救车决定的" in text
        assert payout.explain(views.decision_inputs(session, claim)).consistent


def test_undecided_and_paid_claims_have_no_rejection(seeded_url, customer_ids):
    with session_scope(seeded_url) as session:
        assert views.decision_inputs(session, get_visible_claim(session, customer_ids["李建国"], "C-1003")) is None
        assert views.rejection_inputs(session, get_visible_claim(session, customer_ids["王丽"], "C-1002")) is None


def test_zhang_weis_policies_include_his_daughters_external_one(seeded_url, customer_ids):
    with session_scope(seeded_url) as session:
        found = {v.policy_number: v for v in views.policy_views(session, customer_ids["张伟"])}
        child = found["QM-2026-0456"]
        assert (child.source, child.relation, child.insured_name) == ("external", "child", "张小雨")
        assert child.title == "张小雨 · 启明少儿医疗险（医疗险，其他平台购买）"
        critical = found["P2026-0004"]
        assert critical.relation == "self"
        answer = coverage.answer(critical, "waiting_period")  # today is 2026-11-24 (frozen_clock)
        assert answer.verdict == "not_covered" and "到2026年12月29日（含这一天）为止" in answer.text


def test_wang_lis_medical_deductible_is_used_up_this_policy_year(seeded_url, customer_ids):
    with session_scope(seeded_url) as session:
        medical = views.policy_view(session, get_visible_policy(session, customer_ids["王丽"], "P2022-0001"),
                                    customer_ids["王丽"])
        assert medical.policy_year == (date(2026, 1, 1), date(2027, 1, 1))
        assert (medical.deductible_used, medical.paid_this_year, medical.paid_total) == (
            D("10000.00"), D("3418.00"), D("3418.00"))
        answer = coverage.answer(medical, "deductible")
        assert answer.verdict == "covered" and "还剩¥0.00" in answer.text and answer.clause.clause_id == "2.3"
        assert "二级及以上公立医院" in coverage.answer(medical, "hospital").text
