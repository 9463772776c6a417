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
from typing import Iterable, List, Optional, Sequence, Tuple

from bot import clock
from bot.claims.clauses import ref
from bot.claims.coverage_rules import RULES
from bot.claims.policy_view import Answer, PolicyView
from bot.nlu.normalizer import normalize_text

TOPIC_NAMES = {
    "outpatient": "门诊", "private_hospital": "私立医院", "special_ward": "特需/国际部/VIP",
    "self_paid_drugs": "进口药、自费药", "fracture": "意外骨折", "dental": "看牙", "cosmetic": "美容整形",
    "pre_existing": "投保前就有的病", "deductible": "免赔额", "ratio": "赔付比例", "sum_insured": "保额",
    "waiting_period": "等待期", "hospital": "医院要求", "exclusions": "不保的情形", "policy_period": "保障期",
}
# Topics that state a fact of the policy rather than whether something is paid: shown without a verdict.
FACT_TOPICS = ("deductible", "ratio", "sum_insured", "waiting_period", "hospital", "exclusions", "policy_period")
VERDICT_NAMES = {"covered": "能赔", "not_covered": "不赔", "conditional": "有条件", "unknown": "需要确认"}

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
# A more specific topic makes the general one redundant.
_SUBSUMED = {"hospital": ("private_hospital", "special_ward")}


def topics_in(text: Optional[str]) -> List[str]:
    """Topic codes the question mentions, in the order they appear ("私立医院门诊能报吗" -> private_hospital, outpatient)."""
    text = normalize_text(text or "").lower()
    found = {}
    for topic, pattern in _PATTERNS.items():
        match = pattern.search(text)
        if match:
            found[topic] = match.start()
    for general, specific in _SUBSUMED.items():
        if general in found and any(topic in found for topic in specific):
            del found[general]
    return sorted(found, key=lambda topic: found[topic])


@dataclass(frozen=True)
class PolicyAnswers:
    policy: PolicyView
    answers: Tuple[Answer, ...]


def answer(policy: PolicyView, topic: str, today: Optional[date] = None) -> Answer:
    """One policy's answer on one topic; "unknown" when the stored terms cannot say."""
    rule, coverage = RULES.get(topic), policy.main
    if rule is None or coverage is None:
        return Answer(topic, "unknown", "这个问题我们存的保单资料回答不了，需要顾问对照完整条款帮您确认。")
    return rule(policy, coverage, today or clock.today())


def answer_all(policies: Iterable[PolicyView], topics: Sequence[str], today: Optional[date] = None) -> List[PolicyAnswers]:
    today = today or clock.today()
    return [PolicyAnswers(p, tuple(answer(p, topic, today) for topic in topics)) for p in policies]


@dataclass(frozen=True)
class ClaimOrder:
    """Which policies to claim, in order, after social insurance; and which pay on their own."""

    reimbursing: Tuple[PolicyView, ...]  # medical first, then accident medical
    fixed_sum: Tuple[PolicyView, ...]  # critical illness: pays its sum on diagnosis, independently
    not_applicable: Tuple[PolicyView, ...]  # e.g. accident policies for an illness; other types
    text: str


_REIMBURSING_RANK = {"medical": 0, "accident": 1}


def _names(policies: Sequence[PolicyView]) -> str:
    return "、".join(f"“{p.product_name}”" for p in policies)


def claim_order(policies: Iterable[PolicyView], incident_type: Optional[str] = None) -> ClaimOrder:
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
    sentences = []
    if len(reimbursing) > 1:
        sentences.append(f"先用医保（社保）结算，再拿发票和医保结算单找{_names(reimbursing[:1])}报销，没报完的部分"
                         f"再凭前一家开的理赔分割单找{_names(reimbursing[1:])}报，几份加起来不会超过实际花费。")
    elif reimbursing:
        sentences.append(f"先用医保（社保）结算，剩下的再找{_names(reimbursing)}报销。")
    if fixed:
        sentences.append(f"{_names(fixed)}是确诊合同约定的重大疾病后按保额一次性给付，和报销互不影响，可以同时申请。")
    return ClaimOrder(reimbursing, fixed, others, "".join(sentences))


def _answer_line(item: Answer) -> str:
    name = TOPIC_NAMES.get(item.topic, item.topic)
    verdict = "" if item.topic in FACT_TOPICS and item.verdict != "unknown" else f"{VERDICT_NAMES[item.verdict]}——"
    basis = f"（依据{ref(item.clause)}）" if item.clause and item.verdict != "unknown" else ""
    return f"· {name}：{verdict}{item.text}{basis}"


def format_answers(results: Sequence[PolicyAnswers], order: Optional[ClaimOrder] = None) -> str:
    """One reply: per policy its title, then per topic the verdict, why, and the clause."""
    out: List[str] = []
    for result in results:
        out.append(f"【{result.policy.title}】")
        out += [_answer_line(item) for item in result.answers]
    if order is not None and order.text and len(order.reimbursing) + len(order.fixed_sum) > 1:
        out.append(f"理赔顺序：{order.text}")
    if any(item.verdict == "unknown" for result in results for item in result.answers):
        out.append("标“需要确认”的，我们可以请顾问对照完整条款帮您确认。")
    return "\n".join(out)
