"""Help interpret actions: decisions explained, coverage answers, adding a family policy."""
from sqlalchemy import select

from actions.family_policy import ActionAskFpConfirmed, ActionSaveFamilyPolicy, ValidateFamilyPolicyForm
from actions.interpret import ActionAnswerCoverage, ActionExplainDecision
from bot.store import policies
from bot.store.db import session_scope
from bot.store.models import Policy

from .conftest import make_tracker, texts, verified_slots
from .test_review import buttons, entity, run, slots_of


async def test_paid_claim_is_explained_to_the_yuan(database):
    tracker = make_tracker(slots=verified_slots("王丽"), intent="explain_decision", entities=[entity("case_number", "C-1002")])
    said = texts((await run(ActionExplainDecision(), tracker))[0])
    assert "医疗费用总额 ¥16,250.00" in said and "减去 年免赔额 ¥10,000.00" in said
    assert "= 实际赔付金额 ¥3,418.00" in said


async def test_rejection_cites_the_clause_and_the_emergency_argument(database):
    tracker = make_tracker(slots=verified_slots("王丽"), intent="explain_decision", entities=[entity("case_number", "C-1001")])
    dispatcher, events = await run(ActionExplainDecision(), tracker)
    said = texts(dispatcher)
    assert "第2.4条“医院范围”" in said and "第2.5条“紧急情况”" in said and "120" in said
    assert any(b["payload"].startswith("/dispute_decision") for b in buttons(dispatcher))
    assert slots_of(events)["current_claim"] == "C-1001"


async def test_my_last_claim_is_the_newest_decided_one(database):
    tracker = make_tracker(slots=verified_slots("王丽"), text="上次那个理赔为什么只赔这么点", intent="explain_decision")
    assert "C-1002" in texts((await run(ActionExplainDecision(), tracker))[0])


async def test_the_rejected_one_is_meant_when_the_user_says_it_was_rejected(database):
    tracker = make_tracker(slots=verified_slots("王丽"), text="我的理赔为什么被拒了", intent="explain_decision")
    said = texts((await run(ActionExplainDecision(), tracker))[0])
    assert "案件C-1001没有获得赔付" in said and "您名下有" not in said
    slots = {**verified_slots("王丽"), "pending_task": "explain_decision",
             "pending_question": "Hi, my claim was rejected and I don't understand why"}
    said = texts((await run(ActionExplainDecision(), make_tracker(slots=slots, text="0026", intent="inform")))[0])
    assert "C-1001" in said and "您名下有" not in said
    tracker = make_tracker(slots=verified_slots("王丽"), text="理赔结果怎么样", intent="explain_decision")
    assert "您名下有2个案件" in texts((await run(ActionExplainDecision(), tracker))[0])  # nothing named: a choice


async def test_undecided_claim_says_so(database):
    tracker = make_tracker(slots=verified_slots("李建国"), intent="explain_decision", entities=[entity("case_number", "C-1003")])
    assert "还没有作出决定" in texts((await run(ActionExplainDecision(), tracker))[0])


async def test_stored_figures_that_do_not_add_up_are_not_explained(database):
    from bot.store.models import Claim, DecisionLine

    with session_scope() as session:
        claim = session.execute(select(Claim).where(Claim.case_number == "C-1002")).scalar_one()
        line = session.execute(select(DecisionLine).where(DecisionLine.decision_id == claim.decision.id,
                                                          DecisionLine.kind == "not_covered")).scalar_one()
        line.amount = line.amount - 1
    tracker = make_tracker(slots=verified_slots("王丽"), intent="explain_decision", entities=[entity("case_number", "C-1002")])
    dispatcher, _ = await run(ActionExplainDecision(), tracker)
    assert "对不上" in texts(dispatcher) and "3,418" not in texts(dispatcher)
    assert any(b["payload"] == "/request_human" for b in buttons(dispatcher))


async def test_coverage_question_is_answered_per_policy(database):
    tracker = make_tracker(slots=verified_slots("王丽"), text="私立医院看病能报吗", intent="ask_coverage")
    said = texts((await run(ActionAnswerCoverage(), tracker))[0])
    assert "安康百万医疗险" in said and "青禾综合意外险" in said and "第2.4条" in said


async def test_waiting_period_of_zhang_wei_is_still_running(database):
    tracker = make_tracker(slots=verified_slots("张伟"), text="等待期过了没有", intent="ask_coverage")
    said = texts((await run(ActionAnswerCoverage(), tracker))[0])
    assert "安康守护重大疾病保险" in said and "2026年12月29日" in said


async def test_question_asked_before_verification_is_answered_after_it(database):
    slots = {**verified_slots("王丽"), "pending_task": "ask_coverage", "pending_question": "我的免赔额还剩多少"}
    dispatcher, events = await run(ActionAnswerCoverage(), make_tracker(slots=slots, text="0026", intent="inform"))
    assert "免赔额" in texts(dispatcher) and slots_of(events)["pending_question"] is None


