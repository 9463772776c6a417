"""Property-based and fuzz tests (hypothesis): the chat API never answers 500 or non-JSON and the conversation
still answers afterwards; entity extraction never raises and finds only amounts ≥ 0.

Bounded example counts keep the folder quick; the gateway runs in process against a fake Rasa.
"""
from __future__ import annotations

import asyncio
import io
import json
from datetime import date
from decimal import Decimal
from urllib.parse import quote

from aiohttp import FormData

from hypothesis import HealthCheck, given, settings, strategies as st

from bot.nlu.entities import extract_entities, parse_amount, parse_date
from tests.test_security.conftest import gateway_client

FAST = settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=10)
senders = st.one_of(st.text(max_size=120), st.from_regex(r"[A-Za-z0-9_.:@-]{1,100}", fullmatch=True),
                    st.integers(), st.none(), st.lists(st.text(max_size=3), max_size=2))
texts = st.one_of(st.text(max_size=300), st.text(alphabet=st.characters(codec="utf-8"), min_size=4990, max_size=5010),
                  st.integers(), st.none(), st.floats(allow_nan=True), st.lists(st.text(max_size=5), max_size=3))
bodies = st.one_of(
    st.fixed_dictionaries({"sender": senders, "text": texts}, optional={"channel": json_values}).map(json.dumps),
    json_values.map(json.dumps),
    st.binary(max_size=300).map(lambda b: b.decode("latin-1")),
    st.text(max_size=200),
)


def in_gateway(fake_rasa, gateway_db, monkeypatch, examples, sender_after="fuzz-after"):
    """Run the hypothesis test `examples(call)` against one in-process gateway (limits off: fuzzing is fast).

    Hypothesis tests are synchronous: they run in a worker thread and hand each request
    to the event loop of the gateway's test client (`call(coroutine_factory)`).
    """
    monkeypatch.setenv("RATE_LIMIT_PER_MINUTE", "0")
    monkeypatch.setenv("RATE_LIMIT_IP_PER_MINUTE", "0")

    async def go():
        client = await gateway_client(fake_rasa.url, gateway_db, mount_console=False)
        loop = asyncio.get_running_loop()
        try:
            await asyncio.to_thread(examples, lambda make: asyncio.run_coroutine_threadsafe(make(client), loop).result(30))
            await still_talks(client, sender_after)
        finally:
            await client.close()

    return go()


async def answered_json(response):
    assert response.status < 500, (response.status, await response.text())
    assert response.content_type == "application/json", (response.status, await response.text())
    return await response.json()


async def still_talks(client, sender):
    response = await client.post("/api/messages", json={"sender": sender, "text": "你好"})
    body = await answered_json(response)
    assert response.status == 200 and body["messages"][0]["text"] == "收到：你好"


CONTENT_TYPES = st.sampled_from(["application/json", "text/plain", "", "application/x-www-form-urlencoded",
                                 "multipart/form-data; boundary=x"])


async def test_post_messages_never_500_nor_non_json(fake_rasa, gateway_db, monkeypatch):
    def examples(call):
        @FAST
        @given(body=bodies, content_type=CONTENT_TYPES)
        def example(body, content_type):
            async def one(client):
                headers = {"Content-Type": content_type} if content_type else {}
                response = await client.post("/api/messages", data=body.encode("utf-8", "surrogatepass"), headers=headers)
                answer = await answered_json(response)
                if response.status == 200:
                    assert "messages" in answer and answer["mode"] in ("bot", "advisor")
                else:
                    assert answer["error"] and " / " in answer["message"]
            call(one)

        example()

    await in_gateway(fake_rasa, gateway_db, monkeypatch, examples)


async def test_a_conversation_fuzzed_first_still_answers(fake_rasa, gateway_db, monkeypatch):
    """Odd texts on the same conversation (then a normal message) never lose it."""
    def examples(call):
        @settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
        @given(text=st.text(max_size=400) | st.text(alphabet=st.characters(codec="utf-8"), min_size=4000, max_size=5000))
        def example(text):
            async def one(client):
                response = await client.post("/api/messages", json={"sender": "fuzz-same", "text": text})
                answer = await answered_json(response)
                assert response.status == 200, answer
            call(one)

        example()

    await in_gateway(fake_rasa, gateway_db, monkeypatch, examples, sender_after="fuzz-same")


