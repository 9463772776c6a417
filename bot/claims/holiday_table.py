"""Holiday schedules chinese-calendar does not know yet, kept in the project.

The State Council (国务院办公厅) publishes each year's schedule, "关于XXXX年部分节假日
安排的通知", around November of the year before, on www.gov.cn. chinese-calendar
1.11.0 knows the years up to 2026; for a later year, until a new release of the
library ships it, enter the schedule here:

    HOLIDAYS[2027] = {
        "off": ("2027-01-01", ...),       # every public-holiday day off, weekends inside a holiday included
        "work": ("2027-02-20", ...),      # the Saturdays/Sundays worked in exchange (调休上班)
        "source": "国办发明电〔2026〕X号",  # where the dates come from
    }

Only dates copied from the published notice belong here: never guess them.
A year that is in neither the library nor this table falls back to the
holidays fixed by law (bot.claims.statutory_holidays) and Monday to Friday,
without the notice's bridge and make-up days (bot.claims.working_days logs a
warning once per year).
2027 is not entered: its notice was not available when this table was written.
"""
from __future__ import annotations

from datetime import date
from typing import Dict, FrozenSet, Mapping, Tuple

# year -> {"off": ISO dates, "work": ISO dates, "source": the notice}
HOLIDAYS: Dict[int, Mapping[str, object]] = {}


def parse_year(entry: Mapping[str, object]) -> Tuple[FrozenSet[date], FrozenSet[date]]:
    """(days off, make-up working days) of one table entry; raises ValueError on a bad entry."""
    off = frozenset(date.fromisoformat(day) for day in entry.get("off", ()))  # type: ignore[union-attr]
    work = frozenset(date.fromisoformat(day) for day in entry.get("work", ()))  # type: ignore[union-attr]
    if off & work:
        raise ValueError(f"a day cannot be both off and worked: {sorted(off & work)}")
    years = {day.year for day in off | work}
    if len(years) > 1:
        raise ValueError(f"an entry holds one year's dates, not {sorted(years)}")
    return off, work
