"""The Telegram channel: python-telegram-bot's Application inside the gateway process.

Every user message goes through the gateway (transcript, advisor mode, Rasa):
`gateway.handle_user_message("tg-<chat id>", text, channel="telegram",
channel_ref=<chat id>)`; files through `gateway.handle_upload(...)`. Messages
pushed later (advisor replies, outcomes, the bot after "return to bot") reach
the chat through the sender registered with `gateway.register_channel`.
"""
from __future__ import annotations

import asyncio
import logging
import math
import os
import traceback
from datetime import timedelta
from typing import Dict, List, Optional, Tuple

from telegram import BotCommand, Update
from telegram.constants import FileSizeLimit
from telegram.error import BadRequest, InvalidToken, NetworkError, TelegramError
from telegram.ext import (
    AIORateLimiter, Application, ApplicationHandlerStop, CallbackQueryHandler, CommandHandler, ContextTypes,
    MessageHandler, TypeHandler, filters,
)

from bot.channels.telegram import texts, texts_en
from bot.channels.telegram.formatting import CallbackData, contact_mobile, mask_mobiles
from bot.channels.telegram.outbound import Outbox
from bot.channels.telegram.updates import PRUNE_EVERY, PerChatUpdateProcessor, claim_update, prune
from bot.gateway.limits import RateLimits, SenderLimit
from bot.gateway.rasa_client import RasaUnavailable
from bot.gateway.validation import TELEGRAM_SENDER_PREFIX
from bot.settings import Settings
from bot.i18n import DEFAULT_LANGUAGE, EN, ZH_HANT
from bot.store.conversations import stored_language
from bot.store.db import session_scope
from bot.store.transcripts import recent_button_payloads

# python-telegram-bot 22 warns (PTBDeprecationWarning) whenever it reads a duration such as a
# 429's retry_after as a number; opting in to timedelta values, as it suggests, ends that.
os.environ.setdefault("PTB_TIMEDELTA", "true")

log = logging.getLogger(__name__)

CHANNEL = "telegram"
# What each command sends through the gateway (/help also lists the commands). /start is a button-like
# "/greet", not words: it must not switch an English conversation to Chinese. /lang has its own handler.
COMMAND_MESSAGES = {"start": "/greet", "help": "/help", "human": "/request_human", "elder": "/elderly_assistance",
                    "elder_off": "/elderly_mode_off", "cancel": "/cancel"}
ALLOWED_UPDATES = ["message", "edited_message", "callback_query"]
RATE_LIMIT_RETRIES = 3
RECENT_BUTTON_MESSAGES = 200  # how far back an old button's payload is looked up in the transcript
# "/lang <what the user typed>" → the argument Rasa's LanguageCommandClassifier and the store understand.
LANG_ARGUMENTS = {"en": "en", "english": "en", "英文": "en", "英语": "en", "英語": "en",
                  "zh": "zh", "zh-hans": "zh", "zh-cn": "zh", "cn": "zh", "中文": "zh", "简体": "zh", "简体中文": "zh",
                  "zh-hant": "zh-hant", "zh-tw": "zh-hant", "zh-hk": "zh-hant", "tw": "zh-hant", "hk": "zh-hant",
                  "繁体": "zh-hant", "繁體": "zh-hant", "繁體中文": "zh-hant"}
# A first message of a chat whose client language is not the default carries it as a hint (the user's
# words decide from then on; Rasa fills its language slots from these entities).
HINT_ENTITIES = {EN: '{"language": "en"}', ZH_HANT: '{"language": "zh", "chinese_script": "zh-Hant"}'}


def sender_of(chat_id: int) -> str:
    """The gateway's (and Rasa's) conversation id of a Telegram chat."""
    return f"{TELEGRAM_SENDER_PREFIX}{chat_id}"


def client_language(update: Update) -> Optional[str]:
    """The reply language the user's Telegram client is set to, if it is one of ours."""
    return texts.language_from_code(getattr(update.effective_user, "language_code", None))


def _kind(message) -> str:
    for kind in ("sticker", "location", "venue", "video", "video_note", "animation", "poll"):
        if getattr(message, kind, None):
            return {"venue": "location", "video_note": "video"}.get(kind, kind)
    return "other"


