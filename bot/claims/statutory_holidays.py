"""The public holidays fixed by law, for years whose State Council schedule nobody has entered.

《全国年节及纪念日放假办法》 (as revised in 2024, in force from 2025) names the days
off: 元旦 1 January, 春节 the lunar New Year's Eve and the first three days of
the first lunar month, 清明 the Qingming solar term, 劳动节 1-2 May, 端午 the
fifth day of the fifth lunar month, 中秋 the fifteenth of the eighth, 国庆 1-3
October. Those days are off whatever the yearly notice adds. The notice adds
bridge days and the weekend days worked in exchange (调休), which cannot be
known before it is published: the caller counts every other Monday to Friday
as a working day and says so in the log.

The lunar and solar-term dates come from the `holidays` package's tables
(`observed=False`: none of its estimated bridges; a bridge day it knows from a
published notice is kept, being off too).
"""
from __future__ import annotations

import functools
from datetime import date
from typing import FrozenSet

import holidays

# The first year the 2024 revision's days apply (春节 with its eve, 劳动节 two days).
FIRST_YEAR = 2025


@functools.lru_cache(maxsize=16)
def days_off(year: int) -> FrozenSet[date]:
    """The public holidays of `year` the law fixes (and any published bridge day); empty before FIRST_YEAR."""
    if year < FIRST_YEAR:
        return frozenset()
    return frozenset(holidays.China(years=year, observed=False))
