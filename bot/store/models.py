"""Tables of the claims database.

Columns are declared with `Column` plus a `Mapped[...]` annotation: SQLAlchemy 1.4
(pinned by Rasa) maps them, and 2.0 accepts the same form.
"""
from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import List, Optional

from sqlalchemy import (
    JSON, BigInteger, Boolean, CheckConstraint, Column, Date, ForeignKey, Index, Integer, MetaData,
    String, Text, UniqueConstraint, text,
)
from sqlalchemy import orm
from sqlalchemy.orm import Mapped, declarative_base, relationship

from bot import clock
from bot.store.db import AwareDateTime, Fixed, Money

# Deterministic constraint names, so later (batch) migrations can refer to them.
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
Base = declarative_base(metadata=MetaData(naming_convention=NAMING_CONVENTION))

GENDERS = ("F", "M")
RELATIONSHIPS = ("spouse", "parent", "child", "other")
POLICY_TYPES = ("medical", "accident", "critical_illness", "other")
POLICY_SOURCES = ("ours", "external")
POLICY_STATUSES = ("active", "lapsed")
HOSPITAL_REQUIREMENTS = ("any", "public_grade2_plus")
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


def _one_of(column: str, values: tuple, nullable: bool = False) -> CheckConstraint:
    allowed = ", ".join(f"'{v}'" for v in values)
    sql = f"{column} IN ({allowed})" + (f" OR {column} IS NULL" if nullable else "")
    return CheckConstraint(sql, name=column)


class Customer(Base):
    __tablename__ = "customers"
    __table_args__ = (_one_of("gender", GENDERS),)

    id: Mapped[int] = Column(Integer, primary_key=True)
    name: Mapped[str] = Column(String(50), nullable=False)
    gender: Mapped[str] = Column(String(1), nullable=False)
    birth_date: Mapped[date] = Column(Date, nullable=False)
    mobile: Mapped[Optional[str]] = Column(String(11), index=True)  # minors may have none
    id_number_hash: Mapped[str] = Column(String(64), nullable=False, unique=True)
    id_last4: Mapped[str] = Column(String(4), nullable=False)
    id_masked: Mapped[str] = Column(String(32), nullable=False)
    created_at: Mapped[datetime] = Column(AwareDateTime(), nullable=False, default=clock.now)

    def __repr__(self) -> str:
        return f"<Customer {self.id} {self.name}>"


class FamilyLink(Base):
    """`customer` added `relative` as family: the customer may see the relative's policies."""

    __tablename__ = "family_links"
    __table_args__ = (
        UniqueConstraint("customer_id", "relative_id"),
        _one_of("relationship", RELATIONSHIPS),
    )

    id: Mapped[int] = Column(Integer, primary_key=True)
    customer_id: Mapped[int] = Column(ForeignKey("customers.id", ondelete="CASCADE"), nullable=False)
    relative_id: Mapped[int] = Column(ForeignKey("customers.id", ondelete="CASCADE"), nullable=False, index=True)
    relationship: Mapped[str] = Column(String(16), nullable=False)

    # orm.relationship: the column above shadows the bare name inside this class body.
    customer: Mapped[Customer] = orm.relationship(Customer, foreign_keys=[customer_id])
    relative: Mapped[Customer] = orm.relationship(Customer, foreign_keys=[relative_id])


