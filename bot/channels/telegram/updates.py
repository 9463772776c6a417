"""Each Telegram update is handled once and each chat's updates in order.

`ProcessedUpdate` rows (table telegram_updates) remember the update ids
already handled, so an update Telegram sends again (e.g. after a restart
before the offset was confirmed) is skipped; rows older than KEEP are pruned
(Telegram keeps an unconfirmed update for at most 24 hours).
"""
from __future__ import annotations

from datetime import timedelta
from typing import Any, Awaitable, Callable, Optional

from sqlalchemy import delete
from sqlalchemy.orm import Session
from telegram import Update
from telegram.ext import BaseUpdateProcessor

from bot import clock
from bot.gateway.locks import SenderLocks
from bot.store.models import ProcessedUpdate

KEEP = timedelta(days=3)
PRUNE_EVERY = timedelta(hours=1)


def claim_update(session: Session, bot_id: int, update_id: int) -> bool:
    """Record the update as processed; False when it already was."""
    if session.get(ProcessedUpdate, (bot_id, update_id)) is not None:
        return False
    session.add(ProcessedUpdate(bot_id=bot_id, update_id=update_id, processed_at=clock.now()))
    return True


def prune(session: Session, keep: timedelta = KEEP) -> int:
    """Forget update ids processed more than `keep` ago; returns how many."""
    result = session.execute(delete(ProcessedUpdate).where(ProcessedUpdate.processed_at < clock.now() - keep))
    return result.rowcount or 0


def chat_key(update: object) -> str:
    chat = update.effective_chat if isinstance(update, Update) else None
    return str(chat.id) if chat is not None else "-"


class PerChatUpdateProcessor(BaseUpdateProcessor):
    """Updates of different chats run concurrently; one chat's updates run one at a time, in order.

    python-telegram-bot starts one task per update in arrival order, and a
    task runs up to the chat's lock before the next task starts; asyncio's
    lock serves waiters first come, first served. `on_done(update)` is called
    after each update (tests wait on it).
    """

    def __init__(self, max_concurrent_updates: int = 64, on_done: Optional[Callable[[object], Any]] = None):
        super().__init__(max_concurrent_updates)
        self._locks = SenderLocks()
        self._on_done = on_done

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        async with self._locks.hold(chat_key(update)):
            try:
                await coroutine
            finally:
                if self._on_done is not None:
                    self._on_done(update)

    async def initialize(self) -> None:
        pass

    async def shutdown(self) -> None:
        pass
