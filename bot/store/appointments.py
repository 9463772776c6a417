"""Counter appointments at the offline service centre.

Capacity is enforced by the database, never by check-then-insert: a booked
appointment holds seat 1..capacity of its slot under UNIQUE(slot_start, seat_no).
Booking takes the lowest seat that looks free inside a SAVEPOINT; when a
concurrent booking took it first the insert fails (IntegrityError), the
savepoint is rolled back and the next free seat is tried, until the slot is
full. Cancelling gives the seat back (seat_no NULL). Slot rules (working days,
opening hours, horizon) are bot.claims.service_centre's.

Errors raise ValueError subclasses (AppointmentError, service_centre.SlotError)
whose message is for the user. Nothing here commits: the caller's session_scope does.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Dict, List, Optional

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot import clock
from bot.claims import service_centre
from bot.claims.materials import format_checklist
from bot.claims.service_centre import Centre, check_slot, priority_counter_sentence, slot_label
from bot.store.db import lock_for_write
from bot.store.models import APPOINTMENT_PURPOSES, Appointment, Claim, Customer

PURPOSE_LABELS = {"consultation": "理赔咨询", "materials": "当面整理材料", "filing": "柜台递交理赔", "other": "其他事项"}
FULL = "这个时段已经约满了，请换一个时间。"
MAX_ATTEMPTS = 20  # seat races lost before giving up (each loss means someone else got a seat)


class AppointmentError(ValueError):
    """A booking that cannot be made or changed; the message is for the user."""


@dataclass(frozen=True)
class BookingResult:
    appointment: Appointment
    message: str


@dataclass(frozen=True)
class FreeSlot:
    start: datetime
    remaining: int
    label: str  # "11月25日（周三）09:30-10:00"


def _booked_seats(session: Session, slot: datetime) -> set:
    return set(session.scalars(select(Appointment.seat_no).where(
        Appointment.slot_start == slot, Appointment.status == "booked")))


def _same_slot(session: Session, customer_id: int, slot: datetime) -> Optional[Appointment]:
    return session.scalars(select(Appointment).where(
        Appointment.customer_id == customer_id, Appointment.slot_start == slot,
        Appointment.status == "booked")).first()


def _seat(session: Session, appointment: Appointment, slot: datetime, place: Centre) -> None:
    """Give `appointment` (new, or moving) the lowest free seat of `slot`; AppointmentError(FULL) when none."""
    lock_for_write(session)  # SQLite: writers queue here (BEGIN IMMEDIATE); PostgreSQL relies on the constraint
    for _ in range(MAX_ATTEMPTS):
        if _same_slot(session, appointment.customer_id, slot) not in (None, appointment):
            raise AppointmentError(f"您已经预约了{slot_label(slot, place)}这个时段，不用重复预约。")
        taken = _booked_seats(session, slot)
        free = [seat for seat in range(1, place.capacity + 1) if seat not in taken]
        if not free:
            raise AppointmentError(FULL)
        savepoint = session.begin_nested()
        try:
            appointment.slot_start, appointment.seat_no = slot, free[0]
            appointment.status, appointment.updated_at = "booked", clock.now()
            session.add(appointment)
            session.flush()
        except IntegrityError:
            savepoint.rollback()  # someone took that seat (or this customer booked the slot) meanwhile
            continue
        savepoint.commit()
        return
    raise AppointmentError(FULL)


def book(session: Session, customer_id: int, slot_start: datetime, purpose: str = "consultation",
         claim_id: Optional[int] = None, *, sender_id: Optional[str] = None, now: Optional[datetime] = None,
         place: Optional[Centre] = None) -> BookingResult:
    """Book a counter slot for the customer; the message confirms it (and tells 60+ users of the priority counter)."""
    place = place or service_centre.centre()
    now = now or clock.now()
    slot = check_slot(slot_start, now, place)
    if purpose not in APPOINTMENT_PURPOSES:
        raise AppointmentError("请说一下到店办理什么：理赔咨询、当面整理材料、柜台递交理赔，或者其他事项。")
    customer = session.get(Customer, customer_id)
    if customer is None:
        raise ValueError(f"no customer {customer_id}")
    if claim_id is not None and session.get(Claim, claim_id) is None:
        raise ValueError(f"no claim {claim_id}")
    appointment = Appointment(customer_id=customer_id, claim_id=claim_id, sender_id=sender_id, purpose=purpose,
                              status="booked", created_at=now, updated_at=now)
    _seat(session, appointment, slot, place)
    return BookingResult(appointment, _confirmation("预约成功！", appointment, customer, place, now))


def _confirmation(opening: str, appointment: Appointment, customer: Customer, place: Centre, now: datetime) -> str:
    lines = [f"{opening}{slot_label(appointment.slot_start, place)}，{PURPOSE_LABELS[appointment.purpose]}。",
             f"地点：{place.name}，{place.address}。请提前10分钟到，带上本人身份证原件。",
             priority_counter_sentence(customer.birth_date, now.date()),
             "需要改时间或者取消，直接告诉我就行。"]
    return "\n".join(line for line in lines if line)


def get_appointment(session: Session, customer_id: int, appointment_id: int) -> Optional[Appointment]:
    """The customer's own appointment, else None (whether or not it exists)."""
    appointment = session.get(Appointment, appointment_id)
    return appointment if appointment is not None and appointment.customer_id == customer_id else None