class Policy(Base):
    __tablename__ = "policies"
    __table_args__ = (
        _one_of("policy_type", POLICY_TYPES),
        _one_of("source", POLICY_SOURCES),
        _one_of("status", POLICY_STATUSES),
    )

    id: Mapped[int] = Column(Integer, primary_key=True)
    policy_number: Mapped[str] = Column(String(32), nullable=False, unique=True)
    product_name: Mapped[str] = Column(String(100), nullable=False)
    insurer: Mapped[str] = Column(String(100), nullable=False)
    policy_type: Mapped[str] = Column(String(20), nullable=False)
    holder_id: Mapped[int] = Column(ForeignKey("customers.id"), nullable=False, index=True)
    insured_id: Mapped[int] = Column(ForeignKey("customers.id"), nullable=False, index=True)
    start_date: Mapped[date] = Column(Date, nullable=False)
    end_date: Mapped[date] = Column(Date, nullable=False)
    source: Mapped[str] = Column(String(10), nullable=False, default="ours")
    status: Mapped[str] = Column(String(10), nullable=False, default="active")
    created_at: Mapped[datetime] = Column(AwareDateTime(), nullable=False, default=clock.now)

    holder: Mapped[Customer] = relationship(Customer, foreign_keys=[holder_id])
    insured: Mapped[Customer] = relationship(Customer, foreign_keys=[insured_id])
    coverages: Mapped[List["Coverage"]] = relationship(
        "Coverage", back_populates="policy", order_by="Coverage.id", cascade="all, delete-orphan")
    clauses: Mapped[List["Clause"]] = relationship(
        "Clause", back_populates="policy", order_by="Clause.id", cascade="all, delete-orphan")

    def __repr__(self) -> str:
        return f"<Policy {self.policy_number}>"


class Coverage(Base):
    __tablename__ = "coverages"
    __table_args__ = (
        UniqueConstraint("policy_id", "code"),
        _one_of("hospital_requirement", HOSPITAL_REQUIREMENTS),
    )

    id: Mapped[int] = Column(Integer, primary_key=True)
    policy_id: Mapped[int] = Column(ForeignKey("policies.id", ondelete="CASCADE"), nullable=False)
    code: Mapped[str] = Column(String(40), nullable=False)
    name: Mapped[str] = Column(String(60), nullable=False)
    sum_insured: Mapped[Decimal] = Column(Money(), nullable=False)
    annual_deductible: Mapped[Decimal] = Column(Money(), nullable=False, default=Decimal("0.00"))
    ratio_with_social: Mapped[Decimal] = Column(Fixed(3, 2), nullable=False, default=Decimal("1.00"))
    ratio_without_social: Mapped[Decimal] = Column(Fixed(3, 2), nullable=False, default=Decimal("1.00"))
    hospital_requirement: Mapped[str] = Column(String(30), nullable=False, default="any")
    general_ward_only: Mapped[bool] = Column(Boolean, nullable=False, default=False)
    waiting_days_illness: Mapped[int] = Column(Integer, nullable=False, default=0)
    waiting_days_accident: Mapped[int] = Column(Integer, nullable=False, default=0)
    exclusions: Mapped[list] = Column(JSON, nullable=False, default=list)
    emergency_exception: Mapped[bool] = Column(Boolean, nullable=False, default=False)

    policy: Mapped[Policy] = relationship(Policy, back_populates="coverages")


class Clause(Base):
    __tablename__ = "clauses"
    __table_args__ = (UniqueConstraint("policy_id", "clause_id"),)

    id: Mapped[int] = Column(Integer, primary_key=True)
    policy_id: Mapped[int] = Column(ForeignKey("policies.id", ondelete="CASCADE"), nullable=False)
    clause_id: Mapped[str] = Column(String(16), nullable=False)
    title: Mapped[str] = Column(String(100), nullable=False)
    text: Mapped[str] = Column(Text, nullable=False)

    policy: Mapped[Policy] = relationship(Policy, back_populates="clauses")


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


# --- conversations, human advisors and disputes (the gateway and the advisor console) ---

CHANNELS = ("web", "telegram", "terminal", "api")
TRANSCRIPT_ROLES = ("user", "bot", "advisor", "system")
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


