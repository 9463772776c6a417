"""The advisors' queue: conversations handed over by the bot, disputes and call-backs.

A conversation holds at most one open hand-off or dispute item (and at most one
open call-back): asking again updates the open item instead of queueing the
user twice. `due_at` is the first-response SLA, counted in advisor opening
hours (bot.claims.working_hours). Nothing here commits: the caller's
session_scope does.
"""
from __future__ import annotations

from typing import Dict, List, Optional, Tuple

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot import clock
from bot.claims import working_hours
from bot.store.db import lock_for_write
from bot.store.models import (
    HANDOFF_KINDS, HANDOFF_REASONS, OPEN_HANDOFF_STATUSES, AdvisorNote, Conversation, Handoff,
)

# Priorities: 1 = elderly users, disputes, complaints; 2 = other hand-offs; 3 = call-backs.
REASON_PRIORITIES = {"elderly": 1, "dispute": 1, "complaint": 1, "callback": 3}
DEFAULT_PRIORITY = 2
CONVERSATION_KINDS = ("handoff", "dispute")  # kinds that hold the conversation (the gateway routes to advisors)
FINISHED = ("returned", "closed")


def _kind_group(kind: str) -> Tuple[str, ...]:
    return CONVERSATION_KINDS if kind in CONVERSATION_KINDS else (kind,)


def _open_item(session: Session, sender_id: str, kinds: Tuple[str, ...]) -> Optional[Handoff]:
    return session.scalars(
        select(Handoff)
        .where(Handoff.sender_id == sender_id, Handoff.status.in_(OPEN_HANDOFF_STATUSES), Handoff.kind.in_(kinds))
        .order_by(Handoff.id.desc())
        .limit(1)
    ).first()


def merge_context(old: Optional[dict], new: Optional[dict]) -> dict:
    """The newer title; sections by heading, a newer section replacing an older one of the same heading."""
    old, new = old or {}, new or {}
    sections: Dict[str, dict] = {s["heading"]: s for s in old.get("sections") or []}
    for section in new.get("sections") or []:
        sections[section["heading"]] = section
    merged = {**old, **{k: v for k, v in new.items() if k != "sections"}}
    merged["sections"] = list(sections.values())
    return merged


def _ensure_conversation(session: Session, sender_id: str) -> None:
    """Handoffs reference the conversation; one started outside the gateway (tests, rasa shell) gets a row."""
    if session.get(Conversation, sender_id) is None:
        session.add(Conversation(sender_id=sender_id, channel="api"))
        session.flush()


def open_handoff(
    session: Session, *, sender_id: Optional[str], reason: str, kind: str = "handoff",
    customer_id: Optional[int] = None, claim_id: Optional[int] = None, dispute_id: Optional[int] = None,
    context: Optional[dict] = None, user_words: str = "", priority: Optional[int] = None,
) -> Handoff:
    """Queue an item for the advisors, or update the conversation's open one (the more urgent priority wins)."""
    if kind not in HANDOFF_KINDS:
        raise ValueError(f"kind must be one of {HANDOFF_KINDS}")
    if reason not in HANDOFF_REASONS:
        raise ValueError(f"reason must be one of {HANDOFF_REASONS}")
    priority = priority or REASON_PRIORITIES.get(reason, DEFAULT_PRIORITY)
    if priority not in (1, 2, 3):
        raise ValueError("priority must be 1, 2 or 3")
    now = clock.now()
    due = working_hours.sla_due(now, priority)
    lock_for_write(session)  # SQLite: no second open item between the check and the insert
    existing = None
    if sender_id:
        _ensure_conversation(session, sender_id)
        existing = _open_item(session, sender_id, _kind_group(kind))
    if existing is None:
        item = Handoff(
            sender_id=sender_id, kind=kind, reason=reason, priority=priority, status="queued",
            customer_id=customer_id, claim_id=claim_id, dispute_id=dispute_id,
            context=merge_context(None, context), user_words=user_words or "", created_at=now, due_at=due,
        )
        session.add(item)
        session.flush()
        return item
    if priority < existing.priority:
        existing.priority, existing.reason = priority, reason
        existing.due_at = min(existing.due_at, due)
    if kind == "dispute":
        existing.kind = "dispute"
    existing.customer_id = existing.customer_id or customer_id
    existing.claim_id = claim_id or existing.claim_id
    existing.dispute_id = dispute_id or existing.dispute_id
    existing.context = merge_context(existing.context, context)  # a new dict: JSON columns track assignment
    if user_words and user_words not in (existing.user_words or ""):
        existing.user_words = "\n".join(filter(None, [existing.user_words, user_words]))
    session.flush()
    return existing


