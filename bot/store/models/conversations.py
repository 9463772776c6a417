"""Conversations as the gateway sees them: the conversation, its transcript, the Telegram updates already
handled and the chat API's client message ids (each processed once)."""
from __future__ import annotations

from datetime import datetime
from typing import Optional

from sqlalchemy import JSON, BigInteger, Column, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, relationship

from bot import clock
from bot.store.db import AwareDateTime
from bot.store.models.base import Base, _one_of
from bot.store.models.customers import Customer

CHANNELS = ("web", "telegram", "terminal", "api")
TRANSCRIPT_ROLES = ("user", "bot", "advisor", "system")


class Conversation(Base):
    """One user conversation as the gateway sees it; `sender_id` is Rasa's conversation id."""

    __tablename__ = "conversations"
    __table_args__ = (_one_of("channel", CHANNELS),)

    sender_id: Mapped[str] = Column(String(100), primary_key=True)
    channel: Mapped[str] = Column(String(10), nullable=False)
    channel_ref: Mapped[Optional[str]] = Column(String(100))  # e.g. the Telegram chat id
    customer_id: Mapped[Optional[int]] = Column(ForeignKey("customers.id"), index=True)
    created_at: Mapped[datetime] = Column(AwareDateTime(), nullable=False, default=clock.now)
    last_seen_at: Mapped[datetime] = Column(AwareDateTime(), nullable=False, default=clock.now)
    # The reply language ("zh-Hans"/"zh-Hant"/"en"), the last Chinese script seen and the language the
    # user fixed ("zh"/"en"); kept by bot.store.conversations, NULL until the user writes.
    language: Mapped[Optional[str]] = Column(String(8))
    language_script: Mapped[Optional[str]] = Column(String(8))
    language_fixed: Mapped[Optional[str]] = Column(String(8))
    # Since when the user waits for the bot's answer to a message (set when it goes to Rasa, cleared
    # with the answer, or with the late answer after the "处理好会直接发到这里" apology); one left at
    # the gateway's start means the answer died with the gateway (bot.gateway.records.interrupted_turns).
    awaiting_since: Mapped[Optional[datetime]] = Column(AwareDateTime())

    customer: Mapped[Optional[Customer]] = relationship(Customer)


class TranscriptMessage(Base):
    """Every message of a conversation, whoever wrote it; buttons as Rasa sends them."""

    __tablename__ = "transcript_messages"
    __table_args__ = (_one_of("role", TRANSCRIPT_ROLES), Index(None, "sender_id", "id"))

    id: Mapped[int] = Column(Integer, primary_key=True)
    sender_id: Mapped[str] = Column(ForeignKey("conversations.sender_id", ondelete="CASCADE"), nullable=False)
    role: Mapped[str] = Column(String(10), nullable=False)
    text: Mapped[str] = Column(Text, nullable=False, default="")
    buttons: Mapped[Optional[list]] = Column(JSON)
    advisor_id: Mapped[Optional[int]] = Column(ForeignKey("advisors.id"))
    # A file the user sent with this message (bot.documents.staging's sha256) and its type
    # detected from the content (None: not a type we know); served to its sender and advisors.
    file_sha256: Mapped[Optional[str]] = Column(String(64))
    file_type: Mapped[Optional[str]] = Column(String(40))
    created_at: Mapped[datetime] = Column(AwareDateTime(), nullable=False, default=clock.now)


class ProcessedUpdate(Base):
    """A Telegram update already handled: a repeated update_id (e.g. after a restart) is skipped.

    Update ids count per bot, hence the bot's id in the key; old rows are pruned.
    """

    __tablename__ = "telegram_updates"

    bot_id: Mapped[int] = Column(BigInteger, primary_key=True, autoincrement=False)
    update_id: Mapped[int] = Column(BigInteger, primary_key=True, autoincrement=False)
    processed_at: Mapped[datetime] = Column(AwareDateTime(), nullable=False, default=clock.now, index=True)


# --- Issue 9: idempotent chat API (a client's message id is processed once) ---

CLIENT_MESSAGE_STATUSES = ("pending", "done")


class ClientMessage(Base):
    """A client's `message_id` for one sender, claimed before the message is processed.

    The primary key makes the claim atomic across gateway processes: a repeat finds the row
    and gets the stored answer. "pending": being processed; "done": `response` is the answer
    given (an apology too, when Rasa did not answer: the user sends a new message, not a repeat).
    """

    __tablename__ = "client_messages"
    __table_args__ = (_one_of("status", CLIENT_MESSAGE_STATUSES),)

    sender_id: Mapped[str] = Column(ForeignKey("conversations.sender_id", ondelete="CASCADE"), primary_key=True)
    message_id: Mapped[str] = Column(String(100), primary_key=True)
    status: Mapped[str] = Column(String(10), nullable=False, default="pending")
    response: Mapped[Optional[dict]] = Column(JSON)  # {"status": 200, "body": {...}}
    created_at: Mapped[datetime] = Column(AwareDateTime(), nullable=False, default=clock.now)
    updated_at: Mapped[datetime] = Column(AwareDateTime(), nullable=False, default=clock.now)