async def test_general_question_gets_the_main_terms(database):
    tracker = make_tracker(slots=verified_slots("李建国"), text="我住院能报吗", intent="ask_coverage")
    said = texts((await run(ActionAnswerCoverage(), tracker))[0])
    assert "免赔额" in said and "等待期" in said and "医院" in said


async def test_the_questions_own_facts_an_emergency_and_the_amount_against_the_deductible(database):
    tracker = make_tracker(slots=verified_slots("王丽"), text="我在私立医院看急诊花了3000多，能报吗", intent="ask_coverage",
                           entities=[entity("amount", "3000.00")])
    said = texts((await run(ActionAnswerCoverage(), tracker))[0])
    assert "您说是急诊：急诊时由120送去或就近抢救的，急救费用一般仍可以赔" in said
    assert "这次约¥3,000.00：“青禾综合意外险”先扣今年剩下的免赔额¥100.00" in said
    assert "安康百万医疗险（2022版）”今年还有" not in said  # its deductible is used up this year
    tracker = make_tracker(slots=verified_slots("李建国"), text="住院花了8000能报吗", intent="ask_coverage",
                           entities=[entity("amount", "8000.00")])
    said = texts((await run(ActionAnswerCoverage(), tracker))[0])
    assert "这次约¥8,000.00：“安康长者百万医疗险”今年还有¥10,000.00免赔额没抵扣，这笔费用达不到，这份保单一般不赔" in said
    tracker = make_tracker(slots=verified_slots("王丽"), text="私立医院能报吗", intent="ask_coverage")
    said = texts((await run(ActionAnswerCoverage(), tracker))[0])
    assert "您说是急诊" not in said and "这次约" not in said


async def test_question_without_a_topic_offers_topics(database):
    tracker = make_tracker(slots=verified_slots("王丽"), text="我这个保险怎么样", intent="ask_coverage")
    dispatcher, _ = await run(ActionAnswerCoverage(), tracker)
    assert "哪方面" in texts(dispatcher) and buttons(dispatcher)


FORM = ValidateFamilyPolicyForm()


async def answer(slot, text, slots=None, **extra):
    tracker = make_tracker(slots={**verified_slots("王丽"), **(slots or {})}, text=text, requested_slot=slot,
                           active_loop="family_policy_form", **extra)
    return await run(FORM, tracker)


async def test_family_policy_answers_are_checked_with_friendly_errors(database):
    dispatcher, events = await answer("fp_policy_number", "？？")
    assert slots_of(events) == {"fp_policy_number": None, "form_failures": {"fp_policy_number": 1}} and texts(dispatcher)
    _, events = await answer("fp_relationship", "我妈")
    assert slots_of(events)["fp_relationship"] == "parent" and slots_of(events)["fp_insured_gender"] == "F"
    _, events = await answer("fp_deductible", "不知道")
    assert slots_of(events)["fp_deductible"] is not None  # skipped, not asked again
    _, events = await answer("fp_end_date", "1年", slots={"fp_start_date": "2026-03-01"})
    assert slots_of(events)["fp_end_date"].startswith("2027-")


async def test_a_question_mid_form_fills_nothing(database):
    _, events = await answer("fp_insurer", "免赔额是什么意思", intent="glossary")
    assert events == []


FAMILY = {
    "fp_insurer": "众安在线财产保险", "fp_product": "尊享e生2023", "fp_policy_number": "ZA20260001234",
    "fp_insured_name": "王秀英", "fp_relationship": "parent", "fp_insured_gender": "F", "fp_policy_type": "medical",
    "fp_start_date": "2026-03-01", "fp_end_date": "2027-02-28", "fp_deductible": "10000.00",
    "fp_ratio": "1.00", "fp_hospital_requirement": "public_grade2_plus",
}


async def test_summary_then_saved_as_an_external_policy_visible_to_the_user(database):
    slots = {**verified_slots("王丽"), **FAMILY}
    summary = texts((await run(ActionAskFpConfirmed(), make_tracker(slots=slots)))[0])
    assert "王秀英" in summary and "父母" in summary and "100%" in summary and "2027年02月28日" in summary
    dispatcher, events = await run(ActionSaveFamilyPolicy(), make_tracker(slots=slots, intent="affirm"))
    assert "已添加保单 ZA20260001234" in texts(dispatcher) and slots_of(events)["fp_insurer"] is None
    with session_scope() as session:
        visible = policies.visible_policies(session, int(slots["customer_id"]))
        added = [p for p in visible if p.policy_number == "ZA20260001234"]
        assert added and added[0].source == "external"
    again = texts((await run(ActionSaveFamilyPolicy(), make_tracker(slots=slots, intent="affirm")))[0])
    assert "已经登记过了" in again
    with session_scope() as session:
        assert len(session.execute(select(Policy).where(Policy.policy_number == "ZA20260001234")).all()) == 1
