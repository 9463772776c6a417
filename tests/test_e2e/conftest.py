"""End-to-end helpers; the `stack` fixture (real Rasa + action server + gateway) lives in tests/conftest.py."""
from __future__ import annotations


def texts(messages: list[dict]) -> str:
    return "\n".join(m.get("text") or "" for m in messages)