class Conversation(Base):
    """One user conversation as the gateway sees it; `sender_id` is Rasa's conversation id."""

    __tablename__ = "conversations"
    __table_args__ = (_one_of("channel", CHANNELS),)

    sender_id: Mapped[str] = Column(String(100), primary_key=True)
    channel: Mapped[str] = Column(String(10), nullable=False)
    channel_ref: Mapped[Optional[str]] = Column(String(100))  # e.g. the Telegram chat id
    customer_id: Mapped[Optional[int]] = Column(ForeignKey("customers.id"), index=True)
    created_at: Mapped[datetime] = Column(AwareDateTime(), nullable=False, default=clock.now)
    last_seen_at: Mapped[datetime] = Column(AwareDateTime(), nullable=False, default=clock.now)
    # The reply language ("zh-Hans"/"zh-Hant"/"en"), the last Chinese script seen and the language the
    # user fixed ("zh"/"en"); kept by bot.store.conversations, NULL until the user writes.
    language: Mapped[Optional[str]] = Column(String(8))
    language_script: Mapped[Optional[str]] = Column(String(8))
    language_fixed: Mapped[Optional[str]] = Column(String(8))
    # Since when the user waits for the bot's answer to a message (set when it goes to Rasa, cleared
    # with the answer, or with the late answer after the "处理好会直接发到这里" apology); one left at
    # the gateway's start means the answer died with the gateway (bot.gateway.records.interrupted_turns).
    awaiting_since: Mapped[Optional[datetime]] = Column(AwareDateTime())

    customer: Mapped[Optional[Customer]] = relationship(Customer)


class TranscriptMessage(Base):
    """Every message of a conversation, whoever wrote it; buttons as Rasa sends them."""

    __tablename__ = "transcript_messages"
    __table_args__ = (_one_of("role", TRANSCRIPT_ROLES), Index(None, "sender_id", "id"))

    id: Mapped[int] = Column(Integer, primary_key=True)
    sender_id: Mapped[str] = Column(ForeignKey("conversations.sender_id", ondelete="CASCADE"), nullable=False)
    role: Mapped[str] = Column(String(10), nullable=False)
    text: Mapped[str] = Column(Text, nullable=False, default="")
    buttons: Mapped[Optional[list]] = Column(JSON)
    advisor_id: Mapped[Optional[int]] = Column(ForeignKey("advisors.id"))
    # A file the user sent with this message (bot.documents.staging's sha256) and its type
    # detected from the content (None: not a type we know); served to its sender and advisors.
    file_sha256: Mapped[Optional[str]] = Column(String(64))
    file_type: Mapped[Optional[str]] = Column(String(40))
    created_at: Mapped[datetime] = Column(AwareDateTime(), nullable=False, default=clock.now)


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


class AuditEntry(Base):
    """Every advisor action (login, reply, take over, return, outcome ...), never deleted."""

    __tablename__ = "audit_log"

    id: Mapped[int] = Column(Integer, primary_key=True)
    at: Mapped[datetime] = Column(AwareDateTime(), nullable=False, default=clock.now, index=True)
    advisor_id: Mapped[Optional[int]] = Column(ForeignKey("advisors.id"))  # None: failed login of an unknown name
    action: Mapped[str] = Column(String(40), nullable=False)
    target: Mapped[str] = Column(String(100), nullable=False, default="")  # e.g. "handoff:3"
    detail: Mapped[str] = Column(Text, nullable=False, default="")


class ProcessedUpdate(Base):
    """A Telegram update already handled: a repeated update_id (e.g. after a restart) is skipped.

    Update ids count per bot, hence the bot's id in the key; old rows are pruned.
    """

    __tablename__ = "telegram_updates"

    bot_id: Mapped[int] = Column(BigInteger, primary_key=True, autoincrement=False)
    update_id: Mapped[int] = Column(BigInteger, primary_key=True, autoincrement=False)
    processed_at: Mapped[datetime] = Column(AwareDateTime(), nullable=False, default=clock.now, index=True)


# --- Issue 6: call-backs, service-centre appointments, paper policies by post ---

CALLBACK_WINDOWS = ("morning", "afternoon", "any")
CALLBACK_STATUSES = ("open", "done", "cancelled")
APPOINTMENT_PURPOSES = ("consultation", "materials", "filing", "other")
APPOINTMENT_STATUSES = ("booked", "cancelled")
MAILING_STATUSES = ("requested", "printed", "posted", "delivered")  # in order: the console moves a request forward
MAILING_CANCELLED = "cancelled"  # by the user, before it was posted
CANCELLABLE_MAILING_STATUSES = ("requested", "printed")
OPEN_MAILING_STATUSES = ("requested", "printed", "posted")


