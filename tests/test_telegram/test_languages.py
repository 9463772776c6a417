"""The Telegram channel in the user's language: /lang, the English command menu, its own texts (issue 8)."""
from __future__ import annotations

from types import SimpleNamespace

import pytest

from bot.channels.telegram import texts, texts_en
from bot.store.conversations import set_conversation_language
from bot.store.db import session_scope
from bot.store.transcripts import ensure_conversation

from .conftest import said

CHAT = 5550002


def client_set_to(update: dict, code: str) -> dict:
    """The update as a Telegram client set to `code` sends it."""
    for kind in ("message", "callback_query"):
        if kind in update:
            update[kind]["from"]["language_code"] = code
    return update


def speaks(scripted, language: str, chat: int = CHAT) -> None:
    with session_scope(scripted.gateway.database_url) as session:
        ensure_conversation(session, f"tg-{chat}", "telegram", str(chat))
        set_conversation_language(session, f"tg-{chat}", language, None)


@pytest.mark.parametrize("typed, sent", [
    ("/lang en", "/lang en"), ("/lang English", "/lang en"), ("/lang zh", "/lang zh"), ("/lang zh-hant", "/lang zh-hant"),
    ("/lang zh-TW", "/lang zh-hant"), ("/lang 繁體", "/lang zh-hant"), ("/lang 简体", "/lang zh"),
])
async def test_lang_with_a_language_goes_to_the_dialogue_as_the_command(scripted, typed, sent):
    await scripted.send(scripted.fake.text(CHAT, typed))
    assert scripted.gateway.received[-1] == (f"tg-{CHAT}", sent, "telegram", str(CHAT))


async def test_lang_alone_offers_the_three_languages_as_buttons(scripted):
    fake = scripted.fake
    for typed in ("/lang", "/lang klingon"):
        [choice] = await scripted.send(fake.text(CHAT, typed))
        assert choice.text == texts.LANG_CHOOSE
        assert choice.button_titles() == ["简体中文", "繁體中文", "English"]
    assert scripted.gateway.received == []
    assert [shown for _, shown, _, _ in scripted.gateway.local] == [texts.TRANSCRIPT_NOTES["lang"]] * 2
    await scripted.send(fake.press(CHAT, choice.button_data("English")))
    assert scripted.gateway.received[-1][1] == "/lang en"


async def test_the_first_start_carries_the_clients_language(scripted):
    fake = scripted.fake
    await scripted.send(client_set_to(fake.text(CHAT, "/start"), "en-GB"))
    assert scripted.gateway.received[-1][1] == '/greet{"language": "en"}'
    await scripted.send(client_set_to(fake.text(CHAT + 1, "/start"), "zh-hant"))
    assert scripted.gateway.received[-1][1] == '/greet{"language": "zh", "chinese_script": "zh-Hant"}'
    await scripted.send(client_set_to(fake.text(CHAT + 2, "/start"), "de"))
    assert scripted.gateway.received[-1][1] == "/greet"
    speaks(scripted, "zh-Hans", CHAT + 3)  # the conversation knows its language: the client's no longer counts
    await scripted.send(client_set_to(fake.text(CHAT + 3, "/start"), "en"))
    assert scripted.gateway.received[-1][1] == "/greet"


async def test_channel_texts_follow_the_conversation_then_the_client(scripted):
    fake = scripted.fake
    calls = await scripted.send(client_set_to(fake.text(CHAT, "/help"), "en"))  # nothing stored: the client's
    assert texts_en.HELP in said(calls) and "/lang" in texts_en.HELP
    [voice] = await scripted.send(client_set_to(fake.voice(CHAT), "en"))
    assert voice.text == texts_en.VOICE and voice.button_titles() == ["Book a call-back"]
    assert voice.button_data("call-back") == "/request_callback"
    speaks(scripted, "zh-Hant")  # the conversation's language wins over the client's
    [sticker] = await scripted.send(client_set_to(fake.sticker(CHAT), "en"))
    assert sticker.text == "收到您的表情啦😊 有理賠方面的事，直接打字告訴我就行。"
    [unknown] = await scripted.send(fake.text(CHAT, "/frobnicate"))
    assert unknown.text == texts.pick("zh-Hant").UNKNOWN_COMMAND != texts.UNKNOWN_COMMAND
    speaks(scripted, "en")
    [edited] = await scripted.send(fake._update("edited_message", {
        "message_id": 1, "date": 0, "edit_date": 1, "chat": {"id": CHAT, "type": "private"},
        "from": fake.user(CHAT), "text": "hi"}))
    assert edited.text == texts_en.EDITED


async def test_replies_and_pushes_add_the_channels_words_in_the_users_language(scripted):
    speaks(scripted, "en")
    scripted.gateway.replies = [{"text": "", "buttons": [{"title": "Yes", "payload": "/affirm"}]},
                                {"text": "Your mobile number?", "custom": {"request_contact": True}}]
    choose, mobile = await scripted.send(scripted.fake.text(CHAT, "hello there"))
    assert choose.text == texts_en.CHOOSE and texts_en.SHARE_CONTACT_HINT in mobile.text
    conversation = SimpleNamespace(sender_id=f"tg-{CHAT}", channel="telegram", channel_ref=str(CHAT), language="en")
    mark = len(scripted.fake.calls)
    await scripted.gateway.channels["telegram"](conversation, [{"role": "advisor", "text": "Hello, I'm Fang."}])
    [pushed] = scripted.fake.since(mark)
    assert pushed.text == "[Advisor] Hello, I'm Fang."


def test_client_language_codes():
    assert [texts.language_from_code(c) for c in ("en", "en-US", "zh-hant", "zh-TW", "zh-hk", "zh-hans", "zh", "de", None)] \
        == ["en", "en", "zh-Hant", "zh-Hant", "zh-Hant", "zh-Hans", "zh-Hans", None, None]


def test_the_english_catalogue_has_every_name_and_the_same_payloads_and_commands():
    for language in ("zh-Hans", "zh-Hant", "en"):
        tx = texts.pick(language)
        assert [c for c, _ in tx.COMMANDS] == [c for c, _ in texts.COMMANDS]
        assert tx.CALLBACK_BUTTON["payload"] == "/request_callback"
        assert set(tx.OTHER) == set(texts.OTHER)
        assert sorted(b["payload"] for b in tx.LANG_BUTTONS) == ["/lang en", "/lang zh", "/lang zh-hant"]