async def test_reads_with_odd_senders_and_after_never_500(fake_rasa, gateway_db, monkeypatch):
    def examples(call):
        @FAST
        @given(sender=st.text(max_size=150), after=st.text(max_size=20) | st.integers(-5, 10**30).map(str))
        def example(sender, after):
            async def one(client):
                response = await client.get("/api/messages", params={"sender": sender, "after": after})
                await answered_json(response)
                # a file by any id, for any sender: a JSON refusal (no file was sent in these conversations)
                response = await client.get(f"/api/files/{quote(after, safe='') or 0}", params={"sender": sender})
                body = await answered_json(response)
                assert response.status in (400, 404), body
                if not sender or len(sender) > 100 or not all(c.isascii() and (c.isalnum() or c in "_.:@-") for c in sender):
                    # an invalid sender never opens a stream: the event route answers at once
                    response = await client.get("/api/events", params={"sender": sender})
                    assert response.status == 400 and (await response.json())["error"].startswith("sender_")
            call(one)

        example()

    await in_gateway(fake_rasa, gateway_db, monkeypatch, examples)


async def test_uploads_with_odd_forms_never_500(fake_rasa, gateway_db, monkeypatch, tmp_path):
    monkeypatch.setenv("CLAIMS_UPLOADS_DIR", str(tmp_path / "uploads"))

    def examples(call):
        @settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
        @given(sender=st.text(max_size=40) | st.just("fuzz-up"), name=st.text(max_size=60), caption=st.text(max_size=60),
               data=st.binary(max_size=2000), raw=st.binary(max_size=300), malformed=st.booleans())
        def example(sender, name, caption, data, raw, malformed):
            async def one(client):
                if malformed:
                    response = await client.post("/api/upload", data=raw,
                                                 headers={"Content-Type": "multipart/form-data; boundary=zz"})
                else:
                    form = FormData()
                    form.add_field("sender", sender)
                    form.add_field("caption", caption)
                    form.add_field("file", io.BytesIO(data), filename=name or "x", content_type="image/jpeg")
                    response = await client.post("/api/upload", data=form)
                await answered_json(response)
            call(one)

        example()

    await in_gateway(fake_rasa, gateway_db, monkeypatch, examples)


# --- entity extraction ---


@settings(max_examples=300, deadline=None)
@given(text=st.text(max_size=200))
def test_entity_extraction_never_raises_on_random_unicode(text):
    for found in extract_entities(text):
        assert found["entity"] and "value" in found
        if found["entity"] == "amount":
            amount = Decimal(str(found["value"]))
            assert amount >= 0


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet="0123456789零一二三四五六七八九十百千万亿两元块角分.,，点多几-+约 ¥￥", max_size=40))
def test_amount_parsing_gives_a_decimal_at_least_zero_or_nothing(text):
    found = parse_amount(text)
    if found is not None:
        value, approximate = found
        assert isinstance(value, Decimal) and value >= 0 and isinstance(approximate, bool)


@settings(max_examples=300, deadline=None)
@given(text=st.text(max_size=60) | st.text(alphabet="0123456789年月日号前昨今明天上下周星期一二三四五六日末去号/-.", max_size=30))
def test_date_parsing_never_raises(text):
    found = parse_date(text, date(2026, 11, 24))
    assert found is None or isinstance(found, date)


def test_a_huge_run_of_digits_is_not_an_amount_and_breaks_nothing():
    """Found by the fuzzer: 27 digits overflowed Decimal's precision in quantize (InvalidOperation)."""
    assert parse_amount("100000000000000000000000000") is None
    found = extract_entities("花了100000000000000000000000000000元，另外3000元")
    assert [e["value"] for e in found if e["entity"] == "amount"] == ["3000.00"]