def _where(sql: str) -> dict:
    """A partial index's condition on both engines."""
    return {"sqlite_where": text(sql), "postgresql_where": text(sql)}


class Callback(Base):
    """A user's request to be phoned, queued for the advisors as a Handoff of kind "callback".

    `phone` is stored whole (the advisor dials it) and shown masked everywhere but
    the advisor's call-back page. One open call-back per customer (per conversation
    for users not verified).
    """

    __tablename__ = "callbacks"
    __table_args__ = (
        _one_of("call_window", CALLBACK_WINDOWS),
        _one_of("status", CALLBACK_STATUSES),
        Index("uq_callbacks_open_customer", "customer_id", unique=True, **_where("status = 'open'")),
        Index("uq_callbacks_open_sender", "sender_id", unique=True,
              **_where("status = 'open' AND customer_id IS NULL")),
    )

    id: Mapped[int] = Column(Integer, primary_key=True)
    handoff_id: Mapped[int] = Column(ForeignKey("handoffs.id"), nullable=False, unique=True)
    customer_id: Mapped[Optional[int]] = Column(ForeignKey("customers.id"))
    sender_id: Mapped[Optional[str]] = Column(String(100))
    phone: Mapped[str] = Column(String(20), nullable=False)  # "13800138000" or "010-12345678"
    call_window: Mapped[str] = Column(String(10), nullable=False, default="any")  # "window" is reserved in SQL
    topic: Mapped[str] = Column(Text, nullable=False, default="")
    status: Mapped[str] = Column(String(10), nullable=False, default="open")
    due_at: Mapped[datetime] = Column(AwareDateTime(), nullable=False)
    created_at: Mapped[datetime] = Column(AwareDateTime(), nullable=False, default=clock.now)
    updated_at: Mapped[datetime] = Column(AwareDateTime(), nullable=False, default=clock.now)
    closed_at: Mapped[Optional[datetime]] = Column(AwareDateTime())
    done_by: Mapped[Optional[int]] = Column(ForeignKey("advisors.id"))
    note: Mapped[str] = Column(Text, nullable=False, default="")  # the advisor's note when done

    handoff: Mapped[Handoff] = relationship(Handoff, backref=orm.backref("callback", uselist=False))
    customer: Mapped[Optional[Customer]] = relationship(Customer)


class Appointment(Base):
    """A counter appointment at the service centre.

    Capacity is the database's job: a booked appointment holds a seat number of its
    30-minute slot, UNIQUE(slot_start, seat_no); cancelling gives the seat back (NULL).
    """

    __tablename__ = "appointments"
    __table_args__ = (
        _one_of("purpose", APPOINTMENT_PURPOSES),
        _one_of("status", APPOINTMENT_STATUSES),
        UniqueConstraint("slot_start", "seat_no"),
        CheckConstraint("(status = 'booked' AND seat_no >= 1) OR (status <> 'booked' AND seat_no IS NULL)",
                        name="seat_when_booked"),
        Index("uq_appointments_booked_customer_slot", "customer_id", "slot_start", unique=True,
              **_where("status = 'booked'")),
    )

    id: Mapped[int] = Column(Integer, primary_key=True)
    customer_id: Mapped[int] = Column(ForeignKey("customers.id"), nullable=False, index=True)
    claim_id: Mapped[Optional[int]] = Column(ForeignKey("claims.id"))
    sender_id: Mapped[Optional[str]] = Column(String(100))
    slot_start: Mapped[datetime] = Column(AwareDateTime(), nullable=False)
    seat_no: Mapped[Optional[int]] = Column(Integer)
    purpose: Mapped[str] = Column(String(20), nullable=False, default="consultation")
    status: Mapped[str] = Column(String(10), nullable=False, default="booked")
    created_at: Mapped[datetime] = Column(AwareDateTime(), nullable=False, default=clock.now)
    updated_at: Mapped[datetime] = Column(AwareDateTime(), nullable=False, default=clock.now)
    cancelled_at: Mapped[Optional[datetime]] = Column(AwareDateTime())

    customer: Mapped[Customer] = relationship(Customer)
    claim: Mapped[Optional[Claim]] = relationship(Claim)


