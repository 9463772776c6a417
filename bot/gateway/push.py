"""Server-sent events: live pushes of advisor, system and later bot messages to web clients.

Each open `GET /api/events` stream subscribes a queue for its sender; `send` is
registered as the push channel of the web, api and terminal channels.
"""
from __future__ import annotations

import asyncio
import json
from collections import defaultdict
from typing import Dict, List, Optional, Set

from bot.store.db import row_id

CLOSED = None  # put into a queue when the gateway shuts down


class SseHub:
    def __init__(self) -> None:
        self._queues: Dict[str, Set[asyncio.Queue]] = defaultdict(set)

    def subscribe(self, sender_id: str) -> asyncio.Queue:
        queue: asyncio.Queue = asyncio.Queue()
        self._queues[sender_id].add(queue)
        return queue

    def unsubscribe(self, sender_id: str, queue: asyncio.Queue) -> None:
        queues = self._queues.get(sender_id)
        if queues is not None:
            queues.discard(queue)
            if not queues:
                del self._queues[sender_id]

    async def send(self, conversation, messages: List[dict]) -> None:
        for queue in self._queues.get(conversation.sender_id, ()):
            for message in messages:
                queue.put_nowait(message)

    def listeners(self, sender_id: str) -> int:
        return len(self._queues.get(sender_id, ()))

    def close_all(self) -> None:
        for queues in self._queues.values():
            for queue in queues:
                queue.put_nowait(CLOSED)


def sse_event(message: dict) -> bytes:
    """One message as an SSE event whose id is the transcript id (EventSource resends it as Last-Event-ID)."""
    data = json.dumps(message, ensure_ascii=False)
    return f"id: {message['id']}\nevent: message\ndata: {data}\n\n".encode("utf-8")


def last_event_id(header: Optional[str], after: Optional[str]) -> int:
    """The newest id the client already has: the larger of Last-Event-ID and ?after= (bad values count as 0)."""
    values = [row_id(v) for v in (header, after) if v and v.strip().isascii() and v.strip().isdigit()]
    return max(values, default=0)
