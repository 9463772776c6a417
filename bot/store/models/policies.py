"""Insurance policies, ours and external, with their coverages (sums, deductibles, ratios, waiting periods)
and their clauses' texts."""
from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import List

from sqlalchemy import JSON, Boolean, Column, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, relationship

from bot import clock
from bot.store.db import AwareDateTime, Fixed, Money
from bot.store.models.base import Base, _one_of
from bot.store.models.customers import Customer

POLICY_TYPES = ("medical", "accident", "critical_illness", "other")
POLICY_SOURCES = ("ours", "external")
POLICY_STATUSES = ("active", "lapsed")
HOSPITAL_REQUIREMENTS = ("any", "public_grade2_plus")


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
