"""Chinese working days: public holidays and the weekend days worked in exchange.

chinese-calendar knows the State Council's holiday schedule for the years it
ships (up to 2026 in 1.11.0) and raises for any other year; there we fall back
to Monday to Friday, which is right except for holidays not yet published.
"""
from __future__ import annotations

from datetime import date, timedelta

import chinese_calendar


def is_working_day(day: date) -> bool:
    """Whether offices work on `day` (holidays off, make-up Saturdays/Sundays on)."""
    try:
        return chinese_calendar.is_workday(day)
    except NotImplementedError:  # year outside the published schedule
        return day.weekday() < 5


def add_working_days(day: date, count: int) -> date:
    """The working day `count` working days after `day` (count=0: `day` itself if it is one, else the next)."""
    if count < 0:
        raise ValueError("count must not be negative")
    if count == 0:
        while not is_working_day(day):
            day += timedelta(days=1)
        return day
    while count:
        day += timedelta(days=1)
        if is_working_day(day):
            count -= 1
    return day
