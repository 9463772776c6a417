"""Chinese working days: public holidays and the weekend days worked in exchange.

Sources, in order: chinese-calendar (knows the State Council's schedule for the
years it ships, up to 2026 in 1.11.0, and raises NotImplementedError for any
other year), then the project's own table (bot.claims.holiday_table), then the
holidays fixed by law (bot.claims.statutory_holidays) with every other Monday to
Friday worked and a warning logged once per year: right except for the bridge
days and make-up days of a notice nobody has entered yet, and never an error
for the user.
"""
from __future__ import annotations

import logging
import threading
from datetime import date, datetime, timedelta
from typing import Mapping, Optional, Set

import chinese_calendar

from bot.claims import holiday_table, statutory_holidays
from bot.i18n import DEFAULT_LANGUAGE, EN

log = logging.getLogger(__name__)
WEEKDAYS = "一二三四五六日"

_warned: Set[int] = set()
_warned_lock = threading.Lock()


def _from_table(day: date, table: Mapping[int, Mapping[str, object]]) -> Optional[bool]:
    entry = table.get(day.year)
    if entry is None:
        return None
    off, work = holiday_table.parse_year(entry)
    if day in off:
        return False
    if day in work:
        return True
    return day.weekday() < 5


def _warn_once(year: int) -> None:
    with _warned_lock:
        if year in _warned:
            return
        _warned.add(year)
    log.warning("no holiday schedule for %d (chinese-calendar %s, bot/claims/holiday_table.py): counting "
                "the statutory holidays off and every other Monday to Friday as a working day, without the "
                "notice's bridge and make-up days; enter the State Council's schedule in the table",
                year, getattr(chinese_calendar, "__version__", "?"))


def is_working_day(day: date, table: Optional[Mapping[int, Mapping[str, object]]] = None) -> bool:
    """Whether offices work on `day` (holidays off, make-up Saturdays/Sundays on); never raises for a year."""
    try:
        return chinese_calendar.is_workday(day)
    except NotImplementedError:  # year outside the library's schedule
        pass
    known = _from_table(day, holiday_table.HOLIDAYS if table is None else table)
    if known is not None:
        return known
    _warn_once(day.year)
    return day.weekday() < 5 and day not in statutory_holidays.days_off(day.year)


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


def day_label(day: date, *, lang: str = DEFAULT_LANGUAGE) -> str:
    """"11月25日（周三）"; English "Wed 25 Nov"."""
    if lang == EN:
        return f"{day:%a} {day.day} {day:%b}"
    return f"{day.month}月{day.day}日（周{WEEKDAYS[day.weekday()]}）"


def deadline_label(moment: datetime, *, lang: str = DEFAULT_LANGUAGE) -> str:
    """"11月25日（周三）21:00 前" (English "by 21:00 on Wed 25 Nov"): a due time for users, in the moment's own zone."""
    if lang == EN:
        return f"by {moment:%H:%M} on {day_label(moment.date(), lang=lang)}"
    return f"{day_label(moment.date())}{moment:%H:%M} 前"
