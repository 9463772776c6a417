"""Rasa's Redis ticket lock, each step one atomic round trip.

Rasa's `RedisLockStore` keeps a conversation's tickets as one JSON value and changes it by reading
it, editing it in Python and writing it back: seven Redis round trips per message (py-spy: about 6%
of a Rasa server's time under load, the client being synchronous), and two processes issuing a
ticket at the same moment can both read the same value and hand out the same ticket. A waiting
message also sleeps a whole second between looks.

Here the same ticket lock (first come, first served; a ticket expires, so a crashed holder cannot
block a conversation for ever) lives in three keys per conversation, changed only by Lua scripts
that Redis runs atomically:

- `<prefix><conversation>:tickets`, a sorted set of the waiting and serving ticket numbers;
- `<prefix><conversation>:expiry`, a hash of each ticket's expiry (Redis's clock, milliseconds);
- `<prefix><conversation>:next`, the ticket counter.

Taking a ticket also says whether it is served at once (one round trip); leaving removes it and,
when none is left, the keys (one more). A waiting ticket looks again every 50 ms; one that waits
longer than the lock lifetime Rasa asks for (`TICKET_LOCK_LIFETIME`, 60 s) raises Rasa's
`LockError`, as in Rasa.

A ticket lives `HELD_LIFETIME_S` (10 s) and its process renews it every third of that while it
waits or holds the lock: a live holder keeps it as long as its message takes, and a killed one
frees the conversation for the other Rasa processes within 10 s instead of Rasa's 60 s. (An
uncontended message is over long before the first renewal: still two round trips.)

Selected in the endpoints file with `type: bot.lock_store.AtomicRedisLockStore` (the other keys
as for Rasa's `redis` type); `bot.scale` writes that for the scaled mode.
"""
from __future__ import annotations

import asyncio
import logging
import time
from collections import deque
from contextlib import asynccontextmanager
from typing import Any, AsyncGenerator, List, Optional, Text

from rasa.core.lock import Ticket, TicketLock
from rasa.core.lock_store import LOCK_LIFETIME, LockError, RedisLockStore
from rasa.utils.endpoints import EndpointConfig

logger = logging.getLogger(__name__)

POLL_S = 0.05  # a waiting ticket looks again this often (Rasa: 1 s)
HELD_LIFETIME_S = 10.0  # a ticket's life between renewals by its process

# The first ticket that has not expired, after dropping expired ones from the front; nil if none.
_FIRST_LIVE = """
local function first_live(tickets, expiry, now)
  while true do
    local first = redis.call('ZRANGE', tickets, 0, 0)[1]
    if not first then return nil end
    if tonumber(redis.call('HGET', expiry, first) or '0') > now then return tonumber(first) end
    redis.call('ZREM', tickets, first)
    redis.call('HDEL', expiry, first)
  end
end
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
"""

# KEYS: tickets, expiry, next. ARGV: lifetime (ms). Returns {ticket, 1 if served now else 0, expiry}.
_TAKE = _FIRST_LIVE + """
local lifetime = tonumber(ARGV[1])
local ticket = redis.call('INCR', KEYS[3])
redis.call('ZADD', KEYS[1], ticket, ticket)
redis.call('HSET', KEYS[2], ticket, now + lifetime)
for _, key in ipairs(KEYS) do redis.call('PEXPIRE', key, lifetime + 60000) end
return {ticket, first_live(KEYS[1], KEYS[2], now) == ticket and 1 or 0, now + lifetime}
"""

# KEYS: tickets, expiry. ARGV: ticket. Returns 1 served, 0 still waiting, -1 the ticket expired waiting.
_CHECK = _FIRST_LIVE + """
local ticket = ARGV[1]
if tonumber(redis.call('HGET', KEYS[2], ticket) or '0') <= now then
  redis.call('ZREM', KEYS[1], ticket)
  redis.call('HDEL', KEYS[2], ticket)
  return -1
end
if first_live(KEYS[1], KEYS[2], now) == tonumber(ticket) then return 1 end
return 0
"""

# KEYS: tickets, expiry, next. ARGV: ticket, lifetime (ms). Returns 1 renewed, 0 the ticket is gone.
_RENEW = """
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
if redis.call('HEXISTS', KEYS[2], ARGV[1]) == 0 then return 0 end
redis.call('HSET', KEYS[2], ARGV[1], now + tonumber(ARGV[2]))
for _, key in ipairs(KEYS) do redis.call('PEXPIRE', key, tonumber(ARGV[2]) + 60000) end
return 1
"""

# KEYS: tickets, expiry, next. ARGV: ticket. Removes it; no ticket left: no keys left.
_LEAVE = """
redis.call('ZREM', KEYS[1], ARGV[1])
redis.call('HDEL', KEYS[2], ARGV[1])
if redis.call('ZCARD', KEYS[1]) == 0 then redis.call('DEL', KEYS[1], KEYS[2], KEYS[3]) end
return 1
"""


class AtomicRedisLockStore(RedisLockStore):
    """`RedisLockStore` whose `lock()` takes, waits for and leaves a ticket in atomic scripts."""

    def __init__(self, endpoint_config: Optional[EndpointConfig] = None, **kwargs: Any) -> None:
        if endpoint_config is not None:  # how Rasa builds a lock store named by its module path
            kwargs = {"host": endpoint_config.url or "localhost", **endpoint_config.kwargs, **kwargs}
        super().__init__(**kwargs)
        self._take = self.red.register_script(_TAKE)
        self._check = self.red.register_script(_CHECK)
        self._leave = self.red.register_script(_LEAVE)
        self._renew = self.red.register_script(_RENEW)

    def keys(self, conversation_id: Text) -> List[str]:
        base = self.key_prefix + conversation_id
        return [base + ":tickets", base + ":expiry", base + ":next"]

    @asynccontextmanager
    async def lock(
        self, conversation_id: Text, lock_lifetime: float = LOCK_LIFETIME, wait_time_in_seconds: float = 1,
    ) -> AsyncGenerator[TicketLock, None]:
        keys = self.keys(conversation_id)
        lifetime_ms = max(1, int(min(lock_lifetime, HELD_LIFETIME_S) * 1000))
        try:
            ticket, served, expires_ms = self._take(keys=keys, args=[lifetime_ms])
        except Exception as error:  # as Rasa: any Redis failure while taking a ticket is a LockError
            raise LockError(f"Error while acquiring lock. Error:\n{error}") from error
        renewing = asyncio.create_task(self._keep_alive(keys, ticket, lifetime_ms))
        try:
            wait = min(wait_time_in_seconds, POLL_S)
            give_up = time.monotonic() + lock_lifetime
            while not served:
                await asyncio.sleep(wait)
                state = self._check(keys=keys[:2], args=[ticket])
                if state < 0 or time.monotonic() > give_up:
                    raise LockError(f"Could not acquire lock for conversation_id '{conversation_id}'.")
                served = state == 1
            yield TicketLock(conversation_id, deque([Ticket(int(ticket), expires_ms / 1000)]))
        finally:
            renewing.cancel()
            self._leave(keys=keys, args=[ticket])

    async def _keep_alive(self, keys: List[str], ticket: int, lifetime_ms: int) -> None:
        """Renew the ticket every third of its lifetime until cancelled (a Redis hiccup is retried)."""
        while True:
            await asyncio.sleep(lifetime_ms / 3000)
            try:
                self._renew(keys=keys, args=[ticket, lifetime_ms])
            except Exception as error:
                logger.warning("could not renew a conversation lock ticket: %s", error)
