"""Fast fault tests of the gateway against a fake Rasa: message ids processed once (also under
concurrency and across two gateway processes' worth of apps), the Rasa timeout's apology with an
advisor offer, and the advisor offer working while Rasa is down."""
import asyncio
import socket
import time
from datetime import timedelta

import pytest
from aiohttp import web
from aiohttp.test_utils import TestServer
from sqlalchemy import func, select

from bot.scale import instance_of
from bot.store import session_scope
from bot import clock
from bot.gateway import records
from bot.store.models import ClientMessage, Conversation, Handoff, TranscriptMessage

from tests.test_gateway.test_chat_api import hand_over

from .conftest import gateway_client


def user_messages(database_url: str, sender: str) -> list:
    with session_scope(database_url) as session:
        return list(session.scalars(select(TranscriptMessage.text).where(
            TranscriptMessage.sender_id == sender, TranscriptMessage.role == "user").order_by(TranscriptMessage.id)))


async def test_a_repeated_message_id_is_processed_once(client, fake_rasa, gateway_db):
    body = {"sender": "idem-1", "text": "你好", "message_id": "m-1"}
    first = await client.post("/api/messages", json=body)
    second = await client.post("/api/messages", json=body)
    assert first.status == second.status == 200
    assert await first.json() == await second.json()  # the same answer, message ids included
    assert fake_rasa.messages == [("idem-1", "你好")]
    assert user_messages(gateway_db, "idem-1") == ["你好"]
    # Another id (or none) is a new message.
    await client.post("/api/messages", json={**body, "message_id": "m-2"})
    await client.post("/api/messages", json={"sender": "idem-1", "text": "你好"})
    assert len(fake_rasa.messages) == 3
    # Ids are per sender.
    await client.post("/api/messages", json={**body, "sender": "idem-2"})
    assert len(fake_rasa.messages) == 4


async def test_identical_requests_at_the_same_moment_reach_rasa_once(client, fake_rasa, gateway_db):
    fake_rasa.delays = {"慢": 0.5}
    body = {"sender": "idem-3", "text": "慢", "message_id": "same"}
    answers = await asyncio.gather(*(client.post("/api/messages", json=body) for _ in range(5)))
    bodies = [await answer.json() for answer in answers]
    assert all(answer.status == 200 for answer in answers) and all(b == bodies[0] for b in bodies)
    assert fake_rasa.messages == [("idem-3", "慢")]
    assert user_messages(gateway_db, "idem-3") == ["慢"]


async def test_two_gateway_processes_share_the_claim(fake_rasa, gateway_db):
    """Two gateway apps (as two processes would be) on one database: the primary key decides."""
    fake_rasa.delays = {"双": 0.5}
    first = await gateway_client(fake_rasa.url, gateway_db, mount_console=False)
    second = await gateway_client(fake_rasa.url, gateway_db, mount_console=False)
    try:
        body = {"sender": "idem-4", "text": "双", "message_id": "twice"}
        answers = await asyncio.gather(first.post("/api/messages", json=body), second.post("/api/messages", json=body))
        bodies = [await answer.json() for answer in answers]
        assert [a.status for a in answers] == [200, 200] and bodies[0] == bodies[1]
        assert fake_rasa.messages == [("idem-4", "双")]
    finally:
        await first.close()
        await second.close()


async def test_a_repeated_upload_is_staged_and_sent_once(client, fake_rasa, gateway_db, uploads, sample_files):
    from aiohttp import FormData

    def form():
        data = FormData()
        data.add_field("sender", "idem-5")
        data.add_field("message_id", "upload-1")
        data.add_field("file", sample_files["sharp.jpg"], filename="invoice.jpg", content_type="image/jpeg")
        return data

    first = await client.post("/api/upload", data=form())
    second = await client.post("/api/upload", data=form())
    assert first.status == second.status == 200 and await first.json() == await second.json()
    assert len(fake_rasa.messages) == 1 and fake_rasa.messages[0][1].startswith("/upload_document")
    assert len(user_messages(gateway_db, "idem-5")) == 1
    staged = {p.stem for p in uploads.rglob("*") if p.is_file()}  # a staged file and its .json
    assert len(staged) == 1


