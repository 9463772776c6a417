"""Rate limits of the chat API: per conversation (sender) and per client IP address.

A token bucket per key: `N` requests a minute, refilled continuously, with a
burst of up to `N`. Over the limit the answer is 429 in the chat API's error
format, with `Retry-After` (whole seconds):

    {"error": "rate_limited", "message": "您发得太快了，请 3 秒后再试。 / Too many requests; retry in 3 s."}

What is counted:

- per sender (`RATE_LIMIT_PER_MINUTE`, default 30): what a user sends,
  `POST /api/messages` (the sender from the JSON body) and `POST /api/upload`
  (the sender from the query string, else from the form's `sender` field
  once the route has read the form, before the file is staged; the form is
  not read here);
- per client IP (`RATE_LIMIT_IP_PER_MINUTE`, default 300): every `/api/…`
  request, polling and event streams included. A request from a trusted proxy
  (`RATE_LIMIT_TRUSTED_PROXIES`, default loopback) counts for the address its
  `X-Forwarded-For` names last (the one the proxy added); a request from a
  trusted address without that header (the terminal chat, tests, a benchmark
  on the same machine) has no IP limit, only the per-sender one.

Not limited here: the web chat page and its static files, `/health`, the
advisor console (it has its own login lockout) and Telegram's webhook:
Telegram's private chats get the per-sender limit in the channel instead
(`SenderLimit`, bot/channels/telegram/channel.py).
`0` turns a limit off. Buckets live in the gateway's process (one gateway, as
for the per-sender locks).
"""
from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass
from typing import Callable, Dict, FrozenSet, Optional, Set, Tuple

from aiohttp import web

from bot.gateway.validation import COUNT_SENDER, MAX_SENDER_LENGTH, error_response, rate_limited
from bot.settings import load_settings

DEFAULT_PER_SENDER = 30
DEFAULT_PER_IP = 300
DEFAULT_TRUSTED_PROXIES = "127.0.0.1,::1"
LIMITED_PREFIX = "/api/"
SENDING = {("POST", "/api/messages"), ("POST", "/api/upload")}
MAX_KEYS = 50_000
MAX_PEEK_BYTES = 64 * 1024  # a message is at most 5,000 characters: its JSON body is far smaller  # buckets kept before the full (idle) ones are dropped


@dataclass(frozen=True)
class RateLimits:
    per_sender: int = DEFAULT_PER_SENDER
    per_ip: int = DEFAULT_PER_IP
    trusted_proxies: FrozenSet[str] = frozenset(DEFAULT_TRUSTED_PROXIES.split(","))

    @classmethod
    def from_env(cls) -> "RateLimits":
        """RATE_LIMIT_PER_MINUTE, RATE_LIMIT_IP_PER_MINUTE, RATE_LIMIT_TRUSTED_PROXIES (comma-separated)."""
        load_settings()  # reads .env into the environment
        proxies = os.environ.get("RATE_LIMIT_TRUSTED_PROXIES", DEFAULT_TRUSTED_PROXIES)
        return cls(
            per_sender=_whole(os.environ.get("RATE_LIMIT_PER_MINUTE"), DEFAULT_PER_SENDER),
            per_ip=_whole(os.environ.get("RATE_LIMIT_IP_PER_MINUTE"), DEFAULT_PER_IP),
            trusted_proxies=frozenset(p.strip() for p in proxies.split(",") if p.strip()),
        )


def _whole(value: Optional[str], default: int) -> int:
    if value is None or not value.strip():
        return default
    number = int(value)
    if number < 0:
        raise ValueError("rate limits are whole numbers ≥ 0 (0 turns a limit off)")
    return number


class Buckets:
    """Token buckets: `per_minute` tokens, refilled continuously; `take(key)` → 0, or seconds to wait."""

    def __init__(self, per_minute: int, now: Callable[[], float] = time.monotonic):
        self.capacity = float(per_minute)
        self.rate = per_minute / 60.0
        self.now = now
        self._buckets: Dict[str, Tuple[float, float]] = {}

    def take(self, key: str) -> float:
        now = self.now()
        tokens, last = self._buckets.get(key, (self.capacity, now))
        tokens = min(self.capacity, tokens + (now - last) * self.rate)
        if tokens < 1:
            self._buckets[key] = (tokens, now)
            return (1 - tokens) / self.rate
        self._buckets[key] = (tokens - 1, now)
        if len(self._buckets) > MAX_KEYS:
            self._forget_full(now)
        return 0.0

    def _forget_full(self, now: float) -> None:
        """Drop buckets that have refilled: forgetting them changes nothing."""
        for key, (tokens, last) in list(self._buckets.items()):
            if tokens + (now - last) * self.rate >= self.capacity:
                del self._buckets[key]


