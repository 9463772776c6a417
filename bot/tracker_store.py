"""Rasa's SQL tracker store, reading each conversation's events from the database once.

Rasa's `SQLTrackerStore` reads every event of the conversation's session for every message
(an ORM object per row) and counts them again before it saves. Measured with py-spy under
load, that was about a quarter of the Rasa server's time. This store keeps, per conversation,
the stored rows of the current session (their JSON, as Rasa wrote it) and checks them against
the database with one small query, `count(*)` and `max(id)` of the conversation's rows:

- unchanged (the usual case): the tracker is rebuilt from the kept rows;
- anything else (another Rasa instance took the conversation over, rows were removed): Rasa's
  own query reads it again.

Saving the very tracker the store has just built (or saved) is not checked again: Rasa holds the
conversation's lock from reading it to saving it, so nothing else can have written in between.

Events are only ever appended, and Rasa's lock store (Redis in the scaled mode) lets one
process at a time work on a conversation, so a kept copy that passes the check is what Rasa
would have read. The tracker is still rebuilt from JSON for every message, as Rasa does, so
nothing a message's processing changes can leak into the next one.

On the embedded SQLite file the store also keeps its connection open between messages
(SQLAlchemy 1.4 opens and closes a new SQLite connection for every session otherwise: about 5%
of Rasa's time) and uses WAL journaling with `synchronous=NORMAL`, so a commit does not wait
for fsyncs.

Selected in the endpoints file with `type: bot.tracker_store.CachedSQLTrackerStore` (the other
keys as for Rasa's `SQL` type); `TRACKER_CACHE_MB` bounds the kept JSON (default 64 MB; 0 = off).
"""
from __future__ import annotations

import functools
import json
import logging
import os
import weakref
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any, List, Optional, Text, Tuple

import sqlalchemy as sa
import sqlalchemy.orm
import sqlalchemy.pool
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.events import SessionStarted
from rasa.shared.core.trackers import DialogueStateTracker

from bot.store.db import use_wal

logger = logging.getLogger(__name__)

DEFAULT_CACHE_MB = 64.0

# (id, type_name, timestamp, data): one stored event.
Row = Tuple[int, str, Optional[float], str]


@dataclass
class _Kept:
    """The rows of a conversation's current session, and what the whole conversation looked like."""

    rows: List[Row] = field(default_factory=list)
    total: int = 0  # rows of the conversation in the database, every session
    last_id: int = 0
    size: int = field(init=False)
    # The tracker built from these rows by `retrieve`, or saved with them: saving it again needs no check.
    tracker: Optional["weakref.ReferenceType[DialogueStateTracker]"] = field(default=None, compare=False)

    def __post_init__(self) -> None:
        self.size = sum(len(row[3]) for row in self.rows)


def current_session(rows: List[Row]) -> List[Row]:
    """Rasa's rule (`SQLTrackerStore._event_query`): the rows whose timestamp is at or after the
    latest `session_started`, or all rows when there is none."""
    starts = [row[2] for row in rows if row[1] == SessionStarted.type_name and row[2] is not None]
    if not starts:
        return rows
    start = max(starts)
    return [row for row in rows if row[2] is not None and row[2] >= start]


