"""Real Rasa server + action server on spare loopback ports, on a throwaway database.

Needs the trained model (models/claims.tar.gz): `make test` trains before pytest.
"""
from __future__ import annotations

import uuid

import pytest

from bot.stack import MODEL, Stack

FROZEN_NOW = "2026-11-24T10:00:00+08:00"


@pytest.fixture(scope="session")
def stack(tmp_path_factory):
    if not MODEL.is_file():
        pytest.fail(f"{MODEL} is missing: run `make train` (make test does it) before the end-to-end tests")
    running = Stack(tmp_path_factory.mktemp("stack"), rasa_port=5105, actions_port=5155, extra_env={"CLAIMS_NOW": FROZEN_NOW})
    running.prepare_database()
    running.start()
    yield running
    running.stop()


@pytest.fixture
def sender() -> str:
    return f"e2e-{uuid.uuid4().hex[:10]}"


def texts(messages: list[dict]) -> str:
    return "\n".join(m.get("text") or "" for m in messages)