@pytest.mark.parametrize("message_id, code", [("x" * 101, "message_id_too_long"), (12, "message_id_invalid"),
                                              ("  ", "message_id_invalid")])
async def test_message_ids_are_checked(client, message_id, code):
    response = await client.post("/api/messages", json={"sender": "idem-6", "text": "你好", "message_id": message_id})
    assert response.status == 400 and (await response.json())["error"] == code


async def transcript_of(client, sender: str, length: int) -> list:
    """The transcript's texts once it has `length` messages (a late answer is pushed a moment later)."""
    for _ in range(50):
        messages = (await (await client.get("/api/messages", params={"sender": sender})).json())["messages"]
        if len(messages) >= length:
            break
        await asyncio.sleep(0.1)
    return [m["text"] for m in messages]


async def test_slow_rasa_gets_an_apology_with_an_advisor_offer_in_time(fake_rasa, gateway_db, monkeypatch):
    monkeypatch.setenv("RASA_TIMEOUT", "1")
    fake_rasa.delays = {"慢慢来": 5}
    client = await gateway_client(fake_rasa.url, gateway_db, mount_console=False)
    try:
        started = time.monotonic()
        response = await client.post("/api/messages", json={"sender": "slow-1", "text": "慢慢来", "message_id": "s1"})
        assert time.monotonic() - started < 2.5
        body = await response.json()
        assert response.status == 503 and body["error"] == "rasa_unavailable"
        apology, = body["messages"]
        assert apology["buttons"] == [{"title": "找人工顾问", "payload": "/request_human"}]
        # The repeat gets the same apology and is not sent again.
        again = await client.post("/api/messages", json={"sender": "slow-1", "text": "慢慢来", "message_id": "s1"})
        assert again.status == 503 and (await again.json())["messages"] == body["messages"]
        assert fake_rasa.messages == [("slow-1", "慢慢来")]
        # The next message is answered normally.
        assert (await client.post("/api/messages", json={"sender": "slow-1", "text": "好了吗"})).status == 200
        with session_scope(gateway_db) as session:
            row = session.get(ClientMessage, ("slow-1", "s1"))
            assert row.status == "done" and row.response["error"] == "rasa_unavailable"
    finally:
        await client.close()


async def test_a_slow_answer_still_reaches_the_user_after_the_apology(fake_rasa, gateway_db, monkeypatch):
    monkeypatch.setenv("RASA_TIMEOUT", "0.5")
    fake_rasa.delays = {"慢": 1.5}
    client = await gateway_client(fake_rasa.url, gateway_db, mount_console=False)
    try:
        response = await client.post("/api/messages", json={"sender": "slow-2", "text": "慢"})
        apology, = (await response.json())["messages"]
        assert response.status == 503 and "不用重发" in apology["text"]  # not "send it again"
        # The answer comes when Rasa has it, pushed and kept in the transcript.
        assert waiting_since(gateway_db, "slow-2") is not None
        assert await transcript_of(client, "slow-2", 4) == ["慢", apology["text"], "收到：慢", "请选择："]
        assert fake_rasa.messages == [("slow-2", "慢")]  # asked once
        await asyncio.sleep(0.2)
        assert waiting_since(gateway_db, "slow-2") is None  # the answer came: nothing to recover
        assert (await (await client.get("/health")).json())["waiting"] == [0]  # its place is free again
    finally:
        await client.close()


