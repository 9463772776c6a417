"""The gateway's routing: user messages to Rasa or to the advisors, pushed messages to the user's channel.

Every message passes through the transcript (bot.store.transcripts). The
database is synchronous SQLAlchemy, so each store call runs in a worker thread
and never blocks the event loop.
"""
from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from typing import Awaitable, Callable, Dict, List, Optional

from bot.channels.files import upload_message, upload_note
from bot.documents import staging
from bot.gateway.locks import SenderLocks
from bot.gateway.modes import advisor_holds
from bot.gateway.push import SseHub
from bot.gateway.rasa_client import RasaClient
from bot.store.db import session_scope
from bot.store.models import Conversation, TranscriptMessage
from bot.store.transcripts import add_message, ensure_conversation, messages_of

log = logging.getLogger(__name__)

BOT, ADVISOR = "bot", "advisor"
# Channels whose pushed messages travel as server-sent events (the web chat page, API clients, the terminal).
SSE_CHANNELS = ("web", "api", "terminal")
BACK_TO_BOT_ACTION = "action_back_to_bot"
# Buttons the bot offers while it hands off, which the bot answers even though advisors hold the
# conversation: outside advisor hours the user may choose a call-back instead of waiting.
ACTIONS_IN_ADVISOR_MODE = {"/request_callback": "action_request_callback"}
EMPTY_MESSAGE_REPLY = "您好像还没有输入内容。请直接打字告诉我您想办的事，比如“我要报案”“查理赔进度”“找人工顾问”。"

ChannelSender = Callable[[Conversation, List[dict]], Awaitable[None]]


@dataclass(frozen=True)
class Turn:
    """What one user message led to: the mode it was handled in and the bot's replies (none for advisors)."""

    mode: str
    messages: List[dict]


def as_json(message: TranscriptMessage) -> dict:
    """A transcript message as clients see it."""
    return {
        "id": message.id, "role": message.role, "text": message.text, "buttons": message.buttons or [],
        "created_at": message.created_at.isoformat(),
    }


