"""Custom actions (rasa-sdk). Thin: the logic lives in bot.claims and bot.store.

Elderly mode (actions/elderly.py) changes how every action speaks, not what it
does: the action server's executor passes each action's messages through
`elderly.adapt` when the conversation is in elderly mode.

Traditional Chinese works the same way: actions write Simplified, and the
executor converts every message (text and button titles, never payloads) with
`bot.i18n.localise_message` when the reply language is zh-Hant — form
validators and actions alike, in this one place.
"""
from rasa_sdk.executor import ActionExecutor


def slots_after(slots, events):
    """The slots once an action's events are applied (an action may just have switched a mode or language)."""
    slots = dict(slots)
    for event in events:
        if event.get("event") == "slot":
            slots[event.get("name")] = event.get("value")
        elif event.get("event") == "reset_slots":
            slots = {}
    return slots


def _adapt_messages(run):
    async def wrapper(self, action_call):
        response = await run(self, action_call)
        if response:
            from actions import elderly  # imported late: rasa-sdk imports this package first
            from bot.i18n import ZH_HANT, language_of_slots, localise_message

            slots = (action_call.get("tracker") or {}).get("slots") or {}
            events = response.get("events") or []
            if elderly.turned_on(slots, events):
                response["responses"] = elderly.adapt(response.get("responses") or [])
            if language_of_slots(slots_after(slots, events)) == ZH_HANT:
                response["responses"] = [localise_message(m, ZH_HANT) for m in response.get("responses") or []]
        return response

    wrapper.__wrapped__ = run
    return wrapper


if not hasattr(ActionExecutor.run, "__wrapped__"):
    from actions.ask_ahead import ask_ahead

    # The next form question rides on the validator's response (actions/ask_ahead.py), adapted like any other.
    ActionExecutor.run = ask_ahead(_adapt_messages(ActionExecutor.run))

from bot import logging_masks  # noqa: E402 - rasa-sdk imports this package first: mask its logs too

logging_masks.install()