@pytest.mark.parametrize("fault", ["silent", "failing"])
async def test_a_late_answer_that_never_comes_is_followed_by_a_request_to_send_again(
        fake_rasa, gateway_db, monkeypatch, fault):
    """Told "no need to send it again", the user must not wait for nothing when the action failed or
    timed out in Rasa (an empty answer) or Rasa failed (an error)."""
    monkeypatch.setenv("RASA_TIMEOUT", "0.5")
    fake_rasa.delays = {"慢": 1.5}
    getattr(fake_rasa, fault).add("慢")
    client = await gateway_client(fake_rasa.url, gateway_db, mount_console=False)
    try:
        response = await client.post("/api/messages", json={"sender": f"late-{fault}", "text": "慢"})
        apology, = (await response.json())["messages"]
        assert response.status == 503 and "不用重发" in apology["text"]
        transcript = await transcript_of(client, f"late-{fault}", 3)
        assert transcript[:2] == ["慢", apology["text"]] and len(transcript) == 3
        assert "没能处理完成" in transcript[2] and "再发一次" in transcript[2]
        # The message is sent again and answered.
        fake_rasa.delays, fake_rasa.silent, fake_rasa.failing = {}, set(), set()
        again = await client.post("/api/messages", json={"sender": f"late-{fault}", "text": "慢"})
        assert again.status == 200 and (await again.json())["messages"][0]["text"] == "收到：慢"
    finally:
        await client.close()


async def test_a_late_failure_says_nothing_once_an_advisor_holds_the_conversation(fake_rasa, gateway_db, monkeypatch):
    monkeypatch.setenv("RASA_TIMEOUT", "0.5")
    fake_rasa.delays, fake_rasa.silent = {"慢": 1.5}, {"慢"}
    client = await gateway_client(fake_rasa.url, gateway_db, mount_console=False)
    try:
        await client.post("/api/messages", json={"sender": "late-adv", "text": "慢"})
        hand_over(gateway_db, "late-adv")
        # The empty late answer comes after 1.5 s; the transcript is watched for 5 s.
        assert len(await transcript_of(client, "late-adv", 3)) == 2  # the message and the first apology only
    finally:
        await client.close()


def waiting_since(database_url: str, sender: str):
    with session_scope(database_url) as session:
        return session.get(Conversation, sender).awaiting_since


def left_by_a_dead_gateway(database_url: str, sender: str, text: str, message_id: str, waited_s: float = 0) -> None:
    """What a gateway killed while `text` was with Rasa leaves: the message stored, its id claimed."""
    with session_scope(database_url) as session:
        records.claim_message(session, sender, message_id, text, "web", None, text)
        session.get(Conversation, sender).awaiting_since = clock.now() - timedelta(seconds=waited_s)


async def test_answers_lost_with_a_dead_gateway_are_asked_for_again_at_the_next_start(
        fake_rasa, gateway_db, monkeypatch):
    """One gateway died while Rasa was slow: a late answer it waited for and a message it had in
    flight die with it. The next gateway asks those users to send again (not one answered normally,
    one an advisor holds, or one waiting for hours), and a repeated message id gets that request."""
    monkeypatch.setenv("RASA_TIMEOUT", "0.5")
    fake_rasa.delays = {"慢": 30}
    dead = await gateway_client(fake_rasa.url, gateway_db, mount_console=False)
    try:
        assert (await dead.post("/api/messages", json={"sender": "answered", "text": "你好"})).status == 200
        late = await dead.post("/api/messages", json={"sender": "late", "text": "慢"})
        assert late.status == 503 and "不用重发" in texts_of(await late.json())
        left_by_a_dead_gateway(gateway_db, "in-flight", "慢", "m-1")
        left_by_a_dead_gateway(gateway_db, "held", "慢", "m-2")
        hand_over(gateway_db, "held")
        left_by_a_dead_gateway(gateway_db, "long-ago", "慢", "m-3", waited_s=2 * 3600)
        assert waiting_since(gateway_db, "answered") is None and waiting_since(gateway_db, "late") is not None

        restarted = await gateway_client(fake_rasa.url, gateway_db, mount_console=False)
        try:
            assert await restarted.app["gateway"].recover_interrupted_turns() == 2
            for sender in ("late", "in-flight"):
                last = (await transcript_of(restarted, sender, 2))[-1]
                assert "没能处理完成" in last and "再发一次" in last, (sender, last)
            for sender in ("answered", "held", "long-ago"):
                assert "没能处理完成" not in "".join(await transcript_of(restarted, sender, 1)), sender
            for sender in ("answered", "late", "in-flight", "held", "long-ago"):
                assert waiting_since(gateway_db, sender) is None, sender
            repeated = await restarted.post("/api/messages", json={"sender": "in-flight", "text": "慢", "message_id": "m-1"})
            assert repeated.status == 503 and "没能处理完成" in texts_of(await repeated.json())
            assert await restarted.app["gateway"].recover_interrupted_turns() == 0  # asked once
            fake_rasa.delays = {}
            again = await restarted.post("/api/messages", json={"sender": "late", "text": "慢"})
            assert again.status == 200 and waiting_since(gateway_db, "late") is None
        finally:
            await restarted.close()
    finally:
        await dead.close()


