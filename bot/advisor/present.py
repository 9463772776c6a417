"""Plain dicts for the templates, built while the database session is open.

Templates never touch ORM objects: relationships are not loadable once the
session has ended, and a dict makes plain what each page shows.
"""
from __future__ import annotations

from datetime import datetime
from typing import Optional

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.advisor import labels
from bot.advisor.documents import document_rows
from bot.advisor.service_views import callback_panel
from bot.i18n import DEFAULT_LANGUAGE, LANGUAGE_NAMES
from bot.claims.appeal_letter import GROUND_TITLES  # the same words the user chose
from bot.claims.money import yuan
from bot.store.disputes import OPEN_STATUSES as OPEN_DISPUTE_STATUSES
from bot.store.conversations import conversation_language, language_of_conversation
from bot.store.identity import mask_mobile
from bot.store.models import Advisor, Conversation, Customer, Dispute, Handoff, TranscriptMessage
from bot.store.models import OPEN_HANDOFF_STATUSES


def customer_line(handoff: Handoff) -> str:
    """"王丽 · 138****8000"; the full mobile never reaches a page."""
    return person_line(handoff.customer)


def person_line(customer: Optional[Customer]) -> str:
    if customer is None:
        return "未核实身份的用户"
    return " · ".join(filter(None, [customer.name, mask_mobile(customer.mobile) if customer.mobile else ""]))


def queue_item(handoff: Handoff, now: datetime) -> dict:
    return {
        "id": handoff.id,
        "kind": handoff.kind,
        "kind_label": labels.KINDS.get(handoff.kind, handoff.kind),
        "reason_label": labels.REASONS.get(handoff.reason, handoff.reason),
        "priority": handoff.priority,
        "priority_label": labels.PRIORITIES.get(handoff.priority, ""),
        "status": handoff.status,
        "status_label": labels.STATUSES.get(handoff.status, handoff.status),
        "title": (handoff.context or {}).get("title", ""),
        "customer": customer_line(handoff),
        "case_number": handoff.claim.case_number if handoff.claim else "",
        "taken_by": handoff.advisor.display_name if handoff.advisor else "",
        "created_at": handoff.created_at.isoformat(),
        "created_label": labels.clock_time(handoff.created_at),
        "due_at": handoff.due_at.isoformat(),
        "due_label": labels.clock_time(handoff.due_at),
        "answered": handoff.first_response_at is not None,
        "overdue": handoff.first_response_at is None and now > handoff.due_at,
        "waiting": labels.duration(now - handoff.created_at),
        **user_language(handoff.conversation),
    }


def user_language(conversation: Optional[Conversation]) -> dict:
    """The language the user reads (a badge, so the advisor answers in it); empty without a conversation."""
    if conversation is None:
        return {"language": "", "language_label": "", "language_hint": ""}
    language = language_of_conversation(conversation)
    fixed = labels.LANGUAGE_FIXED if conversation.language_fixed else ""
    return {"language": language, "language_label": LANGUAGE_NAMES[language] + fixed,
            "language_hint": labels.LANGUAGE_HINTS.get(language, "")}


def notice_language(session: Session, sender_id: Optional[str]) -> str:
    """The language of a notice the console sends a user: the conversation's (the default without one).

    The store writes the notice in English or Simplified for it; bot.i18n.to_script then gives
    Traditional readers their script.
    """
    return conversation_language(session, sender_id) if sender_id else DEFAULT_LANGUAGE


def message(row: TranscriptMessage, advisor_names: dict[int, str]) -> dict:
    role_label = labels.ROLES.get(row.role, row.role)
    if row.role == "advisor" and row.advisor_id in advisor_names:
        role_label = f"顾问 {advisor_names[row.advisor_id]}"
    return {
        "id": row.id, "role": row.role, "role_label": role_label, "text": row.text,
        "buttons": [button.get("title", "") for button in row.buttons or []],
        "time": labels.clock_time(row.created_at),
        "has_file": row.role == "user" and bool(row.file_sha256),  # the console's "upload" route serves it
    }


