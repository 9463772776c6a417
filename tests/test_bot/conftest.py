"""Database fixtures: every store test runs on SQLite and on PostgreSQL.

PostgreSQL: a local server (127.0.0.1:5432, trust auth). A fresh database
`claims_test_<random>` is created for the test session and dropped at its end,
so runs never collide with anything else using the server. Set
TEST_POSTGRES_URL to point at another server (any database you may connect to;
it is only used to create and drop the test database).
"""
from __future__ import annotations

import os
import uuid
from datetime import date, datetime
from decimal import Decimal

import pytest
from sqlalchemy import create_engine, select, text
from sqlalchemy.engine import make_url

from bot import clock
from bot.store import (
    Customer, create_claim, find_by_mobile, migrate, reset_engines, seed_demo, session_scope, visible_policies,
)

PG_CANDIDATES = [
    os.environ.get("TEST_POSTGRES_URL", ""),
    "postgresql://postgres@127.0.0.1:5432/test",
    "postgresql://root@127.0.0.1:5432/test",
]
PG_HINT = (
    "start it with `pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start`, "
    "or set TEST_POSTGRES_URL"
)
DEMO_NOW = datetime(2026, 11, 24, 10, 0)


def _admin_engine():
    """An AUTOCOMMIT engine on the first reachable candidate, or None and the errors."""
    errors = []
    for url in filter(None, PG_CANDIDATES):
        engine = create_engine(url, future=True, isolation_level="AUTOCOMMIT",
                               connect_args={"connect_timeout": 3})
        try:
            with engine.connect() as connection:
                connection.execute(text("SELECT 1"))
            return engine, errors
        except Exception as exc:  # noqa: BLE001 - any failure means "try the next one"
            reason = str(getattr(exc, "orig", exc)).strip().splitlines()[0]
            errors.append(f"{make_url(url).render_as_string(hide_password=True)}: {reason}")
            engine.dispose()
    return None, errors


@pytest.fixture(scope="session")
def pg_database_url():
    """URL of a database created for this test session (dropped afterwards)."""
    admin, errors = _admin_engine()
    if admin is None:
        message = f"PostgreSQL not reachable at 127.0.0.1:5432 ({'; '.join(errors)}); {PG_HINT}"
        if os.environ.get("CI"):
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    name = f"claims_test_{uuid.uuid4().hex[:10]}"
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    url = admin.url.set(database=name).render_as_string(hide_password=False)
    try:
        yield url
    finally:
        reset_engines()
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path):
    """An empty database (no tables) on each engine."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'var' / 'claims.db'}"  # parent dir missing on purpose
    else:
        url = request.getfixturevalue("pg_database_url")
        engine = create_engine(url, future=True)
        with engine.begin() as connection:  # each test starts from nothing
            connection.execute(text("DROP SCHEMA public CASCADE"))
            connection.execute(text("CREATE SCHEMA public"))
        engine.dispose()
    yield url
    reset_engines()


@pytest.fixture
def frozen_clock():
    """Today is 2026-11-24, as in the demos."""
    with clock.freeze(DEMO_NOW) as moment:
        yield moment


@pytest.fixture
def seeded_url(db_url, frozen_clock):
    """A migrated database with the demo data."""
    migrate(db_url)
    with session_scope(db_url) as session:
        assert seed_demo(session) is True
    return db_url


@pytest.fixture
def customer_ids(seeded_url):
    """Demo customers' ids by name."""
    with session_scope(seeded_url) as session:
        return {customer.name: customer.id for customer in session.scalars(select(Customer))}


@pytest.fixture
def make_claim():
    """create_claim with plausible defaults: an illness under the customer's first policy."""
    def make(session, mobile="13800138000", **overrides):
        customer = find_by_mobile(session, mobile)
        fields = dict(
            policy=visible_policies(session, customer.id)[0], insured_id=customer.id, reporter_id=customer.id,
            incident_type="illness", incident_date=date(2026, 11, 20), hospital_name="北京协和医院",
            hospital_grade="3A", hospital_ownership="public", diagnosis="急性胃肠炎",
            amount_claimed=Decimal("3200.50"),
        )
        fields.update(overrides)
        return create_claim(session, **fields)

    return make