class MailingRequest(Base):
    """A printed copy of a policy, sent by post for free; one open request per policy."""

    __tablename__ = "mailing_requests"
    __table_args__ = (
        _one_of("status", MAILING_STATUSES + (MAILING_CANCELLED,)),
        Index("uq_mailing_requests_open_policy", "policy_id", unique=True,
              **_where("status IN ('requested', 'printed', 'posted')")),
    )

    id: Mapped[int] = Column(Integer, primary_key=True)
    customer_id: Mapped[int] = Column(ForeignKey("customers.id"), nullable=False, index=True)
    policy_id: Mapped[int] = Column(ForeignKey("policies.id"), nullable=False)
    sender_id: Mapped[Optional[str]] = Column(String(100))
    recipient: Mapped[str] = Column(String(30), nullable=False)
    mobile: Mapped[str] = Column(String(11), nullable=False)
    province: Mapped[str] = Column(String(20), nullable=False)
    city: Mapped[str] = Column(String(30), nullable=False)
    district: Mapped[str] = Column(String(30), nullable=False)
    street: Mapped[str] = Column(String(120), nullable=False)
    status: Mapped[str] = Column(String(10), nullable=False, default="requested")
    tracking_number: Mapped[Optional[str]] = Column(String(30))
    created_at: Mapped[datetime] = Column(AwareDateTime(), nullable=False, default=clock.now)
    updated_at: Mapped[datetime] = Column(AwareDateTime(), nullable=False, default=clock.now)

    customer: Mapped[Customer] = relationship(Customer)
    policy: Mapped[Policy] = relationship(Policy)
    events: Mapped[List["MailingEvent"]] = relationship(
        "MailingEvent", back_populates="mailing", order_by="MailingEvent.id", cascade="all, delete-orphan")


class MailingEvent(Base):
    """The mailing request's status history."""

    __tablename__ = "mailing_events"
    __table_args__ = (_one_of("status", MAILING_STATUSES + (MAILING_CANCELLED,)),)

    id: Mapped[int] = Column(Integer, primary_key=True)
    mailing_id: Mapped[int] = Column(ForeignKey("mailing_requests.id", ondelete="CASCADE"), nullable=False, index=True)
    status: Mapped[str] = Column(String(10), nullable=False)
    at: Mapped[datetime] = Column(AwareDateTime(), nullable=False, default=clock.now)
    advisor_id: Mapped[Optional[int]] = Column(ForeignKey("advisors.id"))  # None: the user's request
    note: Mapped[str] = Column(Text, nullable=False, default="")

    mailing: Mapped[MailingRequest] = relationship(MailingRequest, back_populates="events")


# --- Issue 9: idempotent chat API (a client's message id is processed once) ---

CLIENT_MESSAGE_STATUSES = ("pending", "done")


class ClientMessage(Base):
    """A client's `message_id` for one sender, claimed before the message is processed.

    The primary key makes the claim atomic across gateway processes: a repeat finds the row
    and gets the stored answer. "pending": being processed; "done": `response` is the answer
    given (an apology too, when Rasa did not answer: the user sends a new message, not a repeat).
    """

    __tablename__ = "client_messages"
    __table_args__ = (_one_of("status", CLIENT_MESSAGE_STATUSES),)

    sender_id: Mapped[str] = Column(ForeignKey("conversations.sender_id", ondelete="CASCADE"), primary_key=True)
    message_id: Mapped[str] = Column(String(100), primary_key=True)
    status: Mapped[str] = Column(String(10), nullable=False, default="pending")
    response: Mapped[Optional[dict]] = Column(JSON)  # {"status": 200, "body": {...}}
    created_at: Mapped[datetime] = Column(AwareDateTime(), nullable=False, default=clock.now)
    updated_at: Mapped[datetime] = Column(AwareDateTime(), nullable=False, default=clock.now)
