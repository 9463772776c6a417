"""Payout explanations: C-1002 to the yuan, inconsistent data flagged, and properties over any consistent lines."""
from dataclasses import replace
from decimal import ROUND_HALF_UP, Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.claims import payout
from bot.claims.clauses import ClauseText
from bot.claims.payout import DeductibleFacts, LineInput, PayoutInputs, RatioFacts

D = Decimal
PROPERTY = settings(database=None, max_examples=300, deadline=None)  # no example database in the repo

# C-1002 as seeded (bot/store/seed.py), built by hand.
C1002_CLAUSES = {
    "2.2": ClauseText("2.2", "费用范围", "……社保目录外的自费药品、自费诊疗项目及自费材料费用，本公司不承担给付责任。"),
    "2.3": ClauseText("2.3", "年免赔额", "本合同的年免赔额为人民币10,000元……"),
    "2.6": ClauseText("2.6", "赔付比例与计算", "……以参加社会基本医疗保险身份就诊并结算的，赔付比例为100%……"),
}
C1002 = PayoutInputs(
    "C-1002", "paid", D("3418.00"), "本次住院共花费16,250.00元，保险公司赔付3,418.00元。",
    (LineInput(1, "billed", "医疗费用总额", D("16250.00"), None, "北京朝阳医院住院费用（2026-05-12至2026-05-18）"),
     LineInput(2, "not_covered", "社保目录外自费项目", D("-850.00"), "2.2", "自费药品及材料，合同约定不予赔付"),
     LineInput(3, "social_insurance", "社保已报销部分", D("-1982.00"), "2.6", "已从社会基本医疗保险获得的补偿"),
     LineInput(4, "deductible", "年免赔额", D("-10000.00"), "2.3", "本保单年度首次理赔，扣除全部1万元免赔额"),
     LineInput(5, "ratio", "赔付比例100%", D("0.00"), "2.6", "社保结算后赔付比例100%"),
     LineInput(6, "payout", "实际赔付金额", D("3418.00"))),
    C1002_CLAUSES, DeductibleFacts(D("10000.00"), D("0.00"), D("10000.00")), RatioFacts(D("1.00"), D("0.60"), True))


def test_c1002_breakdown_runs_from_billed_to_payout():
    result = payout.explain(C1002)
    assert result.consistent and result.difference == 0 and result.computed == D("3418.00")
    assert [step.running_total for step in result.steps] == [
        D("16250.00"), D("15400.00"), D("13418.00"), D("3418.00"), D("3418.00"), D("3418.00")]
    assert result.steps[1].clause.title == "费用范围"
    assert result.steps[4].ratio == D("1.00")
    assert result.warnings == ()


def test_c1002_text_names_every_deduction_with_its_clause():
    text = payout.format_explanation(payout.explain(C1002))
    assert text.startswith("案件C-1002（已赔付）：保险公司核定赔付¥3,418.00。")
    for expected in ("1. 医疗费用总额 ¥16,250.00",
                     "2. 减去 社保目录外自费项目 ¥850.00，还剩 ¥15,400.00",
                     "原因：自费药品及材料，合同约定不予赔付（第2.2条“费用范围”）",
                     "3. 减去 社保已报销部分 ¥1,982.00，还剩 ¥13,418.00",
                     "4. 减去 年免赔额 ¥10,000.00，还剩 ¥3,418.00",
                     "本保单年度免赔额共¥10,000.00，这次之前已用¥0.00，这次扣了¥10,000.00，还剩¥0.00",
                     "5. 乘以赔付比例100%，还是 ¥3,418.00",
                     "这次是用医保（社保）结算的，按第2.6条“赔付比例与计算”，赔付比例为100%",
                     "= 实际赔付金额 ¥3,418.00，和保险公司核定的金额一致。"):
        assert expected in text


def test_stored_payout_that_does_not_add_up_is_flagged_with_the_difference():
    result = payout.explain(replace(C1002, payout=D("3500.00")))
    assert not result.consistent and result.difference == D("82.00")
    text = payout.format_explanation(result)
    assert "相差¥82.00" in text and "顾问" in text and "和保险公司核定的金额一致" not in text


def test_lines_that_add_up_but_contradict_the_payout_line_are_flagged():
    lines = C1002.lines[:-1] + (LineInput(6, "payout", "实际赔付金额", D("3400.00")),)
    result = payout.explain(replace(C1002, lines=lines))
    assert not result.consistent and result.difference == 0
    assert any("¥3,400.00" in problem for problem in result.problems)


def test_malformed_lines_are_flagged():
    positive = replace(C1002.lines[1], amount=D("850.00"))
    assert not payout.explain(replace(C1002, lines=(C1002.lines[0], positive) + C1002.lines[2:])).consistent
    assert not payout.explain(replace(C1002, lines=C1002.lines[1:])).consistent  # no billed line first
    assert not payout.explain(replace(C1002, lines=())).consistent
    overdrawn = (LineInput(1, "billed", "医疗费用总额", D("100.00")),
                 LineInput(2, "deductible", "年免赔额", D("-300.00")), LineInput(3, "not_covered", "x", D("0")))
    result = payout.explain(replace(C1002, payout=D("-200.00"), lines=overdrawn))
    assert not result.consistent and any("负数" in problem for problem in result.problems)


