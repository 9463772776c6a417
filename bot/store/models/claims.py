"""Claims and what hangs off one: its status history (events), the documents received, and the decision
with the lines of its payout calculation."""
from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import List, Optional

from sqlalchemy import Boolean, CheckConstraint, Column, Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, relationship

from bot import clock
from bot.store.db import AwareDateTime, Money
from bot.store.models.base import Base, _one_of
from bot.store.models.customers import Customer
from bot.store.models.policies import Coverage, Policy

INCIDENT_TYPES = ("accident", "illness")
HOSPITAL_GRADES = ("3A", "3", "2", "1", "unrated")
HOSPITAL_OWNERSHIPS = ("public", "private")
CLAIM_STATUSES = (
    "reported", "materials_incomplete", "submitted", "under_review",
    "paid", "partly_paid", "rejected", "closed", "withdrawn",
)
EVENT_KINDS = (
    "reported", "materials_requested", "submitted", "under_review", "decided", "paid", "note",
    "disputed", "dispute_result",
)
DOCUMENT_STATUSES = ("received", "unusable")
DECISION_OUTCOMES = ("paid", "partly_paid", "rejected")
LINE_KINDS = ("billed", "not_covered", "social_insurance", "deductible", "ratio", "payout")


class Claim(Base):
    __tablename__ = "claims"
    __table_args__ = (
        _one_of("incident_type", INCIDENT_TYPES),
        _one_of("hospital_grade", HOSPITAL_GRADES, nullable=True),
        _one_of("hospital_ownership", HOSPITAL_OWNERSHIPS, nullable=True),
        _one_of("status", CLAIM_STATUSES),
    )

    id: Mapped[int] = Column(Integer, primary_key=True)
    case_number: Mapped[str] = Column(String(16), nullable=False, unique=True)
    policy_id: Mapped[int] = Column(ForeignKey("policies.id"), nullable=False, index=True)
    coverage_id: Mapped[Optional[int]] = Column(ForeignKey("coverages.id"))
    insured_id: Mapped[int] = Column(ForeignKey("customers.id"), nullable=False, index=True)
    reporter_id: Mapped[int] = Column(ForeignKey("customers.id"), nullable=False)
    incident_type: Mapped[str] = Column(String(10), nullable=False)
    incident_date: Mapped[date] = Column(Date, nullable=False)
    hospital_name: Mapped[Optional[str]] = Column(String(100))
    hospital_grade: Mapped[Optional[str]] = Column(String(10))
    hospital_ownership: Mapped[Optional[str]] = Column(String(10))
    inpatient: Mapped[Optional[bool]] = Column(Boolean)
    diagnosis: Mapped[Optional[str]] = Column(String(200))
    amount_claimed: Mapped[Optional[Decimal]] = Column(Money())  # may be unknown at first notice
    social_insurance_settled: Mapped[Optional[bool]] = Column(Boolean)
    description: Mapped[str] = Column(Text, nullable=False, default="")
    status: Mapped[str] = Column(String(24), nullable=False, default="reported")
    # Which confirmation made it (actions/claim_report.py), so that confirming again after a failure
    # whose COMMIT did happen finds this claim instead of making a second one.
    submission_key: Mapped[Optional[str]] = Column(String(64), unique=True, index=True)
    created_at: Mapped[datetime] = Column(AwareDateTime(), nullable=False, default=clock.now)
    updated_at: Mapped[datetime] = Column(AwareDateTime(), nullable=False, default=clock.now, onupdate=clock.now)

    policy: Mapped[Policy] = relationship(Policy)
    coverage: Mapped[Optional[Coverage]] = relationship(Coverage)
    insured: Mapped[Customer] = relationship(Customer, foreign_keys=[insured_id])
    reporter: Mapped[Customer] = relationship(Customer, foreign_keys=[reporter_id])
    events: Mapped[List["ClaimEvent"]] = relationship(
        "ClaimEvent", back_populates="claim", order_by=lambda: [ClaimEvent.at, ClaimEvent.id],
        cascade="all, delete-orphan")
    documents: Mapped[List["Document"]] = relationship(
        "Document", back_populates="claim", order_by="Document.id", cascade="all, delete-orphan")
    decision: Mapped[Optional["Decision"]] = relationship(
        "Decision", back_populates="claim", uselist=False, cascade="all, delete-orphan")

    def __repr__(self) -> str:
        return f"<Claim {self.case_number} {self.status}>"


