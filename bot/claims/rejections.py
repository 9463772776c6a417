"""Rejections in plain words: what the reason means, what can still be argued, with what.

`explain()` takes the reason's words from the catalogue (`bot.claims.rejection_reasons`) and adds
the policy's own clause, the claim's facts and related clauses (e.g. the emergency clause when the
ambulance chose the hospital). An unknown code never gets an invented reason: the answer says an
advisor will check the clause.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Iterable, List, Optional, Tuple

from bot.claims import labels
from bot.claims.clauses import ClauseText, cite, find, quote, ref
from bot.claims.rejection_reasons import CATALOGUE, NEXT_STEPS, NEXT_STEPS_EN, UNKNOWN, RejectionReason
from bot.claims.wording import EN, day, pick, stored

EMERGENCY_USUAL = ("很多保单有“紧急情况”的例外：病情危急时由120急救车送去或就近抢救的，急救费用照样要赔。"
                   "这份保单我们没有查到这样的条款，顾问可以帮您对照完整条款核实。")
WAITING_USUAL = "续保的保单通常不再设等待期，意外受伤一般不受等待期限制，可以对照保单核实。"

# The sentences around the catalogue's wording, per language.
WORDS = {
    "zh": {
        "emergency_usual": EMERGENCY_USUAL, "waiting_usual": WAITING_USUAL, "that_hospital": "那家医院",
        "own_exception": "{ref}本身就写明了紧急情况的例外（见上面的原文）",
        "by_ambulance": "您当时是打120、由急救车送到{hospital}的，去哪家医院是急救车决定的，不是您自己挑的。"
                        "保单{wording}{comma}所以这次可以按紧急情况申诉。", "comma": "，",
        "if_emergency": "如果当时病情危急，是120送去或就近抢救的，可以按保单{ref}的紧急情况例外主张赔付，请把当时的经过告诉顾问。",
        "transfer": "按这一条，急诊抢救和紧急手术的费用最有希望争取回来；病情稳定后没有转到约定医院、继续住院的费用，保险公司仍可能不赔。",
        "accident_no_wait": "这次是意外受伤，保单{ref}写明意外伤害不受等待期限制。",
        "renewal": "如果这份保单是续保的，请看保单{quote}",
        "hospital_situation": "这次看病的{hospital}是{kind}医院", "ambulance_situation": "，当时是120急救车送去的。",
        "end": "。", "date_situation": "这次的出险日期是{date}。",
        "head": "案件{case}没有获得赔付，保险公司的理由是：{title}。", "simply": "简单说：{explanation}",
        "head_unknown": "案件{case}没有获得赔付。", "insurer_said": "保险公司的说法：{summary}",
        "clause": "保险公司依据的条款是{quote}",
        "clause_missing": "保险公司依据的是保单{cite}，我们这里没有这一条的原文，顾问会帮您核对。",
        "arguable": "可以争取的地方：", "to_know": "接下来要知道的：",
        "evidence": "能帮上忙的材料：{items}。", "next": "接下来您可以选择：{items}。", "sep": "；",
    },
    EN: {
        "emergency_usual": "Many policies make an exception for emergencies: when a 120 ambulance took the patient, or "
                           "the nearest hospital treated an urgent case, the emergency costs are still paid. We found no "
                           "such clause in this policy; an advisor can check the full terms with you.",
        "waiting_usual": "Renewed policies usually have no new waiting period, and accidents are usually not subject to "
                         "one: this can be checked against the policy.",
        "that_hospital": "that hospital",
        "own_exception": "{ref} itself makes an exception for emergencies (see the wording above)",
        "by_ambulance": "You called 120 and the ambulance took you to {hospital}: the ambulance chose the hospital, "
                        "not you. The policy's {wording}, so this claim can be disputed as an emergency.",
        "comma": "",
        "if_emergency": "If it was an emergency and a 120 ambulance took you there, or the nearest hospital treated you, "
                        "you can claim under the emergency exception of the policy's {ref}: please tell an advisor what "
                        "happened.",
        "transfer": "Under this clause, the emergency treatment and urgent surgery are the costs most likely to be won "
                    "back; costs of staying on after you were stable, instead of moving to an accepted hospital, may "
                    "still not be paid.",
        "accident_no_wait": "This was an accident, and the policy's {ref} says accidents are not subject to the waiting "
                            "period.",
        "renewal": "If this policy is a renewal, see the policy's {quote}",
        "hospital_situation": "The hospital this time, {hospital}, is a {kind} hospital",
        "ambulance_situation": ", and a 120 ambulance took you there.", "end": ".",
        "date_situation": "The date of the incident is {date}.",
        "head": "Case {case} was not paid. The insurer's reason: {title}.", "simply": "In plain words: {explanation}",
        "head_unknown": "Case {case} was not paid.", "insurer_said": "The insurer's words: {summary}",
        "clause": "The insurer relies on {quote}",
        "clause_missing": "The insurer relies on the policy's {cite}; we do not have its wording here, and an advisor "
                          "will check it for you.",
        "arguable": "What can be argued:", "to_know": "Good to know:",
        "evidence": "Materials that help: {items}.", "next": "What you can do next: {items}.", "sep": "; ",
    },
}

# Clauses worth citing next to the decision's own, by reason (regex on title or text).
RELATED = {"hospital_not_qualified": r"紧急|急救", "waiting_period": r"续保"}
AMBULANCE = re.compile(r"(?<!\d)120(?!\d)|急救")


@dataclass(frozen=True)
class ClaimFacts:
    """What the claim says that matters to a rejection."""

    hospital_name: Optional[str] = None
    hospital_grade: Optional[str] = None
    hospital_ownership: Optional[str] = None
    incident_type: Optional[str] = None  # accident | illness
    incident_date: Optional[date] = None
    description: str = ""

    @property
    def by_ambulance(self) -> bool:
        """The description says a 120 ambulance (or emergency service) took the patient."""
        return bool(AMBULANCE.search(self.description or ""))


@dataclass(frozen=True)
class RejectionInputs:
    case_number: str
    reason_code: Optional[str]
    clause_id: Optional[str]  # the decision's clause
    clause: Optional[ClauseText]  # its text from the policy, when stored
    facts: ClaimFacts
    related: Tuple[ClauseText, ...] = ()  # from related_clauses()
    summary: str = ""  # the insurer's reason as recorded


@dataclass(frozen=True)
class RejectionExplanation:
    case_number: str
    reason: RejectionReason  # UNKNOWN when the code is not in the catalogue
    clause_id: Optional[str]
    clause: Optional[ClauseText]
    situation: str  # this claim's facts that the reason turns on ("" when none)
    arguments: Tuple[str, ...]  # this claim's points first, then the reason's usual ones
    related: Tuple[ClauseText, ...]
    summary: str
    lang: Optional[str] = None  # the language of `situation` and `arguments`

    @property
    def known(self) -> bool:
        return self.reason is not UNKNOWN


def related_clauses(
    reason_code: Optional[str], clauses: Iterable[ClauseText], decision_clause_id: Optional[str],
    emergency_exception: bool,
) -> Tuple[ClauseText, ...]:
    """The policy's clauses that bear on this reason besides the decision's own (e.g. emergency 2.5)."""
    pattern = RELATED.get(reason_code or "")
    if not pattern or (reason_code == "hospital_not_qualified" and not emergency_exception):
        return ()
    others = [c for c in clauses if c.clause_id != decision_clause_id]
    found = find(others, title=pattern) or find(others, text=pattern)
    return (found,) if found else ()


def _hospital_points(facts: ClaimFacts, clause: Optional[ClauseText], related: Tuple[ClauseText, ...],
                     lang: Optional[str]) -> List[str]:
    words = pick(WORDS, lang)
    pattern = RELATED["hospital_not_qualified"]
    own = clause if clause is not None and re.search(pattern, clause.text) else None
    emergency = find(related, title=pattern, text=pattern) or own
    if emergency is None:
        return [words["emergency_usual"]]
    hospital = facts.hospital_name or words["that_hospital"]
    wording = (words["own_exception"].format(ref=ref(emergency, lang=lang)) if emergency is own
               else quote(emergency, lang=lang))
    if facts.by_ambulance:
        points = [words["by_ambulance"].format(hospital=hospital, wording=wording,
                                               comma=words["comma"] if emergency is own else "")]
    else:
        points = [words["if_emergency"].format(ref=ref(emergency, lang=lang))]
    if "转" in emergency.text:
        points.append(words["transfer"])
    return points


def _waiting_points(facts: ClaimFacts, clause: Optional[ClauseText], related: Tuple[ClauseText, ...],
                    lang: Optional[str]) -> List[str]:
    words = pick(WORDS, lang)
    points = []
    if facts.incident_type == "accident" and clause and re.search(r"意外伤害.{0,12}不受等待期", clause.text):
        points.append(words["accident_no_wait"].format(ref=ref(clause, lang=lang)))
    renewal = find(related, title="续保", text="续保")
    if renewal is not None:
        points.append(words["renewal"].format(quote=quote(renewal, lang=lang)))
    return points or [words["waiting_usual"]]


def _situation(code: str, facts: ClaimFacts, lang: Optional[str]) -> str:
    words = pick(WORDS, lang)
    if code == "hospital_not_qualified" and facts.hospital_name:
        kind = labels.hospital_label(facts.hospital_grade, facts.hospital_ownership, lang=lang)
        return (words["hospital_situation"].format(hospital=facts.hospital_name, kind=kind)
                + (words["ambulance_situation"] if facts.by_ambulance else words["end"]))
    if code in ("waiting_period", "outside_coverage_period") and facts.incident_date:
        return words["date_situation"].format(date=day(facts.incident_date, lang))
    return ""


def explain(inputs: RejectionInputs, *, lang: Optional[str] = None) -> RejectionExplanation:
    """The rejection explained with the policy's clause, this claim's facts and what can be argued."""
    reason = CATALOGUE.get(inputs.reason_code or "", UNKNOWN)
    specific: List[str] = []
    if reason.code == "hospital_not_qualified":
        specific = _hospital_points(inputs.facts, inputs.clause, inputs.related, lang)
    elif reason.code == "waiting_period":
        specific = _waiting_points(inputs.facts, inputs.clause, inputs.related, lang)
    return RejectionExplanation(
        inputs.case_number, reason, inputs.clause_id, inputs.clause, _situation(reason.code, inputs.facts, lang),
        tuple(specific) + reason.wording(lang).dispute_points, inputs.related, inputs.summary, lang)


def format_rejection(explanation: RejectionExplanation, *, lang: Optional[str] = None) -> str:
    """The explanation as one chat message in plain words (`lang`, by default the explanation's)."""
    lang = lang or explanation.lang
    words, reason = pick(WORDS, lang), explanation.reason
    wording = reason.wording(lang)
    if explanation.known:
        out = [words["head"].format(case=explanation.case_number, title=wording.title),
               words["simply"].format(explanation=wording.explanation)]
    else:
        out = [words["head_unknown"].format(case=explanation.case_number)]
        # The insurer's words as recorded; in English only when they are not Chinese.
        summary = stored(explanation.summary, lang)
        out += [words["insurer_said"].format(summary=summary)] if summary else []
        out.append(wording.explanation)
    if explanation.clause is not None:
        out.append(words["clause"].format(quote=quote(explanation.clause, lang=lang)))
    elif explanation.clause_id:
        out.append(words["clause_missing"].format(cite=cite(explanation.clause_id, None, lang=lang)))
    out += [explanation.situation] if explanation.situation else []
    if explanation.arguments:
        out.append(words["arguable"] if reason.disputable else words["to_know"])
        out += [f"· {point}" for point in explanation.arguments]
    out.append(words["evidence"].format(items=words["sep"].join(wording.evidence)))
    steps = pick({"zh": NEXT_STEPS, EN: NEXT_STEPS_EN}, lang)
    out.append(words["next"].format(items=words["sep"].join(steps[step] for step in reason.next_steps)))
    return "\n".join(out)
