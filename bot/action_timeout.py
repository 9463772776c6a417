"""How long Rasa waits for the action server: `ACTION_TIMEOUT` seconds (default 30), not 5 minutes.

Rasa 3.6 waits up to 300 s for a custom action (`DEFAULT_REQUEST_TIMEOUT`). The gateway tells
the user "still working" after `RASA_TIMEOUT` and waits for the late answer up to 60 s; an action
server that hangs longer than that kept the conversation's lock for five minutes, the user's next
messages waited behind it, and the promised answer never came. Past `ACTION_TIMEOUT` Rasa gives the
action up as it does a refused connection (it logs the failure and says nothing), and the gateway
then tells the user to send the message again (`bot.gateway.core`, `late_failed`). Nothing given
before is lost: a failed action's events are never applied.
"""
from __future__ import annotations

import logging
import os

log = logging.getLogger(__name__)

DEFAULT_ACTION_TIMEOUT_S = 30.0


def action_timeout_s() -> float:
    """ACTION_TIMEOUT in seconds; a value that is not a positive number gives the default, with a warning."""
    raw = os.environ.get("ACTION_TIMEOUT", "").strip()
    if not raw:
        return DEFAULT_ACTION_TIMEOUT_S
    try:
        value = float(raw)
    except ValueError:
        value = 0.0
    if not 0 < value < float("inf"):
        log.warning("ACTION_TIMEOUT=%r is not a positive number of seconds; using %g", raw, DEFAULT_ACTION_TIMEOUT_S)
        return DEFAULT_ACTION_TIMEOUT_S
    return value


def install() -> None:
    """Rasa reads the constant at each action call, so setting it in its module is enough."""
    from rasa.core.actions import action

    action.DEFAULT_REQUEST_TIMEOUT = action_timeout_s()


def is_installed() -> bool:
    from rasa.core.actions import action

    return action.DEFAULT_REQUEST_TIMEOUT == action_timeout_s()
