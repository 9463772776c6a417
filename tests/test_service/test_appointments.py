"""Service-centre slots (pure) and counter appointments: capacity by the database, reschedule, cancel."""
from __future__ import annotations

import threading
from dataclasses import replace
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from bot.claims import service_centre
from bot.claims.service_centre import SlotError, bookable_slots, check_slot, priority_counter_sentence, slot_label
from bot.store import appointments
from bot.store.appointments import AppointmentError, book
from bot.store.db import session_scope
from bot.store.models import Appointment, Claim, Customer

SHANGHAI = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 11, 24, 10, 0, tzinfo=SHANGHAI)  # a Tuesday
PLACE = replace(service_centre.centre(), capacity=3, booking_days=14)


def at(*args) -> datetime:
    return datetime(*args, tzinfo=SHANGHAI)


# --- pure slot logic ---

def test_slots_are_half_hours_within_opening_hours_on_working_days():
    day = service_centre.slots_on(date(2026, 11, 25), PLACE)
    assert (day[0], day[-1], len(day)) == (at(2026, 11, 25, 9, 0), at(2026, 11, 25, 16, 30), 16)
    assert service_centre.slots_on(date(2026, 11, 28), PLACE) == []  # Saturday
    assert service_centre.slots_on(date(2026, 10, 1), PLACE) == []  # National Day
    assert len(service_centre.slots_on(date(2026, 10, 10), PLACE)) == 16  # make-up Saturday: open


def test_bookable_slots_start_after_now_and_end_at_the_horizon():
    slots = bookable_slots(NOW, PLACE)
    assert slots[0] == at(2026, 11, 24, 10, 30)  # 10:00 has started
    assert slots[-1] == at(2026, 12, 8, 16, 30)  # 14 days ahead, a Tuesday
    assert all(s.weekday() < 5 for s in slots)


@pytest.mark.parametrize("slot, words", [
    (at(2026, 11, 24, 9, 30), "已经过去"), (at(2026, 11, 28, 10, 0), "休息"), (at(2026, 11, 25, 10, 15), "半点"),
    (at(2026, 11, 25, 17, 0), "09:00-17:00"), (at(2026, 12, 10, 10, 0), "14天以内"),
])
def test_unbookable_times_are_explained(slot, words):
    with pytest.raises(SlotError, match=words):
        check_slot(slot, NOW, PLACE)


def test_labels_and_centre_information():
    assert slot_label(at(2026, 11, 25, 9, 30)) == "11月25日（周三）09:30-10:00"
    text = service_centre.info_text(PLACE)
    assert PLACE.address in text and "工作日 09:00-17:00" in text and "1. 本人身份证原件" in text


def test_priority_counter_is_for_users_of_60_and_over():
    today = date(2026, 11, 24)
    assert "长者优先" in priority_counter_sentence(date(1966, 11, 24), today)  # 60 today
    assert priority_counter_sentence(date(1966, 11, 25), today) == ""  # 60 tomorrow
    assert priority_counter_sentence(None, today) == ""


# --- the store ---

def _customers(session, count: int) -> list[int]:
    rows = [Customer(name=f"测试{i}", gender="F", birth_date=date(1990, 1, 1), mobile=f"1350000{i:04d}",
                     id_number_hash=f"test-{i}", id_last4="0000", id_masked="****") for i in range(count)]
    session.add_all(rows)
    session.flush()
    return [row.id for row in rows]


def test_booking_confirms_and_tells_the_elderly_about_the_priority_counter(seeded_url, people):
    with session_scope(seeded_url) as session:
        old = book(session, people["李建国"], at(2026, 11, 25, 9, 30), "filing", now=NOW, place=PLACE)
        young = book(session, people["王丽"], at(2026, 11, 25, 9, 30), now=NOW, place=PLACE)
        assert old.message.startswith("预约成功！11月25日（周三）09:30-10:00，柜台递交理赔。")
        assert "长者优先" in old.message and "长者优先" not in young.message
        assert (old.appointment.seat_no, young.appointment.seat_no) == (1, 2)
        with pytest.raises(AppointmentError, match="不用重复预约"):
            book(session, people["王丽"], at(2026, 11, 25, 9, 30), now=NOW, place=PLACE)
        with pytest.raises(AppointmentError, match="办理什么"):
            book(session, people["王丽"], at(2026, 11, 25, 10, 0), "shopping", now=NOW, place=PLACE)


