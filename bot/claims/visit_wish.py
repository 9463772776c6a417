"""The day and time a user asks for when booking a counter visit ("约周三上午", "next Friday at 2pm").

Visits lie ahead, so a day without a date reads forward (the claim form reads
dates backward, bot.nlu.dates): 周三 is this week's Wednesday, or next week's
once this one has passed; 下周三 the Wednesday of next week; 12月3日 this year's,
or next year's once passed; 3号 this month's, or next month's; 明年3月1日,
下个月5号 as said (a day that has passed is the caller's to refuse). Times: 上午 /
下午 (morning / afternoon), 10点, 十点半, 2:30, 下午两点, "2pm". A bare hour
from 1 to 6 is afternoon: the centre opens in the daytime. Ranges of days
("周三到周五", "12月3号至5号", "Wed to Fri") and limits ("十点以后", "下午三点前",
"after 3pm") too, and ranges of times read as a window ("十点到十一点", "10点-11点",
"下午两点至四点", "十点以后十一点以前", "between 10 and 11am", "from 2 to 4pm"): slots
from its start on and before its end, so a slot starting at 11:00 is not in
"十点到十一点". The text comes normalised (Simplified, half-width; bot.nlu.normalizer).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, time, timedelta
from typing import List, Optional, Tuple

from bot.nlu import dates_en
from bot.nlu.dates import WEEKDAY_NUMBERS, safe_date
from bot.nlu.numerals import parse_int

AM, PM = "am", "pm"
AFTER, BEFORE = "after", "before"
MAX_RANGE_DAYS = 31  # a longer "range" is a slip (bookings reach 14 days ahead anyway)


@dataclass(frozen=True)
class VisitWish:
    day: Optional[date] = None
    part: Optional[str] = None  # AM or PM
    at: Optional[time] = None
    until: Optional[date] = None  # "周三到周五": the days from `day` to `until`
    bound: Optional[str] = None  # "十点以后": `at` is a limit (AFTER or BEFORE), not a time wished for
    end: Optional[time] = None  # "十点到十一点": `at` is the AFTER limit, `end` the BEFORE one

    def __bool__(self) -> bool:
        return bool(self.day or self.part or self.at)

    def covers(self, day: date) -> bool:
        return self.day is None or self.day <= day <= (self.until or self.day)


_CN_NUM = r"\d{1,2}|[一二两三四五六七八九十]{1,3}"
_DAY_WORDS = {"今天": 0, "今日": 0, "明天": 1, "明日": 1, "后天": 2, "大后天": 3}
_CN_DAY = [
    (re.compile(r"(?P<w>大后天|后天|明天|明日|今天|今日)"), "word"),
    (re.compile(r"(?P<wp>下下个?|下个?|这个?|本)?(?:周|星期|礼拜)(?P<wd>[一二三四五六日天1-7])"), "weekday"),
    (re.compile(rf"(?P<y>20\d\d|今年|明年)\s*年?\s*(?P<m>{_CN_NUM})\s*月\s*(?P<d>{_CN_NUM})\s*[日号]?"), "ymd"),
    (re.compile(rf"(?<![\d年])(?P<m>{_CN_NUM})\s*月\s*(?P<d>{_CN_NUM})\s*[日号]?"), "md"),
    (re.compile(r"(?<![\d/])(?P<m>1[0-2]|0?[1-9])/(?P<d>3[01]|[12]\d|0?[1-9])(?![\d/])"), "md"),
    (re.compile(rf"(?P<rm>这个?月|本月|下个?月)(?P<d>{_CN_NUM})\s*[日号]"), "month_day"),
    (re.compile(rf"(?<![\d月])(?P<d>{_CN_NUM})\s*[日号](?!码)"), "d"),
]
_CN_PART = [(re.compile(r"上午|早上|早晨|一早|上班"), AM), (re.compile(r"下午|午后|傍晚|中午|晚上"), PM)]
_CN_TIME = re.compile(rf"(?<![周期拜])(?P<h>{_CN_NUM})\s*(?:[点時时]\s*(?P<half>半|一刻|(?P<min>{_CN_NUM})\s*分?)?|[:：](?P<mm>[0-5]\d))")
# "十点到十一点", "上午10点-11点", "10-11点", "下午两点至四点", "10:00~11:00": the start may drop its 点 and
# either side may name its part of day; a number after 周, 星期, 月 is a day ("周三到五点" is no window).
_CN_PART_WORD = r"上午|早上|早晨|一早|下午|午后|傍晚|中午|晚上"
_CN_CLOCK = rf"(?:{_CN_NUM})\s*(?:[点時时]\s*(?:半|一刻|(?:{_CN_NUM})\s*分?)?|[:：][0-5]\d)"
_CN_WINDOW = re.compile(
    rf"(?P<p1>{_CN_PART_WORD})?(?<![\d.:：/周期拜月])(?P<start>{_CN_CLOCK}|\d{{1,2}}(?!\d)|[一二两三四五六七八九十]{{1,3}})"
    rf"\s*(?:到|至|-|–|—|~)\s*(?P<p2>{_CN_PART_WORD})?(?P<end>{_CN_CLOCK})")
_CN_BOUND = re.compile(r"^钟?(?P<b>以后|之后|以後|之後|后|後|以前|之前|前)")
_CN_RANGE = re.compile(r"到|至|~|～")
_EN_RANGE = re.compile(r"\b(?:to|through|till|until)\b")

_MON = r"(?P<mon>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_EN_DAY = [
    (re.compile(r"\b(?P<w>the day after tomorrow|tomorrow|today)\b"), "word"),
    (re.compile(r"\b(?:(?P<wp>next|this|coming)\s+)?(?P<wd>mon|tue|wed|thu|fri|sat|sun)"
                r"(?:day|s|sday|nesday|r|rs|rsday|urday)?\b"), "weekday"),
    (re.compile(rf"\b{_MON}\s+(?P<d>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?\b"), "md"),
    (re.compile(rf"\b(?P<d>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?:\s+of)?\s+{_MON}(?![a-z])"), "md"),
]
_EN_PART = [(re.compile(r"\bmorning\b"), AM), (re.compile(r"\b(?:afternoon|noon|evening)\b"), PM)]
_EN_TIME = re.compile(r"\b(?P<h>1[0-2]|0?[1-9]|1[3-9]|2[0-3])(?::(?P<mm>[0-5]\d))?\s*(?P<ap>a\.?m\.?|p\.?m\.?)?(?![\d:])")
_EN_CLOCK = r"(?P<h{n}>2[0-3]|1\d|0?\d)(?::(?P<mm{n}>[0-5]\d))?(?:\s*(?P<ap{n}>[ap])\.?m\b\.?)?"
# "between 10 and 11am", "from 2 to 4pm", "10-11am", "10:00 - 11:00": a window when either side has its
# am/pm or minutes, or after between / from ("from 3 to 5 Dec", "between 2 and 3 hours" are no windows).
_EN_WINDOW = re.compile(
    r"(?:\b(?P<pre>between|from)\s+)?(?<![\d:.$/])\b" + _EN_CLOCK.format(n=1)
    + r"\s*(?P<conn>-|–|—|~|\bto\b|\btill\b|\buntil\b|\bthrough\b|\band\b)\s*"
    + _EN_CLOCK.format(n=2) + r"(?![\d:])")
_NOT_A_CLOCK = re.compile(r"\s*(?:st|nd|rd|th|of|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|days?|weeks?|months?|"
                          r"years?|hours?|minutes?|mins?|yuan|rmb|hkd|usd|dollars?|k|thousand|hundred|million|percent|%)"
                          r"(?![a-z])")


def _number(text: str) -> Optional[int]:
    return int(text) if text.isdigit() else parse_int(text)


def _ahead(month: int, day: int, today: date) -> Optional[date]:
    """The next month/day from today on (this year's, else next year's)."""
    for year in (today.year, today.year + 1):
        found = safe_date(year, month, day)
        if found and found >= today:
            return found
    return None


def _day_of_month(day: int, today: date) -> Optional[date]:
    """The next `day` of a month from today on (this month's, else next month's)."""
    month, year = today.month, today.year
    for _ in range(3):
        found = safe_date(year, month, day)
        if found and found >= today:
            return found
        month, year = (1, year + 1) if month == 12 else (month + 1, year)
    return None


def _weekday(today: date, weekday: int, prefix: str) -> date:
    monday = today - timedelta(days=today.weekday())
    if prefix.startswith("下下"):
        return monday + timedelta(days=14 + weekday)
    if prefix.startswith(("下", "next")):
        return monday + timedelta(days=7 + weekday)
    this_week = monday + timedelta(days=weekday)
    if prefix.startswith(("这", "本", "this")):
        return this_week
    return this_week if this_week >= today else this_week + timedelta(days=7)


def _day(text: str, today: date, patterns, words, weekdays, months) -> Optional[date]:
    for pattern, kind in patterns:
        match = pattern.search(text)
        if match is None:
            continue
        g = match.groupdict()
        if kind == "word":
            return today + timedelta(days=words[g["w"]])
        if kind == "weekday":
            return _weekday(today, weekdays[g["wd"]], g.get("wp") or "")
        if kind == "md":
            month = months[g["mon"]] if g.get("mon") else _number(g["m"])
            day = _number(g["d"])
            if month and day:
                return _ahead(month, day, today)
        if kind == "ymd":
            year = {"今年": today.year, "明年": today.year + 1}.get(g["y"]) or int(g["y"])
            month, day = _number(g["m"]), _number(g["d"])
            return safe_date(year, month, day) if month and day else None
        if kind == "month_day":
            day = _number(g["d"])
            first = today.replace(day=1)
            if g["rm"].startswith("下"):
                first = (first + timedelta(days=32)).replace(day=1)
            return safe_date(first.year, first.month, day) if day else None
        if kind == "d":
            day = _number(g["d"])
            if day:
                return _day_of_month(day, today)
    return None


def _part(text: str, parts) -> Optional[str]:
    return next((part for pattern, part in parts if pattern.search(text)), None)


Reading = Tuple[Optional[time], Optional[str]]  # a time of day and whether it is a limit (AFTER, BEFORE)
Window = Tuple[time, time]  # the start and (not included) end of a range of times


def _chinese_hour_minute(text: str) -> Tuple[Optional[int], int]:
    """(hour, minute) of "十点半", "10:30", "十点一刻", "10" (a bare hour)."""
    match = _CN_TIME.match(text)
    if match is None:
        return _number(text), 0
    minute = 0
    if match.group("half") == "半":
        minute = 30
    elif match.group("half") == "一刻":
        minute = 15
    elif match.group("min"):
        minute = _number(match.group("min")) or 0
    elif match.group("mm"):
        minute = int(match.group("mm"))
    return _number(match.group("h")), minute


def _chinese_times(text: str, part: Optional[str]) -> List[Reading]:
    """Each time of day in `text` and whether it is a limit ("十点以后": AFTER)."""
    found = []
    for match in _CN_TIME.finditer(text):
        limit = _CN_BOUND.match(text[match.end():])
        bound = (BEFORE if "前" in limit.group("b") else AFTER) if limit else None
        found.append((_clock(*_chinese_hour_minute(match.group(0)), part), bound))
    return found


def _english_times(text: str, part: Optional[str]) -> List[Reading]:
    found = []
    for match in _EN_TIME.finditer(text):
        before = text[max(0, match.start() - 7):match.start()]
        bound = AFTER if before.endswith("after ") else BEFORE if before.endswith("before ") else None
        if not (match.group("mm") or match.group("ap") or before.endswith("at ") or bound):
            continue  # "the 3rd", "Dec 3": a day, not a time
        hour, minute = int(match.group("h")), int(match.group("mm") or 0)
        ap = (match.group("ap") or "").replace(".", "")
        found.append((_clock(hour, minute, PM if ap == "pm" else AM if ap == "am" else part), bound))
    return found


def _limits(readings: List[Reading]) -> Optional[Window]:
    """"十点以后十一点以前", "after 10 and before 11am": an AFTER limit, then a later BEFORE one."""
    after = next((n for n, (at, bound) in enumerate(readings) if at is not None and bound == AFTER), None)
    if after is None:
        return None
    start = readings[after][0]
    return next(((start, at) for at, bound in readings[after + 1:] if bound == BEFORE and at is not None and start < at),
                None)


def _window(start: Tuple[Optional[int], int, Optional[str]], end: Tuple[Optional[int], int, Optional[str]],
            part: Optional[str]) -> Optional[Window]:
    """The times of a range of times, each side (hour, minute, its own part of day or None).

    A side without its own part reads as the first that puts the start before the end: the start as the end's
    ("from 10 to 11pm") or the part of day said, else by the bare-hour rule ("10点到下午3点": 10:00); the end as
    the afternoon after an afternoon start ("下午两点至四点"), else as the part said, else by the rule
    ("上午11点到1点": 13:00). An end still before the start is swapped ("十一点到十点"); one equal to it is no range.
    """
    starts = [start[2]] if start[2] else [end[2], part, None]
    for start_part in dict.fromkeys(starts):
        first = _clock(start[0], start[1], start_part)
        if first is None:
            continue
        ends = [end[2]] if end[2] else [PM if first.hour >= 12 else part, part, None]
        for end_part in dict.fromkeys(ends):
            last = _clock(end[0], end[1], end_part)
            if last is not None and first < last:
                return first, last
    first = _clock(start[0], start[1], start[2] or part)
    last = _clock(end[0], end[1], end[2] or part)
    return (last, first) if first is not None and last is not None and last < first else None


def _chinese_window(text: str, part: Optional[str]) -> Optional[Window]:
    for match in _CN_WINDOW.finditer(text):
        own = [_part(match.group(side) or "", _CN_PART) for side in ("p1", "p2")]
        found = _window((*_chinese_hour_minute(match.group("start")), own[0]),
                        (*_chinese_hour_minute(match.group("end")), own[1]), part)
        if found:
            return found
    return _limits(_chinese_times(text, part))


def _english_window(text: str, part: Optional[str]) -> Optional[Window]:
    for match in _EN_WINDOW.finditer(text):
        g = match.groupdict()
        if g["conn"] == "and" and g["pre"] != "between":
            continue  # "10 and 11" without between
        if not (g["mm1"] or g["mm2"] or g["ap1"] or g["ap2"]):
            if not g["pre"] or int(g["h1"]) > 12 or int(g["h2"]) > 12 or _NOT_A_CLOCK.match(text, match.end()):
                continue  # "3 to 5", "from 3 to 5 Dec", "between 10 and 20 dollars"
        sides = [(int(g[f"h{n}"]), int(g[f"mm{n}"] or 0), {"a": AM, "p": PM}.get(g[f"ap{n}"] or "")) for n in (1, 2)]
        found = _window(sides[0], sides[1], part)
        if found:
            return found
    return _limits(_english_times(text, part))


def _clock(hour: Optional[int], minute: int, part: Optional[str]) -> Optional[time]:
    if hour is None or not 0 <= minute < 60:
        return None
    if part == PM and hour < 12 or part is None and 1 <= hour <= 6:
        hour += 12
    return time(hour, minute) if 0 <= hour < 24 else None


def _chinese_day(text: str, today: date) -> Optional[date]:
    return _day(text, today, _CN_DAY, _DAY_WORDS, WEEKDAY_NUMBERS, {})


def _english_day(text: str, today: date) -> Optional[date]:
    return _day(text, today, _EN_DAY, {"today": 0, "tomorrow": 1, "the day after tomorrow": 2},
                dates_en.WEEKDAY_NUMBERS, dates_en.MONTHS)


def _days(text: str, today: date, connector, read) -> Tuple[Optional[date], Optional[date]]:
    """(first day, last day) of "周三到周五", "12月3号至5号", "Wed to Fri": the second read forward from
    the first; (day, None) without a range."""
    parts = connector.split(text, maxsplit=1)
    if len(parts) == 2:
        first = read(parts[0], today)
        last = read(parts[1], first) if first else None
        if first and last and 0 < (last - first).days <= MAX_RANGE_DAYS:
            return first, last
    return read(text, today), None


# "周四不行，周五呢", "不要周四，周五吧", "not Thursday, Friday": the day wanted is in the clause after the refusal;
# "我周四来不了" names none; "改成周五" names the one after the change word.
_REFUSED = re.compile(r"不行|不要|不是|没空|不方便|去不了|来不了|\bnot\b|\bcan'?t\b|\bcannot\b", re.I)
_CHANGED_TO = re.compile(r"换成|改成|改到|换到|\binstead\b", re.I)
_SEPARATOR = re.compile(r"[，,。；;！!]|\s(?:but|how about|what about)\s", re.I)


def _wanted_part(text: str) -> str:
    """The words naming the day wanted when the text turns a day down or changes it; else all of it."""
    changed = _CHANGED_TO.search(text)
    if changed and changed.group(0).lower() != "instead":
        return text[changed.end():]
    if not _REFUSED.search(text):
        return text
    parts = [part for part in _SEPARATOR.split(text) if part.strip()]
    return parts[-1] if len(parts) > 1 and not _REFUSED.search(parts[-1]) else ""


def wish_in(text: str, today: date) -> VisitWish:
    """The day (or days), part of day and time of day `text` asks for (each None when not said)."""
    text = _wanted_part(text)
    chinese = re.sub(r"\s+", "", text)
    english = text.lower()
    day, until = _days(chinese, today, _CN_RANGE, _chinese_day)
    if day is None:
        day, until = _days(english, today, _EN_RANGE, _english_day)
    part = _part(chinese, _CN_PART) or _part(english, _EN_PART)
    window = _chinese_window(chinese, part) or _english_window(english, part)
    if window is not None:  # "十点到十一点": from 10:00, before 11:00; a part of day said only if it holds all of it
        start, end = window
        part = part if (part == AM and end <= time(12)) or (part == PM and start >= time(12)) else None
        return VisitWish(day, part, start, until, AFTER, end)
    at, bound = next(iter(_chinese_times(chinese, part)), (None, None))
    if at is None:
        at, bound = next(iter(_english_times(english, part)), (None, None))
    if at is not None and part is None and bound is None:
        part = AM if at.hour < 12 else PM
    return VisitWish(day, part, at, until, bound if at is not None else None)
