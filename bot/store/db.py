"""Engines, sessions, migrations and the column types that behave the same on
SQLite and PostgreSQL.

Nothing connects at import time: engines are built on first use and cached
per URL.
"""
from __future__ import annotations

import json
import threading
import time
from contextlib import contextmanager
from datetime import datetime, timezone
from decimal import Decimal
from pathlib import Path
from typing import Dict, Iterator, Optional, Union

from sqlalchemy import DateTime, Numeric, create_engine, event
from sqlalchemy.engine import Connection, Engine, make_url
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.orm import Session
from sqlalchemy.pool import QueuePool, StaticPool
from sqlalchemy.types import TypeDecorator

from bot import clock
from bot.settings import load_settings

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
MIGRATION_LOCK_ID = 73102026  # PostgreSQL advisory lock taken by every process that migrates

# A pooled PostgreSQL connection is pinged before use only after this long unused (HikariCP's
# "alive bypass window" idea): a ping for every checkout was a round trip per transaction, about a
# tenth of the action server's CPU under load, while a connection used a moment ago is alive.
PING_AFTER_IDLE_S = 0.5

_engines: Dict[str, Engine] = {}
_engines_lock = threading.Lock()


# Row ids are 64-bit on both engines; a larger number from a URL is an error in the driver, not "no row".
MAX_ROW_ID = 2**63 - 1


def row_id(text: str) -> int:
    """The row id a URL names (digits, which the caller checks), capped at the 64-bit range: a larger
    one names no row, and neither does the largest, so the answer is the same."""
    return min(int(text), MAX_ROW_ID)


def resolve_url(url: Optional[str] = None) -> str:
    url = url or load_settings().database_url
    if url.startswith("postgres://"):  # the scheme some hosting services hand out
        url = "postgresql://" + url[len("postgres://"):]
    return url


def get_engine(url: Optional[str] = None) -> Engine:
    """The engine for `url` (default: settings.database_url), created once per URL."""
    url = resolve_url(url)
    with _engines_lock:
        engine = _engines.get(url)
        if engine is None:
            engine = _engines[url] = _create(url)
        return engine


def _create(url: str) -> Engine:
    # ensure_ascii=False keeps Chinese readable in JSON columns.
    options = dict(future=True, json_serializer=lambda obj: json.dumps(obj, ensure_ascii=False))
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        engine = create_engine(url, **options)
        _ping_when_idle(engine)
        return engine
    database = parsed.database or ""
    in_memory = database in ("", ":memory:") or database.startswith("file::memory:")
    if in_memory:  # one shared connection, or every checkout would see an empty database
        options["poolclass"] = StaticPool
    else:
        Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        # Connections are kept (SQLAlchemy 1.4 opens a new one per session on a file, and each new
        # connection parses the schema again: most of the gateway's CPU per message, measured).
        options.update(poolclass=QueuePool, pool_size=5, max_overflow=10)
    engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30}, **options)
    _configure_sqlite(engine, wal=not in_memory)
    return engine


def _ping_when_idle(engine: Engine) -> None:
    """`pool_pre_ping`, for connections unused longer than PING_AFTER_IDLE_S: a dead one (the
    database restarted, the connection cut) is replaced at checkout before anyone uses it."""
    @event.listens_for(engine, "checkin")
    def _checked_in(_dbapi_connection, record):
        record.info["idle_since"] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def _checked_out(dbapi_connection, record, _proxy):
        idle_since = record.info.pop("idle_since", None)
        if idle_since is not None and time.monotonic() - idle_since > PING_AFTER_IDLE_S:
            if not engine.dialect.do_ping(dbapi_connection):
                raise DisconnectionError("the pooled connection is dead")  # the pool connects again


def _configure_sqlite(engine: Engine, wal: bool) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")  # off by default, per connection
        cursor.close()
        if wal:  # FULL keeps every commit on disk before it returns, as before
            use_wal(dbapi_connection, synchronous="FULL")


