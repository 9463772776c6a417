"""The advisor console: advisors, their login sessions and audit log, the handoff queue with its notes,
and disputes of decisions with their status history."""
from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import List, Optional

from sqlalchemy import JSON, Boolean, CheckConstraint, Column, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, relationship

from bot import clock
from bot.store.db import AwareDateTime, Money
from bot.store.models.base import Base, _one_of
from bot.store.models.claims import Claim
from bot.store.models.conversations import Conversation
from bot.store.models.customers import Customer

HANDOFF_KINDS = ("handoff", "dispute", "callback")
HANDOFF_REASONS = (
    "request_human", "dispute", "fallback", "form_failures", "elderly", "complaint",
    "verification_failed", "overdue_claim", "callback", "other",
)
# queued: waiting for an advisor; active: an advisor took it; returned: given back to the bot;
# closed: finished without returning (e.g. the user left).
HANDOFF_STATUSES = ("queued", "active", "returned", "closed")
OPEN_HANDOFF_STATUSES = ("queued", "active")
DISPUTE_GROUNDS = (
    "emergency_admission", "misapplied_clause", "wrong_amount", "waiting_period", "pre_existing", "other",
)
DISPUTE_STATUSES = ("opened", "with_insurer", "upheld", "overturned", "partly_overturned", "withdrawn")
DISPUTE_OUTCOMES = ("upheld", "overturned", "partly_overturned")


class Advisor(Base):
    __tablename__ = "advisors"

    id: Mapped[int] = Column(Integer, primary_key=True)
    username: Mapped[str] = Column(String(50), nullable=False, unique=True)
    display_name: Mapped[str] = Column(String(50), nullable=False)
    password_hash: Mapped[str] = Column(String(200), nullable=False)  # argon2id
    failed_logins: Mapped[int] = Column(Integer, nullable=False, default=0)
    locked_until: Mapped[Optional[datetime]] = Column(AwareDateTime())
    active: Mapped[bool] = Column(Boolean, nullable=False, default=True)
    created_at: Mapped[datetime] = Column(AwareDateTime(), nullable=False, default=clock.now)


class AdvisorSession(Base):
    """A server-side login session; the cookie holds a random token, the table only its hash."""

    __tablename__ = "advisor_sessions"

    id: Mapped[int] = Column(Integer, primary_key=True)
    token_hash: Mapped[str] = Column(String(64), nullable=False, unique=True)
    advisor_id: Mapped[int] = Column(ForeignKey("advisors.id", ondelete="CASCADE"), nullable=False, index=True)
    csrf_token: Mapped[str] = Column(String(64), nullable=False)
    created_at: Mapped[datetime] = Column(AwareDateTime(), nullable=False, default=clock.now)
    expires_at: Mapped[datetime] = Column(AwareDateTime(), nullable=False)

    advisor: Mapped[Advisor] = relationship(Advisor)


class AuditEntry(Base):
    """Every advisor action (login, reply, take over, return, outcome ...), never deleted."""

    __tablename__ = "audit_log"

    id: Mapped[int] = Column(Integer, primary_key=True)
    at: Mapped[datetime] = Column(AwareDateTime(), nullable=False, default=clock.now, index=True)
    advisor_id: Mapped[Optional[int]] = Column(ForeignKey("advisors.id"))  # None: failed login of an unknown name
    action: Mapped[str] = Column(String(40), nullable=False)
    target: Mapped[str] = Column(String(100), nullable=False, default="")  # e.g. "handoff:3"
    detail: Mapped[str] = Column(Text, nullable=False, default="")


class Dispute(Base):
    """A user's challenge of a decision, argued by an advisor with the insurer."""

    __tablename__ = "disputes"
    __table_args__ = (
        _one_of("status", DISPUTE_STATUSES),
        _one_of("outcome", DISPUTE_OUTCOMES, nullable=True),
        CheckConstraint("amount_recovered IS NULL OR amount_recovered >= 0", name="amount_not_negative"),
    )

    id: Mapped[int] = Column(Integer, primary_key=True)
    claim_id: Mapped[int] = Column(ForeignKey("claims.id", ondelete="CASCADE"), nullable=False, index=True)
    customer_id: Mapped[int] = Column(ForeignKey("customers.id"), nullable=False)
    sender_id: Mapped[Optional[str]] = Column(String(100))  # where to tell the user the outcome
    grounds: Mapped[list] = Column(JSON, nullable=False, default=list)  # codes of DISPUTE_GROUNDS
    statement: Mapped[str] = Column(Text, nullable=False, default="")  # the user's own words
    letter: Mapped[str] = Column(Text, nullable=False, default="")  # appeal-letter draft for the advisor
    status: Mapped[str] = Column(String(20), nullable=False, default="opened")
    outcome: Mapped[Optional[str]] = Column(String(20))
    amount_recovered: Mapped[Optional[Decimal]] = Column(Money())
    created_at: Mapped[datetime] = Column(AwareDateTime(), nullable=False, default=clock.now)
    decided_at: Mapped[Optional[datetime]] = Column(AwareDateTime())

    claim: Mapped[Claim] = relationship(Claim)
    customer: Mapped[Customer] = relationship(Customer)
    events: Mapped[List["DisputeEvent"]] = relationship(
        "DisputeEvent", back_populates="dispute", order_by="DisputeEvent.id", cascade="all, delete-orphan")


