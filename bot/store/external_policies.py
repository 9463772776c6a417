"""Family policies bought on other platforms, added by a customer (`family_policy_form`).

`facts` is a mapping of the form's answers, as the validators of
bot.claims.family_policy return them (or their slot strings):

    insurer, product_name, policy_number, insured_name, relationship
    (self | spouse | parent | child), policy_type, start_date, end_date,
    annual_deductible, ratio_with_social, hospital_requirement  (each may be SKIP / None)
    optional: insured_gender ("F" | "M", e.g. from family_policy.relative_gender),
    insured_birth_date, sum_insured, ratio_without_social, waiting_days_illness

Every answer is checked again with the same validators, so nothing the form
would refuse is stored.

Unknown terms. A Coverage row cannot say "unknown": every column holds a
number or a code, and coverage answers (bot.claims.coverage_rules) read them
as the policy's terms. Stored from these facts, the defaults would tell the user
things nobody said: "没有疾病等待期" (waiting_days_illness 0, never asked),
"保额¥0.00" (sum_insured, never asked), "没有免赔额" or "都按100%赔付" for a
skipped deductible or ratio. So the policy gets its Coverage only when every
term in COVERAGE_TERMS is known; otherwise none, and coverage answers for it
say the stored terms cannot tell and offer an advisor.
"""
from __future__ import annotations

from datetime import date
from typing import Any, Callable, Dict, Mapping, Optional

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.claims import family_policy as fp
from bot.claims.money import to_money
from bot.store import views
from bot.store.customers import create_unidentified_relative, family_of, get_customer, link_family
from bot.store.models import Customer, Policy
from bot.store.policies import add_coverage, add_policy, get_visible_policy, normalize_policy_number

# Terms without which a Coverage row would state something nobody told us.
COVERAGE_TERMS = ("sum_insured", "annual_deductible", "ratio_with_social", "ratio_without_social",
                  "hospital_requirement", "waiting_days_illness")
_COVERAGE_NAMES = {
    "medical": ("general_medical", "一般医疗保险金"),
    "accident": ("accident_medical", "意外医疗保险金"),
    "critical_illness": ("critical_illness", "重大疾病保险金"),
    "other": ("main", "保险责任"),
}


class DuplicatePolicy(Exception):
    """The policy number is already stored.

    `title` is the existing policy's title when the customer may see it
    (e.g. "王丽 · 安康百万医疗险（2022版）（医疗险）"); None when it is someone
    else's, so the answer never reveals another customer's policy.
    """

    def __init__(self, policy_number: str, title: Optional[str]):
        self.policy_number, self.title = policy_number, title
        super().__init__(f"policy {policy_number} already exists" + (f": {title}" if title else ""))


def _known(facts: Mapping[str, Any], key: str) -> bool:
    return facts.get(key) not in (None, "", fp.SKIP)


def _checked(validate: Callable[..., fp.FieldCheck], value: Any, *args: Any) -> Any:
    check = validate(value, *args)
    if not check.ok:
        raise ValueError(check.error)
    return check.value


def _optional(facts: Mapping[str, Any], key: str, validate: Callable[[Any], fp.FieldCheck]) -> Any:
    """The checked value, or None when unknown (skipped or not given)."""
    value = _checked(validate, facts[key]) if _known(facts, key) else None
    return None if value == fp.SKIP else value


def _insured(session: Session, customer: Customer, facts: Mapping[str, Any]) -> Customer:
    """The customer themself, a relative of theirs with this name, or a new relative."""
    relationship = _checked(fp.validate_relationship, facts["relationship"])
    name = _checked(fp.validate_insured_name, facts["insured_name"])
    if relationship == "self":
        if name != customer.name:
            raise ValueError(f"relationship is self, but the insured is {name}, not {customer.name}")
        return customer
    relative = next((person for person, _ in family_of(session, customer.id) if person.name == name), None)
    if relative is None:
        gender = facts.get("insured_gender") or (
            {"F": "M", "M": "F"}[customer.gender] if relationship == "spouse" else None)
        birth = facts.get("insured_birth_date")
        relative = create_unidentified_relative(
            session, name=name, gender=gender, birth_date=date.fromisoformat(str(birth)) if birth else None)
    link_family(session, customer.id, relative.id, relationship)
    return relative


def _coverage_terms(facts: Mapping[str, Any]) -> Optional[Dict[str, Any]]:
    """Coverage columns from the facts; None unless every one of COVERAGE_TERMS is known."""
    terms = {
        "sum_insured": to_money(facts.get("sum_insured")) if _known(facts, "sum_insured") else None,
        "annual_deductible": _optional(facts, "annual_deductible", fp.validate_deductible),
        "ratio_with_social": _optional(facts, "ratio_with_social", fp.validate_ratio),
        "ratio_without_social": _optional(facts, "ratio_without_social", fp.validate_ratio),
        "hospital_requirement": _optional(facts, "hospital_requirement", fp.validate_hospital_requirement),
        "waiting_days_illness": int(facts["waiting_days_illness"]) if _known(facts, "waiting_days_illness") else None,
    }
    if any(terms[key] is None for key in COVERAGE_TERMS):
        return None
    if terms["sum_insured"] <= 0 or terms["waiting_days_illness"] < 0:
        raise ValueError("sum insured must be positive and the waiting period not negative")
    return terms


def add_external_policy(session: Session, customer_id: int, facts: Mapping[str, Any]) -> Policy:
    """Store a family policy bought elsewhere, visible to `customer_id` from now on.

    The customer who adds it is recorded as its holder. Raises DuplicatePolicy
    when the (normalised) policy number is already stored, ValueError on a fact
    the form's validators refuse, LookupError for an unknown customer.
    """
    customer = get_customer(session, customer_id)
    if customer is None:
        raise LookupError(f"no customer {customer_id}")
    number = normalize_policy_number(_checked(fp.validate_policy_number, facts["policy_number"]))
    if session.scalars(select(Policy.id).where(Policy.policy_number == number)).first() is not None:
        visible = get_visible_policy(session, customer_id, number)
        raise DuplicatePolicy(number, views.policy_view(session, visible, customer_id).title if visible else None)
    start = _checked(fp.validate_start_date, facts["start_date"])
    fields = dict(
        policy_number=number, product_name=_checked(fp.validate_product_name, facts["product_name"]),
        insurer=_checked(fp.validate_insurer, facts["insurer"]),
        policy_type=_checked(fp.validate_policy_type, facts["policy_type"]),
        start_date=start, end_date=_checked(fp.validate_end_date, facts["end_date"], start),
    )
    terms = _coverage_terms(facts)  # every check before the first write
    insured = _insured(session, customer, facts)
    policy = add_policy(session, holder_id=customer.id, insured_id=insured.id, source="external", **fields)
    if terms is not None:
        code, name = _COVERAGE_NAMES[policy.policy_type]
        add_coverage(session, policy, code=code, name=name, **terms)
    return policy