def advisor_names(session: Session) -> dict[int, str]:
    return dict(session.execute(select(Advisor.id, Advisor.display_name)).all())


def handoff_detail(handoff: Handoff, now: datetime, names: dict[int, str], phone_revealed: bool = False) -> dict:
    """Everything the conversation view shows except the transcript (`phone_revealed`: the viewing
    advisor has revealed the call-back's number)."""
    context = handoff.context or {}
    claim = handoff.claim or (handoff.dispute.claim if handoff.dispute else None)  # its documents are listed
    return {
        **queue_item(handoff, now),
        "open": handoff.status in OPEN_HANDOFF_STATUSES,
        "has_conversation": bool(handoff.sender_id),
        "unverified": bool(handoff.sender_id) and handoff.customer_id is None and handoff.kind != "callback",
        "taken_by_id": handoff.taken_by,
        "context_title": context.get("title") or f"{labels.KINDS.get(handoff.kind, '')} #{handoff.id}",
        "sections": [{"heading": s.get("heading", ""), "lines": list(s.get("lines") or [])}
                     for s in context.get("sections") or []],
        "user_words": handoff.user_words,
        "notes": [{"text": n.text, "by": names.get(n.advisor_id, ""), "time": labels.clock_time(n.created_at)}
                  for n in handoff.notes],
        "dispute": dispute_detail(handoff.dispute, names) if handoff.dispute else None,
        "callback": callback_panel(handoff.callback, names, phone_revealed) if handoff.callback else None,
        "documents": document_rows(claim.documents) if claim else [],
        "documents_case": claim.case_number if claim else "",
    }


def dispute_detail(dispute: Dispute, names: dict[int, str]) -> dict:
    return {
        **_dispute_summary(dispute),
        "decided": dispute.outcome is not None,
        "statement": dispute.statement,
        "letter": dispute.letter,
        "events": [{"time": labels.clock_time(e.at), "status_label": labels.DISPUTE_STATUSES.get(e.status, e.status),
                    "note": e.note, "by": names.get(e.advisor_id, "") if e.advisor_id else ""} for e in dispute.events],
    }


def _dispute_summary(dispute: Dispute) -> dict:
    """What the dispute panel and the follow-up page both show."""
    return {
        "id": dispute.id,
        "case_number": dispute.claim.case_number,
        "status": dispute.status,
        "status_label": labels.DISPUTE_STATUSES.get(dispute.status, dispute.status),
        "outcome_label": labels.OUTCOMES.get(dispute.outcome or "", ""),
        "amount": yuan(dispute.amount_recovered) if dispute.amount_recovered is not None else "",
        "grounds": [GROUND_TITLES.get(code, code) for code in dispute.grounds or []],
    }


def handoff_of_dispute(session: Session, dispute_id: int) -> Optional[Handoff]:
    """The latest queue item of a dispute (where the outcome form lives)."""
    return session.scalars(select(Handoff).where(Handoff.dispute_id == dispute_id).order_by(Handoff.id.desc())).first()


def handoffs_of_disputes(session: Session) -> dict[int, int]:
    """Each dispute's latest queue item id (its page holds the letter and the outcome form)."""
    return dict(session.execute(select(Handoff.dispute_id, func.max(Handoff.id))
                                .where(Handoff.dispute_id.is_not(None)).group_by(Handoff.dispute_id)).all())


def dispute_row(dispute: Dispute, handoff_id: Optional[int]) -> dict:
    """A line of the follow-up page ("申诉跟进"); `handoff_id`: the item whose page holds the outcome form."""
    return {
        **_dispute_summary(dispute),
        "handoff_id": handoff_id,
        "customer": person_line(dispute.customer),
        "open": dispute.status in OPEN_DISPUTE_STATUSES,
        "opened": labels.clock_time(dispute.created_at),
        "days_open": labels.days_since(dispute.created_at),
        "decided_label": labels.clock_time(dispute.decided_at),
    }
