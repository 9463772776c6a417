"""Service requests (issue 6): call-backs by phone, appointments at the service centre's counter, and
paper copies of policies sent by post, with their status history."""
from __future__ import annotations

from datetime import datetime
from typing import List, Optional

from sqlalchemy import CheckConstraint, Column, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy import orm
from sqlalchemy.orm import Mapped, relationship

from bot import clock
from bot.store.db import AwareDateTime
from bot.store.models.advisors import Handoff
from bot.store.models.base import Base, _one_of, _where
from bot.store.models.claims import Claim
from bot.store.models.customers import Customer
from bot.store.models.policies import Policy

CALLBACK_WINDOWS = ("morning", "afternoon", "any")
CALLBACK_STATUSES = ("open", "done", "cancelled")
APPOINTMENT_PURPOSES = ("consultation", "materials", "filing", "other")
APPOINTMENT_STATUSES = ("booked", "cancelled")
MAILING_STATUSES = ("requested", "printed", "posted", "delivered")  # in order: the console moves a request forward
MAILING_CANCELLED = "cancelled"  # by the user, before it was posted
CANCELLABLE_MAILING_STATUSES = ("requested", "printed")
OPEN_MAILING_STATUSES = ("requested", "printed", "posted")


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
