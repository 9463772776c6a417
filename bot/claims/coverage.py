"""Coverage questions answered from the user's own policies.

`topics_in()` finds what a question is about (keywords on normalised text:
traditional characters become simplified first), `answer_all()` answers each
topic for each policy (rules in bot.claims.coverage_rules), `claim_order()`
says in which order several policies are claimed, and `format_answers()`
makes one concise reply. The policy view is bot.claims.policy_view.PolicyView.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Iterable, List, Optional, Sequence, Tuple

from bot import clock
from bot.claims.clauses import ref
from bot.claims.coverage_rules import RULES
from bot.claims.money import yuan
from bot.claims.policy_view import Answer, PolicyView
from bot.claims.wording import EN, pick
from bot.nlu.normalizer import normalize_text

TOPIC_NAMES = {
    "outpatient": "门诊", "private_hospital": "私立医院", "special_ward": "特需/国际部/VIP",
    "self_paid_drugs": "进口药、自费药", "fracture": "意外骨折", "dental": "看牙", "cosmetic": "美容整形",
    "pre_existing": "投保前就有的病", "deductible": "免赔额", "ratio": "赔付比例", "sum_insured": "保额",
    "waiting_period": "等待期", "hospital": "医院要求", "exclusions": "不保的情形", "policy_period": "保障期",
}
TOPIC_NAMES_EN = {
    "outpatient": "Outpatient", "private_hospital": "Private hospitals", "special_ward": "Special/international/VIP wards",
    "self_paid_drugs": "Imported and self-paid drugs", "fracture": "Accidental fracture", "dental": "Dental",
    "cosmetic": "Cosmetic surgery", "pre_existing": "Pre-existing conditions", "deductible": "Deductible",
    "ratio": "Payout ratio", "sum_insured": "Sum insured", "waiting_period": "Waiting period",
    "hospital": "Hospital rules", "exclusions": "Exclusions", "policy_period": "Period of cover",
}
# Topics that state a fact of the policy rather than whether something is paid: shown without a verdict.
FACT_TOPICS = ("deductible", "ratio", "sum_insured", "waiting_period", "hospital", "exclusions", "policy_period")
VERDICT_NAMES = {"covered": "能赔", "not_covered": "不赔", "conditional": "有条件", "unknown": "需要确认"}
VERDICT_NAMES_EN = {"covered": "Paid", "not_covered": "Not paid", "conditional": "Conditional", "unknown": "To be checked"}

_PATTERNS = {topic: re.compile(pattern) for topic, pattern in {
    "outpatient": r"门诊|门急诊|拿药|开药|配药|挂号费|看小病|不住院",
    "private_hospital": r"私立|民营|私人医院|私营|莆田",
    "special_ward": r"特需|vip|国际部|国际医疗|干部病房|高端病房|单人病房|单间病房",
    "self_paid_drugs": r"进口药|自费|目录外|医保外|医保不(报|管|给报)|社保不(报|管)|靶向药|特效药",
    "fracture": r"骨折|骨裂|摔断|骨头断|打石膏|打钢板|钢钉",
    "dental": r"牙|口腔",
    "cosmetic": r"美容|整形|整容|医美|双眼皮|隆鼻|祛斑|抽脂",
    "pre_existing": r"既往症|既往病|以前就有|之前就有|原来就有|本来就有|早就有|老毛病|旧病|带病投保|"
                    r"投保前.{0,4}(病|有)|(以前|之前|早年)(得|患)过",
    "deductible": r"免赔|起付|自己先(付|出|掏)",
    "ratio": r"比例|几成|百分之|\d+%|(没|没有|不)(走|用|刷)(医保|社保)|医保卡|(医保|社保)结算",
    "sum_insured": r"保额|保险金额|最多(能|可以)?(赔|报)|上限|封顶|(?<!免赔)额度|还(能|可以)(赔|报)多少",
    "waiting_period": r"等待期|观察期|刚买|新买|多久(才|能|可以|后)|什么时候(开始|才|能|可以)?(生效|保|赔|能用)",
    "hospital": r"(哪些|什么|哪家|哪种|哪个)医院|医院.{0,3}(要求|限制|范围)|二级|三级|三甲|公立|诊所|卫生院|社区医院",
    "exclusions": r"(什么|哪些)(情况|情形)?不(保|赔)|不(保|赔)(什么|哪些)|责任免除|免责|除外",
    "policy_period": r"有效期|还有效|到期|过期|保到|保障期|保险期间|还在保|还能用|失效|续保|保多久",
}.items()}
# The same topics in English words (the question is lower-cased first).
_PATTERNS_EN = {topic: re.compile(pattern) for topic, pattern in {
    "outpatient": r"out-?patient|clinic visit|doctor'?s visit|\bgp\b|without (a hospital stay|staying)|not admitted|"
                  r"prescription",
    "private_hospital": r"private (hospital|clinic)",
    "special_ward": r"\bvip\b|international (department|wing|ward|clinic)|special(-needs)? (ward|department)|"
                    r"private room|single room",
    "self_paid_drugs": r"imported (drug|medicine)|self-?paid|out-of-pocket|not (on|in) the (medical insurance |"
                       r"reimbursement )?list|targeted (drug|therapy)",
    "fracture": r"fractur|broken (bone|arm|leg|wrist|ankle|hip)|broke my|\bcast\b",
    "dental": r"dental|dentist|teeth|tooth",
    "cosmetic": r"cosmetic|plastic surgery|beauty treatment|nose job|botox",
    "pre_existing": r"pre-?existing|existing (condition|illness)|before (i|we|she|he) bought|old (condition|illness)",
    "deductible": r"deductible|\bexcess\b",
    "ratio": r"\bratio\b|percentage|per ?cent|\d+%|(without|not using|not through) (social|medical) insurance|"
             r"(social|medical) insurance card",
    "sum_insured": r"sum insured|cover(age)? (limit|amount)|maximum (payout|cover)|how much cover|payout limit",
    "waiting_period": r"waiting period|just bought|newly bought|when does (it|the policy|my cover|cover) start|"
                      r"when (can|will) i (be covered|claim)",
    "hospital": r"which hospitals?|what (kind of )?hospitals?|hospital (rules?|requirements?|restrictions?)|"
                r"grade ?(2|3|two|three)|public hospital|community (clinic|hospital)",
    "exclusions": r"exclusions?|excluded|what (is|isn'?t) not covered|what does(n'?t| it not) cover",
    "policy_period": r"expir|still valid|valid until|period of cover|policy period|still (active|in force)|renew|"
                     r"lapse",
}.items()}
# A more specific topic makes the general one redundant.
_SUBSUMED = {"hospital": ("private_hospital", "special_ward")}


def topics_in(text: Optional[str]) -> List[str]:
    """Topic codes the question mentions, in the order they appear ("私立医院门诊能报吗" -> private_hospital, outpatient)."""
    text = normalize_text(text or "").lower()
    found = {}
    for patterns in (_PATTERNS, _PATTERNS_EN):
        for topic, pattern in patterns.items():
            match = pattern.search(text)
            if match and (topic not in found or match.start() < found[topic]):
                found[topic] = match.start()
    for general, specific in _SUBSUMED.items():
        if general in found and any(topic in found for topic in specific):
            del found[general]
    return sorted(found, key=lambda topic: found[topic])


@dataclass(frozen=True)
class PolicyAnswers:
    policy: PolicyView
    answers: Tuple[Answer, ...]


NO_TERMS = {"zh": "这个问题我们存的保单资料回答不了，需要顾问对照完整条款帮您确认。",
            EN: "The policy details we hold cannot answer this: an advisor needs to check the full terms for you."}


def answer(policy: PolicyView, topic: str, today: Optional[date] = None, *, lang: Optional[str] = None) -> Answer:
    """One policy's answer on one topic; "unknown" when the stored terms cannot say."""
    rule, coverage = RULES.get(topic), policy.main
    if rule is None or coverage is None:
        return Answer(topic, "unknown", pick(NO_TERMS, lang))
    return rule(policy, coverage, today or clock.today(), lang=lang)


