"""Advisor tests: store tests reuse the SQLite + PostgreSQL fixtures of tests/test_bot."""
from __future__ import annotations

from tests.test_bot.conftest import db_url, frozen_clock, pg_database_url, seeded_url  # noqa: F401 - fixtures