def _require_changeable(appointment: Appointment, now: datetime) -> None:
    if appointment.status != "booked":
        raise AppointmentError("这个预约已经取消了。")
    if appointment.slot_start <= now:
        raise AppointmentError("这个预约的时间已经过了，不能再修改。需要的话可以重新预约。")


def reschedule(session: Session, appointment: Appointment, new_slot: datetime, *, now: Optional[datetime] = None,
               place: Optional[Centre] = None) -> BookingResult:
    """Move the appointment to another slot in one step: it keeps its old seat unless the new one is secured."""
    place = place or service_centre.centre()
    now = now or clock.now()
    _require_changeable(appointment, now)
    slot = check_slot(new_slot, now, place)
    if slot == appointment.slot_start:
        raise AppointmentError(f"您预约的就是{slot_label(slot, place)}，不用改。")
    old_slot, old_seat = appointment.slot_start, appointment.seat_no
    try:
        _seat(session, appointment, slot, place)
    except AppointmentError:
        appointment.slot_start, appointment.seat_no = old_slot, old_seat  # the row was not changed in the database
        raise
    return BookingResult(appointment, _confirmation(f"已经改好了，原来的{slot_label(old_slot, place)}已取消。新的时间：",
                                                    appointment, appointment.customer, place, now))


def cancel(session: Session, appointment: Appointment, *, now: Optional[datetime] = None,
           place: Optional[Centre] = None) -> str:
    """Cancel and give the seat back."""
    now = now or clock.now()
    _require_changeable(appointment, now)
    appointment.status, appointment.seat_no = "cancelled", None
    appointment.cancelled_at = appointment.updated_at = now
    session.flush()
    return f"已经取消了{slot_label(appointment.slot_start, place)}的预约。需要的话随时可以重新预约。"


def upcoming(session: Session, customer_id: int, now: Optional[datetime] = None) -> List[Appointment]:
    """The customer's booked appointments that have not started, soonest first."""
    now = now or clock.now()
    return list(session.scalars(select(Appointment).where(
        Appointment.customer_id == customer_id, Appointment.status == "booked", Appointment.slot_start > now,
    ).order_by(Appointment.slot_start, Appointment.id)))


def describe(appointment: Appointment, place: Optional[Centre] = None) -> str:
    """"11月25日（周三）09:30-10:00 · 理赔咨询"."""
    return f"{slot_label(appointment.slot_start, place)} · {PURPOSE_LABELS[appointment.purpose]}"


def upcoming_text(session: Session, customer_id: int, now: Optional[datetime] = None,
                  place: Optional[Centre] = None) -> str:
    """The customer's upcoming appointments in plain words."""
    place = place or service_centre.centre()
    found = upcoming(session, customer_id, now)
    if not found:
        return "您现在没有到服务中心的预约。需要的话，告诉我想哪天去，我帮您约时间。"
    lines = [f"{number}. {describe(a, place)}" for number, a in enumerate(found, start=1)]
    return f"您在{place.name}的预约：\n" + "\n".join(lines) + f"\n地址：{place.address}"


def free_slots(session: Session, now: Optional[datetime] = None, place: Optional[Centre] = None,
               day: Optional[date] = None) -> List[FreeSlot]:
    """Bookable slots with seats left (optionally of one day), soonest first."""
    place = place or service_centre.centre()
    now = now or clock.now()
    slots = [s for s in service_centre.bookable_slots(now, place) if day is None or s.date() == day]
    if not slots:
        return []
    counts = Counter(dict(session.execute(
        select(Appointment.slot_start, func.count(Appointment.id))
        .where(Appointment.status == "booked", Appointment.slot_start >= slots[0], Appointment.slot_start <= slots[-1])
        .group_by(Appointment.slot_start)).all()))
    return [FreeSlot(s, place.capacity - counts[s], slot_label(s, place)) for s in slots
            if counts[s] < place.capacity]


def booked_by_day(session: Session, now: Optional[datetime] = None, days: int = 14) -> Dict[date, List[Appointment]]:
    """Booked appointments from today for `days` days, by day (the console's list)."""
    now = now or clock.now()
    start = datetime.combine(now.astimezone(clock.tz()).date(), datetime.min.time(), tzinfo=clock.tz())
    rows = session.scalars(select(Appointment).where(
        Appointment.status == "booked", Appointment.slot_start >= start,
        Appointment.slot_start < start + timedelta(days=days + 1),
    ).order_by(Appointment.slot_start, Appointment.seat_no))
    result: Dict[date, List[Appointment]] = {}
    for appointment in rows:
        result.setdefault(appointment.slot_start.astimezone(clock.tz()).date(), []).append(appointment)
    return result


def materials_to_bring(session: Session, claim: Claim) -> str:
    """The claim's materials checklist for the counter, naming what we have not received yet."""
    from bot.documents.intake import claim_review  # the claims materials/review logic; imported late (it imports the store)

    result = claim_review(session, claim)
    text = f"案件 {claim.case_number} 到柜台办理时，请带上这些材料的原件：\n" + format_checklist(list(result.items))
    outstanding = [item.name for item in result.missing] + [u.item.name for u in result.unusable]
    if outstanding:
        text += f"\n其中{'、'.join(outstanding)}我们还没有收到能用的，请一定带上。"
    return text