class ClaimEvent(Base):
    __tablename__ = "claim_events"
    __table_args__ = (_one_of("kind", EVENT_KINDS), Index(None, "claim_id", "at"))

    id: Mapped[int] = Column(Integer, primary_key=True)
    claim_id: Mapped[int] = Column(ForeignKey("claims.id", ondelete="CASCADE"), nullable=False)
    at: Mapped[datetime] = Column(AwareDateTime(), nullable=False, default=clock.now)
    kind: Mapped[str] = Column(String(24), nullable=False)
    note: Mapped[str] = Column(Text, nullable=False, default="")

    claim: Mapped[Claim] = relationship(Claim, back_populates="events")


class Document(Base):
    """A material received for a claim; the file itself is bot.documents.staging's, by sha256."""

    __tablename__ = "documents"
    # The same file twice on one claim is a duplicate (NULLs, e.g. paper copies, never clash).
    __table_args__ = (_one_of("status", DOCUMENT_STATUSES), Index(None, "claim_id", "sha256", unique=True))

    id: Mapped[int] = Column(Integer, primary_key=True)
    claim_id: Mapped[int] = Column(ForeignKey("claims.id", ondelete="CASCADE"), nullable=False, index=True)
    doc_type: Mapped[str] = Column(String(40), nullable=False)  # codes of bot.claims.materials
    status: Mapped[str] = Column(String(10), nullable=False, default="received")
    filename: Mapped[Optional[str]] = Column(String(255))
    sha256: Mapped[Optional[str]] = Column(String(64))
    size_bytes: Mapped[Optional[int]] = Column(Integer)
    mime: Mapped[Optional[str]] = Column(String(40))  # detected from the content, not the name
    width: Mapped[Optional[int]] = Column(Integer)  # images: pixels
    height: Mapped[Optional[int]] = Column(Integer)
    pages: Mapped[Optional[int]] = Column(Integer)  # PDFs
    note: Mapped[Optional[str]] = Column(Text)  # unusable: why, and how to fix it
    created_at: Mapped[datetime] = Column(AwareDateTime(), nullable=False, default=clock.now)

    claim: Mapped[Claim] = relationship(Claim, back_populates="documents")


class Decision(Base):
    __tablename__ = "decisions"
    __table_args__ = (
        _one_of("outcome", DECISION_OUTCOMES),
        CheckConstraint("payout >= 0", name="payout_not_negative"),
    )

    id: Mapped[int] = Column(Integer, primary_key=True)
    claim_id: Mapped[int] = Column(ForeignKey("claims.id", ondelete="CASCADE"), nullable=False, unique=True)
    outcome: Mapped[str] = Column(String(16), nullable=False)
    decided_at: Mapped[datetime] = Column(AwareDateTime(), nullable=False, default=clock.now)
    payout: Mapped[Decimal] = Column(Money(), nullable=False)
    reason_code: Mapped[Optional[str]] = Column(String(50))
    clause_id: Mapped[Optional[str]] = Column(String(16))  # Clause.clause_id of the claim's policy
    summary: Mapped[str] = Column(Text, nullable=False, default="")

    claim: Mapped[Claim] = relationship(Claim, back_populates="decision")
    lines: Mapped[List["DecisionLine"]] = relationship(
        "DecisionLine", back_populates="decision", order_by="DecisionLine.seq", cascade="all, delete-orphan")


class DecisionLine(Base):
    """One step of the payout calculation; deductions are negative."""

    __tablename__ = "decision_lines"
    __table_args__ = (UniqueConstraint("decision_id", "seq"), _one_of("kind", LINE_KINDS))

    id: Mapped[int] = Column(Integer, primary_key=True)
    decision_id: Mapped[int] = Column(ForeignKey("decisions.id", ondelete="CASCADE"), nullable=False)
    seq: Mapped[int] = Column(Integer, nullable=False)
    kind: Mapped[str] = Column(String(20), nullable=False)
    label: Mapped[str] = Column(String(100), nullable=False)
    amount: Mapped[Decimal] = Column(Money(), nullable=False)
    clause_id: Mapped[Optional[str]] = Column(String(16))
    note: Mapped[Optional[str]] = Column(Text)

    decision: Mapped[Decision] = relationship(Decision, back_populates="lines")
