"""Metrics figures on known rows, on SQLite and PostgreSQL."""
from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import select

from bot.store.db import session_scope
from bot.store.metrics import summary
from bot.store.models import Claim, Conversation, Customer, Dispute, Handoff


def _handoff(session, now, sender, created_ago, due_after, answered_after=None, **fields):
    """A hand-off created `created_ago` before now, due `due_after` later, answered `answered_after` later."""
    if sender and session.get(Conversation, sender) is None:
        session.add(Conversation(sender_id=sender, channel="api"))
        session.flush()
    created = now - created_ago
    fields.setdefault("reason", "request_human")
    handoff = Handoff(sender_id=sender, created_at=created, due_at=created + due_after,
                      first_response_at=None if answered_after is None else created + answered_after, **fields)
    session.add(handoff)
    session.flush()
    return handoff


def _dispute(session, outcome, amount):
    claim = session.scalar(select(Claim).where(Claim.case_number == "C-1001"))
    session.add(Dispute(claim_id=claim.id, customer_id=claim.reporter_id, outcome=outcome, amount_recovered=amount,
                        status=outcome or "opened"))


def test_summary_on_known_data(seeded_url, frozen_clock):
    now = frozen_clock
    minute, day = timedelta(minutes=1), timedelta(days=1)
    with session_scope(seeded_url) as session:
        _handoff(session, now, "u1", 2 * day, 10 * minute, 4 * minute)   # met, 4 min
        _handoff(session, now, "u1", day, 10 * minute, 12 * minute)      # same conversation; missed, 12 min
        _handoff(session, now, "u2", day, 10 * minute, 6 * minute)       # met, 6 min
        _handoff(session, now, "u3", 30 * minute, 10 * minute)           # unanswered, past due: missed
        _handoff(session, now, "u4", 5 * minute, 10 * minute)            # unanswered, not yet due: not counted
        wang = session.scalar(select(Customer).where(Customer.name == "王丽"))
        claim = session.scalar(select(Claim).where(Claim.case_number == "C-1002"))
        _handoff(session, now, None, 40 * day, day, 2 * minute, kind="callback", reason="callback",
                 customer_id=wang.id, claim_id=claim.id, priority=3)     # outside the 14 days; met, 2 min
        _dispute(session, "overturned", Decimal("3418.00"))
        _dispute(session, "partly_overturned", Decimal("0.10"))
        _dispute(session, "partly_overturned", Decimal("0.20"))
        _dispute(session, "upheld", None)
        _dispute(session, None, None)  # still open: not decided
    with session_scope(seeded_url) as session:
        figures = summary(session, now)
    assert figures.cases_served == 3  # u1, u2 and the claim of the call-back
    assert figures.amount_recovered == Decimal("3418.30")  # exact: no float on the way
    assert (figures.disputes_won, figures.disputes_decided) == (3, 4)
    assert figures.median_first_response == timedelta(minutes=5)  # of 2, 4, 6, 12
    assert (figures.sla_met, figures.sla_counted) == (3, 5)
    assert figures.sla_share == Decimal("0.6000")
    assert len(figures.days) == 14 and figures.days[-1].day == date(2026, 11, 24)
    by_day = {d.day: d for d in figures.days}
    assert by_day[date(2026, 11, 22)].handoffs == 1
    assert by_day[date(2026, 11, 22)].median_first_response == timedelta(minutes=4)
    assert by_day[date(2026, 11, 23)].median_first_response == timedelta(minutes=9)
    assert by_day[date(2026, 11, 24)].handoffs == 2 and by_day[date(2026, 11, 24)].median_first_response is None
    assert sum(d.handoffs for d in figures.days) == 5


def test_summary_of_an_empty_queue(seeded_url, frozen_clock):
    with session_scope(seeded_url) as session:
        figures = summary(session, frozen_clock)
    assert figures.cases_served == 0 and figures.amount_recovered == Decimal("0.00")
    assert figures.median_first_response is None and figures.sla_share is None
    assert all(d.handoffs == 0 for d in figures.days)


def test_an_answer_recorded_before_the_item_counts_as_immediate(seeded_url, frozen_clock):
    """Two processes' clocks a moment apart must not give a negative response time."""
    now, minute = frozen_clock, timedelta(minutes=1)
    with session_scope(seeded_url) as session:
        _handoff(session, now, "u1", 5 * minute, 10 * minute, -2 * minute)
        figures = summary(session, now)
    assert figures.median_first_response == timedelta(0) and figures.sla_met == figures.sla_counted == 1
