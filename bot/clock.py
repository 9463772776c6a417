"""The one clock every date rule uses, so tests and demos can freeze time.

`CLAIMS_NOW` (ISO 8601) freezes it for whole processes (conversation tests,
the action server); `freeze()` swaps it inside one test.
"""
from __future__ import annotations

from contextlib import contextmanager
from datetime import date, datetime
from typing import Callable, Iterator, Optional
from zoneinfo import ZoneInfo

from bot.settings import load_settings

_override: Optional[Callable[[], datetime]] = None


def tz() -> ZoneInfo:
    return ZoneInfo(load_settings().timezone)


def now() -> datetime:
    """Current time, timezone-aware in the service's zone."""
    if _override is not None:
        return _override()
    fixed = load_settings().clock_now
    if fixed:
        moment = datetime.fromisoformat(fixed)
        return moment if moment.tzinfo else moment.replace(tzinfo=tz())
    return datetime.now(tz())


def today() -> date:
    return now().date()


@contextmanager
def freeze(moment: datetime) -> Iterator[datetime]:
    """Make `now()` return `moment` inside the block."""
    global _override
    previous = _override
    aware = moment if moment.tzinfo else moment.replace(tzinfo=tz())
    _override = lambda: aware  # noqa: E731
    try:
        yield aware
    finally:
        _override = previous
