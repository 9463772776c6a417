"""Issue-6 tests: working days, call-backs, service-centre appointments, paper policies by post.

Store tests run on SQLite and PostgreSQL with the fixtures of tests/test_bot;
console tests reuse tests/test_advisor's client and advisor fixtures.
"""
from __future__ import annotations

import pytest
from sqlalchemy import select

from bot.store.db import session_scope
from bot.store.models import Customer
from tests.test_advisor.conftest import (  # noqa: F401 - fixtures
    advisor, client, console_url, gateway, queued,
)
from tests.test_bot.conftest import db_url, frozen_clock, pg_database_url, seeded_url  # noqa: F401 - fixtures


@pytest.fixture
def people(seeded_url) -> dict:
    """Demo customers' ids by name."""
    with session_scope(seeded_url) as session:
        return {customer.name: customer.id for customer in session.scalars(select(Customer))}