class Gateway:
    def __init__(self, rasa: RasaClient, database_url: Optional[str] = None):
        self.rasa = rasa
        self.database_url = database_url
        self.locks = SenderLocks()
        self.sse = SseHub()
        self._channels: Dict[str, ChannelSender] = {name: self.sse.send for name in SSE_CHANNELS}

    def register_channel(self, name: str, async_send: ChannelSender) -> None:
        """Where messages pushed to conversations of channel `name` go (e.g. Telegram's sender)."""
        self._channels[name] = async_send

    async def handle_user_message(
        self, sender_id: str, text: str, channel: str = "api", channel_ref: Optional[str] = None,
    ) -> List[dict]:
        """The bot's replies to a user's message ([] while an advisor holds the conversation)."""
        return (await self.receive(sender_id, text, channel, channel_ref)).messages

    async def receive(self, sender_id: str, text: str, channel: str = "api", channel_ref: Optional[str] = None) -> Turn:
        """Store the user's message, then ask Rasa unless an advisor holds the conversation.

        The turn's mode is the one after it: a message that made the bot hand off
        comes back as "advisor", so the client knows at once.
        Raises RasaUnavailable when Rasa does not answer; the user's message is kept.
        """
        return await self._turn(sender_id, text, text, channel, channel_ref)

    async def handle_upload(
        self, sender_id: str, data: bytes, filename: Optional[str], caption: Optional[str] = None,
        channel: str = "web", channel_ref: Optional[str] = None,
    ) -> List[dict]:
        """The bot's replies to a file the user sent ([] while an advisor holds the conversation)."""
        return (await self.receive_upload(sender_id, data, filename, caption, channel, channel_ref)).messages

    async def receive_upload(
        self, sender_id: str, data: bytes, filename: Optional[str], caption: Optional[str] = None,
        channel: str = "web", channel_ref: Optional[str] = None,
    ) -> Turn:
        """Stage the bytes, note "📎 name（说明：…）" in the transcript, send Rasa the `upload_document` message.

        The same ordered path as text (one lock per sender). Nothing is checked here:
        the dialogue's checks answer an empty, too big or unreadable file kindly.
        In advisor mode the file is staged and the note is in the transcript the
        advisor reads, but Rasa gets nothing (the bot stays paused): the advisor
        asks for it again after handing back if the claim needs it.
        Raises RasaUnavailable when Rasa does not answer; the note is kept.
        """
        token = await asyncio.to_thread(staging.stage, data, filename, caption)
        return await self._turn(sender_id, upload_note(filename, caption), upload_message(token), channel, channel_ref)

    async def _turn(self, sender_id: str, shown: str, to_rasa: str, channel: str, channel_ref: Optional[str]) -> Turn:
        """Store what the user sent as `shown`; unless an advisor holds the conversation, send Rasa `to_rasa`."""
        if not to_rasa.strip():
            return await self._empty_message(sender_id)
        async with self.locks.hold(sender_id):
            mode = await self._db(self._record_user_message, sender_id, shown, channel, channel_ref)
            if mode == ADVISOR:
                action = ACTIONS_IN_ADVISOR_MODE.get(to_rasa.strip())
                if action is None:
                    return Turn(ADVISOR, [])
                replies = await self._execute(sender_id, action)
            else:
                replies = await self.rasa.send(sender_id, to_rasa)
            return await self._db(self._record_replies, sender_id, replies)

    async def answered_by_channel(
        self, sender_id: str, shown: str, replies: List[dict], channel: str, channel_ref: Optional[str] = None,
    ) -> List[dict]:
        """Keep in the transcript a message the channel answered itself (a voice message, a sticker)
        and that answer, so advisors see them too; returns the replies as clients see them."""
        async with self.locks.hold(sender_id):
            await self._db(self._record_user_message, sender_id, shown, channel, channel_ref)
            return (await self._db(self._record_replies, sender_id, replies)).messages

    async def _empty_message(self, sender_id: str) -> Turn:
        """An empty message is a slip of the thumb, not a question the bot failed to understand:
        answered here, it never counts toward the fallbacks that hand the user to a person."""
        if await self.mode_of(sender_id) == ADVISOR:
            return Turn(ADVISOR, [])
        async with self.locks.hold(sender_id):
            return await self._db(self._record_replies, sender_id, [{"text": EMPTY_MESSAGE_REPLY}])

    async def deliver(
        self, sender_id: str, messages: List[dict], role: str = "advisor", advisor_id: Optional[int] = None,
    ) -> None:
        """Store messages written to the user (advisor, system, bot) and push them to the user's channel."""
        async with self.locks.hold(sender_id):
            await self._deliver(sender_id, messages, role, advisor_id)

    async def return_to_bot(self, sender_id: str) -> List[dict]:
        """Resume the paused Rasa conversation (slots intact); deliver and return the bot's messages.

        The action returns ConversationResumed.
        """
        async with self.locks.hold(sender_id):
            return await self._deliver(sender_id, await self._execute(sender_id, BACK_TO_BOT_ACTION), BOT, None)

    async def _execute(self, sender_id: str, action: str) -> List[dict]:
        """Run one action in the (paused) Rasa conversation and return its messages.

        Rasa's execute endpoint runs exactly that action; we log `action_listen` after
        it, so the user's next message is seen as an answer to the bot (rules match).
        """
        replies = await self.rasa.execute(sender_id, action)
        await self.rasa.execute(sender_id, "action_listen")
        return replies

    async def messages_after(self, sender_id: str, after_id: int = 0, limit: int = 500) -> List[dict]:
        return await self._db(lambda session: [as_json(m) for m in messages_of(session, sender_id, after_id, limit)])

    async def mode_of(self, sender_id: str) -> str:
        return await self._db(lambda session: ADVISOR if advisor_holds(session, sender_id) else BOT)

    async def _deliver(self, sender_id: str, messages: List[dict], role: str, advisor_id: Optional[int]) -> List[dict]:
        if not messages:
            return []
        stored, conversation = await self._db(self._record_delivery, sender_id, messages, role, advisor_id)
        push = self._channels.get(conversation.channel)
        if push is None:
            log.warning("no push channel %r registered; %d message(s) kept in the transcript only",
                        conversation.channel, len(stored))
            return stored
        try:
            await push(conversation, stored)
        except Exception:  # the transcript has them: the user gets them on reconnect or the next poll
            log.exception("pushing %d message(s) to channel %r failed", len(stored), conversation.channel)
        return stored

    # --- store calls, run in a worker thread with one session each ---

    async def _db(self, work, *args):
        def run():
            with session_scope(self.database_url) as session:
                return work(session, *args)

        return await asyncio.to_thread(run)

    @staticmethod
    def _record_user_message(session, sender_id: str, text: str, channel: str, channel_ref: Optional[str]) -> str:
        ensure_conversation(session, sender_id, channel, channel_ref)
        add_message(session, sender_id, "user", text)
        return ADVISOR if advisor_holds(session, sender_id) else BOT

    @staticmethod
    def _record(session, sender_id: str, messages: List[dict], role: str, advisor_id: Optional[int]) -> List[dict]:
        """Store each message; return it as clients see it, keeping extra content (image, custom ...)."""
        return [
            {**message, **as_json(add_message(session, sender_id, role, message.get("text") or "",
                                              message.get("buttons"), advisor_id))}
            for message in messages
        ]

    @classmethod
    def _record_replies(cls, session, sender_id: str, replies: List[dict]) -> Turn:
        stored = cls._record(session, sender_id, replies, BOT, None)
        return Turn(ADVISOR if advisor_holds(session, sender_id) else BOT, stored)

    @classmethod
    def _record_delivery(cls, session, sender_id: str, messages: List[dict], role: str, advisor_id: Optional[int]):
        stored = cls._record(session, sender_id, messages, role, advisor_id)
        return stored, session.get(Conversation, sender_id)
