"""A conversation's language in the store (bot.store.conversations), on SQLite and PostgreSQL."""
from __future__ import annotations

import pytest
from alembic import command
from sqlalchemy import inspect

from bot.store import Conversation, get_engine, migrate, session_scope
from bot.store.conversations import conversation_language, note_user_language, set_conversation_language
from bot.store.db import alembic_config
from bot.store.transcripts import ensure_conversation


@pytest.fixture
def url(db_url):
    migrate(db_url)
    with session_scope(db_url) as session:
        ensure_conversation(session, "web-1", "web")
    return db_url


def state(url, sender="web-1"):
    with session_scope(url) as session:
        c = session.get(Conversation, sender)
        return c.language, c.language_script, c.language_fixed


def note(url, text, sender="web-1"):
    with session_scope(url) as session:
        return note_user_language(session, sender, text)


def test_migration_0007_adds_and_drops_the_columns(db_url):
    migrate(db_url)
    with get_engine(db_url).begin() as connection:
        names = {c["name"] for c in inspect(connection).get_columns("conversations")}
        assert {"language", "language_script", "language_fixed"} <= names
        command.downgrade(alembic_config(connection, db_url), "0006")
    with get_engine(db_url).connect() as connection:
        assert "language" not in {c["name"] for c in inspect(connection).get_columns("conversations")}
    migrate(db_url)


def test_the_latest_message_decides_and_silent_ones_keep_it(url):
    assert state(url) == (None, None, None)
    assert note(url, "/greet") == "zh-Hans"  # nothing shown yet: the default, nothing stored
    assert state(url) == (None, None, None)
    assert note(url, "I want to file a claim") == "en"
    assert note(url, "ok") == "en"
    assert note(url, "我要報案") == "zh-Hant"
    assert state(url) == ("zh-Hant", "zh-Hant", None)
    assert note(url, "好的") == "zh-Hant"  # a short reply keeps the script seen last
    assert note(url, "13,418") == "zh-Hant"
    assert note(url, "我要报案") == "zh-Hans"
    with session_scope(url) as session:
        assert conversation_language(session, "web-1") == "zh-Hans"
        assert conversation_language(session, "unknown") == "zh-Hans"


def test_a_fixed_language_wins_until_released(url):
    note(url, "我要報案")
    with session_scope(url) as session:
        set_conversation_language(session, "web-1", "en", "en")
    assert state(url) == ("en", "zh-Hant", "en")
    assert note(url, "查理赔进度") == "en"
    with session_scope(url) as session:
        set_conversation_language(session, "web-1", "zh-Hant", True)
    assert state(url) == ("zh-Hant", "zh-Hant", "zh-Hant")
    assert note(url, "What is the status of my claim?") == "zh-Hant"
    assert note(url, "我要报案") == "zh-Hant"  # Traditional was chosen: a Simplified message keeps it
    with session_scope(url) as session:
        set_conversation_language(session, "web-1", "zh-Hant", "zh")  # Chinese, in the user's script
    assert note(url, "What is the status of my claim?") == "zh-Hant"
    assert note(url, "我要报案") == "zh-Hans"
    with session_scope(url) as session:
        set_conversation_language(session, "web-1", "en", None)
    assert note(url, "我要报案") == "zh-Hans"


def test_lang_command_fixes_the_language_in_the_gateway_too(url):
    assert note(url, "/lang en") == "en"
    assert state(url) == ("en", None, "en")
    assert note(url, "/lang zh-hant") == "zh-Hant"
    assert state(url) == ("zh-Hant", "zh-Hant", "zh-Hant")
    assert note(url, "查理赔进度") == "zh-Hant"
    assert note(url, "/lang zh") == "zh-Hans"  # the 简 button
    assert note(url, "查理賠進度") == "zh-Hans"
    assert note(url, "/lang") == "zh-Hans"  # no argument: the channel asks which one


def test_unknown_conversations_and_languages(url):
    with session_scope(url) as session:
        set_conversation_language(session, "nobody", "en", "en")  # nothing to do
        assert session.get(Conversation, "nobody") is None
        assert note_user_language(session, "nobody", "Hello there friend") == "en"
        with pytest.raises(ValueError):
            set_conversation_language(session, "web-1", "fr", None)
        with pytest.raises(ValueError):
            set_conversation_language(session, "web-1", "en", "fr")


def test_a_payload_may_carry_the_clients_language_hint(url):
    assert note(url, '/greet{"language": "en"}') == "en"
    assert state(url) == ("en", None, None)  # a hint, not a choice: the next message decides again
    assert note(url, '/greet{"language": "zh", "chinese_script": "zh-Hant"}') == "zh-Hant"
    assert note(url, '/set_language{"language_request": "en"}') == "zh-Hant"  # recorded by action_set_language
    assert note(url, '/inform{"language": "fr"}') == "zh-Hant"
    assert note(url, "/inform{broken") == "zh-Hant"
    assert note(url, "我要报案") == "zh-Hans"
