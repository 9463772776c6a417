"""Build the pure domain inputs of bot.claims from stored rows, inside an open Session.

An action does e.g. `payout.explain(views.decision_inputs(session, claim))`;
the rules never see the ORM, and the queries (deductible used, amounts paid)
live here, next to the rows they read.
"""
from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Dict, List, Optional, Tuple

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot import clock
from bot.claims import rejections
from bot.claims.clauses import ClauseText
from bot.claims.payout import DeductibleFacts, LineInput, PayoutInputs, RatioFacts
from bot.claims.policy_view import CoverageTerms, PolicyView
from bot.store import customers, policies
from bot.store.models import Claim, Coverage, Decision, Policy

ZERO = Decimal("0.00")


def clause_texts(policy: Policy) -> Dict[str, ClauseText]:
    """The policy's clauses by clause id, in stored order."""
    return {c.clause_id: ClauseText(c.clause_id, c.title, c.text) for c in policy.clauses}


def coverage_terms(coverage: Coverage) -> CoverageTerms:
    return CoverageTerms(
        code=coverage.code, name=coverage.name, sum_insured=coverage.sum_insured,
        annual_deductible=coverage.annual_deductible, ratio_with_social=coverage.ratio_with_social,
        ratio_without_social=coverage.ratio_without_social, hospital_requirement=coverage.hospital_requirement,
        general_ward_only=coverage.general_ward_only, waiting_days_illness=coverage.waiting_days_illness,
        waiting_days_accident=coverage.waiting_days_accident, exclusions=tuple(coverage.exclusions or ()),
        emergency_exception=coverage.emergency_exception,
    )


def relation(session: Session, customer_id: int, policy: Policy) -> str:
    """The insured's relation to the asking customer: self, or the family link they added, else other."""
    if policy.insured_id == customer_id:
        return "self"
    links = {relative.id: link for relative, link in customers.family_of(session, customer_id)}
    return links.get(policy.insured_id, "other")


def _payouts(session: Session, policy: Policy, year: Tuple[date, date]) -> Tuple[Decimal, Decimal]:
    """(paid on claims of the policy year, paid since the start); summed in Python to stay Decimal on SQLite."""
    rows = session.execute(
        select(Claim.incident_date, Decision.payout).join(Decision, Decision.claim_id == Claim.id)
        .where(Claim.policy_id == policy.id)
    ).all()
    this_year = sum((paid for day, paid in rows if year[0] <= day < year[1]), ZERO)
    return this_year, sum((paid for _, paid in rows), ZERO)


def policy_view(session: Session, policy: Policy, customer_id: int, today: Optional[date] = None) -> PolicyView:
    """The policy as the asking customer sees it today, with this policy year's deductible and payouts."""
    today = today or clock.today()
    year = policies.policy_year(policy, today)
    paid_year, paid_total = _payouts(session, policy, year)
    return PolicyView(
        policy_number=policy.policy_number, product_name=policy.product_name, insurer=policy.insurer,
        policy_type=policy.policy_type, insured_name=policy.insured.name, relation=relation(session, customer_id, policy),
        source=policy.source, status=policy.status, start_date=policy.start_date, end_date=policy.end_date,
        coverages=tuple(coverage_terms(c) for c in policy.coverages), clauses=tuple(clause_texts(policy).values()),
        policy_year=year, deductible_used=policies.deductible_used(session, policy, today),
        paid_this_year=paid_year, paid_total=paid_total, insured_id=policy.insured_id,
    )


def policy_views(session: Session, customer_id: int, today: Optional[date] = None) -> List[PolicyView]:
    """Every policy the customer may see (own and family, ours and external), as views."""
    return [policy_view(session, p, customer_id, today) for p in policies.visible_policies(session, customer_id)]


def _deductible_of(decision: Decision) -> Decimal:
    return -sum((line.amount for line in decision.lines if line.kind == "deductible"), ZERO)


def _deductible_before(session: Session, claim: Claim, decision: Decision) -> Decimal:
    """Deductible absorbed by the same policy year's claims decided before this one."""
    start, end = policies.policy_year(claim.policy, claim.incident_date)
    others = session.scalars(select(Claim).where(
        Claim.policy_id == claim.policy_id, Claim.id != claim.id,
        Claim.incident_date >= start, Claim.incident_date < end))
    earlier = [c.decision for c in others
               if c.decision is not None and (c.decision.decided_at, c.id) < (decision.decided_at, claim.id)]
    return sum((_deductible_of(d) for d in earlier), ZERO)


def _coverage(session: Session, claim: Claim) -> Coverage:
    return claim.coverage or policies.main_coverage(session, claim.policy)


def decision_inputs(session: Session, claim: Claim) -> Optional[PayoutInputs]:
    """Everything payout.explain() needs for the claim's decision; None while undecided."""
    decision = claim.decision
    if decision is None:
        return None
    coverage = _coverage(session, claim)
    lines = tuple(LineInput(line.seq, line.kind, line.label, line.amount, line.clause_id, line.note)
                  for line in decision.lines)
    deductible = DeductibleFacts(coverage.annual_deductible, _deductible_before(session, claim, decision),
                                 _deductible_of(decision))
    ratio = RatioFacts(coverage.ratio_with_social, coverage.ratio_without_social, claim.social_insurance_settled)
    return PayoutInputs(claim.case_number, decision.outcome, decision.payout, decision.summary, lines,
                        clause_texts(claim.policy), deductible, ratio)


def rejection_inputs(session: Session, claim: Claim) -> Optional[rejections.RejectionInputs]:
    """Everything rejections.explain() needs; None unless the claim's decision is a rejection."""
    decision = claim.decision
    if decision is None or decision.outcome != "rejected":
        return None
    clauses = clause_texts(claim.policy)
    related = rejections.related_clauses(decision.reason_code, clauses.values(), decision.clause_id,
                                         _coverage(session, claim).emergency_exception)
    facts = rejections.ClaimFacts(
        hospital_name=claim.hospital_name, hospital_grade=claim.hospital_grade,
        hospital_ownership=claim.hospital_ownership, incident_type=claim.incident_type,
        incident_date=claim.incident_date, description=claim.description or "")
    return rejections.RejectionInputs(claim.case_number, decision.reason_code, decision.clause_id,
                                      clauses.get(decision.clause_id or ""), facts, related, decision.summary)
