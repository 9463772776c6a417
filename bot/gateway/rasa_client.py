"""The gateway's only way to Rasa: the REST channel for user messages, the HTTP API to resume.

Rasa binds to 127.0.0.1 and its REST channel has no authentication, so the
gateway is the sole public entry; the HTTP API (`--enable-api`) needs the token.

With several Rasa instances (scaled mode) every call of a conversation goes to the
instance its sender id hashes to (bot.scale.instance_order), so one process handles a
conversation's messages in order. If that instance refuses the connection (down or
restarting: the request never reached it), the call goes to the next instance in the
sender's order: safe, because the tracker is in PostgreSQL and the locks in Redis.
A timeout or an error answer is never retried elsewhere (Rasa may have acted on it).
"""
from __future__ import annotations

import asyncio
import logging
from collections import Counter
from typing import List, Optional, Sequence, Tuple, Union
from urllib.parse import quote

import aiohttp

from bot.scale import instance_order

log = logging.getLogger(__name__)

# Kinds of content Rasa's output channels may put in a message besides text and buttons.
# How long /health waits for each Rasa instance's "/": short, so the gateway's health answers at once
# while Rasa hangs (a readiness probe must not take the gateway, which apologises then, out of service).
HEALTH_PROBE_S = 0.5
EXTRA_KEYS = ("image", "custom", "attachment", "elements", "quick_replies")


class RasaUnavailable(Exception):
    """Rasa did not answer: down, restarting, too slow, or an error status."""


class _NotDelivered(Exception):
    """The request surely never reached that Rasa instance, so another one may take it."""


def normalise(raw: dict) -> dict:
    """One Rasa output message -> {"text", "buttons": [{"title", "payload"}], image/custom if present}."""
    message = {
        "text": raw.get("text") or "",
        "buttons": [{"title": b.get("title", ""), "payload": b.get("payload", "")} for b in raw.get("buttons") or []],
    }
    message.update({key: raw[key] for key in EXTRA_KEYS if raw.get(key) is not None})
    return message


def fold_custom(messages: List[dict]) -> List[dict]:
    """A message with only `custom` joins the message before it.

    Rasa's REST channel sends `utter_message(text=..., json_message=...)` as two
    messages; e.g. the mobile question's {"request_contact": true} belongs to the
    question (Telegram offers its share-contact button), not to an empty bubble.
    """
    folded: List[dict] = []
    for message in messages:
        extra_only = not message["text"] and not message["buttons"] and set(message) == {"text", "buttons", "custom"}
        if extra_only and folded and "custom" not in folded[-1]:
            folded[-1]["custom"] = message["custom"]
        else:
            folded.append(message)
    return folded


class RasaClient:
    """Calls Rasa over one shared aiohttp session (connections are reused).

    `url` is one Rasa address, a comma-separated list, or a sequence of them (scaled mode).
    `calls` counts the calls each instance answered (by URL), for health pages and tests.
    """

    def __init__(self, http: aiohttp.ClientSession, url: Union[str, Sequence[str]], token: str = "",
                 timeout_s: float = 60.0):
        self.http = http
        raw = url.split(",") if isinstance(url, str) else list(url)
        self.urls = [u.strip().rstrip("/") for u in raw if u.strip()]
        if not self.urls:
            raise ValueError("RasaClient needs at least one Rasa URL")
        self.url = self.urls[0]
        self.token = token
        self.timeout = aiohttp.ClientTimeout(total=timeout_s)
        self.calls: Counter = Counter()

    def instance_for(self, sender_id: str) -> int:
        """The 0-based index of the conversation's preferred instance (e.g. to pick its action server
        from settings.action_server_urls)."""
        return instance_order(sender_id, len(self.urls))[0]

    def urls_for(self, sender_id: str) -> List[str]:
        """The Rasa instances of a conversation, preferred first (the rest in fail-over order)."""
        return [self.urls[i] for i in instance_order(sender_id, len(self.urls))]

    async def send_to(self, sender_id: str, text: str) -> Tuple[List[dict], int]:
        """The bot's replies to one user message (REST channel) and the index of the instance that
        gave them (another one after a fail-over)."""
        raw, url = await self._post(sender_id, "/webhooks/rest/webhook", {"sender": sender_id, "message": text})
        return fold_custom([normalise(message) for message in raw or []]), self.urls.index(url)

    async def execute(self, sender_id: str, action: str) -> List[dict]:
        """Run one action in the conversation (HTTP API); Rasa runs it even on a paused tracker."""
        path = f"/conversations/{quote(sender_id, safe='')}/execute"
        raw, _ = await self._post(sender_id, path, {"name": action},
                                  params={"token": self.token} if self.token else None)
        return fold_custom([normalise(message) for message in (raw or {}).get("messages", [])])

    async def answers(self) -> bool:
        """True when at least one Rasa instance answers (each conversation can fail over to it)."""
        return any((await self.instances()).values())

    async def instances(self) -> dict:
        """{url: answers?} for every Rasa instance."""
        async def one(url: str) -> bool:
            try:
                async with self.http.get(url + "/", timeout=aiohttp.ClientTimeout(total=HEALTH_PROBE_S)) as response:
                    return response.status == 200
            except (aiohttp.ClientError, asyncio.TimeoutError):
                return False

        return dict(zip(self.urls, await asyncio.gather(*(one(url) for url in self.urls))))

    async def _post(self, sender_id: str, path: str, body: dict, params: Optional[dict] = None):
        """(Rasa's JSON answer, the URL of the instance that gave it)."""
        refused = []
        for url in self.urls_for(sender_id):
            try:
                result = await self._post_to(url, path, body, params)
            except _NotDelivered as error:
                refused.append(f"{url}: {error}")
                log.warning("Rasa at %s did not get the request (%s); trying the next instance", url, error)
                continue
            self.calls[url] += 1
            return result, url
        raise RasaUnavailable(f"no Rasa instance answered {path}: {'; '.join(refused)}")

    async def _post_to(self, url: str, path: str, body: dict, params: Optional[dict]):
        try:
            async with self.http.post(url + path, json=body, params=params, timeout=self.timeout) as response:
                if response.status != 200:
                    detail = (await response.text())[:300]
                    raise RasaUnavailable(f"Rasa at {url} answered {response.status} to {path}: {detail}")
                return await response.json(content_type=None)
        except aiohttp.ClientConnectorError as error:  # not connected: the request never reached Rasa
            raise _NotDelivered(repr(error.os_error)) from error
        except aiohttp.ClientOSError as error:
            if "Can not write request body" in str(error):
                # A kept-alive connection the dead server had closed: the request was not sent.
                raise _NotDelivered(str(error)) from error
            raise RasaUnavailable(f"Rasa at {url} did not answer {path}: {error!r}") from error
        except (aiohttp.ClientError, asyncio.TimeoutError, ValueError) as error:
            raise RasaUnavailable(f"Rasa at {url} did not answer {path}: {error!r}") from error
