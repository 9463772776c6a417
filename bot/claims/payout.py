"""A payout decision explained to the yuan, line by line, with running totals.

The insurer's lines are the only source of numbers: billed total, minus items
not covered, minus what social insurance paid, minus the deductible, times
the ratio, equals the payout. When the stored lines do not add up to the
stored payout the explanation is flagged inconsistent with the difference;
nothing is recomputed or guessed (the dialogue offers an advisor instead).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import List, Mapping, Optional, Sequence, Tuple

from bot.claims.clauses import ClauseText, cite
from bot.claims.money import CENT, yuan

ZERO = Decimal("0.00")
DEDUCTIONS = ("not_covered", "social_insurance", "deductible", "ratio")
OUTCOMES = {"paid": "已赔付", "partly_paid": "部分赔付", "rejected": "未获赔付"}


@dataclass(frozen=True)
class LineInput:
    """One stored step of the calculation (bot.store.models.DecisionLine); deductions are negative."""

    seq: int
    kind: str  # billed | not_covered | social_insurance | deductible | ratio | payout
    label: str
    amount: Decimal  # "ratio": the amount the ratio removes (0 at 100%)
    clause_id: Optional[str] = None
    note: Optional[str] = None


@dataclass(frozen=True)
class DeductibleFacts:
    """The policy year's deductible around this claim."""

    annual: Decimal
    used_before: Decimal  # absorbed by claims of the same policy year decided before this one
    used_by_claim: Decimal  # absorbed by this claim

    @property
    def remaining(self) -> Decimal:
        return max(self.annual - self.used_before - self.used_by_claim, ZERO)


@dataclass(frozen=True)
class RatioFacts:
    """Why a ratio applies: the policy's two ratios and whether the bill went through social insurance."""

    with_social: Decimal
    without_social: Decimal
    social_insurance_settled: Optional[bool]  # None: not known

    @property
    def expected(self) -> Optional[Decimal]:
        if self.with_social == self.without_social:
            return self.with_social
        if self.social_insurance_settled is None:
            return None
        return self.with_social if self.social_insurance_settled else self.without_social


@dataclass(frozen=True)
class PayoutInputs:
    case_number: str
    outcome: str  # paid | partly_paid | rejected
    payout: Decimal  # as stored on the decision
    summary: str
    lines: Tuple[LineInput, ...]
    clauses: Mapping[str, ClauseText] = field(default_factory=dict)  # by clause id
    deductible: Optional[DeductibleFacts] = None
    ratio: Optional[RatioFacts] = None


@dataclass(frozen=True)
class Step:
    """A line with the total after it; `detail` says why (deductible left, reason for the ratio)."""

    line: LineInput
    running_total: Decimal  # sum of the calculation lines so far (a payout line repeats the total)
    clause: Optional[ClauseText]
    detail: str = ""
    ratio: Optional[Decimal] = None  # "ratio" lines: the ratio applied, when it can be told


@dataclass(frozen=True)
class PayoutExplanation:
    case_number: str
    outcome: str
    payout: Decimal  # the stored payout
    computed: Decimal  # what the calculation lines add up to
    steps: Tuple[Step, ...]
    problems: Tuple[str, ...]  # malformed lines (signs, order, payout line); see also `difference`
    warnings: Tuple[str, ...]  # the lines add up, but something disagrees with the policy's terms
    summary: str = ""

    @property
    def difference(self) -> Decimal:
        """Stored payout minus the lines' total (0.00 when they agree)."""
        return self.payout - self.computed

    @property
    def consistent(self) -> bool:
        """The lines are well formed and add up exactly to the stored payout."""
        return not self.problems and self.difference == 0


def percent(ratio: Decimal) -> str:
    """Decimal("0.60") -> "60%", Decimal("0.655") -> "65.5%"."""
    text = f"{(ratio * 100).quantize(Decimal('0.1')):f}"
    return text.rstrip("0").rstrip(".") + "%"


def _applied_ratio(base: Decimal, removed: Decimal, facts: Optional[RatioFacts]) -> Optional[Decimal]:
    """The ratio a line applied: the policy's when it reproduces the line to the cent."""
    expected = facts.expected if facts else None
    if expected is not None and (base * expected).quantize(CENT) == base + removed:
        return expected
    if base > 0:
        return ((base + removed) / base).quantize(Decimal("0.001"))
    return expected


def _ratio_reason(applied: Optional[Decimal], facts: Optional[RatioFacts], clause: str) -> Tuple[str, str]:
    """(why this ratio, a warning when it is not the policy's)"""
    basis = f"按{clause}" if clause else "按保单约定"
    if applied is None:
        return "", ""
    if facts is None:
        return f"{basis}，赔付比例为{percent(applied)}。", ""
    if facts.with_social == facts.without_social:
        why = f"这份保单不论是否用医保（社保）结算，赔付比例都是{percent(facts.with_social)}。"
    elif facts.social_insurance_settled:
        why = f"这次是用医保（社保）结算的，{basis}，赔付比例为{percent(facts.with_social)}。"
    elif facts.social_insurance_settled is False:
        why = (f"这次没有用医保（社保）结算，{basis}，赔付比例为{percent(facts.without_social)}"
               f"（用医保结算的是{percent(facts.with_social)}）。")
    else:
        why = f"{basis}，用医保（社保）结算的赔{percent(facts.with_social)}，没用的赔{percent(facts.without_social)}。"
    expected = facts.expected
    if expected is not None and applied != expected:
        return why, f"这一步按{percent(applied)}计算，而保单约定应为{percent(expected)}，建议请顾问向保险公司核对。"
    return why, ""


