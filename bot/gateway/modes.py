"""Whether a conversation is in advisor mode: an open hand-off or dispute holds it.

The rule itself lives in `bot.store.handoffs.conversation_handoff` (the dialogue's
store); the gateway only asks it.
"""
from __future__ import annotations

from sqlalchemy.orm import Session

from bot.store.handoffs import conversation_handoff


def advisor_holds(session: Session, sender_id: str) -> bool:
    return conversation_handoff(session, sender_id) is not None