def test_capacity_free_slots_cancel_and_reschedule(seeded_url, people):
    slot, other = at(2026, 11, 25, 10, 0), at(2026, 11, 26, 14, 0)
    with session_scope(seeded_url) as session:
        ids = _customers(session, 4)
        booked = [book(session, cid, slot, now=NOW, place=PLACE).appointment for cid in ids[:3]]
        with pytest.raises(AppointmentError, match="约满"):
            book(session, ids[3], slot, now=NOW, place=PLACE)
        free = appointments.free_slots(session, NOW, PLACE, day=date(2026, 11, 25))
        assert slot not in [f.start for f in free] and free[0].remaining == 3
        assert appointments.cancel(session, booked[1], now=NOW, place=PLACE).startswith(
            "已经取消了11月25日（周三）10:00-10:30的预约")
        assert booked[1].seat_no is None
        assert book(session, ids[3], slot, now=NOW, place=PLACE).appointment.seat_no == 2  # the freed seat
        moved = appointments.reschedule(session, booked[0], other, now=NOW, place=PLACE)
        assert moved.message.startswith("已经改好了，原来的11月25日（周三）10:00-10:30已取消。新的时间：11月26日（周四）14:00-14:30")
        assert (booked[0].slot_start, booked[0].seat_no) == (other, 1)
        assert [f.remaining for f in appointments.free_slots(session, NOW, PLACE, day=date(2026, 11, 25))
                if f.start == slot] == [1]
        assert [a.id for a in appointments.upcoming(session, ids[0], NOW)] == [booked[0].id]
        assert "11月26日（周四）14:00-14:30 · 理赔咨询" in appointments.upcoming_text(session, ids[0], NOW, PLACE)
        assert list(appointments.booked_by_day(session, NOW)) == [date(2026, 11, 25), date(2026, 11, 26)]


def test_reschedule_into_a_full_slot_keeps_the_old_booking(seeded_url, people):
    full, mine = at(2026, 11, 27, 9, 0), at(2026, 11, 27, 11, 0)
    with session_scope(seeded_url) as session:
        ids = _customers(session, 3)
        for cid in ids:
            book(session, cid, full, now=NOW, place=PLACE)
        appointment = book(session, people["王丽"], mine, now=NOW, place=PLACE).appointment
    with session_scope(seeded_url) as session:
        appointment = session.get(Appointment, appointment.id)
        with pytest.raises(AppointmentError, match="约满"):
            appointments.reschedule(session, appointment, full, now=NOW, place=PLACE)
    with session_scope(seeded_url) as session:
        stored = session.get(Appointment, appointment.id)
        assert (stored.slot_start, stored.seat_no, stored.status) == (mine, 1, "booked")
        with pytest.raises(AppointmentError, match="时间已经过了"):
            appointments.cancel(session, stored, now=mine + timedelta(minutes=1))


def test_the_database_refuses_a_second_holder_of_a_seat(seeded_url, people):
    with session_scope(seeded_url) as session:
        first = book(session, people["王丽"], at(2026, 11, 25, 9, 0), now=NOW, place=PLACE).appointment
        session.add(Appointment(customer_id=people["张伟"], slot_start=first.slot_start, seat_no=first.seat_no,
                                purpose="other", status="booked"))
        with pytest.raises(IntegrityError):
            session.flush()
        session.rollback()


def test_many_concurrent_bookings_of_the_last_seat_get_exactly_one(seeded_url):
    slot, racers = at(2026, 11, 25, 15, 30), 8
    with session_scope(seeded_url) as session:
        ids = _customers(session, 2 + racers)
        for cid in ids[:2]:
            book(session, cid, slot, now=NOW, place=PLACE)
    start = threading.Barrier(racers)
    outcomes: list[str] = []

    def race(customer_id: int) -> None:
        start.wait()
        try:
            with session_scope(seeded_url) as session:
                book(session, customer_id, slot, now=NOW, place=PLACE)
            outcomes.append("booked")
        except AppointmentError as problem:
            outcomes.append(str(problem))

    threads = [threading.Thread(target=race, args=(cid,)) for cid in ids[2:]]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert sorted(outcomes) == ["booked"] + [appointments.FULL] * (racers - 1)
    with session_scope(seeded_url) as session:
        seats = session.scalars(select(Appointment.seat_no).where(
            Appointment.slot_start == slot, Appointment.status == "booked").order_by(Appointment.seat_no)).all()
        assert seats == [1, 2, 3]
        assert session.scalar(select(func.count(Appointment.id))) == 3


def test_materials_to_bring_reuse_the_claim_checklist(seeded_url):
    with session_scope(seeded_url) as session:
        claim = session.scalar(select(Claim).where(Claim.case_number == "C-1003"))
        text = appointments.materials_to_bring(session, claim)
    assert text.startswith("案件 C-1003 到柜台办理时，请带上这些材料的原件：\n1. 理赔申请书")
    assert "其中出院小结、费用明细清单我们还没有收到能用的，请一定带上。" in text
