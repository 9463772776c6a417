"""The gateway's only way to Rasa: the REST channel for user messages, the HTTP API to resume.

Rasa binds to 127.0.0.1 and its REST channel has no authentication, so the
gateway is the sole public entry; the HTTP API (`--enable-api`) needs the token.
"""
from __future__ import annotations

import asyncio
import logging
from typing import List, Optional
from urllib.parse import quote

import aiohttp

log = logging.getLogger(__name__)

# Kinds of content Rasa's output channels may put in a message besides text and buttons.
EXTRA_KEYS = ("image", "custom", "attachment", "elements", "quick_replies")


class RasaUnavailable(Exception):
    """Rasa did not answer: down, restarting, too slow, or an error status."""


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
    """Calls Rasa over one shared aiohttp session (connections are reused)."""

    def __init__(self, http: aiohttp.ClientSession, url: str, token: str = "", timeout_s: float = 60.0):
        self.http = http
        self.url = url.rstrip("/")
        self.token = token
        self.timeout = aiohttp.ClientTimeout(total=timeout_s)

    async def send(self, sender_id: str, text: str) -> List[dict]:
        """The bot's replies to one user message (REST channel)."""
        raw = await self._post("/webhooks/rest/webhook", {"sender": sender_id, "message": text})
        return fold_custom([normalise(message) for message in raw or []])

    async def execute(self, sender_id: str, action: str) -> List[dict]:
        """Run one action in the conversation (HTTP API); Rasa runs it even on a paused tracker."""
        path = f"/conversations/{quote(sender_id, safe='')}/execute"
        raw = await self._post(path, {"name": action}, params={"token": self.token} if self.token else None)
        return fold_custom([normalise(message) for message in (raw or {}).get("messages", [])])

    async def answers(self) -> bool:
        try:
            async with self.http.get(self.url + "/", timeout=aiohttp.ClientTimeout(total=2)) as response:
                return response.status == 200
        except (aiohttp.ClientError, asyncio.TimeoutError):
            return False

    async def _post(self, path: str, body: dict, params: Optional[dict] = None):
        try:
            async with self.http.post(self.url + path, json=body, params=params, timeout=self.timeout) as response:
                if response.status != 200:
                    detail = (await response.text())[:300]
                    raise RasaUnavailable(f"Rasa answered {response.status} to {path}: {detail}")
                return await response.json(content_type=None)
        except (aiohttp.ClientError, asyncio.TimeoutError, ValueError) as error:
            raise RasaUnavailable(f"Rasa did not answer {path}: {error!r}") from error
