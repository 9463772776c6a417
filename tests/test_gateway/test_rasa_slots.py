"""The gateway lets only RASA_CONCURRENCY messages into each Rasa instance at once; the rest wait in order."""
import asyncio

import pytest

from bot.gateway.slots import FairSlots, InstanceSlots, QueueTimeout

from .conftest import gateway_client


async def test_waiters_get_places_in_arrival_order():
    slots = FairSlots(1)
    assert await slots.acquire(1)
    order = []

    async def wait(name):
        assert await slots.acquire(1)
        order.append(name)

    waiters = [asyncio.create_task(wait(name)) for name in "abc"]
    await asyncio.sleep(0)
    assert slots.waiting == 3
    for _ in "abc":
        slots.release()
        await asyncio.sleep(0)
        # A newcomer never takes the place freed for the longest waiter.
        assert slots.free == 0
    await asyncio.gather(*waiters)
    assert order == ["a", "b", "c"]
    slots.release()
    assert (slots.free, slots.waiting) == (1, 0)


async def test_a_waiter_gives_up_after_its_timeout_and_leaves_the_queue():
    slots = FairSlots(1)
    assert await slots.acquire(1)
    assert await slots.acquire(0.05) is False
    assert slots.waiting == 0
    slots.release()
    assert slots.free == 1


async def test_a_cancelled_waiter_passes_its_place_on():
    slots = FairSlots(1)
    assert await slots.acquire(1)
    first = asyncio.create_task(slots.acquire(5))
    second = asyncio.create_task(slots.acquire(5))
    await asyncio.sleep(0)
    slots.release()  # handed to `first` ...
    first.cancel()  # ... which gives up before it runs
    with pytest.raises(asyncio.CancelledError):
        await first
    assert await second is True
    assert slots.waiting == 0 and slots.free == 0


async def test_instances_have_their_own_places_and_zero_means_no_limit():
    slots = InstanceSlots(2, per_instance=1, queue_timeout_s=0.05)
    await slots.acquire(0)
    await slots.acquire(1)  # another instance is not held up
    with pytest.raises(QueueTimeout):
        await slots.acquire(2)  # instance 2 of 2 is instance 0 again
    slots.release(0)
    await slots.acquire(2)  # free again
    unlimited = InstanceSlots(1, per_instance=0)
    for _ in range(3):
        await unlimited.acquire(0)
    assert unlimited.waiting() == [0]


async def test_rasa_gets_at_most_rasa_concurrency_messages_and_every_user_an_answer(
        fake_rasa, gateway_db, monkeypatch):
    monkeypatch.setenv("RASA_CONCURRENCY", "2")
    fake_rasa.delays = {"慢": 0.5}
    client = await gateway_client(fake_rasa.url, gateway_db, mount_console=False)
    try:
        posts = [asyncio.create_task(client.post("/api/messages", json={"sender": f"u{i}", "text": "慢"}))
                 for i in range(6)]
        waiting = []
        for _ in range(20):  # each message is stored before it queues
            waiting.append((await (await client.get("/health")).json())["waiting"])
            await asyncio.sleep(0.05)
        assert [4] in waiting
        responses = await asyncio.gather(*posts)
        assert [r.status for r in responses] == [200] * 6
        assert fake_rasa.most_inside == 2 and len(fake_rasa.messages) == 6
    finally:
        await client.close()


async def test_past_the_queue_timeout_the_user_gets_the_apology_and_rasa_never_gets_the_message(
        fake_rasa, gateway_db, monkeypatch):
    monkeypatch.setenv("RASA_CONCURRENCY", "1")
    monkeypatch.setenv("RASA_QUEUE_TIMEOUT", "0.2")
    fake_rasa.delays = {"慢": 1.0}
    client = await gateway_client(fake_rasa.url, gateway_db, mount_console=False)
    try:
        slow = asyncio.create_task(client.post("/api/messages", json={"sender": "a", "text": "慢"}))
        await asyncio.sleep(0.1)
        waited = await client.post("/api/messages", json={"sender": "b", "text": "我要报案"})
        assert waited.status == 503
        body = await waited.json()
        assert body["error"] == "rasa_unavailable" and body["messages"][0]["buttons"][0]["payload"] == "/request_human"
        transcript = await (await client.get("/api/messages", params={"sender": "b"})).json()
        assert [m["role"] for m in transcript["messages"]] == ["user", "bot"]  # the message is kept
        assert (await slow).status == 200
        assert fake_rasa.messages == [("a", "慢")]
        # The place is free again: the next message goes through at once.
        assert (await client.post("/api/messages", json={"sender": "b", "text": "我要报案"})).status == 200
    finally:
        await client.close()
