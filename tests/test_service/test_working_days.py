"""Working days around Chinese holidays, and the call-back due time users are told."""
from __future__ import annotations

import logging
from datetime import date, datetime
from zoneinfo import ZoneInfo

import chinese_calendar
import holidays
import pytest

from bot import clock
from bot.claims import holiday_table, statutory_holidays, working_days
from bot.claims.working_days import add_working_days, deadline_label, is_working_day
from bot.claims.working_hours import callback_due, parse_hours

SHANGHAI = ZoneInfo("Asia/Shanghai")
HOURS = parse_hours("09:00-21:00", "Asia/Shanghai")


@pytest.fixture(autouse=True)
def fresh_warnings(monkeypatch):
    monkeypatch.setattr(working_days, "_warned", set())


def at(*args) -> datetime:
    return datetime(*args, tzinfo=SHANGHAI)


def test_chinese_calendar_2026_schedule_is_used():
    # National Day 2026: 1-7 October off; Sunday 20 September and Saturday 10 October worked.
    assert [is_working_day(date(2026, 10, d)) for d in range(1, 8)] == [False] * 7
    assert is_working_day(date(2026, 9, 20)) and is_working_day(date(2026, 10, 10))
    assert not is_working_day(date(2026, 9, 25))  # Mid-Autumn Festival, a Friday


def test_request_on_the_last_working_day_before_national_day_is_due_after_the_holiday():
    due = callback_due(at(2026, 9, 30, 10, 0), HOURS)
    assert due == at(2026, 10, 8, 21, 0)
    assert deadline_label(due) == "10月8日（周四）21:00 前"


def test_make_up_saturday_counts_as_the_next_working_day():
    assert callback_due(at(2026, 10, 9, 15, 0), HOURS) == at(2026, 10, 10, 21, 0)  # Friday -> make-up Saturday
    assert deadline_label(at(2026, 10, 10, 21, 0)) == "10月10日（周六）21:00 前"


def test_request_on_a_make_up_saturday_is_due_on_monday():
    assert callback_due(at(2026, 10, 10, 11, 0), HOURS) == at(2026, 10, 12, 21, 0)


def test_request_on_a_saturday_before_a_make_up_sunday():
    assert callback_due(at(2026, 9, 19, 20, 0), HOURS) == at(2026, 9, 20, 21, 0)


def test_an_ordinary_tuesday_is_due_on_wednesday_evening():
    due = callback_due(at(2026, 11, 24, 10, 0), HOURS)
    assert deadline_label(due) == "11月25日（周三）21:00 前"


def test_year_end_crosses_into_an_unknown_year_with_a_single_warning(caplog):
    with caplog.at_level(logging.WARNING, logger="bot.claims.working_days"):
        # New Year's Day 2027 is a Friday: off by law, so the call-back asked on the 31st is due on Monday.
        assert callback_due(at(2026, 12, 31, 10, 0), HOURS) == at(2027, 1, 4, 21, 0)
        assert not is_working_day(date(2027, 1, 2))
        assert add_working_days(date(2027, 1, 8), 1) == date(2027, 1, 11)
    warnings = [r for r in caplog.records if "no holiday schedule for 2027" in r.getMessage()]
    assert len(warnings) == 1


def test_an_unknown_year_keeps_its_statutory_holidays_off():
    # 2027: Spring Festival eve 5 Feb (Fri) to 8 Feb (Mon), Qingming 5 Apr (Mon), Labour Day 1-2 May (a weekend),
    # Dragon Boat 9 Jun (Wed), Mid-Autumn 15 Sep (Wed), National Day 1-3 Oct (Fri-Sun).
    for day in (date(2027, 2, 5), date(2027, 2, 8), date(2027, 4, 5), date(2027, 6, 9), date(2027, 9, 15),
                date(2027, 10, 1)):
        assert not is_working_day(day), day
    # The notice's bridge days are unknown: the weekday after a holiday counts as worked until it is entered.
    assert is_working_day(date(2027, 2, 9)) and is_working_day(date(2027, 10, 4))
    assert add_working_days(date(2027, 2, 4), 1) == date(2027, 2, 9)


@pytest.mark.parametrize("year", [2025, 2026])
def test_the_statutory_days_are_off_in_the_published_schedules(year):
    # Checks the lunar and solar-term dates behind the fallback against the State Council's own notices.
    days = statutory_holidays.days_off(year)
    named = [day for day, name in holidays.China(years=year, observed=False).items() if not name.startswith("Day off")]
    assert len(named) == 13  # 1 + 4 + 1 + 2 + 1 + 1 + 3 days under the 2024 revision
    assert set(named) <= days  # with the notice's bridge days the package knows for those years
    assert not [day for day in days if chinese_calendar.is_workday(day)]


def test_years_before_the_2024_revision_have_no_statutory_fallback():
    assert statutory_holidays.days_off(2024) == frozenset()


def test_the_project_table_extends_chinese_calendar(monkeypatch, caplog):
    # A made-up schedule, only to exercise the table: real entries are copied from the State Council notice.
    monkeypatch.setitem(holiday_table.HOLIDAYS, 2031, {"off": ("2031-01-01", "2031-01-02"), "work": ("2031-01-04",),
                                                       "source": "test"})
    with caplog.at_level(logging.WARNING, logger="bot.claims.working_days"):
        assert not is_working_day(date(2031, 1, 2))  # a Thursday off
        assert is_working_day(date(2031, 1, 4))  # a Saturday worked
        assert not is_working_day(date(2031, 1, 5)) and is_working_day(date(2031, 1, 6))
        assert callback_due(at(2030, 12, 31, 9, 30), HOURS) == at(2031, 1, 3, 21, 0)
    assert not [r for r in caplog.records if "2031" in r.getMessage()]


def test_a_bad_table_entry_is_refused():
    with pytest.raises(ValueError):
        holiday_table.parse_year({"off": ("2031-01-01",), "work": ("2031-01-01",)})
    with pytest.raises(ValueError):
        holiday_table.parse_year({"off": ("2031-01-01", "2032-01-01")})


def test_the_table_holds_no_years_the_library_already_knows():
    assert all(year > 2026 for year in holiday_table.HOLIDAYS)


def test_callback_due_uses_the_configured_closing_time(monkeypatch):
    monkeypatch.setenv("ADVISOR_HOURS", "09:00-18:00")
    with clock.freeze(at(2026, 11, 24, 10, 0)) as now:
        assert deadline_label(callback_due(now)) == "11月25日（周三）18:00 前"
