"""The gateway's routing: user messages to Rasa or to the advisors, pushed messages to the user's channel.

Every message passes through the transcript (bot.gateway.records writes it). The
database is synchronous SQLAlchemy, so each store call runs in a worker thread
and never blocks the event loop.
"""
from __future__ import annotations

import asyncio
import functools
import logging
import time
from datetime import timedelta
from typing import Awaitable, Callable, Dict, List, Optional, Set, Tuple

import aiohttp
from sqlalchemy.exc import IntegrityError

from bot.channels.files import upload_message, upload_note
from bot.documents import formats, serving, staging
from bot.documents.serving import StoredFile
from bot.gateway import records, texts
from bot.gateway.locks import SenderLocks
from bot.gateway.modes import advisor_holds
from bot.gateway.push import SseHub
from bot.gateway.rasa_client import RasaClient, RasaUnavailable
from bot.gateway.records import ADVISOR, BOT, RASA_UNAVAILABLE, Turn, as_json
from bot.gateway.slots import InstanceSlots
from bot.gateway.texts import REQUEST_HUMAN
from bot.settings import load_settings
from bot.store.conversations import conversation_language, stored_language
from bot.store.db import session_scope
from bot.store.models import Conversation
from bot.store.transcripts import SentFile, messages_of

log = logging.getLogger(__name__)

# Channels whose pushed messages travel as server-sent events (the web chat page, API clients, the terminal).
SSE_CHANNELS = ("web", "api", "terminal")
BACK_TO_BOT_ACTION = "action_back_to_bot"
# Buttons the bot offers while it hands off, which the bot answers even though advisors hold the
# conversation: outside advisor hours the user may choose a call-back instead of waiting.
ACTIONS_IN_ADVISOR_MODE = {"/request_callback": "action_request_callback"}
# What the gateway says itself (empty message, Rasa not answering, hand-off while down) is in
# bot.gateway.texts, in the conversation's language (bot.store.conversations), and kept in the
# transcript like every bot message.
IN_PROGRESS = "in_progress"
DEFAULT_RASA_TIMEOUT_S = 8.0
POLL_S = 0.2  # how often a repeated message id looks whether its first delivery has been answered
# At start, a wait for an answer older than this is only cleared: the user has long gone, and a
# "please send it again" hours later would puzzle more than help.
INTERRUPTED_WITHIN = timedelta(minutes=30)

ChannelSender = Callable[[Conversation, List[dict]], Awaitable[None]]


class StillWorking(RasaUnavailable):
    """Rasa has not answered within RASA_TIMEOUT; its answer is delivered when it comes."""