def conversation_handoff(session: Session, sender_id: str) -> Optional[Handoff]:
    """The open hand-off or dispute item holding this conversation (call-backs never do)."""
    return _open_item(session, sender_id, CONVERSATION_KINDS)


VERIFIED_BY = "verified_by_advisor"  # context key: the advisor who verified an unverified user (their id)


def verify_for_bot(session: Session, handoff: Handoff, customer_id: int, advisor_id: int, shown: str) -> None:
    """The advisor has checked who the user is: the bot takes them as this customer when it gets the
    conversation back (action_back_to_bot). `shown`: who, masked, for the context summary."""
    handoff.customer_id = customer_id
    handoff.context = merge_context(handoff.context, {
        VERIFIED_BY: advisor_id, "sections": [{"heading": "顾问核实身份", "lines": [shown]}]})
    session.flush()


def advisor_verified_customer(session: Session, sender_id: str) -> Optional[int]:
    """The customer an advisor verified in the conversation's latest item, if one did."""
    latest = session.scalars(select(Handoff).where(
        Handoff.sender_id == sender_id, Handoff.kind.in_(CONVERSATION_KINDS)).order_by(Handoff.id.desc()).limit(1)).first()
    if latest is None or not (latest.context or {}).get(VERIFIED_BY):
        return None
    return latest.customer_id


def queue(session: Session) -> List[Handoff]:
    """Open items of every kind: priority 1 first, then the earliest due."""
    return list(session.scalars(
        select(Handoff).where(Handoff.status.in_(OPEN_HANDOFF_STATUSES))
        .order_by(Handoff.priority, Handoff.due_at, Handoff.id)
    ))


def items_ahead(session: Session, handoff: Handoff) -> int:
    """Queued items an advisor will take before this one (same or more urgent priority, queued earlier)."""
    return session.scalar(
        select(func.count(Handoff.id)).where(
            Handoff.status == "queued", Handoff.id != handoff.id, Handoff.kind.in_(CONVERSATION_KINDS),
            (Handoff.priority < handoff.priority)
            | ((Handoff.priority == handoff.priority) & (Handoff.id < handoff.id)),
        )
    ) or 0


def get_handoff(session: Session, handoff_id: int) -> Optional[Handoff]:
    return session.get(Handoff, handoff_id)


def take_over(session: Session, handoff: Handoff, advisor_id: int) -> None:
    if handoff.status not in OPEN_HANDOFF_STATUSES:
        raise ValueError("这个会话已经结束，不能再接手。")
    handoff.status = "active"
    handoff.taken_by = advisor_id
    handoff.taken_at = clock.now()
    session.flush()


def mark_first_response(session: Session, handoff: Handoff) -> None:
    if handoff.first_response_at is None:
        handoff.first_response_at = clock.now()
        session.flush()


def finish(session: Session, handoff: Handoff, status: str) -> None:
    """"returned" (to the bot) or "closed"."""
    if status not in FINISHED:
        raise ValueError(f"status must be one of {FINISHED}")
    handoff.status = status
    handoff.closed_at = clock.now()
    session.flush()


def add_note(session: Session, handoff: Handoff, advisor_id: int, text: str) -> AdvisorNote:
    text = (text or "").strip()
    if not text:
        raise ValueError("备注不能为空。")
    note = AdvisorNote(handoff_id=handoff.id, advisor_id=advisor_id, text=text, created_at=clock.now())
    session.add(note)
    session.flush()
    return note