def _deductible_detail(facts: DeductibleFacts) -> str:
    text = (f"本保单年度免赔额共{yuan(facts.annual)}，这次之前已用{yuan(facts.used_before)}，"
            f"这次扣了{yuan(facts.used_by_claim)}，还剩{yuan(facts.remaining)}")
    return text + ("；本保单年度内再看病，不会再扣免赔额。" if facts.remaining == 0 else "。")


def _structure_problems(lines: Sequence[LineInput], payout: Decimal) -> List[str]:
    if not lines:
        return ["没有计算明细"]
    problems = [] if lines[0].kind == "billed" else ["明细的第一行不是费用总额"]
    for line in lines:
        if line.kind == "billed" and line.amount < 0:
            problems.append(f"“{line.label}”的金额是负数")
        elif line.kind in DEDUCTIONS and line.amount > 0:
            problems.append(f"扣减项“{line.label}”的金额不是负数")
        elif line.kind == "payout" and line.amount != payout:
            problems.append(f"明细中的实际赔付金额{yuan(line.amount)}与核定金额{yuan(payout)}不同")
    if any(line.kind == "payout" for line in lines[:-1]):
        problems.append("实际赔付行不在明细最后")
    return problems


def explain(inputs: PayoutInputs) -> PayoutExplanation:
    """The line-by-line breakdown of a decision, checked against its stored payout."""
    lines = sorted(inputs.lines, key=lambda line: line.seq)
    problems, warnings = _structure_problems(lines, inputs.payout), []
    deductible_lines = [line for line in lines if line.kind == "deductible"]
    steps: List[Step] = []
    total = ZERO
    for line in lines:
        clause = inputs.clauses.get(line.clause_id) if line.clause_id else None
        if line.kind == "payout":
            steps.append(Step(line, total, clause))
            continue
        detail, ratio = "", None
        if line.kind == "ratio":
            ratio = _applied_ratio(total, line.amount, inputs.ratio)
            detail, warning = _ratio_reason(ratio, inputs.ratio, cite(line.clause_id, clause))
            warnings += [warning] if warning else []
        elif line.kind == "deductible" and inputs.deductible and line is deductible_lines[-1]:
            detail = _deductible_detail(inputs.deductible)
            if inputs.deductible.used_by_claim != -sum((d.amount for d in deductible_lines), ZERO):
                warnings.append("免赔额的扣除记录和明细不一致，建议请顾问核对。")
        total += line.amount
        if total < 0:
            problems.append(f"扣到“{line.label}”时余额成了负数")
        steps.append(Step(line, total, clause, detail, ratio))
    return PayoutExplanation(inputs.case_number, inputs.outcome, inputs.payout, total, tuple(steps),
                             tuple(problems), tuple(warnings), inputs.summary)


def _step_text(number: int, step: Step) -> List[str]:
    line, total = step.line, yuan(step.running_total)
    source = cite(line.clause_id, step.clause)
    if line.kind == "billed":
        return [f"{number}. {line.label} {yuan(line.amount)}"] + ([f"   {line.note}"] if line.note else [])
    if line.kind == "ratio":
        what = f"赔付比例{percent(step.ratio)}" if step.ratio is not None else line.label
        head = f"{number}. 乘以{what}，" + (f"还是 {total}" if line.amount == 0 else f"少了{yuan(-line.amount)}，还剩 {total}")
        why = step.detail or (line.note or "") + (f"（{source}）" if source else "")
        return [head] + ([f"   {why}"] if why else [])
    head = f"{number}. 减去 {line.label} {yuan(-line.amount)}，还剩 {total}"
    why = line.note or ("" if source else "保险公司没有写明原因")
    body = [f"原因：{why}（{source}）" if why and source else f"原因：{why or '见' + source}"]
    return [head] + [f"   {text}" for text in body + [step.detail] if text]


def format_explanation(explanation: PayoutExplanation) -> str:
    """The breakdown as one chat message in plain Chinese."""
    outcome = OUTCOMES.get(explanation.outcome, "")
    out = [f"案件{explanation.case_number}（{outcome}）：保险公司核定赔付{yuan(explanation.payout)}。下面逐项算给您看："]
    numbered = [step for step in explanation.steps if step.line.kind != "payout"]
    for number, step in enumerate(numbered, start=1):
        out += _step_text(number, step)
    if explanation.consistent:
        out.append(f"= 实际赔付金额 {yuan(explanation.payout)}，和保险公司核定的金额一致。")
    else:
        if explanation.difference:
            out.append(f"= 明细逐项算下来是 {yuan(explanation.computed)}，但保险公司核定的是{yuan(explanation.payout)}，"
                       f"相差{yuan(abs(explanation.difference))}。")
        out.append("这份明细对不上" + (f"（{'；'.join(explanation.problems)}）" if explanation.problems else "")
                   + "。我们不替保险公司猜数字，顾问会帮您向保险公司核实。")
    return "\n".join(out + list(explanation.warnings))
