"""What the gateway writes to the database for a turn: the user's message, the replies, message ids.

Plain functions of a session; the Gateway runs each in a worker thread with its own
session (bot.gateway.core.Gateway._db), so one call is one transaction.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import List, Optional
from urllib.parse import quote

from sqlalchemy import select

from bot import clock
from bot.gateway import texts
from bot.gateway.modes import advisor_holds
from bot.store.conversations import conversation_language, note_user_language, stored_language
from bot.store.handoffs import open_handoff
from bot.store.models import ClientMessage, Conversation, TranscriptMessage
from bot.store.transcripts import SentFile, add_message, ensure_conversation

BOT, ADVISOR = "bot", "advisor"
RASA_UNAVAILABLE = "rasa_unavailable"  # a turn's error: the messages are the gateway's apology


@dataclass(frozen=True)
class Turn:
    """What one user message led to: the mode it was handled in and the bot's replies (none for advisors)."""

    mode: str
    messages: List[dict]
    error: Optional[str] = None  # "rasa_unavailable": the messages are the gateway's apology
    language: Optional[str] = None  # the conversation's reply language after the turn
    late: bool = False  # the apology says the answer comes later: the conversation still waits for it

    def as_record(self) -> dict:
        return {"mode": self.mode, "messages": self.messages, "error": self.error, "language": self.language}

    @classmethod
    def from_record(cls, record: dict) -> "Turn":
        return cls(record["mode"], record["messages"], record.get("error"), record.get("language"))


def _hold(session, sender_id: str) -> Optional[Conversation]:
    """The conversation row, to hold while the transaction lasts.

    The session's identity map holds rows weakly: a row no one refers to is dropped once
    flushed, and the next `session.get` of it (every message stored, the language, the
    mode ...) reads it again. Holding it halves the statements of a turn (12 -> 8 measured)."""
    return session.get(Conversation, sender_id)


def as_json(message: TranscriptMessage) -> dict:
    """A transcript message as clients see it; a file the user sent comes with where to fetch it."""
    shown = {
        "id": message.id, "role": message.role, "text": message.text, "buttons": message.buttons or [],
        "created_at": message.created_at.isoformat(),
    }
    if message.file_sha256:
        shown["file"] = {"type": message.file_type,
                         "url": f"/api/files/{message.id}?sender={quote(message.sender_id, safe='')}"}
    return shown


def record_user_message(session, sender_id: str, text: str, channel: str, channel_ref: Optional[str],
                         to_rasa: Optional[str], file: Optional[SentFile] = None):
    """(mode, reply language) after storing the message (with the file sent, if any); the language is
    noted from what Rasa gets (`to_rasa`: the user's words, or a payload that shows no language), None
    notes nothing."""
    held = ensure_conversation(session, sender_id, channel, channel_ref)  # see _hold
    add_message(session, sender_id, "user", text, file=file)
    language = (note_user_language(session, sender_id, to_rasa) if to_rasa is not None
                else conversation_language(session, sender_id))
    mode = ADVISOR if advisor_holds(session, sender_id) else BOT
    if mode == BOT and to_rasa is not None:
        held.awaiting_since = clock.now()  # cleared with the answer (record_turn, answer_arrived)
    return mode, language


def claim_message(session, sender_id: str, message_id: str, text: str, channel: str,
                   channel_ref: Optional[str], to_rasa: Optional[str], file: Optional[SentFile] = None):
    """("new", mode, language) after storing the user's message and claiming the id; else (the stored
    turn or "pending", None, None). The INSERT of the primary key is what makes the claim atomic."""
    known = known_message(session, sender_id, message_id)
    if known is not None:
        return known, None, None
    mode, language = record_user_message(session, sender_id, text, channel, channel_ref, to_rasa, file)
    session.add(ClientMessage(sender_id=sender_id, message_id=message_id, status="pending"))
    session.flush()  # a concurrent claim of the same id fails here (or waits, then fails, on PostgreSQL)
    return "new", mode, language


