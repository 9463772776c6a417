"""Language helpers shared by the claims renderers: one renderer, wording tables per language.

Renderers take `lang` (a bot.i18n code). Chinese is written in Simplified;
Traditional is converted on the way out by the action server's hook, so
every language but English reads the Chinese table.
"""
from __future__ import annotations

import re
from datetime import date
from typing import Mapping, Optional, TypeVar

from bot.i18n import EN

T = TypeVar("T")
ZH = "zh"
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def key(lang: Optional[str]) -> str:
    """The wording table to use: "en" or "zh"."""
    return EN if lang == EN else ZH


def pick(table: Mapping[str, T], lang: Optional[str]) -> T:
    """table["en"] for English, else table["zh"]."""
    return table[key(lang)]


def day(value: date, lang: Optional[str]) -> str:
    """2026年11月06日 / 6 Nov 2026"""
    return f"{value.day} {value:%b %Y}" if key(lang) == EN else f"{value:%Y年%m月%d日}"


def short_day(value: date, lang: Optional[str], this_year: Optional[int] = None) -> str:
    """11月06日 / 6 Nov in a timeline; with the year (day()) when it is not `this_year` (2022年11月06日)."""
    if this_year is not None and value.year != this_year:
        return day(value, lang)
    return f"{value.day} {value:%b}" if key(lang) == EN else f"{value:%m月%d日}"


def has_chinese(text: Optional[str]) -> bool:
    return bool(_CJK.search(text or ""))


def stored(text: Optional[str], lang: Optional[str]) -> str:
    """Free text stored in Chinese (an insurer's note), shown only where the reader can read it.

    English replies leave out Chinese notes: the English wording around them
    already says what the step is; names (hospitals, products) are kept by callers.
    """
    text = text or ""
    return "" if key(lang) == EN and has_chinese(text) else text


def join(items, lang: Optional[str]) -> str:
    """a、b、c / a, b, c"""
    return (", " if key(lang) == EN else "、").join(items)
