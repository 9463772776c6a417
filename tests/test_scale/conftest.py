"""The scaled stack: two Rasa servers, two action servers and the gateway on PostgreSQL and Redis.

One stack per test module (starting four Rasa/action processes takes a while). Ports 5200-5249:
Rasa 5200 and 5201, action servers 5210 and 5211, gateway 5220. Fresh databases
`claims_scale_<random>` and `claims_scale_<random>_tracker` on the local PostgreSQL, dropped afterwards;
Redis db 1 (REDIS_URL to change it) with conversation ids no other run uses.
Without PostgreSQL or Redis the tests skip, or fail under CI (env CI set).
"""
from __future__ import annotations

import os
import uuid

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from bot.stack import MODEL, Stack

FROZEN_NOW = "2026-11-24T10:00:00+08:00"
PG_ADMIN_URLS = [os.environ.get("TEST_POSTGRES_URL", ""), "postgresql://postgres@127.0.0.1:5432/test",
                 "postgresql://root@127.0.0.1:5432/test"]
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/1")
REDIS_HINT = ('start it with `redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" '
              '--appendonly no --dir /var/lib/redis --logfile /var/log/redis/ci.log`')


def missing(message: str):
    if os.environ.get("CI"):
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


def admin_engine():
    errors = []
    for url in filter(None, PG_ADMIN_URLS):
        engine = create_engine(url, future=True, isolation_level="AUTOCOMMIT", connect_args={"connect_timeout": 3})
        try:
            with engine.connect() as connection:
                connection.execute(text("SELECT 1"))
            return engine
        except Exception as exc:  # noqa: BLE001 - try the next candidate
            errors.append(f"{make_url(url).render_as_string(hide_password=True)}: {str(getattr(exc, 'orig', exc)).strip()[:120]}")
            engine.dispose()
    missing(f"PostgreSQL not reachable ({'; '.join(errors)}); start it with "
            "`pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start`")


@pytest.fixture(scope="module")
def pg_databases():
    """(claims URL, tracker URL): two fresh databases, dropped after the module."""
    from bot.scale import ensure_databases

    admin = admin_engine()
    name = f"claims_scale_{uuid.uuid4().hex[:10]}"
    urls = [admin.url.set(database=db).render_as_string(hide_password=False) for db in (name, f"{name}_tracker")]
    assert ensure_databases(urls) == [name, f"{name}_tracker"]
    try:
        yield urls
    finally:
        from bot.store.db import reset_engines

        reset_engines()
        with admin.connect() as connection:
            for db in (name, f"{name}_tracker"):
                connection.execute(text(f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(scope="module")
def redis_url():
    from bot.scale import check_redis

    try:
        check_redis(REDIS_URL)
    except ConnectionError as error:
        missing(f"{error}; {REDIS_HINT}")
    return REDIS_URL


@pytest.fixture(scope="module")
def scaled_stack(tmp_path_factory, pg_databases, redis_url):
    if not MODEL.is_file():
        pytest.fail(f"{MODEL} is missing: run `make train` before the scale-out tests")
    database_url, tracker_db_url = pg_databases
    stack = Stack(tmp_path_factory.mktemp("scaled"), rasa_port=5200, actions_port=5210, gateway_port=5220,
                  instances=2, database_url=database_url, tracker_db_url=tracker_db_url, redis_url=redis_url,
                  extra_env={"CLAIMS_NOW": FROZEN_NOW, "LOG_LEVEL_LIBRARIES": "INFO"})
    stack.prepare_database()
    stack.start(timeout=400)
    yield stack
    stack.stop()


def texts(messages: list[dict]) -> str:
    return "\n".join(m.get("text") or "" for m in messages)
