"""Advisor opening hours, SLA clocks that stop at night, waits in plain words (frozen moments)."""
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from bot.claims import working_hours as wh

TZ = ZoneInfo("Asia/Shanghai")
HOURS = wh.parse_hours("09:00-21:00", "Asia/Shanghai")


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=TZ)


@pytest.mark.parametrize("text", ["9-21", "21:00-09:00", "09:00", ""])
def test_bad_hours_are_refused(text):
    with pytest.raises(ValueError):
        wh.parse_hours(text, "Asia/Shanghai")


def test_naive_moments_are_refused():
    with pytest.raises(ValueError):
        wh.is_open(datetime(2026, 11, 24, 10, 0), HOURS)


@pytest.mark.parametrize("moment, open_", [
    ("2026-11-24 10:00", True), ("2026-11-24 09:00", True), ("2026-11-24 20:59", True),
    ("2026-11-24 21:00", False), ("2026-11-24 03:00", False), ("2026-10-01 10:00", True),  # every day
])
def test_is_open(moment, open_):
    assert wh.is_open(at(moment), HOURS) is open_


def test_is_open_converts_other_zones():
    assert wh.is_open(datetime(2026, 11, 24, 2, 0, tzinfo=ZoneInfo("UTC")), HOURS)  # 10:00 in Beijing


@pytest.mark.parametrize("moment, opening", [
    ("2026-11-24 10:00", "2026-11-24 10:00"),
    ("2026-11-24 22:30", "2026-11-25 09:00"),
    ("2026-11-24 03:00", "2026-11-24 09:00"),
])
def test_next_opening(moment, opening):
    assert wh.next_opening(at(moment), HOURS) == at(opening)


@pytest.mark.parametrize("moment, priority, due", [
    ("2026-11-24 10:00", 1, "2026-11-24 10:15"),
    ("2026-11-24 10:00", 2, "2026-11-24 10:30"),
    ("2026-11-24 20:55", 1, "2026-11-25 09:10"),   # 5 minutes tonight, 10 tomorrow
    ("2026-11-24 20:50", 2, "2026-11-25 09:20"),
    ("2026-11-24 23:00", 1, "2026-11-25 09:15"),   # night: the clock starts at opening
    ("2026-11-24 10:00", 3, "2026-11-25 21:00"),   # call-back: end of the next working day
    ("2026-11-27 15:00", 3, "2026-11-30 21:00"),   # Friday -> Monday
    ("2026-09-30 20:00", 3, "2026-10-08 21:00"),   # holiday eve: after the National Day holiday
])
def test_sla_due(moment, priority, due):
    assert wh.sla_due(at(moment), priority, HOURS) == at(due)


def test_sla_due_refuses_unknown_priorities():
    with pytest.raises(ValueError):
        wh.sla_due(at("2026-11-24 10:00"), 4, HOURS)


def test_wait_inside_hours():
    assert wh.expected_wait(at("2026-11-24 10:00"), 2, 6, HOURS) == "前面还有 2 位，大约 12 分钟"
    assert "很快" in wh.expected_wait(at("2026-11-24 10:00"), 0, 6, HOURS)


def test_wait_just_before_closing():
    assert wh.expected_wait(at("2026-11-24 20:50"), 3, 6, HOURS) == "今天 21:00 后暂停服务，明天 09:00 起顾问会回复您"


def test_wait_at_night():
    late = wh.expected_wait(at("2026-11-24 23:30"), 0, 6, HOURS)
    assert late == "现在是顾问休息时间（服务时间每天 09:00-21:00），明天 09:00 起顾问会按顺序回复您"
    early = wh.expected_wait(at("2026-11-25 06:00"), 0, 6, HOURS)
    assert "今天 09:00" in early


def test_wait_on_a_holiday_eve_is_the_next_morning():
    # advisors work every day, holidays included; only call-backs count working days
    assert "明天 09:00" in wh.expected_wait(at("2026-09-30 22:00"), 1, 6, HOURS)


def test_configured_hours_come_from_settings(monkeypatch):
    monkeypatch.setenv("ADVISOR_HOURS", "08:30-17:30")
    hours = wh.configured_hours()
    assert hours.label == "08:30-17:30"
    assert not wh.is_open(at("2026-11-24 18:00"))


@pytest.mark.parametrize("moment, ahead, later", [
    ("2026-11-24 10:00", 3, False), ("2026-11-24 20:50", 1, False), ("2026-11-24 20:50", 2, True),
    ("2026-11-24 22:00", 0, True),
])
def test_replies_later(moment, ahead, later):
    assert wh.replies_later(at(moment), ahead, 6, HOURS) is later
