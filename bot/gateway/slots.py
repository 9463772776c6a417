"""At most N user messages inside each Rasa instance at once; the rest wait their turn in the gateway.

Rasa works in one event loop per process. Sent 50 messages at once, it
interleaves all of them: each one takes 50 times as long, all run past
RASA_TIMEOUT together, and every user gets an apology although Rasa answers
later. Waiting here instead, first come first served, each message has Rasa's
attention while it is inside, and RASA_TIMEOUT measures Rasa's own time again
(a slow action server still gets its apology within RASA_TIMEOUT).

A message that waited RASA_QUEUE_TIMEOUT seconds for a place gets the same
apology as a timeout (its user message is kept). `RASA_CONCURRENCY=0` turns the
limit off. A few places per instance (not one) let Rasa compute one message
while another waits for the action server or the database.
"""
from __future__ import annotations

import asyncio
from collections import deque
from typing import Deque, List

from bot.gateway.rasa_client import RasaUnavailable

DEFAULT_CONCURRENCY = 3
DEFAULT_QUEUE_TIMEOUT_S = 30.0


class QueueTimeout(RasaUnavailable):
    """No place became free in time (Rasa is overloaded or stuck): the user gets the same apology."""


class FairSlots:
    """A semaphore that serves waiters strictly in arrival order.

    asyncio.Semaphore in Python 3.10 lets a newcomer take a place freed for a
    waiter, so under load one unlucky message can wait without end.
    """

    def __init__(self, size: int) -> None:
        self.free = size
        self._waiters: Deque[asyncio.Future] = deque()

    @property
    def waiting(self) -> int:
        return len(self._waiters)

    async def acquire(self, timeout_s: float) -> bool:
        """True once a place is ours; False after `timeout_s` seconds in the queue."""
        if self.free > 0 and not self._waiters:
            self.free -= 1
            return True
        loop = asyncio.get_running_loop()
        place = loop.create_future()
        self._waiters.append(place)
        expiry = loop.call_later(timeout_s, self._expire, place)
        try:
            return await place
        except asyncio.CancelledError:
            if place.done() and not place.cancelled() and place.result():
                self.release()  # handed a place just as the caller gave up: pass it on
            elif place in self._waiters:
                self._waiters.remove(place)
            raise
        finally:
            expiry.cancel()

    def release(self) -> None:
        """Hand the place to the longest waiter, or free it."""
        while self._waiters:
            place = self._waiters.popleft()
            if not place.done():
                place.set_result(True)
                return
        self.free += 1

    def _expire(self, place: asyncio.Future) -> None:
        if not place.done():
            self._waiters.remove(place)
            place.set_result(False)


class InstanceSlots:
    """One FairSlots per Rasa instance; `per_instance` 0 means no limit."""

    def __init__(self, instances: int, per_instance: int = DEFAULT_CONCURRENCY,
                 queue_timeout_s: float = DEFAULT_QUEUE_TIMEOUT_S) -> None:
        self.per_instance = per_instance
        self.queue_timeout_s = queue_timeout_s
        self._slots: List[FairSlots] = [FairSlots(per_instance) for _ in range(max(instances, 1))]

    async def acquire(self, instance: int) -> None:
        """A place in Rasa instance `instance`, waited for; QueueTimeout after queue_timeout_s.
        The caller releases it when its call to Rasa ends (which may be after the caller gave up)."""
        if self.per_instance > 0 and not await self._slots[instance % len(self._slots)].acquire(self.queue_timeout_s):
            raise QueueTimeout(f"no free place in Rasa instance {instance} after {self.queue_timeout_s:g} s")

    def release(self, instance: int) -> None:
        if self.per_instance > 0:
            self._slots[instance % len(self._slots)].release()

    def waiting(self) -> List[int]:
        """How many messages wait for each instance (for the health page)."""
        return [slots.waiting for slots in self._slots]
