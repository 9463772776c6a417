"""bot.store.transcripts on SQLite and PostgreSQL."""
import pytest

from bot.store import migrate, session_scope
from bot.store.models import Conversation
from bot.store.transcripts import add_message, ensure_conversation, messages_of


@pytest.fixture
def url(db_url, frozen_clock):
    migrate(db_url)
    return db_url


def test_ensure_conversation_creates_then_keeps_channel_unless_given(url):
    with session_scope(url) as session:
        created = ensure_conversation(session, "web-1", channel="web")
        assert (created.channel, created.channel_ref) == ("web", None)
    with session_scope(url) as session:
        assert ensure_conversation(session, "web-1").channel == "web"  # not reset to the default
        moved = ensure_conversation(session, "web-1", channel="telegram", channel_ref="4242")
        assert (moved.channel, moved.channel_ref) == ("telegram", "4242")
    with session_scope(url) as session:
        assert ensure_conversation(session, "new").channel == "api"


def test_ensure_conversation_refuses_unknown_channel(url):
    with session_scope(url) as session, pytest.raises(ValueError, match="unknown channel"):
        ensure_conversation(session, "x", channel="fax")


def test_add_message_creates_conversation_and_keeps_order(url):
    with session_scope(url) as session:
        first = add_message(session, "s1", "user", "你好")
        add_message(session, "s1", "bot", "您好！", buttons=[{"title": "报案", "payload": "/report_claim"}])
        add_message(session, "s2", "user", "另一个会话")
        add_message(session, "s1", "advisor", "我是顾问小李", advisor_id=None)
        assert session.get(Conversation, "s1").channel == "api"
    with session_scope(url) as session:
        messages = messages_of(session, "s1")
        assert [(m.role, m.text) for m in messages] == [("user", "你好"), ("bot", "您好！"), ("advisor", "我是顾问小李")]
        assert messages[1].buttons == [{"title": "报案", "payload": "/report_claim"}]
        assert messages[0].buttons is None
        assert [m.text for m in messages_of(session, "s1", after_id=first.id)] == ["您好！", "我是顾问小李"]
        assert [m.text for m in messages_of(session, "s1", after_id=first.id, limit=1)] == ["您好！"]
        assert messages_of(session, "nobody") == []


def test_add_message_refuses_unknown_role(url):
    with session_scope(url) as session, pytest.raises(ValueError, match="unknown role"):
        add_message(session, "s1", "robot", "hi")


def test_personal_numbers_are_kept_masked(url):
    with session_scope(url) as session:
        add_message(session, "s1", "user", "手机13800138000，身份证110105197903140026，卡号6222020200112233445")
        add_message(session, "s1", "user", "C-1001 金额 16250.00 元，2026-11-01 出院")
    with session_scope(url) as session:
        masked, untouched = [m.text for m in messages_of(session, "s1")]
    assert masked == "手机138****8000，身份证1101**********0026，卡号6222***********3445"
    assert untouched == "C-1001 金额 16250.00 元，2026-11-01 出院"


def test_a_turn_reads_the_conversation_row_once_per_transaction(url):
    """The session holds rows weakly: unheld, the row was read again for every message stored,
    the language and the mode (6 reads of 12 statements per turn)."""
    import sqlalchemy as sa

    from bot.gateway import records
    from bot.store.db import get_engine

    statements = []
    engine = get_engine(url)
    listener = lambda _conn, _cursor, statement, *_: statements.append(statement)  # noqa: E731
    sa.event.listen(engine, "before_cursor_execute", listener)
    try:
        turn = records.Turn("bot", [{"text": "回复一"}, {"text": "回复二", "buttons": [{"title": "好", "payload": "/ok"}]}])
        for text in ("第一条", "第二条"):
            statements.clear()
            with session_scope(url) as session:
                records.record_user_message(session, "held-1", text, "web", None, text)
            with session_scope(url) as session:
                stored = records.record_turn(session, "held-1", turn, None)
            reads = [s for s in statements if s.lstrip().upper().startswith("SELECT") and "FROM conversations" in s]
            assert len(reads) == 2, reads  # one per transaction
            assert [m["text"] for m in stored.messages] == ["回复一", "回复二"]
    finally:
        sa.event.remove(engine, "before_cursor_execute", listener)
    with session_scope(url) as session:
        assert [m.text for m in messages_of(session, "held-1")] == ["第一条", "回复一", "回复二", "第二条", "回复一", "回复二"]
