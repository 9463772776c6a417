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
from bot.claims.wording import EN, pick, stored

ZERO = Decimal("0.00")
DEDUCTIONS = ("not_covered", "social_insurance", "deductible", "ratio")
OUTCOMES = {"paid": "已赔付", "partly_paid": "部分赔付", "rejected": "未获赔付"}
OUTCOMES_EN = {"paid": "paid", "partly_paid": "partly paid", "rejected": "not paid"}
# A stored line's label is the insurer's (Chinese): English names the step by its kind.
KINDS_EN = {"billed": "Total medical costs", "not_covered": "Costs not covered",
            "social_insurance": "Paid by social insurance", "deductible": "Annual deductible",
            "ratio": "Payout ratio", "payout": "Payout"}

# Every sentence of the explanation, per language.
WORDS = {
    "zh": {
        "basis": "按{clause}", "basis_policy": "按保单约定",
        "ratio_only": "{basis}，赔付比例为{ratio}。",
        "ratio_same": "这份保单不论是否用医保（社保）结算，赔付比例都是{ratio}。",
        "ratio_social": "这次是用医保（社保）结算的，{basis}，赔付比例为{ratio}。",
        "ratio_no_social": "这次没有用医保（社保）结算，{basis}，赔付比例为{ratio}（用医保结算的是{with_social}）。",
        "ratio_unknown": "{basis}，用医保（社保）结算的赔{with_social}，没用的赔{without_social}。",
        "ratio_warning": "这一步按{applied}计算，而保单约定应为{expected}，建议请顾问向保险公司核对。",
        "deductible": "本保单年度免赔额共{annual}，这次之前已用{before}，这次扣了{this}，还剩{left}",
        "deductible_used_up": "；本保单年度内再看病，不会再扣免赔额。", "deductible_end": "。",
        "deductible_warning": "免赔额的扣除记录和明细不一致，建议请顾问核对。",
        "no_lines": "没有计算明细", "first_not_billed": "明细的第一行不是费用总额",
        "negative": "“{label}”的金额是负数", "deduction_positive": "扣减项“{label}”的金额不是负数",
        "payout_differs": "明细中的实际赔付金额{line}与核定金额{payout}不同",
        "payout_not_last": "实际赔付行不在明细最后", "below_zero": "扣到“{label}”时余额成了负数",
        "billed": "{number}. {label} {amount}", "ratio_what": "赔付比例{ratio}",
        "ratio_head": "{number}. 乘以{what}，", "ratio_same_total": "还是 {total}",
        "ratio_less": "少了{amount}，还剩 {total}", "source": "（{source}）",
        "minus": "{number}. 减去 {label} {amount}，还剩 {total}", "no_reason": "保险公司没有写明原因",
        "reason_source": "原因：{why}（{source}）", "reason": "原因：{why}", "see": "见{source}",
        "intro": "案件{case}（{outcome}）：保险公司核定赔付{payout}。下面逐项算给您看：",
        "agrees": "= 实际赔付金额 {payout}，和保险公司核定的金额一致。",
        "differs": "= 明细逐项算下来是 {computed}，但保险公司核定的是{payout}，相差{difference}。",
        "mismatch": "这份明细对不上{problems}。我们不替保险公司猜数字，顾问会帮您向保险公司核实。",
        "problems": "（{problems}）", "sep": "；",
    },
    EN: {
        "basis": "under {clause}", "basis_policy": "under the policy's terms",
        "ratio_only": "The payout ratio is {ratio}, {basis}.",
        "ratio_same": "This policy pays {ratio} whether or not the bill goes through social (medical) insurance.",
        "ratio_social": "This bill was settled through social (medical) insurance, so {basis} the ratio is {ratio}.",
        "ratio_no_social": "This bill was not settled through social (medical) insurance, so {basis} the ratio is {ratio} "
                           "({with_social} when it is).",
        "ratio_unknown": "{basis}, bills settled through social (medical) insurance are paid at {with_social}, "
                         "others at {without_social}.",
        "ratio_warning": "This step used {applied}, but the policy says {expected}: an advisor should check it with the insurer.",
        "deductible": "This policy year's deductible is {annual} in all: {before} was used before this claim, "
                      "{this} by this claim, {left} is left",
        "deductible_used_up": "; no more deductible will be taken this policy year.", "deductible_end": ".",
        "deductible_warning": "The deductible record and the breakdown disagree: an advisor should check it.",
        "no_lines": "there is no breakdown", "first_not_billed": "the first line is not the total cost",
        "negative": "the amount of \"{label}\" is negative", "deduction_positive": "the deduction \"{label}\" is not negative",
        "payout_differs": "the payout line {line} differs from the decided amount {payout}",
        "payout_not_last": "the payout line is not the last one", "below_zero": "the balance went below zero at \"{label}\"",
        "billed": "{number}. {label} {amount}", "ratio_what": "the payout ratio of {ratio}",
        "ratio_head": "{number}. Times {what}: ", "ratio_same_total": "still {total}",
        "ratio_less": "{amount} less, leaving {total}", "source": " ({source})",
        "minus": "{number}. Minus {label} {amount}, leaving {total}", "no_reason": "the insurer gave no reason",
        "reason_source": "Why: {why} ({source})", "reason": "Why: {why}", "see": "see {source}",
        "intro": "Case {case} ({outcome}): the insurer decided to pay {payout}. Here is the calculation step by step:",
        "agrees": "= Payout {payout}, the same as the amount the insurer decided.",
        "differs": "= The steps add up to {computed}, but the insurer decided {payout}: a difference of {difference}.",
        "mismatch": "This breakdown does not add up{problems}. We do not guess figures for the insurer: "
                    "an advisor will check it with them.",
        "problems": " ({problems})", "sep": "; ",
    },
}
# Why a deduction was made when the insurer's note cannot be shown (English for a Chinese note).
REASONS_EN = {"not_covered": "items the policy does not pay for",
              "social_insurance": "already reimbursed by social (medical) insurance",
              "deductible": "the share you bear yourself each policy year before the policy pays"}


