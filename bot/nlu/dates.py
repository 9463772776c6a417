"""Dates, resolved against "today" into ISO strings.

Claims are about the past, so a date without a year (11月6号, 周五) is the most
recent such date not after today. Impossible dates (2月30日) are not extracted.
Lunar dates (十一月初六) are not handled. English forms are in bot.nlu.dates_en,
which shares the helpers below.
"""
from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Callable

from bot.nlu.candidates import Candidate
from bot.nlu.numerals import parse_int

_M = r"(?P<m>1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])"
_D = r"(?P<d>3[01]|[12]\d|0?[1-9]|三十一?|二?十[一二三四五六七八九]?|[一二三四五六七八九])"
# Keeps "2月29日" of "2023年2月29日" (invalid) from being read as a yearless date.
_NOT_AFTER_NUMBER = r"(?<![\d零〇一二两三四五六七八九十年])(?<!年 )"
WEEKDAY_NUMBERS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6,
             "1": 0, "2": 1, "3": 2, "4": 3, "5": 4, "6": 5, "7": 6}
_DAY_WORDS = {"大前天": -3, "前天": -2, "昨天": -1, "昨日": -1, "昨晚": -1,
              "昨夜": -1, "今天": 0, "今日": 0, "今早": 0, "今晚": 0}

_PATTERNS: list[tuple[re.Pattern, str]] = [
    (re.compile(r"(?<![\d.])(?P<y>(?:19|20)\d\d)(?P<sep>[-/.])(?P<m>\d{1,2})(?P=sep)"
                r"(?P<d>\d{1,2})(?!\d)(?!\.\d)"), "ymd"),
    (re.compile(rf"(?<!\d)(?P<y>(?:19|20)\d\d|[零〇一二三四五六七八九]{{4}})\s*年\s*{_M}\s*月"
                rf"\s*{_D}\s*(?:[日号](?!\d)|(?![\d日号]))"), "ymd"),
    (re.compile(rf"(?P<ry>前年|去年|今年){_M}月{_D}[日号]"), "relative_year"),
    (re.compile(rf"(?P<rm>上上个?月|上个?月|这个?月|本月){_D}[日号]"), "relative_month"),
    (re.compile(rf"{_NOT_AFTER_NUMBER}{_M}月{_D}[日号]"), "md"),
    (re.compile("|".join(sorted(_DAY_WORDS, key=len, reverse=True))), "day_word"),
    (re.compile(r"(?P<n>\d{1,3}|[一二两三四五六七八九十]{1,3})\s*个?\s*"
                r"(?P<u>天|日|周|星期|礼拜)之?前"), "ago"),
    (re.compile(r"(?<![每\d一二两三四五六七八九十])(?P<wp>上上个?|上个?|这个?|本)?(?:周|星期|礼拜)(?P<wd>[一二三四五六日天])"),
     "weekday"),
]
# Only for a whole reply to "which date?": "6号", "11.6", "11/6".
_LOOSE = [
    (re.compile(rf"{_D}[日号]"), "day_only"),
    (re.compile(r"(?P<m>1[0-2]|0?[1-9])[-/.](?P<d>3[01]|[12]\d|0?[1-9])"), "md"),
]


def safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def latest(month: int, day: int, today: date) -> date | None:
    """Most recent month/day not after today (looks back far enough for 2月29日)."""
    for year in range(today.year, today.year - 9, -1):
        found = safe_date(year, month, day)
        if found and found <= today:
            return found
    return None


def months_back(today: date, months: int) -> tuple[int, int]:
    index = today.year * 12 + today.month - 1 - months
    return index // 12, index % 12 + 1


def day_in_recent_months(day: int, today: date) -> date | None:
    """"6号" alone: this month's 6th, or the last month's if that is still to come."""
    for back in range(0, 3):
        found = safe_date(*months_back(today, back), day)
        if found and found <= today:
            return found
    return None


def weekday_date(today: date, weekday: int, weeks_back: int | None) -> date:
    """Weekday (0 = Monday) of the week `weeks_back` calendar weeks ago (0 = this week);
    None: the latest such day not after today (a bare "周五")."""
    target = today - timedelta(days=today.weekday()) + timedelta(days=weekday)
    if weeks_back is None:
        return target - timedelta(days=7) if target > today else target
    return target - timedelta(days=7 * weeks_back)


def _resolve(kind: str, g: dict, today: date) -> date | None:
    month = parse_int(g["m"]) if g.get("m") else None
    day = parse_int(g["d"]) if g.get("d") else None
    if kind == "ymd":
        year = int(g["y"]) if g["y"].isdigit() else int("".join(
            str("零一二三四五六七八九".index(c.replace("〇", "零"))) for c in g["y"]))
        return safe_date(year, month, day)
    if kind == "relative_year":
        offset = {"今年": 0, "去年": 1, "前年": 2}[g["ry"]]
        return safe_date(today.year - offset, month, day)
    if kind == "relative_month":
        back = 2 if g["rm"].startswith("上上") else 1 if g["rm"].startswith("上") else 0
        return safe_date(*months_back(today, back), day)
    if kind == "md":
        return latest(month, day, today)
    if kind == "day_only":
        return day_in_recent_months(day, today)
    if kind == "day_word":
        return today + timedelta(days=_DAY_WORDS[g["word"]])
    if kind == "ago":
        n = parse_int(g["n"])
        if n is None:
            return None
        return today - timedelta(days=n if g["u"] in ("天", "日") else 7 * n)
    if kind == "weekday":
        prefix = g.get("wp")
        weeks_back = None if prefix is None else 2 if prefix.startswith("上上") else 1 if prefix.startswith("上") else 0
        return weekday_date(today, WEEKDAY_NUMBERS[g["wd"]], weeks_back)
    raise ValueError(kind)


Resolver = Callable[[str, dict, date], "date | None"]


def find_with(patterns: list, text: str, today: date, accept: Callable, resolve: Resolver) -> list[Candidate]:
    """Date candidates of `patterns` ((regex, kind) pairs) that `resolve(kind, groups, today)` turns into dates."""
    found = []
    for pattern, kind in patterns:
        for match in pattern.finditer(text):
            if not accept(match):
                continue
            groups = {k: v for k, v in match.groupdict().items() if v}
            groups.setdefault("word", match.group())
            resolved = resolve(kind, groups, today)
            if resolved is not None:
                found.append(Candidate(match.start(), match.end(), "date", resolved.isoformat()))
    return found


def loose_body(text: str) -> str:
    """A whole reply without its closing punctuation, for the loose forms."""
    return text.strip().rstrip("。.!！?？~")


def find_dates(text: str, today: date) -> list[Candidate]:
    return find_with(_PATTERNS, text, today, lambda m: True, _resolve)


def find_loose_dates(text: str, today: date) -> list[Candidate]:
    """Extra forms accepted only when they are the whole (stripped) reply."""
    body = loose_body(text)
    return find_with(_LOOSE, body, today, lambda m: m.group() == body, _resolve)