class Gateway:
    def __init__(self, rasa: RasaClient, database_url: Optional[str] = None, rasa_timeout_s: Optional[float] = None,
                 action_server_url: Optional[str] = None, slots: Optional[InstanceSlots] = None):
        self.rasa = rasa
        self.database_url = database_url
        settings = load_settings() if None in (rasa_timeout_s, action_server_url, slots) else None
        # Past this the user gets an apology (Rasa itself waits up to 5 minutes for an action).
        self.rasa_timeout_s = rasa_timeout_s if rasa_timeout_s is not None else getattr(
            settings, "rasa_timeout", DEFAULT_RASA_TIMEOUT_S)
        # One action server per Rasa instance (scaled mode has several): asked about the sender's own.
        self.action_server_urls = ((action_server_url,) if action_server_url is not None
                                   else settings.action_server_urls)
        # User messages wait here for a place in their Rasa instance (bot.gateway.slots).
        self.slots = slots or InstanceSlots(len(rasa.urls), settings.rasa_concurrency, settings.rasa_queue_timeout)
        self.locks = SenderLocks()
        self._late: Set[asyncio.Task] = set()  # Rasa calls answered after the apology, and their deliveries
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

    async def receive(
        self, sender_id: str, text: str, channel: str = "api", channel_ref: Optional[str] = None,
        message_id: Optional[str] = None,
    ) -> Turn:
        """Store the user's message, then ask Rasa unless an advisor holds the conversation.

        The turn's mode is the one after it: a message that made the bot hand off
        comes back as "advisor", so the client knows at once.
        When Rasa does not answer within rasa_timeout_s (or the action server is down), the turn's
        error is "rasa_unavailable" and its message is an apology with an advisor button; the
        user's message is kept. With a `message_id`, a repeat returns the first turn, processed once.
        """
        return await self._turn(sender_id, text, text, channel, channel_ref, message_id)

    async def handle_upload(
        self, sender_id: str, data: bytes, filename: Optional[str], caption: Optional[str] = None,
        channel: str = "web", channel_ref: Optional[str] = None,
    ) -> List[dict]:
        """The bot's replies to a file the user sent ([] while an advisor holds the conversation)."""
        return (await self.receive_upload(sender_id, data, filename, caption, channel, channel_ref)).messages

    async def receive_upload(
        self, sender_id: str, data: bytes, filename: Optional[str], caption: Optional[str] = None,
        channel: str = "web", channel_ref: Optional[str] = None, message_id: Optional[str] = None,
    ) -> Turn:
        """Stage the bytes, note "📎 name（说明：…）" (in the conversation's language) in the transcript, send Rasa the `upload_document` message.

        The same ordered path as text (one lock per sender). Nothing is checked here:
        the dialogue's checks answer an empty, too big or unreadable file kindly.
        In advisor mode the file is staged and the note is in the transcript the
        advisor reads, but Rasa gets nothing (the bot stays paused): the advisor
        asks for it again after handing back if the claim needs it.
        Like text, an apology when Rasa does not answer (the note is kept); a repeated `message_id`
        returns the first turn without staging the file again.
        """
        if message_id is not None:
            async with self.locks.hold(sender_id):
                known = await self._db(records.known_message, sender_id, message_id)
            if known is not None:
                return await self._repeat(sender_id, message_id, known)
        token = await asyncio.to_thread(staging.stage, data, filename, caption)
        sent = SentFile(token, formats.MIME.get(formats.sniff(data)))
        language = await self._db(conversation_language, sender_id)
        return await self._turn(sender_id, upload_note(filename, caption, language), upload_message(token), channel,
                                channel_ref, message_id, sent)

    async def _turn(
        self, sender_id: str, shown: str, to_rasa: str, channel: str, channel_ref: Optional[str],
        message_id: Optional[str] = None, file: Optional[SentFile] = None,
    ) -> Turn:
        """Store what the user sent as `shown` (with the `file` sent); unless an advisor holds the
        conversation, send Rasa `to_rasa`.

        With a `message_id` the (sender, message_id) row is claimed in the same transaction as the
        user's message: of two identical requests, even in two gateway processes, one claims it
        and the other waits for its answer (bot.store.models.ClientMessage).
        """
        if not to_rasa.strip():
            return await self._empty_message(sender_id)
        async with self.locks.hold(sender_id):
            if message_id is None:
                mode, language = await self._db(records.record_user_message, sender_id, shown, channel, channel_ref,
                                                to_rasa, file)
            else:
                try:
                    state, mode, language = await self._db(records.claim_message, sender_id, message_id, shown,
                                                           channel, channel_ref, to_rasa, file)
                except IntegrityError:  # another gateway process claimed it a moment ago
                    state = "pending"
                if state != "new":
                    return await self._repeat(sender_id, message_id, state)
            turn = await self._answer(sender_id, to_rasa, mode, language)
            return await self._db(records.record_turn, sender_id, turn, message_id)

    async def _answer(self, sender_id: str, to_rasa: str, mode: str, language: str) -> Turn:
        """The replies to the user's message, not yet stored; an apology when Rasa does not answer."""
        try:
            if mode == ADVISOR:
                action = ACTIONS_IN_ADVISOR_MODE.get(to_rasa.strip())
                if action is None:
                    return Turn(ADVISOR, [])
                replies = await self._within_timeout(self._execute(sender_id, action))
            else:
                replies, answered_by = await self._ask_rasa(sender_id, to_rasa)
                if not replies and not await self._actions_answer(answered_by):
                    # Rasa logs the failed action and carries on, saying nothing: handled as Rasa down.
                    raise RasaUnavailable("no reply, and the action server does not answer")
            return Turn(BOT, replies)
        except RasaUnavailable as error:
            log.warning("Rasa unavailable for %s: %s", sender_id, error)
            if to_rasa.strip() == REQUEST_HUMAN:  # the advisor offer must work while the bot is down
                await self._db(records.hand_off_while_down, sender_id)
                return Turn(ADVISOR, [texts.message("handoff_while_down", language)])
            late = isinstance(error, StillWorking)
            key = "bot_slow" if late else "bot_unavailable"
            return Turn(mode, [texts.advisor_offer(key, language)], RASA_UNAVAILABLE, late=late)

    async def _ask_rasa(self, sender_id: str, to_rasa: str) -> Tuple[List[dict], int]:
        """Rasa's replies and the instance that gave them, after a place in its queue (bot.gateway.slots);
        StillWorking after rasa_timeout_s.

        A slow answer is not thrown away: the call goes on, keeping its place in the queue, and
        its replies are delivered to the user's channel when they come (`_deliver_late`).
        """
        instance = self.rasa.instance_for(sender_id)
        await self.slots.acquire(instance)  # QueueTimeout, a RasaUnavailable
        call = asyncio.create_task(self.rasa.send_to(sender_id, to_rasa))
        call.add_done_callback(lambda _: self.slots.release(instance))
        try:
            return await asyncio.wait_for(asyncio.shield(call), self.rasa_timeout_s)
        except asyncio.TimeoutError as error:
            raise StillWorking(f"Rasa did not answer within {self.rasa_timeout_s:g} s; still waiting") from error
        finally:
            if not call.done():  # timed out, or the client went away: the answer comes later
                self._late.add(call)
                call.add_done_callback(functools.partial(self._deliver_late, sender_id))

    def _deliver_late(self, sender_id: str, call: asyncio.Task) -> None:
        """The late answer, pushed; if it never came or came empty (an action failed or timed out),
        the user, who was told it would come, is told to send the message again."""
        self._late.discard(call)
        if call.cancelled():  # the gateway is shutting down
            return
        replies: List[dict] = []
        if call.exception() is not None:
            log.warning("a late Rasa answer for %s never came: %r", sender_id, call.exception())
        else:
            replies = call.result()[0]
        delivery = asyncio.create_task(self._deliver_late_replies(sender_id, replies))
        self._late.add(delivery)
        delivery.add_done_callback(self._late.discard)

    async def _deliver_late_replies(self, sender_id: str, replies: List[dict]) -> None:
        if not replies:
            if await self.mode_of(sender_id) == ADVISOR:  # the user asked for a person meanwhile
                await self._db(records.answer_arrived, sender_id)
                return
            language = await self._db(conversation_language, sender_id)
            replies = [texts.advisor_offer("late_failed", language)]
        await self.deliver(sender_id, replies, role=BOT)
        await self._db(records.answer_arrived, sender_id)

    async def recover_interrupted_turns(self) -> int:
        """At start: every conversation whose answer died with the previous gateway (a crash, a restart
        while Rasa was slow) is asked to send its message again, with the advisor button; a client
        repeating such a message id gets that request. Returns how many were asked."""
        senders = await self._db(records.interrupted_conversations, INTERRUPTED_WITHIN)
        for sender_id in senders:
            async with self.locks.hold(sender_id):
                language = await self._db(conversation_language, sender_id)
                stored = await self._deliver(sender_id, [texts.advisor_offer("late_failed", language)], BOT, None)
                await self._db(records.settle_interrupted, sender_id, stored)
        if senders:
            log.warning("%d conversation(s) lost their answer with the previous gateway: asked to send again",
                        len(senders))
        return len(senders)

    async def _within_timeout(self, call) -> List[dict]:
        try:
            return await asyncio.wait_for(call, self.rasa_timeout_s)
        except asyncio.TimeoutError as error:
            raise RasaUnavailable(f"Rasa did not answer within {self.rasa_timeout_s:g} s") from error

    async def _actions_answer(self, instance: int) -> bool:
        """Whether the action server of Rasa instance `instance` (the one that answered, also after a
        fail-over) answers its health check; asked only when Rasa said nothing."""
        urls = self.action_server_urls
        url = urls[instance % len(urls)].rstrip("/")
        url = (url[: -len("/webhook")] if url.endswith("/webhook") else url) + "/health"
        try:
            async with self.rasa.http.get(url, timeout=aiohttp.ClientTimeout(total=2)) as response:
                return response.status == 200
        except (aiohttp.ClientError, asyncio.TimeoutError):
            return False

    async def _repeat(self, sender_id: str, message_id: str, state) -> Turn:
        """A repeated message id: its first turn, waiting for it while another request still processes it."""
        deadline = time.monotonic() + self.slots.queue_timeout_s + self.rasa_timeout_s + 10
        while not isinstance(state, dict):
            if time.monotonic() > deadline:  # e.g. the first delivery's gateway died mid-turn
                return Turn(BOT, [], IN_PROGRESS)
            await asyncio.sleep(POLL_S)
            state = await self._db(records.known_message, sender_id, message_id)
        return Turn.from_record(state)

    async def answered_by_channel(
        self, sender_id: str, shown: str, replies: List[dict], channel: str, channel_ref: Optional[str] = None,
    ) -> List[dict]:
        """Keep in the transcript a message the channel answered itself (a voice message, a sticker)
        and that answer, so advisors see them too; returns the replies as clients see them.
        The note ("🎤（语音消息）") says nothing of the user's language, so it is not noted."""
        async with self.locks.hold(sender_id):
            await self._db(records.record_user_message, sender_id, shown, channel, channel_ref, None)
            return (await self._db(records.record_replies, sender_id, replies)).messages

    async def _empty_message(self, sender_id: str) -> Turn:
        """An empty message is a slip of the thumb, not a question the bot failed to understand:
        answered here, it never counts toward the fallbacks that hand the user to a person."""
        if await self.mode_of(sender_id) == ADVISOR:
            return Turn(ADVISOR, [])
        async with self.locks.hold(sender_id):
            return await self._db(records.record_own_text, sender_id, "empty_message")

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

    async def sent_file(self, sender_id: str, message_id: int) -> Optional[StoredFile]:
        """The file the user sent with message `message_id` of this conversation; None for any other."""
        return await self._db(serving.sent_file, message_id, sender_id)

    async def mode_of(self, sender_id: str) -> str:
        return await self._db(lambda session: ADVISOR if advisor_holds(session, sender_id) else BOT)

    async def language_of(self, sender_id: str) -> Optional[str]:
        """The conversation's reply language; None while the user has not shown one (clients pick their own)."""
        return await self._db(stored_language, sender_id)

    async def _deliver(self, sender_id: str, messages: List[dict], role: str, advisor_id: Optional[int]) -> List[dict]:
        if not messages:
            return []
        stored, conversation = await self._db(records.record_delivery, sender_id, messages, role, advisor_id)
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