def texts_of(body: dict) -> str:
    return "\n".join(m["text"] for m in body["messages"])


async def test_the_advisor_offer_works_while_rasa_is_down(gateway_db):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    client = await gateway_client(f"http://127.0.0.1:{port}", gateway_db, mount_console=False)
    try:
        response = await client.post("/api/messages", json={"sender": "down-1", "text": "我要报案"})
        payload = (await response.json())["messages"][0]["buttons"][0]["payload"]
        response = await client.post("/api/messages", json={"sender": "down-1", "text": payload})
        body = await response.json()
        assert response.status == 200 and body["mode"] == "advisor" and "人工顾问" in body["messages"][0]["text"]
        with session_scope(gateway_db) as session:
            handoff = session.scalars(select(Handoff).where(Handoff.sender_id == "down-1")).one()
            assert handoff.status == "queued" and handoff.reason == "request_human"
        # Later messages go to the advisors (no Rasa needed).
        response = await client.post("/api/messages", json={"sender": "down-1", "text": "在吗"})
        assert response.status == 200 and (await response.json()) == {"messages": [], "mode": "advisor", "language": "zh-Hans"}
    finally:
        await client.close()


async def test_the_advisor_offer_works_while_only_the_action_server_is_down(client, fake_rasa, gateway_db):
    """Rasa answers nothing when an action fails; no action server answers on ACTION_SERVER_URL here."""
    fake_rasa.silent = {"我要报案", "/request_human"}
    apology = await client.post("/api/messages", json={"sender": "acts-down", "text": "我要报案"})
    assert apology.status == 503
    body = await (await client.post("/api/messages", json={"sender": "acts-down", "text": "/request_human"})).json()
    assert body["mode"] == "advisor" and "人工顾问" in body["messages"][0]["text"]
    with session_scope(gateway_db) as session:
        handoff = session.scalars(select(Handoff).where(Handoff.sender_id == "acts-down")).one()
        assert handoff.context["title"].startswith("助手暂时不可用") and handoff.context["sections"]


async def test_after_a_fail_over_silence_is_checked_with_the_answering_instances_action_server(
        fake_rasa, gateway_db, monkeypatch):
    """Rasa instance 0 is down, so instance 1 answers, with nothing (its action server is down):
    the gateway asks instance 1's action server, not the healthy one paired with instance 0."""
    async def health(request):
        return web.json_response({"status": "ok"})

    healthy_actions = web.Application()
    healthy_actions.router.add_get("/health", health)
    actions = TestServer(healthy_actions, host="127.0.0.1")
    await actions.start_server()
    down_rasa, down_actions = free_port(), free_port()
    monkeypatch.setenv("ACTION_SERVER_URLS", f"{str(actions.make_url('/webhook'))},http://127.0.0.1:{down_actions}/webhook")
    monkeypatch.setenv("RASA_URLS", f"http://127.0.0.1:{down_rasa},{fake_rasa.url}")
    fake_rasa.silent = {"11月3号"}
    client = await gateway_client(f"http://127.0.0.1:{down_rasa},{fake_rasa.url}", gateway_db, mount_console=False)
    try:
        sender = next(f"fo{i}" for i in range(1000) if instance_of(f"fo{i}", 2) == 0)
        response = await client.post("/api/messages", json={"sender": sender, "text": "11月3号"})
        assert response.status == 503 and fake_rasa.messages == [(sender, "11月3号")]
        assert "找人工顾问" in (await response.json())["messages"][0]["text"]
    finally:
        await client.close()
        await actions.close()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
