"""Policies, their coverages and clauses, and who may see them."""
from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Iterable, List, Optional, Tuple

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from bot.store.models import Claim, Clause, Coverage, Decision, DecisionLine, FamilyLink, Policy


def visible_condition(customer_id: int) -> ColumnElement:
    """SQL condition on Policy: the customer's own policies (as holder or insured),
    plus those of relatives they added, where the customer or the relative holds it.

    A policy a relative holds for someone else stays hidden: it is not the
    customer's family business.
    """
    relatives = select(FamilyLink.relative_id).where(FamilyLink.customer_id == customer_id)
    return or_(
        Policy.holder_id == customer_id,
        Policy.insured_id == customer_id,
        and_(
            Policy.insured_id.in_(relatives),
            or_(Policy.holder_id == customer_id, Policy.holder_id == Policy.insured_id),
        ),
    )


def normalize_policy_number(policy_number: str) -> str:
    return (policy_number or "").strip().replace(" ", "").upper()


def visible_policies(session: Session, customer_id: int) -> List[Policy]:
    """Every policy this customer may see, oldest start date first."""
    return list(session.scalars(
        select(Policy).where(visible_condition(customer_id)).order_by(Policy.start_date, Policy.id)
    ))


def get_visible_policy(session: Session, customer_id: int, policy_number: str) -> Optional[Policy]:
    """The policy if this customer may see it; None otherwise, whether or not it exists."""
    return session.scalars(
        select(Policy).where(
            Policy.policy_number == normalize_policy_number(policy_number), visible_condition(customer_id)
        )
    ).first()


def main_coverage(session: Session, policy: Policy) -> Coverage:
    """The policy's first coverage (the one claims are filed against by default)."""
    coverage = session.scalars(
        select(Coverage).where(Coverage.policy_id == policy.id).order_by(Coverage.id).limit(1)
    ).first()
    if coverage is None:
        raise LookupError(f"policy {policy.policy_number} has no coverage")
    return coverage


def get_clause(session: Session, policy: Policy, clause_id: str) -> Optional[Clause]:
    return session.scalars(
        select(Clause).where(Clause.policy_id == policy.id, Clause.clause_id == clause_id)
    ).first()


def _anniversary(start: date, year: int) -> date:
    try:
        return start.replace(year=year)
    except ValueError:  # 29 February in a common year
        return start.replace(year=year, day=28)


def policy_year(policy: Policy, on_date: date) -> Tuple[date, date]:
    """[first day, first day of the next) of the policy year containing `on_date`."""
    start = _anniversary(policy.start_date, on_date.year)
    if start > on_date:
        start = _anniversary(policy.start_date, on_date.year - 1)
    return start, _anniversary(policy.start_date, start.year + 1)


def deductible_used(session: Session, policy: Policy, on_date: date) -> Decimal:
    """Deductible already absorbed by decided claims in the policy year of `on_date`."""
    start, end = policy_year(policy, on_date)
    amounts = session.scalars(
        select(DecisionLine.amount)
        .join(Decision, DecisionLine.decision_id == Decision.id)
        .join(Claim, Decision.claim_id == Claim.id)
        .where(
            Claim.policy_id == policy.id,
            DecisionLine.kind == "deductible",
            Claim.incident_date >= start,
            Claim.incident_date < end,
        )
    )
    # Summed in Python: SQLite would add the amounts as floats.
    return sum((abs(amount) for amount in amounts), Decimal("0.00"))


def add_policy(
    session: Session,
    *,
    policy_number: str,
    product_name: str,
    insurer: str,
    policy_type: str,
    holder_id: int,
    insured_id: int,
    start_date: date,
    end_date: date,
    source: str = "ours",
    status: str = "active",
    created_at: Optional[datetime] = None,
) -> Policy:
    if end_date < start_date:
        raise ValueError("a policy cannot end before it starts")
    policy = Policy(
        policy_number=normalize_policy_number(policy_number), product_name=product_name, insurer=insurer,
        policy_type=policy_type, holder_id=holder_id, insured_id=insured_id,
        start_date=start_date, end_date=end_date, source=source, status=status,
    )
    if created_at is not None:
        policy.created_at = created_at
    session.add(policy)
    session.flush()
    return policy


def add_coverage(
    session: Session,
    policy: Policy,
    *,
    code: str,
    name: str,
    sum_insured: Decimal,
    annual_deductible: Decimal = Decimal("0.00"),
    ratio_with_social: Decimal = Decimal("1.00"),
    ratio_without_social: Decimal = Decimal("1.00"),
    hospital_requirement: str = "any",
    general_ward_only: bool = False,
    waiting_days_illness: int = 0,
    waiting_days_accident: int = 0,
    exclusions: Iterable[str] = (),
    emergency_exception: bool = False,
) -> Coverage:
    coverage = Coverage(
        policy_id=policy.id, code=code, name=name, sum_insured=sum_insured,
        annual_deductible=annual_deductible, ratio_with_social=ratio_with_social,
        ratio_without_social=ratio_without_social, hospital_requirement=hospital_requirement,
        general_ward_only=general_ward_only, waiting_days_illness=waiting_days_illness,
        waiting_days_accident=waiting_days_accident, exclusions=list(exclusions),
        emergency_exception=emergency_exception,
    )
    session.add(coverage)
    session.flush()
    return coverage


def add_clause(session: Session, policy: Policy, clause_id: str, title: str, text: str) -> Clause:
    clause = Clause(policy_id=policy.id, clause_id=clause_id, title=title, text=text)
    session.add(clause)
    session.flush()
    return clause