def label_of(line: "LineInput", lang: Optional[str] = None) -> str:
    """The step's name: the insurer's label, or in English the kind's name when the label is Chinese."""
    return stored(line.label, lang) or KINDS_EN.get(line.kind, line.kind)


def note_of(line: "LineInput", lang: Optional[str] = None) -> str:
    """The insurer's note on a step; in English a plain reason by kind when the note is Chinese."""
    note = line.note or ""
    return stored(note, lang) or (REASONS_EN.get(line.kind, "") if note else "")


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
    lang: Optional[str] = None  # the language the details, problems and warnings are in

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


def _ratio_reason(applied: Optional[Decimal], facts: Optional[RatioFacts], clause: str, words: dict) -> Tuple[str, str]:
    """(why this ratio, a warning when it is not the policy's)"""
    basis = words["basis"].format(clause=clause) if clause else words["basis_policy"]
    if applied is None:
        return "", ""
    if facts is None:
        return words["ratio_only"].format(basis=basis, ratio=percent(applied)), ""
    with_social, without_social = percent(facts.with_social), percent(facts.without_social)
    if facts.with_social == facts.without_social:
        why = words["ratio_same"].format(ratio=with_social)
    elif facts.social_insurance_settled:
        why = words["ratio_social"].format(basis=basis, ratio=with_social)
    elif facts.social_insurance_settled is False:
        why = words["ratio_no_social"].format(basis=basis, ratio=without_social, with_social=with_social)
    else:
        why = words["ratio_unknown"].format(basis=basis, with_social=with_social, without_social=without_social)
    expected = facts.expected
    if expected is not None and applied != expected:
        return why, words["ratio_warning"].format(applied=percent(applied), expected=percent(expected))
    return why, ""


def _deductible_detail(facts: DeductibleFacts, words: dict) -> str:
    text = words["deductible"].format(annual=yuan(facts.annual), before=yuan(facts.used_before),
                                      this=yuan(facts.used_by_claim), left=yuan(facts.remaining))
    return text + (words["deductible_used_up"] if facts.remaining == 0 else words["deductible_end"])


