"""Database work from request handlers: one session per call, in a worker thread.

The event loop must not wait on the database (the gateway serves users in the
same loop). A session that writes ends before the handler awaits the gateway,
which opens its own (on SQLite a second writer would otherwise wait for us).
"""
from __future__ import annotations

import asyncio
from typing import Any, Callable, TypeVar

from aiohttp import web
from bot.store.db import session_scope

DATABASE_URL = web.AppKey("database_url", object)  # str, or None for settings.database_url
T = TypeVar("T")


async def run_db(request: web.Request, work: Callable[..., T], *args: Any) -> T:
    """`work(session, *args)` in a thread, inside session_scope (commit on success)."""
    url = request.config_dict.get(DATABASE_URL)

    def run() -> T:
        with session_scope(url) as session:
            return work(session, *args)

    return await asyncio.to_thread(run)