def answer_all(policies: Iterable[PolicyView], topics: Sequence[str], today: Optional[date] = None, *,
               lang: Optional[str] = None) -> List[PolicyAnswers]:
    today = today or clock.today()
    return [PolicyAnswers(p, tuple(answer(p, topic, today, lang=lang) for topic in topics)) for p in policies]


@dataclass(frozen=True)
class ClaimOrder:
    """Which policies to claim, in order, after social insurance; and which pay on their own."""

    reimbursing: Tuple[PolicyView, ...]  # medical first, then accident medical
    fixed_sum: Tuple[PolicyView, ...]  # critical illness: pays its sum on diagnosis, independently
    not_applicable: Tuple[PolicyView, ...]  # e.g. accident policies for an illness; other types
    text: str


_REIMBURSING_RANK = {"medical": 0, "accident": 1}


def _names(policies: Sequence[PolicyView], lang: Optional[str] = None) -> str:
    quoted = pick({"zh": "“{}”", EN: '"{}"'}, lang)
    return pick({"zh": "、", EN: " and "}, lang).join(quoted.format(p.product_name) for p in policies)


ORDER_WORDS = {
    "zh": {"several": "先用医保（社保）结算，再拿发票和医保结算单找{first}报销，没报完的部分"
                      "再凭前一家开的理赔分割单找{rest}报，几份加起来不会超过实际花费。",
           "one": "先用医保（社保）结算，剩下的再找{names}报销。",
           "fixed": "{names}是确诊合同约定的重大疾病后按保额一次性给付，和报销互不影响，可以同时申请。",
           "sep": "", "order": "理赔顺序：{text}", "unknown": "标“需要确认”的，我们可以请顾问对照完整条款帮您确认。"},
    EN: {"several": "Settle through social (medical) insurance first, then claim from {first} with the invoices and the "
                    "settlement statement; what is left you claim from {rest} with the claim split statement the first "
                    "insurer gives you. Together they never pay more than you spent.",
         "one": "Settle through social (medical) insurance first, then claim the rest from {names}.",
         "fixed": "{names} pays its sum insured once, when an illness the contract lists is diagnosed, whatever the "
                  "other policies pay: you can claim it at the same time.",
         "sep": " ", "order": "Order of claims: {text}",
         "unknown": "For the answers marked \"To be checked\", an advisor can check the full terms for you."},
}