class TelegramChannel:
    def __init__(self, settings: Settings, gateway, *, poll_timeout: float = 10.0):
        self.settings = settings
        self.gateway = gateway
        self.poll_timeout = poll_timeout
        self.webhook = settings.telegram_mode == "webhook"
        self.callbacks = CallbackData()
        self.bot_id: Optional[int] = None
        self._finished: Dict[int, asyncio.Event] = {}
        self._last_prune = None
        self.chat_limit = SenderLimit(RateLimits.from_env().per_sender)
        self.application = self._build()
        self.outbox = Outbox(self.application, self.callbacks)

    # --- life cycle ---

    def _build(self) -> Application:
        base = self.settings.telegram_api_base
        builder = (
            Application.builder().token(self.settings.telegram_bot_token)
            .base_url(f"{base}/bot").base_file_url(f"{base}/file/bot")
            .rate_limiter(AIORateLimiter(max_retries=RATE_LIMIT_RETRIES))
            .concurrent_updates(PerChatUpdateProcessor(64, on_done=self._done))
            .job_queue(None)
        )
        if self.webhook:
            builder = builder.updater(None)
        application = builder.build()
        self._add_handlers(application)
        return application

    async def start(self) -> None:
        """Connect (getMe), register the command menu and the push channel, then poll or set the webhook."""
        application = self.application
        await application.initialize()
        self.bot_id = application.bot.id
        await self._db(prune)
        # The menu in Chinese, and in English for clients set to English. Telegram keys menus by two-letter
        # language codes only ("zh" covers both scripts), so there is no separate Traditional menu.
        await application.bot.set_my_commands([BotCommand(name, about) for name, about in texts.COMMANDS])
        await application.bot.set_my_commands([BotCommand(name, about) for name, about in texts_en.COMMANDS],
                                              language_code="en")
        self.gateway.register_channel(CHANNEL, self.push)
        if not application.running:
            await application.start()
        if self.webhook:
            await application.bot.set_webhook(
                self.settings.telegram_webhook_url, secret_token=self.settings.telegram_webhook_secret,
                allowed_updates=ALLOWED_UPDATES)
        elif not application.updater.running:
            await application.updater.start_polling(timeout=timedelta(seconds=self.poll_timeout), allowed_updates=ALLOWED_UPDATES)
        log.info("Telegram bot @%s connected (%s)", application.bot.username, "webhook" if self.webhook else "long polling")

    async def start_or_retry(self) -> Optional[asyncio.Task]:
        """Start now; if Telegram cannot be reached, keep trying in the background (the gateway runs on)."""
        try:
            await self.start()
        except InvalidToken:
            log.error("Telegram refused TELEGRAM_BOT_TOKEN: the Telegram channel is off (get a token from @BotFather)")
        except NetworkError as error:
            log.warning("Telegram not reachable (%s); retrying in the background", error)
            return asyncio.create_task(self._retry_start())
        return None

    async def _retry_start(self, pause_s: float = 30.0) -> None:
        while True:
            await asyncio.sleep(pause_s)
            try:
                await self.start()
                return
            except NetworkError as error:
                log.warning("Telegram still not reachable (%s)", error)

    async def stop(self) -> None:
        application = self.application
        if application.updater is not None and application.updater.running:
            await application.updater.stop()
        if application.running:
            await application.stop()
        await application.shutdown()

    async def feed(self, data: dict) -> None:
        """One update received by the webhook route (JSON as Telegram posts it)."""
        await self.application.update_queue.put(Update.de_json(data, self.application.bot))

    async def wait_processed(self, update_id: int, timeout: float = 60.0) -> None:
        """Wait until the update has been handled (or skipped); for tests and diagnostics."""
        await asyncio.wait_for(self._finished.setdefault(update_id, asyncio.Event()).wait(), timeout)

    def _done(self, update: object) -> None:
        if isinstance(update, Update):
            self._finished.setdefault(update.update_id, asyncio.Event()).set()
            while len(self._finished) > 1000:
                del self._finished[next(iter(self._finished))]

    # --- handlers ---

    def _add_handlers(self, application: Application) -> None:
        private = filters.ChatType.PRIVATE & filters.UpdateType.MESSAGE
        application.add_handler(TypeHandler(Update, self.skip_repeats), group=-2)
        application.add_handler(TypeHandler(Update, self.limit_rate), group=-1)
        handlers = [
            MessageHandler(filters.UpdateType.EDITED_MESSAGE, self.on_edited),
            MessageHandler(filters.UpdateType.MESSAGE & ~filters.ChatType.PRIVATE, self.on_group),
            *(CommandHandler(name, self.on_command, filters=private) for name in COMMAND_MESSAGES),
            CommandHandler("lang", self.on_lang, filters=private),
            MessageHandler(private & filters.COMMAND, self.on_unknown_command),
            MessageHandler(private & filters.TEXT, self.on_text),
            CallbackQueryHandler(self.on_button),
            MessageHandler(private & filters.CONTACT, self.on_contact),
            MessageHandler(private & filters.PHOTO, self.on_photo),
            MessageHandler(private & (filters.VOICE | filters.AUDIO), self.on_voice),
            MessageHandler(private & filters.ANIMATION, self.on_other),  # a GIF also carries a document
            MessageHandler(private & filters.Document.ALL, self.on_document),
            MessageHandler(private, self.on_other),
        ]
        application.add_handlers(handlers)
        application.add_error_handler(self.on_error)

    async def skip_repeats(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """An update seen before (same update_id, e.g. sent again after a restart) is not handled again."""
        if not await self._db(claim_update, self.bot_id, update.update_id):
            log.info("Telegram update %s was already processed: skipped", update.update_id)
            raise ApplicationHandlerStop
        now = asyncio.get_running_loop().time()
        if self._last_prune is None or now - self._last_prune > PRUNE_EVERY.total_seconds():
            self._last_prune = now
            await self._db(prune)

    async def limit_rate(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """The chat API's per-sender limit (RATE_LIMIT_PER_MINUTE) per private chat: an update over it
        is dropped, and the chat is told once per burst (a pressed button gets it as a notice)."""
        chat = update.effective_chat
        if chat is None or chat.type != "private":
            return
        wait = self.chat_limit.take(sender_of(chat.id))
        if not wait:
            return
        text = texts.pick(await self._language(update)).TOO_FAST.format(seconds=max(1, math.ceil(wait)))
        if update.callback_query is not None:
            await update.callback_query.answer(text)
        elif self.chat_limit.first_refusal(sender_of(chat.id)):
            await context.bot.send_message(chat.id, text)
        log.info("Telegram update %s over the chat's rate limit: dropped", update.update_id)
        raise ApplicationHandlerStop

    async def on_command(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        command = update.effective_message.text.split()[0].lstrip("/").split("@")[0].lower()
        message = COMMAND_MESSAGES[command]
        if command == "start":
            message += await self._first_contact_hint(update)
        await self.converse(update, message)
        if command == "help":
            await self.say(update, "HELP")

    async def on_lang(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """/lang en, /lang zh, /lang zh-hant go to the dialogue as "/lang …"; without one (or an unknown one)
        the choice is offered as buttons whose payloads are those commands."""
        words = update.effective_message.text.split(maxsplit=1)
        argument = LANG_ARGUMENTS.get(words[1].strip().lower()) if len(words) > 1 else None
        if argument is not None:
            await self.converse(update, f"/lang {argument}")
            return
        tx = texts.pick(await self._language(update))
        await self.answer_locally(update, texts.TRANSCRIPT_NOTES["lang"],
                                  {"text": tx.LANG_CHOOSE, "buttons": list(tx.LANG_BUTTONS)})

    async def on_unknown_command(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        command = update.effective_message.text.split()[0][:40]
        await self.say(update, "UNKNOWN_COMMAND", note=("unknown_command", {"command": command}))

    async def on_text(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        text = update.effective_message.text
        if text.lstrip().startswith("/"):
            # Typed intents ("/upload_document{…}") are for buttons only, never for users.
            await self.on_unknown_command(update, context)
            return
        await self.converse(update, text)

    async def on_button(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.callback_query
        await query.answer()
        if update.effective_chat is None:
            return
        payload = self.callbacks.decode(query.data or "")
        if payload is None:  # a long payload from before a restart: find it among the conversation's buttons
            payload = self.callbacks.lookup(query.data, await self._db(recent_button_payloads, sender_of(update.effective_chat.id), RECENT_BUTTON_MESSAGES))
        if payload is None:
            await self.say(update, "EXPIRED_BUTTON", note=("expired_button", {}))
            return
        await self.converse(update, payload)

    async def on_contact(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        contact, user = update.effective_message.contact, update.effective_user
        if contact.user_id is None or user is None or contact.user_id != user.id:
            await self.say(update, "NOT_YOUR_CONTACT", note=("not_your_contact", {}), custom={"request_contact": True})
            return
        mobile = contact_mobile(contact.phone_number)
        if not mobile:
            await self.say(update, "CONTACT_WITHOUT_NUMBER", note=("contact_without_number", {}))
            return
        await self.converse(update, mobile)

    async def on_photo(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        photo = update.effective_message.photo[-1]  # the largest size
        await self.upload(update, photo.file_id, photo.file_size, f"photo-{photo.file_unique_id}.jpg")

    async def on_document(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        document = update.effective_message.document
        await self.upload(update, document.file_id, document.file_size,
                          document.file_name or f"file-{document.file_unique_id}")

    async def on_voice(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        tx = texts.pick(await self._language(update))
        await self.answer_locally(update, texts.TRANSCRIPT_NOTES["voice"], {"text": tx.VOICE, "buttons": [tx.CALLBACK_BUTTON]})

    async def on_other(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        kind = _kind(update.effective_message)
        tx = texts.pick(await self._language(update))
        await self.answer_locally(update, texts.TRANSCRIPT_NOTES.get(kind, texts.TRANSCRIPT_NOTES["other"]),
                                  {"text": tx.OTHER.get(kind, tx.OTHER_DEFAULT)})

    async def on_edited(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        if update.effective_chat.type == "private":
            text = update.effective_message.text or update.effective_message.caption or ""
            await self.say(update, "EDITED", note=("edited", {"text": "：" + text[:200] if text else ""}))

    async def on_group(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Groups have no conversation: the language of the writer's Telegram client."""
        await update.effective_message.reply_text(texts.pick(client_language(update)).GROUPS)

    async def on_error(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Log with the traceback (mobile numbers masked) and tell the user something went wrong."""
        error = context.error
        trace = "".join(traceback.format_exception(type(error), error, error.__traceback__))
        update_id = update.update_id if isinstance(update, Update) else None
        log.error("Telegram update %s failed:\n%s", update_id, mask_mobiles(trace))
        chat = update.effective_chat if isinstance(update, Update) else None
        if chat is None:
            return
        try:
            language = await self._language(update)
        except Exception:  # noqa: BLE001 - the database may be what failed: the client's language then
            language = client_language(update)
        tx = texts.pick(language)
        try:
            await context.bot.send_message(chat.id, tx.RASA_DOWN if isinstance(error, RasaUnavailable) else tx.ERROR)
        except TelegramError as failure:
            log.warning("could not tell chat about the failure: %s", failure)

    # --- through the gateway ---

    async def converse(self, update: Update, text: str) -> None:
        chat_id = update.effective_chat.id
        await self.outbox.typing(chat_id)
        replies = await self.gateway.handle_user_message(sender_of(chat_id), text, channel=CHANNEL, channel_ref=str(chat_id))
        await self.outbox.send(chat_id, replies, await self._language(update))  # after the message was noted

    async def answer_locally(self, update: Update, shown: str, reply: dict, language: Optional[str] = None) -> None:
        """A message the dialogue cannot take (noted as `shown`): answered here, both kept in the transcript."""
        chat_id = update.effective_chat.id
        replies = await self.gateway.answered_by_channel(sender_of(chat_id), shown, [reply], channel=CHANNEL,
                                                         channel_ref=str(chat_id))
        await self.outbox.send(chat_id, replies, language or await self._language(update))

    async def say(self, update: Update, name: str, note: Optional[Tuple[str, dict]] = None, **extra) -> None:
        """One of the channel's own texts (texts.NAMES), in the chat's language; with `note` (a
        TRANSCRIPT_NOTES key and its fields) the user's message and the answer go in the transcript too."""
        language = await self._language(update)
        reply = {"text": getattr(texts.pick(language), name), **extra}
        if note is None:
            await self.outbox.send(update.effective_chat.id, [reply], language)
            return
        kind, fields = note
        await self.answer_locally(update, texts.TRANSCRIPT_NOTES[kind].format(**fields), reply, language)

    async def _language(self, update: Update) -> str:
        """The conversation's language; before the user has shown one, what their Telegram client is set to."""
        stored = await self._db(stored_language, sender_of(update.effective_chat.id))
        return stored or client_language(update) or DEFAULT_LANGUAGE

    async def _first_contact_hint(self, update: Update) -> str:
        """The entities that tell the dialogue the client's language on a chat's first /start, else ""."""
        if await self._db(stored_language, sender_of(update.effective_chat.id)) is not None:
            return ""
        return HINT_ENTITIES.get(client_language(update), "")

    async def upload(self, update: Update, file_id: str, size: Optional[int], filename: str) -> None:
        chat_id = update.effective_chat.id
        if size is not None and size > FileSizeLimit.FILESIZE_DOWNLOAD:
            await self.say(update, "FILE_TOO_BIG", note=("file_too_big", {"name": filename}))
            return
        await self.outbox.typing(chat_id)
        try:
            file = await self.application.bot.get_file(file_id)
            data = bytes(await file.download_as_bytearray())
        except BadRequest as error:
            too_big = "too big" in str(error).lower()
            log.warning("Telegram file download failed: %s", error)
            kind = "file_too_big" if too_big else "file_failed"
            await self.say(update, kind.upper(), note=(kind, {"name": filename}))
            return
        replies = await self.gateway.handle_upload(sender_of(chat_id), data, filename, update.effective_message.caption,
                                                   channel=CHANNEL, channel_ref=str(chat_id))
        await self.outbox.send(chat_id, replies, await self._language(update))

    async def push(self, conversation, messages: List[dict]) -> None:
        """The gateway's push channel: advisor replies and other later messages, to the conversation's chat."""
        await self.outbox.send(int(conversation.channel_ref), messages, getattr(conversation, "language", None))

    # --- store ---

    async def _db(self, work, *args):
        def run():
            with session_scope(self.gateway.database_url) as session:
                return work(session, *args)

        return await asyncio.to_thread(run)
