"""One lock per sender, so each conversation's messages reach Rasa one at a time and in order.

Rasa's lock store only orders messages inside one Rasa process (its Redis lock
store has a known race), so the gateway queues them itself. A lock lives only
while someone holds or waits for it: idle senders cost nothing.
"""
from __future__ import annotations

import asyncio
from contextlib import asynccontextmanager
from typing import AsyncIterator, Dict, Tuple


class SenderLocks:
    def __init__(self) -> None:
        self._locks: Dict[str, Tuple[asyncio.Lock, int]] = {}  # sender -> (lock, holders + waiters)

    @asynccontextmanager
    async def hold(self, sender_id: str) -> AsyncIterator[None]:
        lock, users = self._locks.get(sender_id, (None, 0))
        lock = lock or asyncio.Lock()
        self._locks[sender_id] = (lock, users + 1)
        try:
            async with lock:  # asyncio.Lock wakes waiters first come, first served
                yield
        finally:
            lock, users = self._locks[sender_id]
            if users == 1:
                del self._locks[sender_id]
            else:
                self._locks[sender_id] = (lock, users - 1)

    def __len__(self) -> int:
        return len(self._locks)