def test_lines_are_read_in_seq_order():
    result = payout.explain(replace(C1002, lines=tuple(reversed(C1002.lines))))
    assert result.consistent and [s.line.seq for s in result.steps] == [1, 2, 3, 4, 5, 6]


def test_sixty_percent_without_social_insurance_partly_paid():
    inputs = PayoutInputs(
        "C-2001", "partly_paid", D("8400.00"), "",
        (LineInput(1, "billed", "医疗费用总额", D("20000.00")),
         LineInput(2, "not_covered", "社保目录外自费项目", D("-1000.00"), "2.2", "进口药品，目录外"),
         LineInput(3, "deductible", "年免赔额", D("-5000.00"), "2.3", "扣除本保单年度剩余免赔额"),
         LineInput(4, "ratio", "赔付比例60%", D("-5600.00"), "2.6", "未经社保结算"),
         LineInput(5, "payout", "实际赔付金额", D("8400.00"))),
        C1002_CLAUSES, DeductibleFacts(D("10000.00"), D("5000.00"), D("5000.00")), RatioFacts(D("1.00"), D("0.60"), False))
    result = payout.explain(inputs)
    assert result.consistent and result.steps[3].ratio == D("0.60") and result.warnings == ()
    text = payout.format_explanation(result)
    assert "案件C-2001（部分赔付）" in text
    assert "4. 乘以赔付比例60%，少了¥5,600.00，还剩 ¥8,400.00" in text
    assert "这次没有用医保（社保）结算，按第2.6条“赔付比例与计算”，赔付比例为60%（用医保结算的是100%）" in text
    assert "这次之前已用¥5,000.00，这次扣了¥5,000.00，还剩¥0.00" in text


def test_ratio_that_is_not_the_policys_gets_a_warning_but_stays_consistent():
    lines = C1002.lines[:4] + (LineInput(5, "ratio", "赔付比例", D("-1367.20"), "2.6"),
                               LineInput(6, "payout", "实际赔付金额", D("2050.80")))
    result = payout.explain(replace(C1002, payout=D("2050.80"), lines=lines))
    assert result.consistent and result.steps[4].ratio == D("0.600")
    assert any("保单约定应为100%" in warning for warning in result.warnings)


def test_percent():
    assert [payout.percent(D(x)) for x in ("1.00", "0.60", "0.9", "0.655")] == ["100%", "60%", "90%", "65.5%"]


def _money(cents: int) -> Decimal:
    return Decimal(cents).scaleb(-2)


@st.composite
def consistent_decisions(draw):
    """Lines built the way an insurer computes them: each deduction at most what is left."""
    total = draw(st.integers(min_value=0, max_value=10**9))
    lines = [LineInput(1, "billed", "医疗费用总额", _money(total))]
    for kind in draw(st.lists(st.sampled_from(["not_covered", "social_insurance", "deductible"]), max_size=6)):
        cut = draw(st.integers(min_value=0, max_value=total))
        lines.append(LineInput(len(lines) + 1, kind, kind, _money(-cut), draw(st.sampled_from([None, "2.2", "9.9"]))))
        total -= cut
    if draw(st.booleans()):
        ratio = draw(st.sampled_from([D("1.00"), D("0.90"), D("0.80"), D("0.60")]))
        kept = int((Decimal(total) * ratio).quantize(Decimal(1), ROUND_HALF_UP))
        lines.append(LineInput(len(lines) + 1, "ratio", "赔付比例", _money(kept - total)))
        total = kept
    if draw(st.booleans()):
        lines.append(LineInput(len(lines) + 1, "payout", "实际赔付金额", _money(total)))
    used = -sum((line.amount for line in lines if line.kind == "deductible"), D("0.00"))
    facts = DeductibleFacts(used + _money(draw(st.integers(0, 10**6))), D("0.00"), used)
    return PayoutInputs("C-9", draw(st.sampled_from(["paid", "partly_paid", "rejected"])), _money(total), "",
                        tuple(lines), C1002_CLAUSES, facts, draw(st.none() | st.just(RatioFacts(D("1"), D("0.6"), None))))


@PROPERTY
@given(consistent_decisions())
def test_any_consistent_lines_explain_to_the_payout(inputs):
    result = payout.explain(inputs)
    assert result.consistent, result.problems
    assert result.computed == inputs.payout and result.steps[-1].running_total == inputs.payout
    so_far = D("0.00")
    for step in result.steps:
        if step.line.kind != "payout":
            so_far += step.line.amount
        assert step.running_total == so_far
    assert payout.format_explanation(result).count("和保险公司核定的金额一致") == 1


@PROPERTY
@given(consistent_decisions(), st.integers(min_value=1, max_value=10**7), st.booleans())
def test_any_other_payout_is_flagged_with_the_exact_difference(inputs, cents, more):
    delta = _money(cents if more else -cents)
    result = payout.explain(replace(inputs, payout=inputs.payout + delta))
    assert not result.consistent and result.difference == delta
    assert f"相差{payout.yuan(abs(delta))}" in payout.format_explanation(result)