def known_message(session, sender_id: str, message_id: str):
    """The stored turn of a claimed message id, "pending" while it is processed, None if unknown."""
    row = session.get(ClientMessage, (sender_id, message_id))
    if row is None:
        return None
    return row.response if row.status == "done" and row.response is not None else "pending"


def record_turn(session, sender_id: str, turn: Turn, message_id: Optional[str]) -> Turn:
    """Store the replies and, for a message id, the answer given, in one transaction.

    The language is read after Rasa answered: "please reply in English" was recorded by its action."""
    held = _hold(session, sender_id)  # see _hold
    if not turn.late and held is not None:
        held.awaiting_since = None
    stored = record(session, sender_id, turn.messages, BOT, None)
    language = stored_language(session, sender_id)
    result = Turn(ADVISOR if advisor_holds(session, sender_id) else BOT, stored, turn.error, language)
    if message_id is not None:
        row = session.get(ClientMessage, (sender_id, message_id))
        row.status, row.response, row.updated_at = "done", result.as_record(), clock.now()
    return result


def answer_arrived(session, sender_id: str) -> None:
    """The late answer (or the request to send again) is stored: the conversation waits no more."""
    conversation = session.get(Conversation, sender_id)
    if conversation is not None:
        conversation.awaiting_since = None


def interrupted_conversations(session, within: timedelta) -> List[str]:
    """At the gateway's start: the conversations whose answer died with the previous gateway (one was
    waiting for Rasa, or for a late answer), waiting for less than `within` and not held by an
    advisor. Every wait is cleared: one gateway runs at a time (README "Status"), so none is live."""
    now, found = clock.now(), []
    for conversation in session.scalars(select(Conversation).where(Conversation.awaiting_since.is_not(None))):
        if now - conversation.awaiting_since <= within and not advisor_holds(session, conversation.sender_id):
            found.append(conversation.sender_id)
        conversation.awaiting_since = None
    return found


def settle_interrupted(session, sender_id: str, stored: List[dict]) -> None:
    """The message ids the previous gateway never answered get `stored` (the request to send again),
    so a client repeating one gets that instead of waiting for an answer that cannot come."""
    language = stored_language(session, sender_id)
    turn = Turn(BOT, stored, RASA_UNAVAILABLE, language)
    for row in session.scalars(select(ClientMessage).where(ClientMessage.sender_id == sender_id,
                                                           ClientMessage.status == "pending")):
        row.status, row.response, row.updated_at = "done", turn.as_record(), clock.now()


def hand_off_while_down(session, sender_id: str) -> None:
    open_handoff(session, sender_id=sender_id, reason="request_human", context={
        "title": "助手暂时不可用 · 要求人工",
        "sections": [{"heading": "说明", "lines": ["助手暂时不可用时用户点了“找人工顾问”，由网关直接转接；"
                                                  "机器人没有整理情况，请看对话记录。"]}]})


def record(session, sender_id: str, messages: List[dict], role: str, advisor_id: Optional[int]) -> List[dict]:
    """Store each message; return it as clients see it, keeping extra content (image, custom ...)."""
    held = _hold(session, sender_id)  # noqa: F841 - see _hold
    return [
        {**message, **as_json(add_message(session, sender_id, role, message.get("text") or "",
                                          message.get("buttons"), advisor_id))}
        for message in messages
    ]


def record_replies(session, sender_id: str, replies: List[dict]) -> Turn:
    stored = record(session, sender_id, replies, BOT, None)
    return Turn(ADVISOR if advisor_holds(session, sender_id) else BOT, stored)


def record_own_text(session, sender_id: str, key: str) -> Turn:
    """One of the gateway's own texts (bot.gateway.texts), in the conversation's language, as a bot reply."""
    turn = record_replies(session, sender_id, [texts.message(key, conversation_language(session, sender_id))])
    return Turn(turn.mode, turn.messages, language=stored_language(session, sender_id))


def record_delivery(session, sender_id: str, messages: List[dict], role: str, advisor_id: Optional[int]):
    stored = record(session, sender_id, messages, role, advisor_id)
    return stored, session.get(Conversation, sender_id)
