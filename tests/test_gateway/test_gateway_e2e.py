"""The real stack: a message through the gateway reaches the real Rasa and action server."""
import requests

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
    assert health == {"gateway": "ok", "rasa": True}
