"""Claim progress with its legal clocks (frozen time), and Chinese working days."""
from datetime import date, datetime, timedelta

import pytest

from bot import clock
from bot.claims.status import TimelineEvent, claim_progress
from bot.claims.working_days import add_working_days, is_working_day
from bot.store.models import CLAIM_STATUSES


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=clock.tz())


SUBMITTED = [TimelineEvent("reported", at("2026-10-01 09:00")), TimelineEvent("submitted", at("2026-10-20 23:30"))]


@pytest.mark.parametrize("status", CLAIM_STATUSES)
def test_every_status_has_plain_words(status, frozen_clock):
    events = SUBMITTED + [TimelineEvent("decided", at("2026-11-20 10:00"))]
    progress = claim_progress(status, events, materials_complete=True)
    assert progress.status == status and progress.stage and progress.next_step and progress.usual_time


def test_unknown_status_is_an_error():
    with pytest.raises(ValueError):
        claim_progress("lost", [], True, now=at("2026-11-24 10:00"))


def test_before_submission_the_user_is_asked_for_materials(frozen_clock):
    progress = claim_progress("materials_incomplete", SUBMITTED, materials_complete=False)
    assert progress.stage == "材料还不齐，等您补充" and "预审" in progress.next_step
    assert progress.overdue is False and "第二十六条" in progress.usual_time
    assert "齐全" in claim_progress("reported", [], materials_complete=True).next_step


def test_decision_within_30_days_of_the_last_submission():
    # Submitted 2026-10-20 (late evening, service time): the 30 days end on 2026-11-19.
    on_time = claim_progress("under_review", SUBMITTED, True, now=at("2026-11-19 18:00"))
    assert (on_time.overdue, on_time.deadline, on_time.days_waited) == (False, date(2026, 11, 19), 30)
    assert "第二十三条" in on_time.legal_basis and "2026年11月19日前" in on_time.next_step
    late = claim_progress("under_review", SUBMITTED, True, now=at("2026-11-20 08:00"))
    assert late.overdue and late.days_waited == 31 and "催办" in late.next_step
    resubmitted = SUBMITTED + [TimelineEvent("submitted", at("2026-11-10 10:00"))]
    assert not claim_progress("submitted", resubmitted, True, now=at("2026-11-20 08:00")).overdue


def test_no_clock_while_materials_are_incomplete():
    progress = claim_progress("under_review", SUBMITTED, False, now=at("2026-12-30 10:00"))
    assert progress.overdue is False and progress.deadline is None and "材料齐全之日起算" in progress.next_step


def test_after_60_days_the_certain_part_is_due_first():
    progress = claim_progress("under_review", SUBMITTED, True, now=at("2026-12-20 10:00"))
    assert progress.overdue and "第二十五条" in progress.legal_basis and "先赔付能确定的部分" in progress.next_step
    assert progress.deadline == date(2026, 12, 19)


def test_payment_within_10_days_of_agreement():
    decided = SUBMITTED + [TimelineEvent("decided", at("2026-11-10 16:00"))]
    waiting = claim_progress("paid", decided, True, now=at("2026-11-20 09:00"))
    assert waiting.stage == "保险公司已同意赔付，等待打款" and not waiting.overdue
    assert waiting.deadline == date(2026, 11, 20) and "10日内" in waiting.legal_basis
    assert claim_progress("paid", decided, True, now=at("2026-11-21 09:00")).overdue
    paid = claim_progress("paid", decided + [TimelineEvent("paid", at("2026-11-15 09:00"))], True,
                          now=at("2026-12-30 09:00"))
    assert paid.stage.startswith("已赔付") and not paid.overdue


def test_a_decision_overturned_after_a_dispute_restarts_the_10_days_to_pay():
    history = SUBMITTED + [TimelineEvent("decided", at("2022-08-20 10:00")), TimelineEvent("disputed", at("2026-11-20 10:00")),
                           TimelineEvent("dispute_result", at("2026-11-24 10:00"))]
    waiting = claim_progress("paid", history, True, now=at("2026-11-25 09:00"))
    assert not waiting.overdue and waiting.deadline == date(2026, 12, 4)


def test_rejection_names_the_3_day_notice_rule(frozen_clock):
    events = SUBMITTED + [TimelineEvent("decided", at("2026-11-10 16:00"))]
    progress = claim_progress("rejected", events, True)
    assert "第二十四条" in progress.legal_basis and progress.deadline == date(2026, 11, 13)
    assert "申诉或调解" in progress.next_step and not progress.overdue


def test_working_days_around_national_day_2026():
    assert not is_working_day(date(2026, 10, 1)) and not is_working_day(date(2026, 10, 7))
    assert is_working_day(date(2026, 10, 10))  # a Saturday worked in exchange
    assert add_working_days(date(2026, 9, 30), 1) == date(2026, 10, 8)
    assert add_working_days(date(2026, 10, 9), 1) == date(2026, 10, 10)
    assert add_working_days(date(2026, 10, 3), 0) == date(2026, 10, 8)
    assert add_working_days(date(2026, 9, 28), 0) == date(2026, 9, 28)
    with pytest.raises(ValueError):
        add_working_days(date(2026, 9, 28), -1)


def test_outside_the_calendar_weekdays_are_working_days():
    friday = date(2027, 1, 8)
    assert is_working_day(friday) and not is_working_day(friday + timedelta(days=1))
    assert add_working_days(friday, 1) == date(2027, 1, 11)
    assert add_working_days(date(2026, 12, 31), 1) == date(2027, 1, 4)  # New Year's Day by law, then a weekend
    assert is_working_day(date(2003, 6, 2)) and not is_working_day(date(2003, 6, 1))
