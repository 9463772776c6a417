"""The gateway's chat API against a fake Rasa: routing, transcript, ordering, advisor mode, errors."""
import asyncio
import socket
import time
from datetime import timedelta

import pytest
from aiohttp import web
from aiohttp.test_utils import TestServer

from bot import clock
from bot.store import session_scope
from bot.store.models import Conversation, Handoff
from bot.store.transcripts import ensure_conversation

from .conftest import gateway_client


def hand_over(database_url: str, sender: str, kind: str = "handoff", status: str = "queued") -> None:
    """An open hand-off holding the conversation, as the dialogue's hand-off action would record it."""
    with session_scope(database_url) as session:
        ensure_conversation(session, sender)
        session.add(Handoff(sender_id=sender, kind=kind, reason="request_human", status=status,
                            due_at=clock.now() + timedelta(minutes=6)))


async def test_bot_mode_forwards_to_rasa_and_keeps_the_transcript(client, fake_rasa, gateway_db):
    response = await client.post("/api/messages", json={"sender": "web-1", "text": "你好"})
    assert response.status == 200
    body = await response.json()
    assert body["mode"] == "bot"
    first, second = body["messages"]
    assert (first["text"], first["buttons"], first["role"]) == ("收到：你好", [], "bot")
    assert second["buttons"] == [{"title": "报案", "payload": "/report_claim"}]
    assert second["image"] == "https://x/1.png"  # kept for channels that can show it
    assert fake_rasa.messages == [("web-1", "你好")]

    transcript = await (await client.get("/api/messages", params={"sender": "web-1"})).json()
    assert [(m["role"], m["text"]) for m in transcript["messages"]] == [
        ("user", "你好"), ("bot", "收到：你好"), ("bot", "请选择：")]
    assert [m["id"] for m in transcript["messages"][1:]] == [first["id"], second["id"]]
    assert transcript["mode"] == "bot"
    with session_scope(gateway_db) as session:
        assert session.get(Conversation, "web-1").channel == "api"
    after = await (await client.get("/api/messages", params={"sender": "web-1", "after": str(first["id"])})).json()
    assert [m["text"] for m in after["messages"]] == ["请选择："]


async def test_messages_of_one_sender_reach_rasa_one_at_a_time_in_order(client, fake_rasa):
    fake_rasa.delays = {"一": 0.3, "二": 0.1}  # without the queue, later messages would overtake
    posts = []
    for text in ("一", "二", "三"):
        posts.append(asyncio.create_task(client.post("/api/messages", json={"sender": "s", "text": text})))
        await asyncio.sleep(0.05)  # arrive at the gateway in this order
    other = await client.post("/api/messages", json={"sender": "other", "text": "你好"})
    assert other.status == 200 and len(fake_rasa.messages) == 2  # another sender is not held up
    await asyncio.gather(*posts)

    assert [text for sender, text in fake_rasa.messages if sender == "s"] == ["一", "二", "三"]
    transcript = await (await client.get("/api/messages", params={"sender": "s"})).json()
    assert [m["text"] for m in transcript["messages"] if m["role"] == "user"] == ["一", "二", "三"]
    assert [m["text"] for m in transcript["messages"]][:3] == ["一", "收到：一", "请选择："]
    assert len(client.app["gateway"].locks) == 0  # idle locks are dropped


async def test_advisor_mode_keeps_messages_from_rasa(client, fake_rasa, gateway_db):
    hand_over(gateway_db, "u-7")
    response = await client.post("/api/messages", json={"sender": "u-7", "text": "我要投诉"})
    assert await response.json() == {"messages": [], "mode": "advisor", "language": "zh-Hans"}
    assert fake_rasa.messages == []
    transcript = await (await client.get("/api/messages", params={"sender": "u-7"})).json()
    assert [(m["role"], m["text"]) for m in transcript["messages"]] == [("user", "我要投诉")]
    assert transcript["mode"] == "advisor"


async def test_a_call_back_chosen_while_waiting_for_an_advisor_goes_to_the_bot(client, fake_rasa, gateway_db):
    """Outside advisor hours the hand-off message offers a call-back button; the bot answers it."""
    hand_over(gateway_db, "u-8")
    body = await (await client.post("/api/messages", json={"sender": "u-8", "text": "/request_callback"})).json()
    assert fake_rasa.messages == []  # not through the REST channel: the conversation is paused
    assert [action for _, action, _ in fake_rasa.executed] == ["action_request_callback", "action_listen"]
    assert body["mode"] == "advisor"  # the fake bot did not close the hand-off; the real action does


async def test_the_reply_that_hands_off_already_says_advisor(client, fake_rasa, gateway_db):
    fake_rasa.on_message = lambda sender, text: hand_over(gateway_db, sender)
    body = await (await client.post("/api/messages", json={"sender": "u-5", "text": "/request_human"})).json()
    assert body["mode"] == "advisor" and body["messages"]  # the bot's hand-off message is still delivered


@pytest.mark.parametrize("kind, status, mode", [
    ("dispute", "active", "advisor"), ("handoff", "returned", "bot"), ("callback", "queued", "bot"),
])
async def test_only_open_handoffs_and_disputes_hold_the_conversation(client, gateway_db, kind, status, mode):
    hand_over(gateway_db, "u-8", kind=kind, status=status)
    response = await client.post("/api/messages", json={"sender": "u-8", "text": "在吗"})
    assert (await response.json())["mode"] == mode


