"""A tracker's applied events, worked out once per event instead of once per call (Rasa 3.6).

`DialogueStateTracker.applied_events()` walks every event of the conversation
(undoing reverted ones and repeated form executions) each time it is called,
and every policy calls it for every prediction, through the states of the
whole conversation: py-spy showed about 5% of the Rasa server there, in a
claim report that grows by a dozen events a turn. Events are only appended
to a tracker, so this keeps what the walk has done so far on the tracker and
goes on from there with the new events, by the same steps as Rasa's method.

It starts again from the first event whenever the kept walk may not hold:
the event list was replaced (a reset), the events it saw are no longer the
first ones, or a new event names a form (`active_loop`) that was not named
before (Rasa treats a form's executions differently from the first event on
once the form is named anywhere in the conversation). Callers get a new
list each time, as from Rasa. Tested against Rasa's own method on random
event sequences (hypothesis).
"""
from __future__ import annotations

from typing import Any, FrozenSet, List, Optional, Tuple

_MARK = "_claims_applied_events"
_KEPT = "_claims_kept_applied_events"


def _walk(tracker: Any, done: List[Any], events: Any, loop_names: FrozenSet[str]) -> List[Any]:
    """Rasa's DialogueStateTracker.applied_events loop, from `done` over `events`."""
    from rasa.shared.core.events import (
        ActionExecuted, ActionReverted, Restarted, SessionStarted, UserUttered, UserUtteranceReverted,
    )

    for event in events:
        if isinstance(event, (Restarted, SessionStarted)):
            done = []
        elif isinstance(event, ActionReverted):
            tracker._undo_till_previous(ActionExecuted, done)
        elif isinstance(event, UserUtteranceReverted):
            tracker._undo_till_previous(UserUttered, done)
            tracker._undo_till_previous(ActionExecuted, done)
        elif (isinstance(event, ActionExecuted) and event.action_name in loop_names
              and not tracker._first_loop_execution_or_unhappy_path(event.action_name, done)):
            tracker._undo_till_previous_loop_execution(event.action_name, done)
        else:
            done.append(event)
    return done


def _loop_names(events: Any) -> FrozenSet[str]:
    from rasa.shared.core.events import ActiveLoop

    return frozenset(event.name for event in events if isinstance(event, ActiveLoop) and event.name)


def _kept_walk(tracker: Any) -> Optional[Tuple[Any, int, FrozenSet[str], List[Any]]]:
    """(events list, events walked, form names, applied) when the kept walk still holds, else None."""
    kept = tracker.__dict__.get(_KEPT)
    if kept is None:
        return None
    events, seen, loop_names, done, last = kept
    current = tracker.events
    if events is not current or len(current) < seen or (seen and current[seen - 1] is not last):
        return None
    return events, seen, loop_names, done


def applied_events(self: Any) -> List[Any]:
    events = self.events
    count = len(events)
    kept = _kept_walk(self)
    new = [events[i] for i in range(kept[1], count)] if kept else None
    if kept is None or not _loop_names(new) <= kept[2]:
        loop_names = _loop_names(events)
        done = _walk(self, [], events, loop_names)
    else:
        loop_names, done = kept[2], _walk(self, kept[3], new, kept[2])
    self.__dict__[_KEPT] = (events, count, loop_names, done, events[count - 1] if count else None)
    return list(done)


setattr(applied_events, _MARK, True)


def install() -> None:
    from rasa.shared.core.trackers import DialogueStateTracker

    if not getattr(DialogueStateTracker.applied_events, _MARK, False):
        applied_events.rasa_original = DialogueStateTracker.applied_events
        DialogueStateTracker.applied_events = applied_events


def is_installed() -> bool:
    from rasa.shared.core.trackers import DialogueStateTracker

    return getattr(DialogueStateTracker.applied_events, _MARK, False)
