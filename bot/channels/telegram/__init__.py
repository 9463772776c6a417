"""The Telegram channel (python-telegram-bot 22), run by the gateway when TELEGRAM_BOT_TOKEN is set.

    install(app, settings)   # in bot.gateway.create_app: lifetime, push channel, webhook route

Long polling by default (no public address needed); `TELEGRAM_MODE=webhook`
sets the webhook to TELEGRAM_WEBHOOK_URL and serves it at POST /telegram/webhook,
accepting only requests that carry TELEGRAM_WEBHOOK_SECRET in Telegram's
X-Telegram-Bot-Api-Secret-Token header.
"""
from __future__ import annotations

import json
import logging
from typing import List

from aiohttp import web

from bot.channels.telegram.channel import TelegramChannel, sender_of
from bot.channels.telegram.formatting import SECRET_RE, secret_ok
from bot.settings import Settings

__all__ = ["install", "config_problems", "TelegramChannel", "sender_of", "TELEGRAM", "WEBHOOK_PATH"]

log = logging.getLogger(__name__)

TELEGRAM = web.AppKey("telegram", TelegramChannel)
WEBHOOK_PATH = "/telegram/webhook"
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
MODES = ("polling", "webhook")


def config_problems(settings: Settings) -> List[str]:
    """What is wrong with the Telegram settings (empty when they are usable)."""
    problems = []
    if settings.telegram_mode not in MODES:
        problems.append(f"TELEGRAM_MODE must be polling or webhook, not {settings.telegram_mode!r}")
    if settings.telegram_mode == "webhook":
        if not settings.telegram_webhook_url.startswith("https://"):
            problems.append("TELEGRAM_WEBHOOK_URL must be the public https:// address of /telegram/webhook")
        if not SECRET_RE.fullmatch(settings.telegram_webhook_secret):
            problems.append("TELEGRAM_WEBHOOK_SECRET must be 1-256 characters of A-Z a-z 0-9 _ -")
    return problems


def install(app: web.Application, settings: Settings, *, poll_timeout: float = 10.0) -> None:
    """Run the Telegram channel for the app's lifetime; needs the gateway's cleanup context before it."""
    problems = config_problems(settings)
    if problems:
        raise ValueError("Telegram settings: " + "; ".join(problems))
    # httpx logs every request URL at INFO, and Bot API URLs contain the bot token.
    logging.getLogger("httpx").setLevel(logging.WARNING)

    async def telegram_lifetime(app: web.Application):
        channel = TelegramChannel(settings, app["gateway"], poll_timeout=poll_timeout)
        app[TELEGRAM] = channel
        retrying = await channel.start_or_retry()
        yield
        if retrying is not None:
            retrying.cancel()
        await channel.stop()

    app.cleanup_ctx.append(telegram_lifetime)
    if settings.telegram_mode == "webhook":
        app.router.add_post(WEBHOOK_PATH, _webhook)


async def _webhook(request: web.Request) -> web.Response:
    """Telegram posts one update per request; only with our secret in the header."""
    channel = request.app[TELEGRAM]
    if not secret_ok(request.headers.get(SECRET_HEADER), channel.settings.telegram_webhook_secret):
        log.warning("Telegram webhook called without the right secret token (from %s)", request.remote)
        raise web.HTTPForbidden(text="forbidden")
    try:
        data = await request.json()
    except (json.JSONDecodeError, UnicodeDecodeError):
        raise web.HTTPBadRequest(text="not JSON")
    if not isinstance(data, dict) or not isinstance(data.get("update_id"), int):
        raise web.HTTPBadRequest(text="not a Telegram update")
    await channel.feed(data)
    return web.Response(text="ok")
