"""The cached SQL tracker store reads and writes exactly what Rasa's SQL tracker store does, on SQLite and
PostgreSQL, also when another process writes the same conversation or the cache is too small."""
from __future__ import annotations

import asyncio
import warnings
from pathlib import Path

import pytest
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, SessionStarted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from sqlalchemy.engine import make_url

from bot.tracker_store import CachedSQLTrackerStore

with warnings.catch_warnings():  # Rasa warns "Slot auto-fill has been removed" for every domain it reads
    warnings.simplefilter("ignore", UserWarning)
    DOMAIN = Domain.from_yaml("""
version: "3.1"
intents: [greet, report_claim]
slots:
  verified: {type: bool, influence_conversation: true, mappings: [{type: custom}]}
  claim_amount: {type: float, influence_conversation: false, mappings: [{type: custom}]}
responses:
  utter_greet: [{text: "你好"}]
""")


def run(coroutine):
    return asyncio.run(coroutine)


def store_kwargs(url: str) -> dict:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        return {"dialect": "sqlite", "db": parsed.database}
    return {"dialect": "postgresql", "host": url, "db": parsed.database}


@pytest.fixture
def stores(db_url):
    """(ours, a second instance of ours as another Rasa process, Rasa's own) on one database."""
    kwargs = store_kwargs(db_url)
    made = [CachedSQLTrackerStore(domain=DOMAIN, **kwargs), CachedSQLTrackerStore(domain=DOMAIN, **kwargs),
            SQLTrackerStore(domain=DOMAIN, **kwargs)]
    yield made
    for store in made:
        store.engine.dispose()


def turn(tracker: DialogueStateTracker, text: str, amount: float) -> None:
    tracker.update(UserUttered(text, {"name": "report_claim", "confidence": 0.9}, []))
    tracker.update(SlotSet("claim_amount", amount))
    tracker.update(ActionExecuted("utter_greet"))
    tracker.update(ActionExecuted("action_listen"))


def events_of(tracker):
    return [event.as_dict() for event in tracker.events] if tracker else None


def test_reads_what_rasa_reads_and_keeps_the_rows(stores):
    ours, _, rasa = stores
    tracker = DialogueStateTracker("u1", DOMAIN.slots)
    tracker.update(ActionExecuted("action_listen"))
    turn(tracker, "我要报案", 100.0)
    run(ours.save(tracker))

    again = run(ours.retrieve("u1"))
    assert events_of(again) == events_of(run(rasa.retrieve("u1"))) == events_of(tracker)
    assert again.get_slot("claim_amount") == 100.0
    assert ours.hits >= 1  # the save's rows were kept and still matched the database

    turn(again, "一万二", 12000.0)
    run(ours.save(again))
    assert events_of(run(rasa.retrieve("u1"))) == events_of(again)
    assert run(ours.retrieve("nobody")) is None


def test_sees_what_another_process_wrote(stores):
    ours, other, rasa = stores
    tracker = DialogueStateTracker("u2", DOMAIN.slots)
    turn(tracker, "你好", 1.0)
    run(ours.save(tracker))
    assert run(ours.retrieve("u2")) is not None

    taken_over = run(other.retrieve("u2"))  # the conversation fails over to the other Rasa instance
    turn(taken_over, "还在吗", 2.0)
    run(other.save(taken_over))

    back = run(ours.retrieve("u2"))  # and comes back: the kept rows no longer match, so it reads again
    assert events_of(back) == events_of(run(rasa.retrieve("u2"))) == events_of(taken_over)
    assert back.get_slot("claim_amount") == 2.0
    turn(back, "好的", 3.0)
    run(ours.save(back))  # no event written twice
    assert len(run(rasa.retrieve("u2")).events) == len(back.events)


def count_queries(store) -> list:
    """The `count(...)` checks the store sends from now on (a list that grows)."""
    from sqlalchemy import event

    seen: list = []
    event.listen(store.engine, "before_cursor_execute",
                 lambda *args: seen.append(args[2]) if "count(" in args[2].lower() else None)
    return seen