def use_wal(dbapi_connection, synchronous: str) -> None:
    """WAL journaling on a new SQLite connection: readers (the console, the gateway) no longer wait
    for a writer. `synchronous`: FULL (every commit on disk) or NORMAL (on disk at checkpoints)."""
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA synchronous={synchronous}")
    finally:
        cursor.close()


def lock_for_write(target: Union[Session, Connection]) -> None:
    """On SQLite, take the database's write lock now unless this transaction already wrote.

    pysqlite starts a transaction only at the first INSERT/UPDATE/DELETE, so reads
    take no lasting lock (readers and nested sessions never wait). A read-then-write
    that must not interleave with another writer (next case number, then insert)
    calls this first: BEGIN IMMEDIATE waits for other writers, and gives SAVEPOINTs
    a real transaction to nest in. PostgreSQL needs nothing: no-op there.
    """
    connection = target.connection() if isinstance(target, Session) else target
    if connection.dialect.name != "sqlite":
        return
    if not connection.connection.dbapi_connection.in_transaction:
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def reset_engines() -> None:
    """Dispose of every cached engine (tests, or after changing DATABASE_URL)."""
    with _engines_lock:
        for engine in _engines.values():
            engine.dispose()
        _engines.clear()


@contextmanager
def session_scope(url: Optional[str] = None) -> Iterator[Session]:
    """A session that commits on success and rolls back on any error.

    expire_on_commit=False: callers (custom actions) read the returned objects'
    columns after the block; relationships not loaded inside it are not available.
    On SQLite a session that has written holds the write lock until it ends, so a
    second session that writes must not be opened inside it (it would wait, then fail).
    """
    session = Session(get_engine(url), future=True, expire_on_commit=False)
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


def alembic_config(connection: Optional[Connection] = None, url: Optional[str] = None):
    """An alembic Config for our migrations, without alembic.ini (keeps the app's logging)."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["database_url"] = resolve_url(url)
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def migrate(url: Optional[str] = None, revision: str = "head") -> None:
    """Run `alembic upgrade <revision>` on `url` (default: settings.database_url)."""
    from alembic import command

    with get_engine(url).begin() as connection:  # env.py locks it; commits when all went well
        command.upgrade(alembic_config(connection, url), revision)


class Fixed(TypeDecorator):
    """NUMERIC(p, s) that is always a Decimal in Python and refuses floats.

    SQLite has no decimal type: SQLAlchemy would go through float and warn. With
    at most 12 significant digits a double round-trips exactly, so we read the
    float back through its shortest repr and quantize, which is exact.
    """

    impl = Numeric
    cache_ok = True

    def __init__(self, precision: int = 12, scale: int = 2):
        super().__init__(precision=precision, scale=scale)
        self.precision, self.scale = precision, scale  # part of the statement cache key
        self.quantum = Decimal(1).scaleb(-scale)

    def load_dialect_impl(self, dialect):
        if dialect.name == "sqlite":
            return dialect.type_descriptor(Numeric(self.precision, self.scale, asdecimal=False))
        return dialect.type_descriptor(Numeric(self.precision, self.scale))

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if isinstance(value, float):
            raise TypeError("money and ratios must be Decimal, not float")
        amount = Decimal(value)
        if amount != amount.quantize(self.quantum):
            raise ValueError(f"{amount} has more than {self.scale} decimals: round it explicitly")
        amount = amount.quantize(self.quantum)
        return float(amount) if dialect.name == "sqlite" else amount

    def process_result_value(self, value, dialect):
        return None if value is None else Decimal(str(value)).quantize(self.quantum)


def Money() -> Fixed:  # noqa: N802 - reads like a type in column declarations
    return Fixed(12, 2)


class AwareDateTime(TypeDecorator):
    """Timezone-aware datetimes on every engine.

    PostgreSQL keeps the instant (timestamptz); SQLite stores naive UTC, which
    is marked as UTC again on the way out. Values come back in the service zone.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: Optional[datetime], dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            value = value.replace(tzinfo=clock.tz())  # naive means service-local time
        value = value.astimezone(timezone.utc)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: Optional[datetime], dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            value = value.replace(tzinfo=timezone.utc)
        return value.astimezone(clock.tz())
