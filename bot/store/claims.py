"""Claims: case numbers, first notice of loss, timeline, documents, decisions."""
from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime
from decimal import Decimal
from typing import List, Optional, Sequence, Tuple

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot import clock
from bot.store.db import lock_for_write
from bot.store.models import (
    EVENT_KINDS, LINE_KINDS, Claim, ClaimEvent, Coverage, Decision, DecisionLine, Document, Policy,
)
from bot.store.policies import visible_condition

FIRST_CASE_NUMBER = 1001
MAX_ATTEMPTS = 10  # each retry means another writer took the number: a handful is plenty
_CASE_RE = re.compile(r"^C-?(\d+)$")

# (kind, label, amount, clause_id, note) - the steps of a decision before the payout line
LineSpec = Tuple[str, str, Decimal, Optional[str], Optional[str]]


def normalize_case_number(case_number: str) -> str:
    """"c1001", " C-1001 ", "1001" -> "C-1001"."""
    value = unicodedata.normalize("NFKC", case_number or "").strip().replace(" ", "").upper()
    if value.isdigit():
        value = "C-" + value
    match = _CASE_RE.match(value)
    return f"C-{match.group(1)}" if match else value


def next_case_number(session: Session) -> str:
    """"C-" + (largest numeric part so far + 1), at least C-1001.

    Not a reservation: create_claim relies on the unique constraint and retries.
    """
    # Same-length numeric suffixes sort like numbers, so the longest-then-greatest wins.
    candidates = session.scalars(
        select(Claim.case_number)
        .where(Claim.case_number.like("C-%"))
        .order_by(func.length(Claim.case_number).desc(), Claim.case_number.desc())
        .limit(20)
    )
    for case_number in candidates:
        match = _CASE_RE.match(case_number)
        if match:
            return f"C-{max(int(match.group(1)) + 1, FIRST_CASE_NUMBER)}"
    return f"C-{FIRST_CASE_NUMBER}"


def _first_coverage_id(session: Session, policy: Policy) -> Optional[int]:
    return session.scalars(
        select(Coverage.id).where(Coverage.policy_id == policy.id).order_by(Coverage.id).limit(1)
    ).first()


def create_claim(
    session: Session,
    *,
    policy: Policy,
    insured_id: int,
    reporter_id: int,
    incident_type: str,
    incident_date: date,
    hospital_name: Optional[str],
    hospital_grade: Optional[str],
    hospital_ownership: Optional[str],
    diagnosis: Optional[str],
    amount_claimed: Optional[Decimal],
    description: str = "",
    inpatient: Optional[bool] = None,
    social_insurance_settled: Optional[bool] = None,
    reported_at: Optional[datetime] = None,
    submission_key: Optional[str] = None,
) -> Claim:
    """Register a claim (status "reported") with its first timeline event.

    The case number is chosen optimistically; if a concurrent writer took it,
    the insert fails on the unique constraint inside a SAVEPOINT and is retried
    with the next number, leaving the caller's transaction intact. (On SQLite the
    write lock is taken first, so there a clash cannot happen.)
    """
    at = reported_at or clock.now()
    lock_for_write(session)  # SQLite: serialise with other writers before reading the last number
    coverage_id = _first_coverage_id(session, policy)
    for _ in range(MAX_ATTEMPTS):
        claim = Claim(
            case_number=next_case_number(session), policy_id=policy.id, coverage_id=coverage_id,
            insured_id=insured_id, reporter_id=reporter_id, incident_type=incident_type,
            incident_date=incident_date, hospital_name=hospital_name, hospital_grade=hospital_grade,
            hospital_ownership=hospital_ownership, inpatient=inpatient, diagnosis=diagnosis,
            amount_claimed=amount_claimed, social_insurance_settled=social_insurance_settled,
            description=description or "", status="reported", submission_key=submission_key,
            created_at=at, updated_at=at,
        )
        try:
            with session.begin_nested():
                session.add(claim)
        except IntegrityError as exc:
            if "case_number" not in str(exc.orig):
                raise
            continue
        add_event(session, claim, "reported", "已登记报案", at=at)
        return claim
    raise RuntimeError(f"no free case number after {MAX_ATTEMPTS} attempts")


def by_submission_keys(session: Session, keys: Sequence[str]) -> Optional[Claim]:
    """The claim one of these submissions made, if any (see Claim.submission_key)."""
    if not keys:
        return None
    return session.scalars(select(Claim).where(Claim.submission_key.in_(list(keys)))).first()


