"""Advisor opening hours: open or not, when advisors are back, SLA due times, waits in plain words.

Pure: every function takes the moment it is about (timezone-aware) and the
settings it needs default to `bot.settings`. Advisors work every day during
`ADVISOR_HOURS` ("09:00-21:00") in the service's time zone; SLA clocks only
run while advisors work, so a hand-off queued at 20:55 with a 15-minute SLA
is due at 09:10 the next morning.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Optional
from zoneinfo import ZoneInfo

from bot.claims.working_days import add_working_days
from bot.i18n import DEFAULT_LANGUAGE, EN
from bot.settings import load_settings

# First-response SLA in open minutes by priority; priority 3 (call-backs) is
# due by the end of the next working day instead.
SLA_MINUTES = {1: 15, 2: 30}
DAY_WORDS = {0: "今天", 1: "明天", 2: "后天"}
DAY_WORDS_EN = {0: "today", 1: "tomorrow", 2: "the day after tomorrow"}


@dataclass(frozen=True)
class Hours:
    opens: time
    closes: time
    zone: ZoneInfo

    @property
    def label(self) -> str:
        return f"{self.opens:%H:%M}-{self.closes:%H:%M}"


def parse_hours(text: str, timezone: str) -> Hours:
    """"09:00-21:00" -> Hours; raises ValueError for anything else (closing must be after opening)."""
    try:
        start, end = (time.fromisoformat(part.strip()) for part in text.split("-"))
    except ValueError as exc:
        raise ValueError(f"advisor hours must look like 09:00-21:00, not {text!r}") from exc
    if end <= start:
        raise ValueError(f"advisor hours must close after they open: {text!r}")
    return Hours(start, end, ZoneInfo(timezone))


def configured_hours() -> Hours:
    settings = load_settings()
    return parse_hours(settings.advisor_hours, settings.timezone)


def _local(moment: datetime, hours: Hours) -> datetime:
    if moment.tzinfo is None:
        raise ValueError("moment must be timezone-aware")
    return moment.astimezone(hours.zone)


def _at(day: date, moment: time, hours: Hours) -> datetime:
    return datetime.combine(day, moment, tzinfo=hours.zone)


def is_open(now: datetime, hours: Optional[Hours] = None) -> bool:
    hours = hours or configured_hours()
    local = _local(now, hours)
    return hours.opens <= local.time() < hours.closes


def next_opening(now: datetime, hours: Optional[Hours] = None) -> datetime:
    """`now` itself while advisors work, else the next opening time."""
    hours = hours or configured_hours()
    local = _local(now, hours)
    if is_open(local, hours):
        return local
    day = local.date() if local.time() < hours.opens else local.date() + timedelta(days=1)
    return _at(day, hours.opens, hours)


def closing_time(now: datetime, hours: Optional[Hours] = None) -> datetime:
    """When the current (or next) opening period ends."""
    hours = hours or configured_hours()
    opening = next_opening(now, hours)
    return _at(opening.date(), hours.closes, hours)


def add_open_minutes(start: datetime, minutes: float, hours: Optional[Hours] = None) -> datetime:
    """`start` plus `minutes` of advisor time (the clock stops outside opening hours)."""
    hours = hours or configured_hours()
    moment = next_opening(start, hours)
    left = timedelta(minutes=minutes)
    while True:
        until_close = closing_time(moment, hours) - moment
        if left <= until_close:
            return moment + left
        left -= until_close
        moment = next_opening(closing_time(moment, hours), hours)


def sla_due(now: datetime, priority: int, hours: Optional[Hours] = None) -> datetime:
    """First-response due time: 15 / 30 open minutes, or (priority 3) the end of the next working day."""
    hours = hours or configured_hours()
    if priority in SLA_MINUTES:
        return add_open_minutes(now, SLA_MINUTES[priority], hours)
    if priority != 3:
        raise ValueError(f"priority must be 1, 2 or 3, not {priority!r}")
    return callback_due(now, hours)


def callback_due(now: datetime, hours: Optional[Hours] = None) -> datetime:
    """Closing time of the next working day (public holidays and weekends skipped)."""
    hours = hours or configured_hours()
    day = add_working_days(_local(now, hours).date(), 1)
    return _at(day, hours.closes, hours)


def day_word(moment: datetime, now: datetime, *, lang: str = DEFAULT_LANGUAGE) -> str:
    """今天 / 明天 / 后天, else "12月1日" (English: today / tomorrow / the day after tomorrow, else "1 Dec")."""
    days = (moment.date() - now.date()).days
    if lang == EN:
        return DAY_WORDS_EN.get(days, f"{moment.day} {moment:%b}")
    return DAY_WORDS.get(days, f"{moment.month}月{moment.day}日")


def when(moment: datetime, now: datetime, *, lang: str = DEFAULT_LANGUAGE) -> str:
    """"明天 09:00" (English "tomorrow at 09:00") in the zone of `now`."""
    local = moment.astimezone(now.tzinfo)
    if lang == EN:
        return f"{day_word(local, now, lang=lang)} at {local:%H:%M}"
    return f"{day_word(local, now)} {local:%H:%M}"


def _queue_minutes(items_ahead: int, minutes_per_case: Optional[int]) -> int:
    per_case = minutes_per_case if minutes_per_case is not None else load_settings().advisor_minutes_per_case
    return max(items_ahead, 0) * per_case


def replies_later(now: datetime, items_ahead: int, minutes_per_case: Optional[int] = None,
                  hours: Optional[Hours] = None) -> bool:
    """Advisors are off now, or the queue ahead runs past today's closing: a call-back is worth offering."""
    hours = hours or configured_hours()
    local = _local(now, hours)
    if not is_open(local, hours):
        return True
    return local + timedelta(minutes=_queue_minutes(items_ahead, minutes_per_case)) >= closing_time(local, hours)


def expected_wait(now: datetime, items_ahead: int, minutes_per_case: Optional[int] = None,
                  hours: Optional[Hours] = None, *, lang: str = DEFAULT_LANGUAGE) -> str:
    """The wait in plain words: "大约 12 分钟", or when advisors are back if the wait runs past closing."""
    hours = hours or configured_hours()
    local = _local(now, hours)
    en = lang == EN
    if not is_open(local, hours):
        back = when(next_opening(local, hours), local, lang=lang)
        if en:
            return (f"Our advisors are off duty right now (they work {hours.label} every day); "
                    f"from {back} they will reply in turn")
        return f"现在是顾问休息时间（服务时间每天 {hours.label}），{back} 起顾问会按顺序回复您"
    minutes = _queue_minutes(items_ahead, minutes_per_case)
    closes = closing_time(local, hours)
    if replies_later(local, items_ahead, minutes_per_case, hours):
        back = when(next_opening(closes, hours), local, lang=lang)
        if en:
            return f"Our advisors stop for the day at {closes:%H:%M} {day_word(closes, local, lang=lang)}; from {back} an advisor will reply"
        return f"{day_word(closes, local)} {closes:%H:%M} 后暂停服务，{back} 起顾问会回复您"
    if minutes == 0:
        return "nobody is ahead of you, so an advisor will reply very soon" if en else "前面没有人排队，顾问很快就会回复您"
    if en:
        people = "1 person" if items_ahead == 1 else f"{items_ahead} people"
        return f"about {minutes} minutes ({people} ahead of you)"
    return f"前面还有 {items_ahead} 位，大约 {minutes} 分钟"