class CachedSQLTrackerStore(SQLTrackerStore):
    """`SQLTrackerStore` that keeps the rows it read or wrote, checked before every use."""

    def __init__(self, *args: Any, cache_mb: Optional[float] = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if cache_mb is None:
            cache_mb = float(os.environ.get("TRACKER_CACHE_MB", DEFAULT_CACHE_MB))
        self.cache_bytes = int(cache_mb * 1024 * 1024)
        self._kept: "OrderedDict[str, _Kept]" = OrderedDict()
        self._kept_bytes = 0
        self.hits = 0
        self.misses = 0
        if self.engine.dialect.name == "sqlite":
            url = self.engine.url
            self.engine.dispose()
            self.engine = sa.create_engine(url, poolclass=sa.pool.QueuePool, pool_size=1, max_overflow=4,
                                           connect_args={"check_same_thread": False})
            sa.event.listen(self.engine, "connect", lambda connection, _record: use_wal(connection, "NORMAL"))
            self.sessionmaker = sa.orm.session.sessionmaker(bind=self.engine)

    # ----------------------------------------------------------------- reading
    async def retrieve(self, sender_id: Text) -> Optional[DialogueStateTracker]:
        if not self.cache_bytes:
            return await super().retrieve(sender_id)
        with self.session_scope() as session:
            kept = self._checked(session, sender_id)
        if not kept.rows or not self.domain:
            return None
        events = [json.loads(row[3]) for row in kept.rows]
        tracker = DialogueStateTracker.from_dict(sender_id, events, self.domain.slots)
        kept.tracker = weakref.ref(tracker)
        return tracker

    def _checked(self, session: Any, sender_id: Text) -> _Kept:
        """The conversation's rows, from the cache when the database still matches it."""
        total, last_id = self._shape(session, sender_id)
        kept = self._kept.get(sender_id)
        if kept is not None and (kept.total, kept.last_id) == (total, last_id):
            self.hits += 1
            self._kept.move_to_end(sender_id)
            return kept
        self.misses += 1
        query = self._event_query(session, sender_id, fetch_events_from_all_sessions=False)
        rows = [(e.id, e.type_name, e.timestamp, e.data) for e in query]
        kept = _Kept(rows=rows, total=total, last_id=last_id)
        self._keep(sender_id, kept)
        return kept

    def _unchanged_since_read(self, tracker: DialogueStateTracker) -> Optional[_Kept]:
        """The kept rows, without asking the database, when `tracker` is the one this store built from
        them (or last saved with them). Rasa reads, works on and saves a tracker while it holds the
        conversation's lock (`Agent.handle_message`, the HTTP API's routes), so no other process can
        have written in between; any other tracker (built elsewhere, or after a newer read) is checked."""
        kept = self._kept.get(tracker.sender_id)
        if kept is not None and kept.tracker is not None and kept.tracker() is tracker:
            self.hits += 1
            return kept
        return None

    def _shape(self, session: Any, sender_id: Text) -> Tuple[int, int]:
        count, last_id = session.execute(self._shape_query, {"sender": sender_id}).one()
        return int(count or 0), int(last_id or 0)

    @functools.cached_property
    def _shape_query(self) -> Any:
        """Built once, a Core statement: an ORM query built per call cost 2.5 times its CPU (0.30 ms)."""
        table = self.SQLEvent
        return sa.select(sa.func.count(table.id), sa.func.max(table.id)).where(
            table.sender_id == sa.bindparam("sender"))

    # ----------------------------------------------------------------- writing
    async def save(self, tracker: DialogueStateTracker) -> None:
        if not self.cache_bytes:
            return await super().save(tracker)
        await self.stream_events(tracker)
        with self.session_scope() as session:
            kept = self._unchanged_since_read(tracker) or self._checked(session, tracker.sender_id)
            added = []
            for event in list(tracker.events)[len(kept.rows):]:
                data = event.as_dict()
                row = self.SQLEvent(
                    sender_id=tracker.sender_id,
                    type_name=event.type_name,
                    timestamp=data.get("timestamp"),
                    intent_name=data.get("parse_data", {}).get("intent", {}).get("name"),
                    action_name=data.get("name"),
                    data=json.dumps(data),
                )
                session.add(row)
                added.append(row)
            session.flush()  # assigns the ids
            new_rows = [(r.id, r.type_name, r.timestamp, r.data) for r in added]
            session.commit()
        if new_rows:
            kept = _Kept(rows=current_session(kept.rows + new_rows), total=kept.total + len(new_rows),
                         last_id=max(kept.last_id, new_rows[-1][0]))
            self._keep(tracker.sender_id, kept)
        kept.tracker = weakref.ref(tracker)
        logger.debug("Tracker of %s stored (%d new events)", tracker.sender_id, len(new_rows))

    # ----------------------------------------------------------------- the cache
    def _keep(self, sender_id: Text, kept: _Kept) -> None:
        old = self._kept.pop(sender_id, None)
        if old is not None:
            self._kept_bytes -= old.size
        size = kept.size
        if size > self.cache_bytes:
            return
        self._kept[sender_id] = kept
        self._kept_bytes += size
        while self._kept_bytes > self.cache_bytes:
            _, evicted = self._kept.popitem(last=False)
            self._kept_bytes -= evicted.size

    def forget(self, sender_id: Optional[Text] = None) -> None:
        """Drop the kept rows of one conversation (or all): the next read goes to the database."""
        if sender_id is None:
            self._kept.clear()
            self._kept_bytes = 0
        elif sender_id in self._kept:
            self._kept_bytes -= self._kept.pop(sender_id).size