async def test_rasa_down_answers_503_and_keeps_the_message(gateway_db):
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    client = await gateway_client(f"http://127.0.0.1:{port}", gateway_db, mount_console=False)
    try:
        response = await client.post("/api/messages", json={"sender": "u-1", "text": "我要报案"})
        assert response.status == 503
        body = await response.json()
        assert body["error"] == "rasa_unavailable" and "消息已保存" in body["message"]
        # The gateway's apology with an advisor offer, kept in the transcript after the user's message.
        apology, = body["messages"]
        assert "找人工顾问" in apology["text"] and apology["buttons"] == [{"title": "找人工顾问", "payload": "/request_human"}]
        transcript = await (await client.get("/api/messages", params={"sender": "u-1"})).json()
        assert [(m["role"], m["text"]) for m in transcript["messages"]] == [("user", "我要报案"), ("bot", apology["text"])]
        assert await (await client.get("/health")).json() == {"gateway": "ok", "rasa": False, "waiting": [0]}
    finally:
        await client.close()


async def test_the_client_may_name_its_channel(client, gateway_db):
    await client.post("/api/messages", json={"sender": "term-1", "text": "你好", "channel": "terminal"})
    with session_scope(gateway_db) as session:
        assert session.get(Conversation, "term-1").channel == "terminal"


async def test_health_answers_at_once_while_rasa_hangs(gateway_db):
    """A readiness probe must not take the gateway out of service because Rasa hangs: the gateway is
    what apologises then."""
    async def hang(request):
        await asyncio.sleep(30)
        return web.Response(text="late")

    app = web.Application()
    app.router.add_get("/", hang)
    hung = TestServer(app, host="127.0.0.1")
    await hung.start_server()
    client = await gateway_client(str(hung.make_url("")).rstrip("/"), gateway_db, mount_console=False)
    try:
        started = time.monotonic()
        response = await client.get("/health")
        assert response.status == 200 and (await response.json())["rasa"] is False
        assert time.monotonic() - started < 1.5
    finally:
        await client.close()
        await hung.close()


async def test_health_and_index(client):
    assert await (await client.get("/health")).json() == {"gateway": "ok", "rasa": True, "waiting": [0]}
    index = await (await client.get("/api")).json()
    assert index["chat_api"]["send"] == "POST /api/messages" and index["web_chat"] == "/"


@pytest.mark.parametrize("body, status, code", [
    ("not json", 400, "body_invalid"),
    (["a list"], 400, "body_invalid"),
    ({"text": "你好"}, 400, "sender_missing"),
    ({"sender": "  ", "text": "你好"}, 400, "sender_missing"),
    ({"sender": 42, "text": "你好"}, 400, "sender_missing"),
    ({"sender": "x" * 101, "text": "你好"}, 400, "sender_too_long"),
    ({"sender": "a b/c", "text": "你好"}, 400, "sender_invalid"),
    ({"sender": "用户", "text": "你好"}, 400, "sender_invalid"),
    ({"sender": "tg-5550001", "text": "你好"}, 400, "sender_reserved"),  # Telegram chat ids are not secret
    ({"sender": "TG-5550001", "text": "你好"}, 400, "sender_reserved"),
    ({"sender": "u"}, 400, "text_invalid"),
    ({"sender": "u", "text": 5}, 400, "text_invalid"),
    ({"sender": "u", "text": "长" * 5001}, 413, "text_too_long"),
    ({"sender": "u", "text": "你好", "channel": "telegram"}, 400, "channel_invalid"),
])
async def test_bad_input_gets_a_clear_json_error(client, fake_rasa, body, status, code):
    if isinstance(body, str):
        response = await client.post("/api/messages", data=body, headers={"Content-Type": "application/json"})
    else:
        response = await client.post("/api/messages", json=body)
    assert response.status == status
    error = await response.json()
    assert error["error"] == code
    assert " / " in error["message"]  # Chinese for people, then English for developers
    assert fake_rasa.messages == []


async def test_longest_allowed_text_passes_and_an_empty_one_is_answered_here(client, fake_rasa):
    assert (await client.post("/api/messages", json={"sender": "u", "text": "长" * 5000})).status == 200
    for text in ("", "  \n "):
        body = await (await client.post("/api/messages", json={"sender": "u", "text": text})).json()
        assert body["mode"] == "bot" and "还没有输入内容" in body["messages"][0]["text"]
    assert [len(text) for _, text in fake_rasa.messages] == [5000]  # Rasa's fallbacks never see them


@pytest.mark.parametrize("query, code", [({}, "sender_missing"), ({"sender": "u", "after": "abc"}, "after_invalid"),
                                         ({"sender": "u", "after": "²"}, "after_invalid")])
async def test_polling_validates_its_query(client, query, code):
    response = await client.get("/api/messages", params=query)
    assert response.status == 400 and (await response.json())["error"] == code


async def test_ids_past_the_databases_range_are_nothing_newer_and_no_file(client):
    """Found by fuzzing: 2**63 went to SQLite as a number it cannot hold (a 500)."""
    await client.post("/api/messages", json={"sender": "u", "text": "你好"})
    for huge in (str(2**63), "9" * 40):
        polled = await client.get("/api/messages", params={"sender": "u", "after": huge})
        assert polled.status == 200 and (await polled.json())["messages"] == []
        assert (await client.get(f"/api/files/{huge}", params={"sender": "u"})).status == 404
        events = await client.get("/api/events", params={"sender": "u"}, headers={"Last-Event-ID": huge})
        assert events.status == 200
        events.close()


async def test_an_unexpected_failure_is_a_json_500(fake_rasa, tmp_path, caplog):
    client = await gateway_client(fake_rasa.url, f"sqlite:///{tmp_path / 'not-migrated.db'}", mount_console=False)
    try:
        response = await client.post("/api/messages", json={"sender": "u", "text": "你好"})
        assert response.status == 500 and (await response.json())["error"] == "internal_error"
        assert (await client.get("/no/such/page")).status == 404
    finally:
        await client.close()