class DisputeEvent(Base):
    """The dispute's status history."""

    __tablename__ = "dispute_events"
    __table_args__ = (_one_of("status", DISPUTE_STATUSES),)

    id: Mapped[int] = Column(Integer, primary_key=True)
    dispute_id: Mapped[int] = Column(ForeignKey("disputes.id", ondelete="CASCADE"), nullable=False, index=True)
    at: Mapped[datetime] = Column(AwareDateTime(), nullable=False, default=clock.now)
    status: Mapped[str] = Column(String(20), nullable=False)
    note: Mapped[str] = Column(Text, nullable=False, default="")
    advisor_id: Mapped[Optional[int]] = Column(ForeignKey("advisors.id"))

    dispute: Mapped[Dispute] = relationship(Dispute, back_populates="events")


class Handoff(Base):
    """A queue item for the advisors: a conversation handed over, a dispute or a call-back."""

    __tablename__ = "handoffs"
    __table_args__ = (
        _one_of("kind", HANDOFF_KINDS),
        _one_of("reason", HANDOFF_REASONS),
        _one_of("status", HANDOFF_STATUSES),
        CheckConstraint("priority BETWEEN 1 AND 3", name="priority_range"),
        Index(None, "status", "priority", "due_at"),
    )

    id: Mapped[int] = Column(Integer, primary_key=True)
    sender_id: Mapped[Optional[str]] = Column(ForeignKey("conversations.sender_id"), index=True)
    customer_id: Mapped[Optional[int]] = Column(ForeignKey("customers.id"), index=True)
    claim_id: Mapped[Optional[int]] = Column(ForeignKey("claims.id"))
    dispute_id: Mapped[Optional[int]] = Column(ForeignKey("disputes.id"))
    kind: Mapped[str] = Column(String(10), nullable=False, default="handoff")
    reason: Mapped[str] = Column(String(24), nullable=False)
    priority: Mapped[int] = Column(Integer, nullable=False, default=2)  # 1 first: elderly users, disputes
    status: Mapped[str] = Column(String(10), nullable=False, default="queued")
    context: Mapped[dict] = Column(JSON, nullable=False, default=dict)  # summary shown above the transcript
    user_words: Mapped[str] = Column(Text, nullable=False, default="")
    created_at: Mapped[datetime] = Column(AwareDateTime(), nullable=False, default=clock.now)
    due_at: Mapped[datetime] = Column(AwareDateTime(), nullable=False)  # first-response SLA
    taken_by: Mapped[Optional[int]] = Column(ForeignKey("advisors.id"))
    taken_at: Mapped[Optional[datetime]] = Column(AwareDateTime())
    first_response_at: Mapped[Optional[datetime]] = Column(AwareDateTime())
    closed_at: Mapped[Optional[datetime]] = Column(AwareDateTime())

    conversation: Mapped[Optional[Conversation]] = relationship(Conversation)
    customer: Mapped[Optional[Customer]] = relationship(Customer)
    claim: Mapped[Optional[Claim]] = relationship(Claim)
    dispute: Mapped[Optional[Dispute]] = relationship(Dispute)
    advisor: Mapped[Optional[Advisor]] = relationship(Advisor)
    notes: Mapped[List["AdvisorNote"]] = relationship(
        "AdvisorNote", back_populates="handoff", order_by="AdvisorNote.id", cascade="all, delete-orphan")


class AdvisorNote(Base):
    __tablename__ = "advisor_notes"

    id: Mapped[int] = Column(Integer, primary_key=True)
    handoff_id: Mapped[int] = Column(ForeignKey("handoffs.id", ondelete="CASCADE"), nullable=False, index=True)
    advisor_id: Mapped[int] = Column(ForeignKey("advisors.id"), nullable=False)
    text: Mapped[str] = Column(Text, nullable=False)
    created_at: Mapped[datetime] = Column(AwareDateTime(), nullable=False, default=clock.now)

    handoff: Mapped[Handoff] = relationship(Handoff, back_populates="notes")
    advisor: Mapped[Advisor] = relationship(Advisor)
