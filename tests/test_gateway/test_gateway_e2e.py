"""The real stack: messages through the gateway reach the real Rasa and action server."""
import asyncio
import functools

import requests
from aiohttp.test_utils import TestClient, TestServer

from bot.gateway import create_app
from bot.settings import load_settings
from bot.store import handoffs
from bot.store.db import reset_engines, session_scope
from bot.store.transcripts import messages_of


def test_a_greeting_through_the_gateway_gets_the_menu_and_is_kept(stack, sender):
    reply = stack.chat(sender, "你好")
    assert reply["mode"] == "bot"
    menu = [button["title"] for message in reply["messages"] for button in message["buttons"]]
    assert any("报案" in title for title in menu), reply
    assert all(message["id"] for message in reply["messages"])

    with session_scope(stack.database_url) as session:
        transcript = [(m.role, m.text) for m in messages_of(session, sender)]
    reset_engines()
    assert transcript[0] == ("user", "你好")
    assert [text for role, text in transcript[1:]] == [m["text"] for m in reply["messages"]]

    health = requests.get(stack.gateway_url + "/health", timeout=5).json()
    assert health == {"gateway": "ok", "rasa": True, "waiting": [0]}


async def test_handoff_advisor_reply_and_return_to_bot_with_the_real_rasa(stack, sender):
    """The whole loop: the dialogue pauses, the gateway keeps messages from Rasa, the advisor hands back,
    and the bot answers the next message again (rules match after the resumed conversation)."""
    chat = functools.partial(asyncio.to_thread, stack.chat, sender)
    handed_off = await chat("/request_human")
    assert handed_off["mode"] == "advisor" and handed_off["messages"]  # known right after the hand-off
    assert (await chat("请尽快回复我"))["mode"] == "advisor"
    with session_scope(stack.database_url) as session:
        handoff = handoffs.conversation_handoff(session, sender)
        handoffs.finish(session, handoff, "returned")
    reset_engines()

    # An in-process gateway on the stack's Rasa and database, as the console would use it.
    app = create_app(load_settings(), rasa_url=stack.url, rasa_token=stack.rasa_token,
                     database_url=stack.database_url, mount_console=False)
    async with TestClient(TestServer(app, host="127.0.0.1")) as client:
        gateway = client.app["gateway"]
        await gateway.deliver(sender, [{"text": "您好，我是顾问小李，已为您处理。"}])
        back = await gateway.return_to_bot(sender)
        assert back and all(message["role"] == "bot" for message in back)
        polled = await (await client.get("/api/messages", params={"sender": sender})).json()
    reset_engines()
    roles = [m["role"] for m in polled["messages"]]
    assert roles[-len(back) - 1:] == ["advisor"] + ["bot"] * len(back)
    assert "请尽快回复我" in [m["text"] for m in polled["messages"] if m["role"] == "user"]

    again = await chat("你好")
    assert again["mode"] == "bot"
    assert any("报案" in b["title"] for m in again["messages"] for b in m["buttons"]), again