def visible_claims(session: Session, customer_id: int) -> List[Claim]:
    """Claims on every policy the customer may see, newest first."""
    return list(session.scalars(
        select(Claim)
        .join(Policy, Claim.policy_id == Policy.id)
        .where(visible_condition(customer_id))
        .order_by(Claim.created_at.desc(), Claim.id.desc())
    ))


def get_visible_claim(session: Session, customer_id: int, case_number: str) -> Optional[Claim]:
    """The claim if this customer may see it; None otherwise, whether or not it exists."""
    return session.scalars(
        select(Claim)
        .join(Policy, Claim.policy_id == Policy.id)
        .where(Claim.case_number == normalize_case_number(case_number), visible_condition(customer_id))
    ).first()


def timeline(session: Session, claim: Claim) -> List[ClaimEvent]:
    return list(session.scalars(
        select(ClaimEvent).where(ClaimEvent.claim_id == claim.id).order_by(ClaimEvent.at, ClaimEvent.id)
    ))


def add_event(
    session: Session, claim: Claim, kind: str, note: str, at: Optional[datetime] = None
) -> ClaimEvent:
    """Append to the claim's timeline; the note is shown to the user as written."""
    if kind not in EVENT_KINDS:
        raise ValueError(f"event kind must be one of {EVENT_KINDS}")
    at = at or clock.now()
    event = ClaimEvent(claim_id=claim.id, at=at, kind=kind, note=note)
    session.add(event)
    if claim.updated_at is None or at > claim.updated_at:
        claim.updated_at = at
    session.flush()
    return event


def add_document(
    session: Session,
    claim: Claim,
    doc_type: str,
    *,
    status: str = "received",
    filename: Optional[str] = None,
    sha256: Optional[str] = None,
    size_bytes: Optional[int] = None,
    mime: Optional[str] = None,
    width: Optional[int] = None,
    height: Optional[int] = None,
    pages: Optional[int] = None,
    note: Optional[str] = None,
    created_at: Optional[datetime] = None,
) -> Document:
    """Record a document; a second one with the same sha256 on the claim violates a unique index."""
    document = Document(
        claim_id=claim.id, doc_type=doc_type, status=status, filename=filename, sha256=sha256,
        size_bytes=size_bytes, mime=mime, width=width, height=height, pages=pages, note=note,
        created_at=created_at or clock.now(),
    )
    session.add(document)
    session.flush()
    return document


def documents_of(session: Session, claim: Claim) -> List[Document]:
    """The claim's documents in upload order."""
    return list(session.scalars(
        select(Document).where(Document.claim_id == claim.id).order_by(Document.created_at, Document.id)))


def find_document(session: Session, claim: Claim, sha256: str) -> Optional[Document]:
    """The claim's document with this content hash, if it was already received."""
    return session.scalars(
        select(Document).where(Document.claim_id == claim.id, Document.sha256 == sha256)).first()


def record_decision(
    session: Session,
    claim: Claim,
    *,
    outcome: str,
    summary: str,
    lines: Sequence[LineSpec],
    decided_at: Optional[datetime] = None,
    reason_code: Optional[str] = None,
    clause_id: Optional[str] = None,
    payout_label: str = "实际赔付金额",
) -> Decision:
    """Store the insurer's decision; the payout is the sum of the lines, so it always adds up.

    A final "payout" line is appended. Claim status and timeline are left to the caller.
    """
    payout = sum((amount for _, _, amount, _, _ in lines), Decimal("0.00"))  # floats raise here
    if payout < 0:
        raise ValueError(f"decision lines add up to a negative payout ({payout})")
    decision = Decision(
        claim_id=claim.id, outcome=outcome, decided_at=decided_at or clock.now(), payout=payout,
        reason_code=reason_code, clause_id=clause_id, summary=summary,
    )
    all_lines = list(lines) + [("payout", payout_label, payout, None, None)]
    for seq, (kind, label, amount, line_clause, note) in enumerate(all_lines, start=1):
        if kind not in LINE_KINDS:
            raise ValueError(f"line kind must be one of {LINE_KINDS}")
        decision.lines.append(DecisionLine(
            seq=seq, kind=kind, label=label, amount=amount, clause_id=line_clause, note=note))
    session.add(decision)
    session.flush()
    return decision


def decision_of(session: Session, claim: Claim) -> Optional[Decision]:
    return session.scalars(select(Decision).where(Decision.claim_id == claim.id)).first()