def claim_order(policies: Iterable[PolicyView], incident_type: Optional[str] = None, *,
                lang: Optional[str] = None) -> ClaimOrder:
    """Social insurance first, then medical (reimbursement), then accident medical; critical illness apart.

    For the policies of the one insured person the incident happened to: several people's
    policies are never claimed for one incident, so mixing them is a caller's error.
    """
    policies = list(policies)
    if len({(p.insured_id, p.insured_name) for p in policies}) > 1:
        raise ValueError("claim_order() takes the policies of one insured person")
    applies = [p for p in policies if p.policy_type in _REIMBURSING_RANK
               and not (p.policy_type == "accident" and incident_type == "illness")]
    reimbursing = tuple(sorted(applies, key=lambda p: _REIMBURSING_RANK[p.policy_type]))
    fixed = tuple(p for p in policies if p.policy_type == "critical_illness")
    others = tuple(p for p in policies if p not in reimbursing and p not in fixed)
    words, sentences = pick(ORDER_WORDS, lang), []
    if len(reimbursing) > 1:
        sentences.append(words["several"].format(first=_names(reimbursing[:1], lang), rest=_names(reimbursing[1:], lang)))
    elif reimbursing:
        sentences.append(words["one"].format(names=_names(reimbursing, lang)))
    if fixed:
        sentences.append(words["fixed"].format(names=_names(fixed, lang)))
    return ClaimOrder(reimbursing, fixed, others, words["sep"].join(sentences))


