"""Action tests: a real SQLite database per test (migrated and seeded) and a tracker factory."""
from __future__ import annotations

from datetime import datetime
from typing import Any, Dict, List, Optional

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from bot import clock
from bot.store.db import migrate, reset_engines, session_scope
from bot.store.seed import seed_demo

NOW = datetime(2026, 11, 24, 10, 0)


@pytest.fixture(autouse=True)
def frozen_clock():
    with clock.freeze(NOW):
        yield


@pytest.fixture
def database(tmp_path, monkeypatch) -> str:
    url = f"sqlite:///{tmp_path / 'claims.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    reset_engines()
    migrate(url)
    with session_scope(url) as session:
        seed_demo(session)
    yield url
    reset_engines()


def make_tracker(
    slots: Optional[Dict[str, Any]] = None,
    text: str = "",
    intent: str = "inform",
    entities: Optional[List[Dict[str, Any]]] = None,
    active_loop: Optional[str] = None,
    requested_slot: Optional[str] = None,
) -> Tracker:
    """A tracker whose latest user message is `text` with the given NLU result."""
    all_slots: Dict[str, Any] = {"verified": False, "verify_attempts": 0}
    all_slots.update(slots or {})
    if requested_slot:
        all_slots["requested_slot"] = requested_slot
    latest = {
        "text": text,
        "intent": {"name": intent, "confidence": 0.99},
        "intent_ranking": [{"name": intent, "confidence": 0.99}],
        "entities": entities or [],
    }
    return Tracker(
        sender_id="test-user",
        slots=all_slots,
        latest_message=latest,
        events=[{"event": "user", "text": text, "parse_data": latest}],
        paused=False,
        followup_action=None,
        active_loop={"name": active_loop} if active_loop else {},
        latest_action_name="action_listen",
    )


def with_bot_turn(tracker: Tracker, buttons, text="请选择") -> Tracker:
    """The bot's last message (with buttons) before the user's latest message, as a real tracker
    logs them: Rasa adds `action_listen` before and `user_featurization` after the user's message."""
    tracker.events = ([{"event": "bot", "text": text, "data": {"buttons": buttons}},
                       {"event": "action", "name": "action_listen"}]
                      + tracker.events + [{"event": "user_featurization", "use_text_for_featurization": False}])
    return tracker


def verified_slots(customer: str = "王丽") -> Dict[str, Any]:
    """Slots of a conversation already verified as one of the demo customers."""
    from bot.store import customers

    mobiles = {"王丽": "13800138000", "李建国": "13900139000", "张伟": "13700137000"}
    with session_scope() as session:
        found = customers.find_by_mobile(session, mobiles[customer])
        return {"verified": True, "customer_id": str(found.id), "customer_name": found.name}


def texts(dispatcher: CollectingDispatcher) -> str:
    return "\n".join(m.get("text") or m.get("response") or "" for m in dispatcher.messages)


DOMAIN: Dict[str, Any] = {}


def load_domain() -> Dict[str, Any]:
    """The project's domain.yml as the action server receives it."""
    global DOMAIN
    if not DOMAIN:
        import yaml

        from bot.settings import PROJECT_ROOT

        DOMAIN = yaml.safe_load((PROJECT_ROOT / "domain.yml").read_text(encoding="utf-8"))
    return DOMAIN
