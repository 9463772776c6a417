"""English dates, resolved the same way as the Chinese ones in bot.nlu.dates.

"today", "yesterday", "the day before yesterday", "3 days ago", "a week ago",
"last Friday", "this Monday", "Friday", "Nov 6 2022", "November 6, 2022",
"6 Nov 2022", "6th of November", "Nov 6 last year", "the 3rd of last month",
"11/06/2022". The Chinese rules carry over: a date without a year is the most
recent one not after today; impossible dates (Feb 30) give nothing.

- "last Friday" is 上周五, the Friday of the previous calendar week (weeks start
  on Monday); "this Friday" is 这周五 (it may lie ahead: the form says so);
  a bare "Friday" / "on Friday" / "past Friday" is the latest Friday not after today.
- Numeric dates with slashes, dots or dashes and the year last are month/day/year,
  the order of the Chinese "11/6" rule; "25/11/2022" is read day first, because
  25 cannot be a month. Year-first "2022-11-06" is in bot.nlu.dates.
- A whole reply to "which date?" may also be "the 6th" / "6th" (as "6号").
"""
from __future__ import annotations

import re
from datetime import date, timedelta

from bot.nlu.candidates import Candidate
from bot.nlu.dates import (
    day_in_recent_months,
    find_with,
    latest,
    loose_body,
    months_back,
    safe_date,
    weekday_date,
)
from bot.nlu.numerals_en import ONES

MONTHS = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8,
           "sep": 9, "oct": 10, "nov": 11, "dec": 12}
WEEKDAY_NUMBERS = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}
_DAY_WORDS = {"the day before yesterday": -2, "day before yesterday": -2, "yesterday": -1,
              "last night": -1, "today": 0, "tonight": 0, "this morning": 0,
              "this afternoon": 0, "this evening": 0}

_MON = (r"(?<![A-Za-z])(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|"
        r"aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)(?![A-Za-z])\.?")
_DAY = r"(?<![\d.,/:-])(?P<d>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?![A-Za-z\d]|:\d)"
_DAY_ORDINAL = r"(?<![\d.,/:-])(?P<d>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)(?![A-Za-z\d])"
_TAIL = (r"(?:,?\s*(?P<y>(?:19|20)\d\d)(?![\d:])"
         r"|,?\s+(?P<ry>last year|this year|the year before last)(?![A-Za-z]))?")
_FULL_WEEKDAY = r"(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?![A-Za-z])"
_SHORT_WEEKDAY = r"(?P<wd>mon|tues?|wed|thu(?:rs?)?|fri|sat|sun)(?![A-Za-z])\.?"
_WEEK = (r"(?:\s+(?P<wq>last week|of last week|this week|of this week|the week before last)"
         r"(?![A-Za-z]))?")
_COUNT = r"\d{1,3}|an?|" + "|".join(w for w in ONES if w != "zero")
_RELATIVE_MONTH = r"(?P<rm>last month|this month|the month before last)(?![A-Za-z])"


def _compile(pattern: str) -> re.Pattern:
    return re.compile(pattern, re.IGNORECASE)


_PATTERNS: list[tuple[re.Pattern, str]] = [
    (_compile(rf"{_MON}\s*{_DAY}{_TAIL}"), "month_day"),                        # Nov 6, 2022
    (_compile(rf"(?:the\s+)?{_DAY}\s*(?:of\s+)?{_MON}{_TAIL}"), "month_day"),   # 6th of November 2022
    (_compile(r"(?<![\d./-])(?P<a>\d{1,2})(?P<sep>[/.-])(?P<b>\d{1,2})(?P=sep)"
              r"(?P<y>(?:19|20)\d\d)(?![\d.])"), "numeric"),                     # 11/06/2022
    (_compile(rf"the\s+{_DAY}\s+(?:of\s+)?{_RELATIVE_MONTH}"), "relative_month"),  # the 3rd of last month
    (_compile(rf"{_DAY_ORDINAL}\s+(?:of\s+)?{_RELATIVE_MONTH}"), "relative_month"),
    (_compile(rf"{_RELATIVE_MONTH}\s+on\s+the\s+{_DAY}"), "relative_month"),
    (_compile(r"(?<![A-Za-z])(?:" + "|".join(sorted(_DAY_WORDS, key=len, reverse=True))
              + r")(?![A-Za-z])"), "day_word"),
    (_compile(rf"(?<![A-Za-z\d])(?P<n>{_COUNT})\s+(?P<u>days?|weeks?|fortnights?)\s+ago(?![A-Za-z])"),
     "ago"),
    (_compile(rf"(?<![A-Za-z])(?<!every\s)(?<!each\s)(?:(?P<wp>last|this|past|on)\s+)?"
              rf"{_FULL_WEEKDAY}{_WEEK}"), "weekday"),
    (_compile(rf"(?<![A-Za-z])(?P<wp>last|this|past|on)\s+{_SHORT_WEEKDAY}"), "weekday"),
]
# Only for a whole reply to "which date?": "the 6th", "6th", "on the 6th".
_LOOSE = [(_compile(rf"(?:on\s+)?(?:the\s+)?{_DAY_ORDINAL}"), "day_only")]


def _resolve(kind: str, g: dict, today: date) -> date | None:
    day = int(g["d"]) if g.get("d") else None
    if kind == "month_day":
        month = MONTHS[g["mon"][:3].lower()]
        if g.get("y"):
            return safe_date(int(g["y"]), month, day)
        if g.get("ry"):
            back = {"this year": 0, "last year": 1, "the year before last": 2}[g["ry"].lower()]
            return safe_date(today.year - back, month, day)
        return latest(month, day, today)
    if kind == "numeric":
        first, second, year = int(g["a"]), int(g["b"]), int(g["y"])
        month, day = (first, second) if first <= 12 else (second, first)
        return safe_date(year, month, day)
    if kind == "relative_month":
        back = {"this month": 0, "last month": 1, "the month before last": 2}[g["rm"].lower()]
        return safe_date(*months_back(today, back), day)
    if kind == "day_only":
        return day_in_recent_months(day, today)
    if kind == "day_word":
        return today + timedelta(days=_DAY_WORDS[g["word"].lower()])
    if kind == "ago":
        count = g["n"].lower()
        n = int(count) if count.isdigit() else 1 if count in ("a", "an") else ONES[count]
        unit = g["u"].lower()
        return today - timedelta(days=n * (1 if unit.startswith("day") else 7 if unit.startswith("week") else 14))
    if kind == "weekday":
        prefix, week = (g.get("wp") or "").lower(), (g.get("wq") or "").lower()
        weeks_back = (2 if "before last" in week else 1 if "last" in week else 0 if "this" in week
                      else 1 if prefix == "last" else 0 if prefix == "this" else None)
        return weekday_date(today, WEEKDAY_NUMBERS[g["wd"][:3].lower()], weeks_back)
    raise ValueError(kind)


def find_english_dates(text: str, today: date) -> list[Candidate]:
    return find_with(_PATTERNS, text, today, lambda m: True, _resolve)


def find_loose_english_dates(text: str, today: date) -> list[Candidate]:
    """"the 6th" and the like, accepted only when they are the whole (stripped) reply."""
    body = loose_body(text)
    return find_with(_LOOSE, body, today, lambda m: m.group().lower() == body.lower(), _resolve)