class SenderLimit:
    """The per-sender limit for channels that do not come through the chat API (Telegram).

    `take(sender)` → 0, or seconds to wait. `first_refusal(sender)` is True once per burst of
    refused messages, so a flooding user is told once, not once per message.
    """

    def __init__(self, per_minute: int):
        self._buckets = Buckets(per_minute) if per_minute else None
        self._told: Set[str] = set()

    def take(self, sender: str) -> float:
        wait = self._buckets.take(sender) if self._buckets is not None else 0.0
        if not wait:
            self._told.discard(sender)
        return wait

    def first_refusal(self, sender: str) -> bool:
        if sender in self._told:
            return False
        self._told.add(sender)
        return True


def client_ip(request: web.Request, trusted_proxies: FrozenSet[str]) -> Optional[str]:
    """The address to count, or None for a trusted address that forwards no one (local clients)."""
    peer = request.remote or ""
    if peer not in trusted_proxies:
        return peer or None
    forwarded = [part.strip() for part in request.headers.get("X-Forwarded-For", "").split(",") if part.strip()]
    return forwarded[-1] if forwarded else None


async def _sender_of(request: web.Request) -> Optional[str]:
    """The sender a sending request is for, without consuming the body (aiohttp caches what it read)."""
    sender = request.query.get("sender")
    if request.path == "/api/messages":
        if request.content_length is None or request.content_length > MAX_PEEK_BYTES:
            return None  # the route reads (and refuses) it; a part read here would be lost to it
        try:
            body = json.loads(await request.read())
        except (ValueError, UnicodeDecodeError):
            return None  # the route answers body_invalid
        except web.HTTPException:
            return None  # too large: the route answers that too
        sender = body.get("sender") if isinstance(body, dict) else None
    if isinstance(sender, str) and 0 < len(sender) <= MAX_SENDER_LENGTH:
        return sender
    return None


def too_many(wait_s: float) -> web.Response:
    return rate_limited(wait_s).response()


def rate_limit(limits: Optional[RateLimits] = None) -> Callable:
    """The aiohttp middleware; `limits` defaults to the environment's (RateLimits.from_env)."""
    limits = limits or RateLimits.from_env()
    by_sender = Buckets(limits.per_sender) if limits.per_sender else None
    by_ip = Buckets(limits.per_ip) if limits.per_ip else None

    @web.middleware
    async def middleware(request: web.Request, handler):
        if not request.path.startswith(LIMITED_PREFIX):
            return await handler(request)
        try:
            return await _limited(request, handler)
        except web.HTTPException as error:
            if error.status < 400:
                raise
            return _as_json(error)  # aiohttp's own refusals (404, 405, 413 …) in the chat API's format

    async def _limited(request: web.Request, handler):
        if by_ip is not None:
            ip = client_ip(request, limits.trusted_proxies)
            if ip is not None:
                wait = by_ip.take(ip)
                if wait:
                    return too_many(wait)
        if by_sender is not None and (request.method, request.path) in SENDING:
            sender = await _sender_of(request)
            if sender is not None:
                wait = by_sender.take(sender)
                if wait:
                    return too_many(wait)
            elif request.path == "/api/upload":
                request[COUNT_SENDER] = by_sender.take  # the form's sender, when the route reads it
        return await handler(request)

    middleware.limits = limits  # type: ignore[attr-defined]
    return middleware


HTTP_ERRORS = {
    404: ("not_found", "没有这个地址。", "No such route."),
    405: ("method_not_allowed", "不支持这种请求方式。", "Method not allowed on this route."),
    413: ("body_too_large", "发送的内容太大了。", "The request body is too large."),
}


def _as_json(error: web.HTTPException) -> web.Response:
    code, chinese, english = HTTP_ERRORS.get(error.status, ("http_error", "请求有误。", error.reason))
    response = error_response(code, f"{chinese} / {english}", error.status)
    if "Allow" in error.headers:
        response.headers["Allow"] = error.headers["Allow"]
    return response

