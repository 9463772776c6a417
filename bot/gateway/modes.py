"""Whether a conversation is in advisor mode: an open hand-off or dispute holds it.

The rule itself lives in `bot.store.handoffs.conversation_handoff` (the dialogue's
store); the gateway only asks it.
"""
from __future__ import annotations

import importlib
import importlib.util

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.store.models import OPEN_HANDOFF_STATUSES, Handoff

HANDOFFS_MODULE = "bot.store.handoffs"


def advisor_holds(session: Session, sender_id: str) -> bool:
    if importlib.util.find_spec(HANDOFFS_MODULE) is not None:
        return importlib.import_module(HANDOFFS_MODULE).conversation_handoff(session, sender_id) is not None
    return _open_handoff_before_store_exists(session, sender_id)


def _open_handoff_before_store_exists(session: Session, sender_id: str) -> bool:
    """Stand-in until bot/store/handoffs.py lands (written in parallel); same rule, delete then."""
    return session.scalars(
        select(Handoff.id).where(
            Handoff.sender_id == sender_id, Handoff.kind.in_(("handoff", "dispute")),
            Handoff.status.in_(OPEN_HANDOFF_STATUSES),
        ).limit(1)
    ).first() is not None
