"""Customers (policyholders and insured people) and the family links that let one see another's policies."""
from __future__ import annotations

from datetime import date, datetime
from typing import Optional

from sqlalchemy import Column, Date, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy import orm
from sqlalchemy.orm import Mapped

from bot import clock
from bot.store.db import AwareDateTime
from bot.store.models.base import Base, _one_of

GENDERS = ("F", "M")
RELATIONSHIPS = ("spouse", "parent", "child", "other")


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
