"""The terminal chat talks to the gateway and shows an advisor's reply pushed later."""
import asyncio

import pytest

from bot import terminal_chat
from bot.channels.files import FileProblem

from .test_chat_api import hand_over


async def test_terminal_shows_replies_once_and_an_advisor_reply_pushed_later(client, gateway_db, capsys):
    conversation = terminal_chat.Conversation(str(client.make_url("")).rstrip("/"), "terminal-abc")
    await asyncio.to_thread(conversation.catch_up)
    await asyncio.to_thread(conversation.turn, "你好")
    assert "助手 > 收到：你好" in capsys.readouterr().out
    assert conversation.choose("1") == "/report_claim"
    assert await asyncio.to_thread(conversation.poll) == []  # replies already shown are not printed again

    hand_over(gateway_db, "terminal-abc")
    await asyncio.to_thread(conversation.turn, "转人工")
    assert "已转给人工顾问" in capsys.readouterr().out and conversation.mode == "advisor"
    await client.app["gateway"].deliver("terminal-abc", [{"text": "您好，我是顾问小李。"}])
    [pushed] = await asyncio.to_thread(conversation.poll)
    assert pushed["role"] == "advisor"
    assert "顾问 > 您好，我是顾问小李。" in capsys.readouterr().out


async def test_terminal_continuing_a_conversation_does_not_reprint_it(client, capsys):
    url = str(client.make_url("")).rstrip("/")
    await asyncio.to_thread(terminal_chat.Conversation(url, "terminal-old").turn, "你好")
    capsys.readouterr()
    again = terminal_chat.Conversation(url, "terminal-old")
    await asyncio.to_thread(again.catch_up)
    assert await asyncio.to_thread(again.poll) == [] and capsys.readouterr().out == ""


async def test_terminal_shows_the_gateways_friendly_error(client):
    conversation = terminal_chat.Conversation(str(client.make_url("")).rstrip("/"), "bad sender")
    with pytest.raises(terminal_chat.GatewayError, match="^会话编号只能包含"):
        await asyncio.to_thread(conversation.turn, "你好")


async def test_terminal_sends_a_file_through_the_upload_api(client, fake_rasa, uploads, tmp_path, capsys):
    photo = tmp_path / "发票.jpg"
    photo.write_bytes(b"\xff\xd8\xffjpeg")
    path, caption = terminal_chat.file_command(f"/file '{photo}' 住院 发票")
    assert (path, caption) == (photo, "住院 发票")
    conversation = terminal_chat.Conversation(str(client.make_url("")).rstrip("/"), "terminal-f")
    await asyncio.to_thread(conversation.send_file, path, caption)
    assert "助手 > 收到：/upload_document" in capsys.readouterr().out
    [(sender, text)] = fake_rasa.messages
    assert sender == "terminal-f" and text.startswith("/upload_document")
    transcript = await client.app["gateway"].messages_after("terminal-f")
    assert transcript[0]["text"] == "📎 发票.jpg（说明：住院 发票）"
    with pytest.raises(FileProblem, match="找不到文件"):
        await asyncio.to_thread(conversation.send_file, tmp_path / "missing.jpg")


async def test_terminal_passes_lang_on_and_speaks_the_conversations_language(client, fake_rasa, gateway_db, capsys):
    url = str(client.make_url("")).rstrip("/")
    conversation = terminal_chat.Conversation(url, "terminal-en")
    await asyncio.to_thread(conversation.turn, "/lang en")
    assert fake_rasa.messages[-1] == ("terminal-en", "/lang en") and conversation.language == "en"
    assert "Assistant > 收到：/lang en" in capsys.readouterr().out
    hand_over(gateway_db, "terminal-en")
    await asyncio.to_thread(conversation.turn, "I need a person")
    assert "(Your message went to an advisor" in capsys.readouterr().out
    assert conversation.say("prompt") == "You > "
    with pytest.raises(FileProblem, match="^Write the file's path"):
        terminal_chat.file_command("/file", conversation.language)
    again = terminal_chat.Conversation(url, "terminal-en")  # a continued conversation knows its language
    await asyncio.to_thread(again.catch_up)
    assert again.language == "en"
    bad = terminal_chat.Conversation(url, "bad sender")
    bad.language = "en"
    with pytest.raises(terminal_chat.GatewayError, match="^'sender' may contain only"):
        await asyncio.to_thread(bad.turn, "hello")


def test_terminal_texts_in_traditional():
    assert terminal_chat.say("advisor", "zh-Hant") == "顧問" and terminal_chat.say("advisor") == "顾问"
