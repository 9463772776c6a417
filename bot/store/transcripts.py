"""Conversations and their transcripts: every user, bot, advisor and system message.

The gateway writes here for every message it routes; the advisor console reads
the transcript of a handed-over conversation. Ids grow with every message, so
"the messages after id N" is how clients catch up after a reconnect.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import List, Optional

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot import clock
from bot.store.identity import mask_personal_numbers
from bot.store.models import CHANNELS, TRANSCRIPT_ROLES, Conversation, TranscriptMessage

DEFAULT_CHANNEL = "api"


@dataclass(frozen=True)
class SentFile:
    """A file the user sent with a message: its upload token (sha256) and type detected from the content."""

    sha256: str
    type: Optional[str]  # e.g. "image/jpeg"; None for a type we do not know


def ensure_conversation(
    session: Session, sender_id: str, channel: Optional[str] = None, channel_ref: Optional[str] = None,
) -> Conversation:
    """The conversation of `sender_id`, created if new (channel "api" unless given); marks it seen now.

    A known conversation keeps its channel and channel_ref unless others are given
    (pushed messages go to the channel the user wrote from last).
    """
    if channel is not None and channel not in CHANNELS:
        raise ValueError(f"unknown channel {channel!r}; one of {', '.join(CHANNELS)}")
    conversation = session.get(Conversation, sender_id)
    if conversation is None:
        conversation = Conversation(sender_id=sender_id, channel=channel or DEFAULT_CHANNEL, channel_ref=channel_ref)
        session.add(conversation)
    else:
        conversation.channel = channel or conversation.channel
        if channel_ref is not None:
            conversation.channel_ref = channel_ref
    conversation.last_seen_at = clock.now()
    session.flush()
    return conversation


def add_message(
    session: Session, sender_id: str, role: str, text: str, buttons: Optional[list] = None,
    advisor_id: Optional[int] = None, file: Optional[SentFile] = None,
) -> TranscriptMessage:
    """Append one message (its id is set on return); creates the conversation if missing.

    Mobiles, ID and bank-card numbers in the text are kept masked: the transcript is read
    by advisors and kept for years, and the dialogue has already used the full numbers.
    """
    if role not in TRANSCRIPT_ROLES:
        raise ValueError(f"unknown role {role!r}; one of {', '.join(TRANSCRIPT_ROLES)}")
    if session.get(Conversation, sender_id) is None:
        ensure_conversation(session, sender_id)
    message = TranscriptMessage(
        sender_id=sender_id, role=role, text=mask_personal_numbers(text or ""), buttons=buttons or None, advisor_id=advisor_id,
        file_sha256=file.sha256 if file else None, file_type=file.type if file else None,
    )
    session.add(message)
    session.flush()
    return message


def messages_of(session: Session, sender_id: str, after_id: int = 0, limit: int = 500) -> List[TranscriptMessage]:
    """The conversation's messages with id > `after_id`, oldest first, at most `limit`."""
    return list(session.scalars(
        select(TranscriptMessage)
        .where(TranscriptMessage.sender_id == sender_id, TranscriptMessage.id > after_id)
        .order_by(TranscriptMessage.id)
        .limit(limit)
    ))


def message_with_file(session: Session, message_id: int, sender_id: Optional[str] = None) -> Optional[TranscriptMessage]:
    """The user's message `message_id` if a file came with it (and, given `sender_id`, only in that
    conversation): who asks for another conversation's file learns nothing, not even that it exists."""
    message = session.get(TranscriptMessage, message_id)
    if message is None or message.role != "user" or not message.file_sha256:
        return None
    if sender_id is not None and message.sender_id != sender_id:
        return None
    return message


def recent_button_payloads(session: Session, sender_id: str, messages: int = 200) -> List[str]:
    """The payloads of the buttons in the conversation's last `messages` messages, newest first
    (Telegram finds an old button's long payload among them after a restart)."""
    rows = session.scalars(
        select(TranscriptMessage.buttons).where(TranscriptMessage.sender_id == sender_id)
        .order_by(TranscriptMessage.id.desc()).limit(messages))
    return [button["payload"] for buttons in rows for button in buttons or []
            if isinstance(button, dict) and button.get("payload")]