def test_saving_the_tracker_it_read_needs_no_check_any_other_is_checked(stores):
    """Rasa reads, works on and saves a tracker under the conversation's lock: the read's check holds
    for the save. A tracker built elsewhere, or superseded by a newer read, is checked again."""
    ours, other, rasa = stores
    tracker = DialogueStateTracker("u4", DOMAIN.slots)
    turn(tracker, "你好", 1.0)
    run(ours.save(tracker))  # built elsewhere: checked
    checks = count_queries(ours)

    read = run(ours.retrieve("u4"))
    assert len(checks) == 1
    turn(read, "我要报案", 2.0)
    run(ours.save(read))
    turn(read, "一万", 3.0)
    run(ours.save(read))  # saved again, as Rasa does within one message: still its own rows
    assert len(checks) == 1
    assert events_of(run(rasa.retrieve("u4"))) == events_of(read)

    first, second = run(ours.retrieve("u4")), run(ours.retrieve("u4"))  # two reads, the first superseded
    turn(first, "好的", 4.0)
    run(ours.save(first))
    assert len(checks) == 4 and events_of(run(rasa.retrieve("u4"))) == events_of(first)

    taken_over = run(other.retrieve("u4"))  # another process writes: our next read sees it
    turn(taken_over, "还在吗", 5.0)
    run(other.save(taken_over))
    back = run(ours.retrieve("u4"))
    turn(back, "在", 6.0)
    run(ours.save(back))
    assert events_of(run(rasa.retrieve("u4"))) == events_of(back) and back.get_slot("claim_amount") == 6.0


def test_a_new_session_starts_from_its_session_started_event(stores):
    ours, _, rasa = stores
    tracker = DialogueStateTracker("u3", DOMAIN.slots)
    turn(tracker, "你好", 1.0)
    run(ours.save(tracker))
    tracker = run(ours.retrieve("u3"))
    tracker.update(ActionExecuted("action_session_start"))
    tracker.update(SessionStarted())
    tracker.update(SlotSet("verified", True))
    tracker.update(ActionExecuted("action_listen"))
    run(ours.save(tracker))

    ours.hits = 0
    current = run(ours.retrieve("u3"))
    assert ours.hits == 1
    assert events_of(current) == events_of(run(rasa.retrieve("u3")))
    assert current.events[0].type_name == "session_started"
    assert current.get_slot("verified") is True and current.get_slot("claim_amount") is None


def test_a_small_cache_evicts_and_stays_correct(db_url):
    store = CachedSQLTrackerStore(domain=DOMAIN, cache_mb=0.001, **store_kwargs(db_url))  # about 1 KB
    try:
        for number in range(3):
            tracker = DialogueStateTracker(f"s{number}", DOMAIN.slots)
            turn(tracker, "我要报案" * 10, float(number))
            run(store.save(tracker))
        assert store._kept_bytes <= store.cache_bytes
        for number in range(3):
            assert run(store.retrieve(f"s{number}")).get_slot("claim_amount") == float(number)
    finally:
        store.engine.dispose()


def test_cache_off_is_rasas_store(db_url):
    store = CachedSQLTrackerStore(domain=DOMAIN, cache_mb=0, **store_kwargs(db_url))
    try:
        tracker = DialogueStateTracker("off", DOMAIN.slots)
        turn(tracker, "你好", 5.0)
        run(store.save(tracker))
        assert run(store.retrieve("off")).get_slot("claim_amount") == 5.0
        assert store.hits == store.misses == 0
    finally:
        store.engine.dispose()


def test_sqlite_file_uses_wal(tmp_path):
    store = CachedSQLTrackerStore(domain=DOMAIN, dialect="sqlite", db=str(tmp_path / "tracker.db"))
    try:
        with store.engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    finally:
        store.engine.dispose()
