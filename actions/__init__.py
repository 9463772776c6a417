"""Custom actions (rasa-sdk). Thin: the logic lives in bot.claims and bot.store.

Elderly mode (actions/elderly.py) changes how every action speaks, not what it
does: the action server's executor passes each action's messages through
`elderly.adapt` when the conversation is in elderly mode.
"""
from rasa_sdk.executor import ActionExecutor


def _speak_plainly_in_elderly_mode(run):
    async def wrapper(self, action_call):
        response = await run(self, action_call)
        if response:
            from actions import elderly  # imported late: rasa-sdk imports this package first

            slots = (action_call.get("tracker") or {}).get("slots") or {}
            if elderly.turned_on(slots, response.get("events") or []):
                response["responses"] = elderly.adapt(response.get("responses") or [])
        return response

    wrapper.__wrapped__ = run
    return wrapper


if not hasattr(ActionExecutor.run, "__wrapped__"):
    ActionExecutor.run = _speak_plainly_in_elderly_mode(ActionExecutor.run)

from bot import logging_masks  # noqa: E402 - rasa-sdk imports this package first: mask its logs too

logging_masks.install()
