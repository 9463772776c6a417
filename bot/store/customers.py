"""Customers, identity verification and family links."""
from __future__ import annotations

from datetime import date
from typing import List, Optional, Tuple

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.store.identity import (
    hash_id_number, id_birth_date, id_checksum_ok, id_gender, id_last4, is_valid_mobile,
    mask_id_number, normalize_id_number, normalize_last4, normalize_mobile, placeholder_id_hash,
)
from bot.store.models import GENDERS, RELATIONSHIPS, Customer, FamilyLink


def find_by_mobile(session: Session, mobile: str) -> Optional[Customer]:
    """The customer registered with this mobile number (the oldest, if several share it)."""
    value = normalize_mobile(mobile)
    if not value:
        return None
    return session.scalars(
        select(Customer).where(Customer.mobile == value).order_by(Customer.id).limit(1)
    ).first()


def verify_identity(session: Session, mobile: str, id_last4: str) -> Optional[Customer]:
    """The customer with this mobile number whose ID number ends in `id_last4`.

    The comparison ignores case ("003x" matches "003X"); a wrong pair gives None,
    never a hint about which half was wrong.
    """
    value, last4 = normalize_mobile(mobile), normalize_last4(id_last4)
    if not value or len(last4) != 4:
        return None
    return session.scalars(
        select(Customer)
        .where(Customer.mobile == value, Customer.id_last4 == last4)
        .order_by(Customer.id)
        .limit(1)
    ).first()


def get_customer(session: Session, customer_id: int) -> Optional[Customer]:
    return session.get(Customer, customer_id)


def create_customer(
    session: Session,
    *,
    name: str,
    gender: str,
    birth_date: date,
    mobile: Optional[str],
    id_number: str,
) -> Customer:
    """Register a customer; only the hash, last 4 and masked form of the ID are kept.

    Raises ValueError on an invalid ID number, one that contradicts the birth
    date or gender given (a typo), an invalid mobile, or an ID already registered.
    """
    number = normalize_id_number(id_number)
    if not id_checksum_ok(number):
        raise ValueError("ID number fails the GB 11643 checksum")
    if id_birth_date(number) != birth_date:
        raise ValueError("birth date does not match the ID number")
    if gender not in GENDERS or id_gender(number) != gender:
        raise ValueError("gender does not match the ID number")
    if mobile is not None and not is_valid_mobile(mobile):
        raise ValueError("mobile must be an 11-digit mainland number")
    digest = hash_id_number(number)
    if session.scalars(select(Customer.id).where(Customer.id_number_hash == digest)).first():
        raise ValueError("a customer with this ID number already exists")
    customer = Customer(
        name=name.strip(),
        gender=gender,
        birth_date=birth_date,
        mobile=normalize_mobile(mobile) if mobile is not None else None,
        id_number_hash=digest,
        id_last4=id_last4(number),
        id_masked=mask_id_number(number),
    )
    session.add(customer)
    session.flush()
    return customer


# Stand-ins for what the schema requires but a relative added without ID number lacks;
# such a customer is recognised by identity.is_placeholder_id_hash(customer.id_number_hash).
UNKNOWN_BIRTH_DATE = date(1900, 1, 1)
UNKNOWN_GENDER = "F"


def create_unidentified_relative(
    session: Session, *, name: str, gender: Optional[str] = None, birth_date: Optional[date] = None
) -> Customer:
    """A relative a customer added (e.g. the insured of a family policy) whose ID number we do not have.

    No mobile and no ID characters, so the person can never pass verify_identity;
    the ID hash is a placeholder (identity.placeholder_id_hash), never a made-up
    ID number. An unknown gender or birth date gets the documented stand-ins above.
    """
    if gender is not None and gender not in GENDERS:
        raise ValueError(f"gender must be one of {GENDERS}")
    customer = Customer(
        name=name.strip(), gender=gender or UNKNOWN_GENDER, birth_date=birth_date or UNKNOWN_BIRTH_DATE,
        mobile=None, id_number_hash=placeholder_id_hash(), id_last4="", id_masked="未提供",
    )
    session.add(customer)
    session.flush()
    return customer


def link_family(session: Session, customer_id: int, relative_id: int, relationship: str) -> FamilyLink:
    """Record that `customer` added `relative` (who then shows in their family view)."""
    if relationship not in RELATIONSHIPS:
        raise ValueError(f"relationship must be one of {RELATIONSHIPS}")
    if customer_id == relative_id:
        raise ValueError("a customer cannot be their own relative")
    link = session.scalars(
        select(FamilyLink).where(FamilyLink.customer_id == customer_id, FamilyLink.relative_id == relative_id)
    ).first()
    if link is None:
        link = FamilyLink(customer_id=customer_id, relative_id=relative_id, relationship=relationship)
        session.add(link)
    else:
        link.relationship = relationship
    session.flush()
    return link


def family_of(session: Session, customer_id: int) -> List[Tuple[Customer, str]]:
    """The relatives this customer added, with the relationship, in the order added."""
    rows = session.execute(
        select(Customer, FamilyLink.relationship)
        .join(FamilyLink, FamilyLink.relative_id == Customer.id)
        .where(FamilyLink.customer_id == customer_id)
        .order_by(FamilyLink.id)
    ).all()
    return [(customer, relationship) for customer, relationship in rows]
