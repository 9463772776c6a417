"""The gateway keeps each conversation's language and says its own texts in it (issue 8)."""
from __future__ import annotations

import socket

import pytest

from bot.store import session_scope
from bot.store.models import Conversation

from .conftest import gateway_client


def stored(url, sender):
    with session_scope(url) as session:
        c = session.get(Conversation, sender)
        return c.language, c.language_script, c.language_fixed


@pytest.fixture
async def down_client(gateway_db):
    with socket.socket() as probe:  # a port nobody listens on: Rasa is down
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    client = await gateway_client(f"http://127.0.0.1:{port}", gateway_db, mount_console=False)
    yield client
    await client.close()


async def post(client, sender, text, **extra):
    response = await client.post("/api/messages", json={"sender": sender, "text": text, **extra})
    return response.status, await response.json()


async def test_each_message_updates_the_language_the_api_returns(client, fake_rasa, gateway_db):
    assert (await (await client.get("/api/messages", params={"sender": "u"})).json())["language"] is None
    status, body = await post(client, "u", "/greet")
    assert status == 200 and body["language"] is None  # nothing shown yet: the page picks its own
    assert (await post(client, "u", "I want to file a claim"))[1]["language"] == "en"
    assert (await post(client, "u", "/affirm"))[1]["language"] == "en"  # a button keeps it
    assert (await post(client, "u", "我要報案"))[1]["language"] == "zh-Hant"
    assert stored(gateway_db, "u") == ("zh-Hant", "zh-Hant", None)
    assert (await (await client.get("/api/messages", params={"sender": "u"})).json())["language"] == "zh-Hant"
    assert (await post(client, "u", "/lang en"))[1]["language"] == "en"
    assert stored(gateway_db, "u") == ("en", "zh-Hant", "en")
    assert (await post(client, "u", "查理赔进度"))[1]["language"] == "en"  # fixed until changed
    assert [text for _, text in fake_rasa.messages][-2:] == ["/lang en", "查理赔进度"]  # Rasa gets them as sent


async def test_a_language_recorded_by_the_dialogue_comes_back_with_the_turn(client, fake_rasa, gateway_db):
    def rasa_sets_english(sender, text):  # what action_set_language does in the action server
        if text == "please reply in English":
            from bot.store.conversations import set_conversation_language
            with session_scope(gateway_db) as session:
                set_conversation_language(session, sender, "en", "en")

    fake_rasa.on_message = rasa_sets_english
    assert (await post(client, "u", "请用英文回复"))[1]["language"] == "zh-Hans"
    assert (await post(client, "u", "please reply in English"))[1]["language"] == "en"
    assert stored(gateway_db, "u")[2] == "en"


async def test_the_empty_message_answer_follows_the_language(client, fake_rasa):
    await post(client, "e", "What is the status of my claim?")
    body = (await post(client, "e", "  "))[1]
    assert body["messages"][0]["text"].startswith("It looks like your message was empty") and body["language"] == "en"
    await post(client, "t", "我的理賠到哪一步了")
    assert "還沒有輸入內容" in (await post(client, "t", ""))[1]["messages"][0]["text"]
    assert "还没有输入内容" in (await post(client, "s", ""))[1]["messages"][0]["text"]  # the default


@pytest.mark.parametrize("text, apology, button, handed_off", [
    ("I want to report a claim", "Sorry, the system is busy", "Talk to an advisor", "passed you to an advisor"),
    ("我想報案，請問要準備什麼", "系統這會兒有點忙", "找人工顧問", "已為您轉接人工顧問"),
    ("我想报案", "系统这会儿有点忙", "找人工顾问", "已为您转接人工顾问"),
])
async def test_the_apology_and_the_handoff_while_down_are_in_the_users_language(
        down_client, text, apology, button, handed_off):
    status, body = await post(down_client, "d", text)
    assert status == 503 and apology in body["messages"][0]["text"]
    assert body["messages"][0]["buttons"] == [{"title": button, "payload": "/request_human"}]
    status, body = await post(down_client, "d", "/request_human")
    assert status == 200 and body["mode"] == "advisor" and handed_off in body["messages"][0]["text"]


async def test_a_repeated_message_id_gets_the_first_language(client, fake_rasa):
    first = (await post(client, "r", "Hello, I need help with a claim", message_id="m1"))[1]
    again = (await post(client, "r", "Hello, I need help with a claim", message_id="m1"))[1]
    assert first["language"] == again["language"] == "en" and len(fake_rasa.messages) == 1


async def test_what_a_channel_answers_itself_does_not_change_the_language(client, fake_rasa, gateway_db):
    await post(client, "v", "I want to file a claim")
    gateway = client.server.app["gateway"]
    await gateway.answered_by_channel("v", "🎤（语音消息）", [{"text": "Sorry, I cannot listen to voice messages."}], "web")
    assert stored(gateway_db, "v")[0] == "en"
