"""PostgreSQL connections are pinged before use only after PING_AFTER_IDLE_S unused: a dead one is
still replaced before anyone uses it, and under load no transaction pays a round trip for a ping."""
from __future__ import annotations

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.pool import NullPool

from bot.store import db


@pytest.fixture
def engine(pg_database_url):
    db.reset_engines()
    engine = db.get_engine(pg_database_url)
    yield engine
    db.reset_engines()


@pytest.fixture
def pings(engine, monkeypatch):
    counted = []
    ping = engine.dialect.do_ping
    monkeypatch.setattr(engine.dialect, "do_ping", lambda connection: counted.append(1) or ping(connection))
    return counted


def select_one(engine) -> int:
    with engine.connect() as connection:
        return connection.execute(text("SELECT 1")).scalar()


def cut(engine, pid: int) -> None:
    """The database side ends the pooled connection `pid` (as a restart or a network cut would)."""
    other = create_engine(engine.url, poolclass=NullPool, future=True)
    with other.connect() as connection:
        assert connection.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid}).scalar()
    other.dispose()


def test_a_connection_used_a_moment_ago_is_not_pinged(engine, pings):
    for _ in range(5):
        assert select_one(engine) == 1
    assert pings == []


def test_an_idle_connection_is_pinged_and_a_dead_one_replaced(engine, pings, monkeypatch):
    with engine.connect() as connection:
        first_pid = connection.execute(text("SELECT pg_backend_pid()")).scalar()
    cut(engine, first_pid)
    monkeypatch.setattr(db, "PING_AFTER_IDLE_S", 0.0)  # every pooled connection now counts as idle
    for _ in range(3):
        with engine.connect() as connection:
            assert connection.execute(text("SELECT pg_backend_pid()")).scalar() != first_pid
    assert len(pings) >= 3


def test_without_the_ping_the_cut_connection_would_have_failed(engine, monkeypatch):
    """The test above can fail: the same cut, not pinged, reaches the caller."""
    from sqlalchemy.exc import OperationalError

    with engine.connect() as connection:
        first_pid = connection.execute(text("SELECT pg_backend_pid()")).scalar()
    cut(engine, first_pid)
    monkeypatch.setattr(db, "PING_AFTER_IDLE_S", 3600.0)
    with pytest.raises(OperationalError):
        for _ in range(2):  # the pool hands out its connections last in, first out; one of them is the cut one
            select_one(engine)