EMERGENCY = re.compile(r"急诊|急救|抢救|120|救护车|emergency|ambulance|\ba ?&? ?e\b", re.IGNORECASE)
SITUATION_WORDS = {
    "zh": {"emergency": ("您说是急诊：急诊时由120送去或就近抢救的，急救费用一般仍可以赔。请保留120急救记录和急诊病历；"
                         "万一因为医院被拒赔，我们的顾问会帮您按紧急情况申诉。"),
           "below": "这次约{amount}：“{product}”今年还有{left}免赔额没抵扣，这笔费用达不到，这份保单一般不赔，可以先用医保和其他保单报。",
           "partly": "这次约{amount}：“{product}”先扣今年剩下的免赔额{left}，超出的部分再按比例赔。"},
    EN: {"emergency": ("You mentioned an emergency: when an ambulance took you, or you were treated at the nearest "
                       "hospital in an emergency, the emergency costs can usually still be claimed. Keep the ambulance "
                       "record and the emergency notes; if the claim is refused because of the hospital, our advisors "
                       "will appeal on the emergency for you."),
         "below": ("About {amount} this time: {product} still has {left} of this year's deductible to use up, so it "
                   "will usually pay nothing for it; claim from social insurance and your other policies first."),
         "partly": "About {amount} this time: {product} first takes the {left} of deductible left this year, then pays its share of the rest."},
}


def situation_notes(policies: Iterable[PolicyView], question: str, topics: Sequence[str],
                    amount: Optional[Decimal] = None, *, lang: Optional[str] = None) -> List[str]:
    """What the question's own facts change: an emergency at a private hospital, an amount against the deductible
    left on the user's own reimbursing policies ("私立医院急诊花了3000多，能报吗")."""
    words, notes = pick(SITUATION_WORDS, lang), []
    if "private_hospital" in topics and EMERGENCY.search(question or ""):
        notes.append(words["emergency"])
    for p in policies:
        terms = p.main
        if amount is None or amount <= 0 or p.relation != "self" or p.policy_type not in _REIMBURSING_RANK \
                or terms is None or not terms.annual_deductible:
            continue
        left = max(terms.annual_deductible - p.deductible_used, Decimal("0.00"))
        if left:
            key = "below" if left >= amount else "partly"
            notes.append(words[key].format(amount=yuan(amount), product=p.product_name, left=yuan(left)))
    return notes


# (title, line, verdict, basis) per language
_LINE = {"zh": ("【{title}】", "· {name}：{verdict}{text}{basis}", "{verdict}——", "（依据{ref}）"),
         EN: ("[{title}]", "· {name}: {verdict}{text}{basis}", "{verdict} — ", " (see {ref})")}


def _answer_line(item: Answer, lang: Optional[str]) -> str:
    _, line, verdict_format, basis_format = pick(_LINE, lang)
    name = pick({"zh": TOPIC_NAMES, EN: TOPIC_NAMES_EN}, lang).get(item.topic, item.topic)
    verdict_name = pick({"zh": VERDICT_NAMES, EN: VERDICT_NAMES_EN}, lang)[item.verdict]
    verdict = "" if item.topic in FACT_TOPICS and item.verdict != "unknown" else verdict_format.format(verdict=verdict_name)
    basis = basis_format.format(ref=ref(item.clause, lang=lang)) if item.clause and item.verdict != "unknown" else ""
    return line.format(name=name, verdict=verdict, text=item.text, basis=basis)


def format_answers(results: Sequence[PolicyAnswers], order: Optional[ClaimOrder] = None, *,
                   lang: Optional[str] = None) -> str:
    """One reply: per policy its title, then per topic the verdict, why, and the clause."""
    words, title = pick(ORDER_WORDS, lang), pick(_LINE, lang)[0]
    out: List[str] = []
    for result in results:
        out.append(title.format(title=result.policy.title_in(lang)))
        out += [_answer_line(item, lang) for item in result.answers]
    if order is not None and order.text and len(order.reimbursing) + len(order.fixed_sum) > 1:
        out.append(words["order"].format(text=order.text))
    if any(item.verdict == "unknown" for result in results for item in result.answers):
        out.append(words["unknown"])
    return "\n".join(out)
