"""Figures for the advisor console's metrics page.

Computed in Python from the rows (a few thousand hand-offs at most), so the
same code gives the same answer on SQLite and PostgreSQL and money stays
Decimal end to end.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from statistics import median
from typing import Optional

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot import clock
from bot.store.models import Dispute, Handoff

WON_OUTCOMES = ("overturned", "partly_overturned")
SERIES_DAYS = 14


@dataclass(frozen=True)
class DayFigures:
    day: date
    handoffs: int  # items created that day
    median_first_response: Optional[timedelta]  # of the items created that day and answered


@dataclass(frozen=True)
class Summary:
    cases_served: int  # distinct conversations (or claims, for call-backs) an advisor responded to
    amount_recovered: Decimal
    disputes_won: int  # overturned + partly overturned
    disputes_decided: int
    median_first_response: Optional[timedelta]
    sla_met: int
    sla_counted: int  # answered items plus unanswered ones already past due
    days: list[DayFigures]

    @property
    def sla_share(self) -> Optional[Decimal]:
        """Share of SLAs met, 0..1 to 4 places; None before anything counts."""
        if not self.sla_counted:
            return None
        return (Decimal(self.sla_met) / Decimal(self.sla_counted)).quantize(Decimal("0.0001"))


def summary(session: Session, now: Optional[datetime] = None, days: int = SERIES_DAYS) -> Summary:
    now = now or clock.now()
    handoffs = list(session.scalars(select(Handoff)))
    decided = list(session.scalars(select(Dispute).where(Dispute.outcome.is_not(None))))
    sla_met, sla_counted = sla_figures(handoffs, now)
    return Summary(
        cases_served=cases_served(handoffs),
        amount_recovered=sum((d.amount_recovered or Decimal("0.00") for d in decided), Decimal("0.00")),
        disputes_won=sum(1 for d in decided if d.outcome in WON_OUTCOMES),
        disputes_decided=len(decided),
        median_first_response=median_first_response(handoffs),
        sla_met=sla_met,
        sla_counted=sla_counted,
        days=daily_series(handoffs, now, days),
    )


def _case_key(handoff: Handoff) -> tuple:
    """What counts as one case: the conversation, else the claim, else the item itself."""
    if handoff.sender_id:
        return ("conversation", handoff.sender_id)
    if handoff.claim_id:
        return ("claim", handoff.claim_id)
    return ("handoff", handoff.id)


def cases_served(handoffs: list[Handoff]) -> int:
    return len({_case_key(h) for h in handoffs if h.first_response_at is not None or h.taken_by is not None})


def response_time(handoff: Handoff) -> Optional[timedelta]:
    """From queued to the first answer; never below zero (processes whose clocks disagree by a moment
    can record the answer a little before the item)."""
    if handoff.first_response_at is None:
        return None
    return max(handoff.first_response_at - handoff.created_at, timedelta(0))


def median_first_response(handoffs: list[Handoff]) -> Optional[timedelta]:
    seconds = [t.total_seconds() for t in map(response_time, handoffs) if t is not None]
    return timedelta(seconds=median(seconds)) if seconds else None


def sla_figures(handoffs: list[Handoff], now: datetime) -> tuple[int, int]:
    """(met, counted): answered by due_at is met; unanswered past due_at is missed; the rest wait."""
    met = counted = 0
    for handoff in handoffs:
        if handoff.first_response_at is not None:
            counted += 1
            met += handoff.first_response_at <= handoff.due_at
        elif handoff.due_at < now:
            counted += 1
    return met, counted


def daily_series(handoffs: list[Handoff], now: datetime, days: int = SERIES_DAYS) -> list[DayFigures]:
    """One entry per service-zone day, the oldest first, ending today."""
    today = now.astimezone(clock.tz()).date()
    by_day: dict[date, list[Handoff]] = {today - timedelta(days=n): [] for n in range(days)}
    for handoff in handoffs:
        day = handoff.created_at.astimezone(clock.tz()).date()
        if day in by_day:
            by_day[day].append(handoff)
    return [DayFigures(day, len(items), median_first_response(items)) for day, items in sorted(by_day.items())]
