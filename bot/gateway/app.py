"""The gateway's aiohttp application: `create_app(settings)`; `python -m bot gateway` runs it."""
from __future__ import annotations

import asyncio
import functools
import importlib
import importlib.util
import logging
import warnings
from typing import Any, Optional

import aiohttp
from aiohttp import web

from bot.documents.retention import run_retention
from bot.gateway.core import Gateway
from bot.gateway.limits import rate_limit
from bot.gateway.rasa_client import RasaClient
from bot.gateway.routes import json_errors, routes
from bot.settings import Settings

log = logging.getLogger(__name__)

CONSOLE_MODULE = "bot.advisor"
KEEPALIVE_S = 15.0
RETENTION_EVERY_S = 24 * 3600


def create_app(
    settings: Settings, *, rasa_url: Optional[str] = None, rasa_token: Optional[str] = None,
    database_url: Optional[str] = None, keepalive_s: float = KEEPALIVE_S, mount_console: bool = True,
) -> web.Application:
    """The gateway app; `app["gateway"]` is the Gateway (the console reaches it as request.config_dict["gateway"])."""
    app = web.Application(middlewares=[rate_limit(), json_errors])  # limits: RATE_LIMIT_* (bot/gateway/limits.py)
    _set(app, "keepalive_s", keepalive_s)
    app.add_routes(routes)

    async def gateway_lifetime(app: web.Application):
        # One client session for the app's lifetime: connections to Rasa are kept alive and reused.
        async with aiohttp.ClientSession() as http:
            rasa = RasaClient(http, rasa_url or settings.rasa_urls, settings.rasa_token if rasa_token is None else rasa_token)
            _set(app, "gateway", Gateway(rasa, database_url or settings.database_url))
            yield

    app.cleanup_ctx.append(gateway_lifetime)
    if settings.telegram_bot_token:  # python-telegram-bot is imported only when Telegram is on
        from bot.channels.telegram import install

        install(app, settings)
    app.on_shutdown.append(_end_event_streams)
    if mount_console and importlib.util.find_spec(CONSOLE_MODULE) is not None:
        # Only a missing package is tolerated: an import error inside the console must surface.
        app.add_subapp("/advisor", importlib.import_module(CONSOLE_MODULE).create_console(database_url))
    return app


def _set(app: web.Application, key: str, value: Any) -> None:
    """Plain string keys, as the shared contract names them (`request.config_dict["gateway"]`).

    aiohttp 3.9 recommends web.AppKey and warns about string keys; the console is
    written against the string, so the warning is silenced here, on purpose.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", web.NotAppKeyWarning)
        app[key] = value


async def _end_event_streams(app: web.Application) -> None:
    """Open event streams would otherwise keep the server from shutting down."""
    if "gateway" in app:
        app["gateway"].sse.close_all()


def run(settings: Settings) -> None:
    """Serve the gateway on settings.gateway_host:gateway_port until interrupted. The gateway process
    also, at start, asks conversations whose answer died with the previous gateway to send again,
    and deletes old uploads no claim holds, at start and then daily (bot/documents/retention.py)."""
    log.info("gateway on %s, Rasa at %s", settings.gateway_url, ", ".join(settings.rasa_urls))
    app = create_app(settings)
    app.cleanup_ctx.append(recover_interrupted_turns)  # after the channels started: it pushes
    app.cleanup_ctx.append(functools.partial(upload_retention, settings))
    web.run_app(app, host=settings.gateway_host, port=settings.gateway_port, print=None, shutdown_timeout=5)


async def recover_interrupted_turns(app: web.Application):
    """Before the first request: a new turn must not be taken for one the previous gateway left."""
    try:
        await app["gateway"].recover_interrupted_turns()
    except Exception:  # e.g. the database down for a moment: start anyway, as before
        log.exception("asking the interrupted conversations to send again failed")
    yield


async def upload_retention(settings: Settings, app: web.Application):
    """A background task for the app's lifetime: the uploads cleanup now and every RETENTION_EVERY_S."""
    async def every_day():
        while True:
            try:
                await asyncio.to_thread(run_retention, settings.database_url, settings.uploads_dir,
                                        settings.upload_retention_days)
            except Exception:  # a failed cleanup must never stop the gateway; it runs again tomorrow
                log.exception("the uploads cleanup failed")
            await asyncio.sleep(RETENTION_EVERY_S)

    task = asyncio.create_task(every_day())
    yield
    task.cancel()