def _structure_problems(lines: Sequence[LineInput], payout: Decimal, words: dict, lang: Optional[str]) -> List[str]:
    if not lines:
        return [words["no_lines"]]
    problems = [] if lines[0].kind == "billed" else [words["first_not_billed"]]
    for line in lines:
        if line.kind == "billed" and line.amount < 0:
            problems.append(words["negative"].format(label=label_of(line, lang)))
        elif line.kind in DEDUCTIONS and line.amount > 0:
            problems.append(words["deduction_positive"].format(label=label_of(line, lang)))
        elif line.kind == "payout" and line.amount != payout:
            problems.append(words["payout_differs"].format(line=yuan(line.amount), payout=yuan(payout)))
    if any(line.kind == "payout" for line in lines[:-1]):
        problems.append(words["payout_not_last"])
    return problems


def explain(inputs: PayoutInputs, *, lang: Optional[str] = None) -> PayoutExplanation:
    """The line-by-line breakdown of a decision, checked against its stored payout."""
    words = pick(WORDS, lang)
    lines = sorted(inputs.lines, key=lambda line: line.seq)
    problems, warnings = _structure_problems(lines, inputs.payout, words, lang), []
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
            detail, warning = _ratio_reason(ratio, inputs.ratio, cite(line.clause_id, clause, lang=lang), words)
            warnings += [warning] if warning else []
        elif line.kind == "deductible" and inputs.deductible and line is deductible_lines[-1]:
            detail = _deductible_detail(inputs.deductible, words)
            if inputs.deductible.used_by_claim != -sum((d.amount for d in deductible_lines), ZERO):
                warnings.append(words["deductible_warning"])
        total += line.amount
        if total < 0:
            problems.append(words["below_zero"].format(label=label_of(line, lang)))
        steps.append(Step(line, total, clause, detail, ratio))
    return PayoutExplanation(inputs.case_number, inputs.outcome, inputs.payout, total, tuple(steps),
                             tuple(problems), tuple(warnings), inputs.summary, lang)


def _step_text(number: int, step: Step, words: dict, lang: Optional[str]) -> List[str]:
    line, total = step.line, yuan(step.running_total)
    label, note = label_of(line, lang), note_of(line, lang)
    source = cite(line.clause_id, step.clause, lang=lang)
    if line.kind == "billed":
        return [words["billed"].format(number=number, label=label, amount=yuan(line.amount))] + (
            [f"   {note}"] if note else [])
    if line.kind == "ratio":
        what = words["ratio_what"].format(ratio=percent(step.ratio)) if step.ratio is not None else label
        change = (words["ratio_same_total"].format(total=total) if line.amount == 0
                  else words["ratio_less"].format(amount=yuan(-line.amount), total=total))
        head = words["ratio_head"].format(number=number, what=what) + change
        why = step.detail or note + (words["source"].format(source=source) if source else "")
        return [head] + ([f"   {why}"] if why else [])
    head = words["minus"].format(number=number, label=label, amount=yuan(-line.amount), total=total)
    why = note or ("" if source else words["no_reason"])
    if why and source:
        reason = words["reason_source"].format(why=why, source=source)
    else:
        reason = words["reason"].format(why=why or words["see"].format(source=source))
    return [head] + [f"   {text}" for text in [reason, step.detail] if text]


def format_explanation(explanation: PayoutExplanation, *, lang: Optional[str] = None) -> str:
    """The breakdown as one chat message in plain words (`lang`, by default the explanation's)."""
    lang = lang or explanation.lang
    words = pick(WORDS, lang)
    outcome = pick({"zh": OUTCOMES, EN: OUTCOMES_EN}, lang).get(explanation.outcome, "")
    out = [words["intro"].format(case=explanation.case_number, outcome=outcome, payout=yuan(explanation.payout))]
    numbered = [step for step in explanation.steps if step.line.kind != "payout"]
    for number, step in enumerate(numbered, start=1):
        out += _step_text(number, step, words, lang)
    if explanation.consistent:
        out.append(words["agrees"].format(payout=yuan(explanation.payout)))
    else:
        if explanation.difference:
            out.append(words["differs"].format(computed=yuan(explanation.computed), payout=yuan(explanation.payout),
                                               difference=yuan(abs(explanation.difference))))
        problems = words["problems"].format(problems=words["sep"].join(explanation.problems)) if explanation.problems else ""
        out.append(words["mismatch"].format(problems=problems))
    return "\n".join(out + list(explanation.warnings))
