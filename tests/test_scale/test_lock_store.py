"""The atomic Redis ticket lock (bot/lock_store.py) against the local Redis: one holder at a time
across stores (as across Rasa processes), first come first served, a live holder's ticket renewed,
a crashed or killed holder's ticket expires, a ticket waiting too long fails as in Rasa, and two
round trips per message."""
from __future__ import annotations

import asyncio
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlsplit

import pytest
from rasa.core.lock_store import LockError, LockStore
from rasa.utils.endpoints import EndpointConfig

from bot import lock_store
from bot.lock_store import AtomicRedisLockStore


@pytest.fixture
def make_store(redis_url):
    parts = urlsplit(redis_url)
    made = []

    def make() -> AtomicRedisLockStore:
        config = EndpointConfig(url=parts.hostname, type="bot.lock_store.AtomicRedisLockStore",
                                port=parts.port or 6379, db=int(parts.path.strip("/") or 1), key_prefix="claimstest")
        store = LockStore.create(config)  # as Rasa builds it from the endpoints file
        made.append(store)
        return store

    yield make
    for store in made:
        store.red.close()


@pytest.fixture
def conversation() -> str:
    return f"lock-{uuid.uuid4().hex[:10]}"


def test_rasa_builds_it_from_the_endpoints_file(make_store):
    store = make_store()
    assert isinstance(store, AtomicRedisLockStore) and store.key_prefix == "claimstest:lock:"


async def test_one_holder_at_a_time_in_arrival_order_across_processes(make_store, conversation):
    stores = [make_store(), make_store()]  # two Rasa processes
    inside, order, overlaps = [], [], []

    async def message(number: int) -> None:
        async with stores[number % 2].lock(conversation):
            if inside:
                overlaps.append(number)
            inside.append(number)
            order.append(number)
            await asyncio.sleep(0.03)
            inside.remove(number)

    tasks = []
    for number in range(8):
        tasks.append(asyncio.create_task(message(number)))
        await asyncio.sleep(0.005)  # each takes its ticket before the next arrives
    await asyncio.gather(*tasks)
    assert overlaps == [] and order == list(range(8))
    assert not any(stores[0].red.exists(key) for key in stores[0].keys(conversation))  # nothing left behind


def test_tickets_taken_at_the_same_moment_are_all_different(make_store, conversation):
    """Rasa's store reads, edits and writes the lock back, so two processes could get one ticket."""
    stores = [make_store() for _ in range(4)]
    keys = stores[0].keys(conversation)
    with ThreadPoolExecutor(8) as pool:
        tickets = list(pool.map(lambda i: stores[i % 4]._take(keys=keys, args=[5000])[0], range(40)))
    assert sorted(tickets) == list(range(1, 41))
    stores[0].red.delete(*keys)


async def test_other_conversations_do_not_wait(make_store, conversation):
    store = make_store()
    async with store.lock(conversation):
        started = time.monotonic()
        async with store.lock(conversation + "-other"):
            assert time.monotonic() - started < 0.5


async def test_a_crashed_holders_ticket_expires(make_store, conversation):
    store = make_store()
    store._take(keys=store.keys(conversation), args=[300])  # taken and never left: a process killed
    started = time.monotonic()
    async with store.lock(conversation):
        waited = time.monotonic() - started
    assert 0.2 < waited < 2


async def test_a_live_holder_keeps_the_lock_past_its_tickets_lifetime(make_store, conversation, monkeypatch):
    """Renewed every third of HELD_LIFETIME_S: a message that takes three lifetimes is still alone.
    (Lifetimes of a second: a garbage collection of this big test process can pause the loop.)"""
    monkeypatch.setattr(lock_store, "HELD_LIFETIME_S", 1.0)
    holder, other = make_store(), make_store()
    queued = other.lock(conversation)
    async with holder.lock(conversation):
        waiting = asyncio.create_task(queued.__aenter__())
        await asyncio.sleep(3.2)
        assert not waiting.done()
    await asyncio.wait_for(waiting, 2)  # served once the holder left
    await queued.__aexit__(None, None, None)


async def test_a_killed_holder_frees_the_conversation_after_the_held_lifetime(make_store, conversation, monkeypatch):
    """A process killed while it holds the lock renews nothing: another process gets the conversation
    after HELD_LIFETIME_S (10 s; 0.5 s here), not after Rasa's 60 s lock lifetime."""
    monkeypatch.setattr(lock_store, "HELD_LIFETIME_S", 1.0)
    killed = make_store()

    def take_and_die():
        loop, held = asyncio.new_event_loop(), killed.lock(conversation)
        loop.run_until_complete(held.__aenter__())  # then its loop stops: no renewals
        return loop, held, time.monotonic()

    def bury(loop, held):
        loop.run_until_complete(held.__aexit__(None, None, None))
        loop.close()

    dead, held, taken_at = await asyncio.to_thread(take_and_die)
    try:
        async with make_store().lock(conversation):
            served_after = time.monotonic() - taken_at
        assert 0.9 < served_after < 4  # when the ticket expired, not at once, nor after Rasa's 60 s
    finally:
        await asyncio.to_thread(bury, dead, held)


async def test_a_ticket_that_expires_while_waiting_fails_as_in_rasa(make_store, conversation):
    store = make_store()
    store._take(keys=store.keys(conversation), args=[60_000])  # a holder that will not leave soon
    with pytest.raises(LockError):
        async with store.lock(conversation, lock_lifetime=0.3):
            pass
    store.red.delete(*store.keys(conversation))


async def test_an_uncontended_message_costs_two_round_trips(make_store, conversation, monkeypatch):
    store = make_store()
    async with store.lock(conversation):  # scripts loaded once (the first call may load them)
        pass
    commands = []
    execute = store.red.execute_command
    monkeypatch.setattr(store.red, "execute_command", lambda *args, **kw: commands.append(args[0]) or execute(*args, **kw))
    async with store.lock(conversation):
        pass
    assert commands == ["EVALSHA", "EVALSHA"]


async def test_redis_unreachable_is_a_lock_error(conversation):
    store = AtomicRedisLockStore(host="127.0.0.1", port=1, socket_timeout=1)
    with pytest.raises(LockError):
        async with store.lock(conversation):
            pass
