"""What the Telegram channel sends: the gateway's messages as Telegram messages.

Plain text (no parse mode, so nothing to escape), split at Telegram's length limit, with the
buttons as an inline keyboard on the last piece; the share-contact keyboard while the mobile
question is open, removed with the next message.
"""
from __future__ import annotations

import logging
from typing import List, Optional

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, KeyboardButton, ReplyKeyboardMarkup, ReplyKeyboardRemove
from telegram.constants import ChatAction
from telegram.error import TelegramError
from telegram.ext import Application

from bot.channels.telegram import texts
from bot.channels.telegram.formatting import CallbackData, keyboard_rows, split_text

log = logging.getLogger(__name__)


class Outbox:
    def __init__(self, application: Application, callbacks: CallbackData):
        self.application = application
        self.callbacks = callbacks
        self._contact_keyboard: set = set()  # chats that currently show the share-contact keyboard

    async def send(self, chat_id: int, messages: List[dict], language: Optional[str] = None) -> None:
        """Messages as the gateway returns them; what the channel adds (advisor prefix, share-contact
        button) in `language`."""
        bot = self.application.bot
        tx = texts.pick(language)
        for message in messages:
            text = (message.get("text") or "").strip()
            if message.get("role") == "advisor":
                text = tx.ADVISOR_PREFIX + text
            if message.get("image"):
                text = f"{text}\n{message['image']}".strip()
            buttons = [b for b in message.get("buttons") or [] if b.get("title") and b.get("payload")]
            custom = message.get("custom")
            wants_contact = isinstance(custom, dict) and bool(custom.get("request_contact"))
            if wants_contact and not buttons and tx.SHARE_CONTACT_BUTTON_NAME not in text:
                text = f"{text}\n{tx.SHARE_CONTACT_HINT}".strip()
            if not text:
                if not buttons:
                    continue
                text = tx.CHOOSE
            markup = None
            if buttons:
                markup = InlineKeyboardMarkup([
                    [InlineKeyboardButton(b["title"], callback_data=self.callbacks.encode(b["payload"])) for b in row]
                    for row in keyboard_rows(buttons)])
            elif wants_contact:
                markup = ReplyKeyboardMarkup([[KeyboardButton(tx.SHARE_CONTACT_BUTTON, request_contact=True)]],
                                             resize_keyboard=True, one_time_keyboard=True)
                self._contact_keyboard.add(chat_id)
            elif chat_id in self._contact_keyboard:
                markup = ReplyKeyboardRemove()
                self._contact_keyboard.discard(chat_id)
            pieces = split_text(text)
            for piece in pieces[:-1]:
                await bot.send_message(chat_id, piece)
            await bot.send_message(chat_id, pieces[-1], reply_markup=markup)

    async def typing(self, chat_id: int) -> None:
        try:
            await self.application.bot.send_chat_action(chat_id, ChatAction.TYPING)
        except TelegramError as error:  # only a courtesy
            log.debug("typing action failed: %s", error)
