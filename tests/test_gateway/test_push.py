"""Messages pushed later: deliver, server-sent events with replay, polling, return to bot, other channels."""
import asyncio

from aiohttp import web

from bot.gateway import app as gateway_app
from bot.gateway import routes
from bot.settings import load_settings

from .conftest import BACK_TO_BOT_TEXT, RASA_TOKEN, gateway_client, read_events
from .test_chat_api import hand_over


async def open_events(client, sender: str, **headers):
    response = await client.get("/api/events", params={"sender": sender}, headers=headers)
    assert response.status == 200 and response.headers["Content-Type"].startswith("text/event-stream")
    return response


async def test_deliver_reaches_an_open_event_stream_and_the_polling_api(client):
    gateway = client.app["gateway"]
    replies = (await (await client.post("/api/messages", json={"sender": "web-2", "text": "你好"})).json())["messages"]
    events = await open_events(client, "web-2", **{"Last-Event-ID": str(replies[-1]["id"])})  # nothing to replay
    await asyncio.sleep(0.05)
    await gateway.deliver("web-2", [{"text": "您好，我是顾问小李。", "buttons": [{"title": "好的", "payload": "好的"}]}])
    [event] = await read_events(events, 1)
    assert (event["role"], event["text"]) == ("advisor", "您好，我是顾问小李。")
    assert event["buttons"] == [{"title": "好的", "payload": "好的"}]
    events.close()

    polled = await (await client.get("/api/messages", params={"sender": "web-2", "after": str(event["id"] - 1)})).json()
    assert [(m["id"], m["role"], m["text"]) for m in polled["messages"]] == [(event["id"], "advisor", "您好，我是顾问小李。")]


async def test_reconnect_replays_what_was_missed_after_last_event_id(client):
    gateway = client.app["gateway"]
    await client.post("/api/messages", json={"sender": "web-3", "text": "转人工"})
    for text in ("第一条", "第二条"):
        await gateway.deliver("web-3", [{"text": text}])
    await gateway.deliver("web-3", [{"text": "顾问已结束会话"}], role="system")

    everything = await open_events(client, "web-3")  # no Last-Event-ID: every message not written by the user
    replayed = await read_events(everything, 5)
    assert [m["text"] for m in replayed] == ["收到：转人工", "请选择：", "第一条", "第二条", "顾问已结束会话"]
    everything.close()

    first_advisor_id = replayed[2]["id"]
    resumed = await open_events(client, "web-3", **{"Last-Event-ID": str(first_advisor_id)})
    assert [m["text"] for m in await read_events(resumed, 2)] == ["第二条", "顾问已结束会话"]
    resumed.close()
    by_query = await client.get("/api/events", params={"sender": "web-3", "after": str(replayed[3]["id"])})
    assert [(m["role"], m["text"]) for m in await read_events(by_query, 1)] == [("system", "顾问已结束会话")]
    by_query.close()


async def test_event_stream_sends_keep_alive_comments(client):
    events = await open_events(client, "quiet")  # keep-alive every 0.3 s in tests
    lines = []
    while b": keep-alive\n" not in lines:
        lines.append(await asyncio.wait_for(events.content.readline(), 3))
    events.close()


async def test_return_to_bot_resumes_rasa_and_delivers_the_bot_message(client, fake_rasa, gateway_db):
    hand_over(gateway_db, "u-9")
    await client.post("/api/messages", json={"sender": "u-9", "text": "我等人工"})
    events = await open_events(client, "u-9")
    await asyncio.sleep(0.05)

    returned = await client.app["gateway"].return_to_bot("u-9")
    assert [(m["role"], m["text"]) for m in returned] == [("bot", BACK_TO_BOT_TEXT)]
    assert fake_rasa.executed == [("u-9", "action_back_to_bot", RASA_TOKEN), ("u-9", "action_listen", RASA_TOKEN)]
    [pushed] = await read_events(events, 1)
    assert pushed == returned[0]
    events.close()
    assert fake_rasa.messages == []  # the user's message during the hand-off never reached Rasa


async def test_a_registered_channel_gets_its_conversations_pushes(client):
    gateway, sent = client.app["gateway"], []

    async def telegram_send(conversation, messages):
        sent.append((conversation.sender_id, conversation.channel_ref, [m["text"] for m in messages]))

    gateway.register_channel("telegram", telegram_send)
    assert await gateway.handle_user_message("tg-42", "你好", channel="telegram", channel_ref="42")
    await gateway.deliver("tg-42", [{"text": "顾问回复"}], role="advisor")
    assert sent == [("tg-42", "42", ["顾问回复"])]


async def test_a_failing_channel_keeps_the_message_in_the_transcript(client):
    gateway = client.app["gateway"]

    async def broken_send(conversation, messages):
        raise ConnectionError("Telegram unreachable")

    gateway.register_channel("telegram", broken_send)
    await gateway.handle_user_message("tg-43", "你好", channel="telegram", channel_ref="43")
    await gateway.deliver("tg-43", [{"text": "顾问回复"}])
    assert (await gateway.messages_after("tg-43"))[-1]["text"] == "顾问回复"


async def test_console_is_mounted_and_reaches_the_gateway(fake_rasa, gateway_db, monkeypatch):
    monkeypatch.setattr(gateway_app, "CONSOLE_MODULE", "tests.test_gateway.fake_console")
    client = await gateway_client(fake_rasa.url, gateway_db)
    try:
        response = await client.get("/advisor/ping")
        assert await response.json() == {"gateway": True}
    finally:
        await client.close()


async def test_the_real_console_is_served_under_advisor(fake_rasa, gateway_db):
    client = await gateway_client(fake_rasa.url, gateway_db)  # a Host header with a port (yarl is pinned below 1.13 for aiohttp 3.9)
    try:
        assert (await client.get("/advisor/login")).status == 200
    finally:
        await client.close()


def test_console_is_left_out_until_it_exists(monkeypatch):
    monkeypatch.setattr(gateway_app, "CONSOLE_MODULE", "tests.test_gateway.no_such_console")
    app = gateway_app.create_app(load_settings())
    assert not any(isinstance(resource, web.PrefixedSubAppResource) for resource in app.router.resources())


async def test_replay_pages_through_a_long_absence(client, monkeypatch):
    monkeypatch.setattr(routes, "REPLAY_PAGE", 2)
    gateway = client.app["gateway"]
    await gateway.deliver("web-4", [{"text": f"第{n}条"} for n in range(1, 6)])
    events = await open_events(client, "web-4")
    assert [m["text"] for m in await read_events(events, 5)] == [f"第{n}条" for n in range(1, 6)]
    events.close()


async def test_delivering_nothing_does_nothing(client):
    gateway = client.app["gateway"]
    await gateway.deliver("nobody-yet", [])
    assert await gateway.messages_after("nobody-yet") == []
