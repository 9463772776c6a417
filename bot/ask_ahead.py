"""The next form question from the validator's response (Rasa side; see actions/ask_ahead.py).

Rasa's FormAction validates the user's answer with `validate_<form>` and then
runs `action_ask_<form>_<slot>` for the next question: two calls to the
action server, each sending the whole tracker. Our action server answers the
first with the second's result as well (`ask_ahead`). Here, within one form
turn (`FormAction.do`), that part is kept and used in place of the second
call when the form asks exactly that slot with exactly that action, after the
same checks Rasa makes of any action-server response; anything else (no
`ask_ahead`, another slot or action, an invalid part) calls the action
server as before. Installed with the other patches (`bot/rasa_patches.py`).
"""
from __future__ import annotations

import contextvars
import functools
from typing import Any, Callable, Dict, List, Optional

ASK_AHEAD = "ask_ahead"
_MARK = "_claims_ask_ahead"

# The prepared questions of the form turn running in this task, by validator name.
_turn: contextvars.ContextVar[Optional[Dict[str, Any]]] = contextvars.ContextVar("form_turn_asks", default=None)


def _during_form_turn(do: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(do)
    async def wrapper(self, *args: Any, **kwargs: Any) -> Any:
        token = _turn.set({})
        try:
            return await do(self, *args, **kwargs)
        finally:
            _turn.reset(token)

    setattr(wrapper, _MARK, True)
    return wrapper


def _keeping_prepared_question(validate: Callable[..., bool]) -> Callable[..., bool]:
    """RemoteAction._validate_action_result sees the whole response: keep its `ask_ahead` for this turn."""

    @functools.wraps(validate)
    def wrapper(self, result: Dict[str, Any]) -> bool:
        valid = validate(self, result)
        prepared, asks = result.get(ASK_AHEAD), _turn.get()
        if asks is not None and isinstance(prepared, dict):
            asks[self.name()] = prepared
        return valid

    setattr(wrapper, _MARK, True)
    return wrapper


def _prepared(form: Any, slot_name: str, question: Optional[str]) -> Optional[Dict[str, Any]]:
    asks = _turn.get()
    prepared = asks.pop(f"validate_{form.name()}", None) if asks else None
    if not prepared or prepared.get("slot") != slot_name or prepared.get("action") != question:
        return None
    response = {"events": prepared.get("events") or [], "responses": prepared.get("responses") or []}
    from bot.rasa_patches import response_is_valid

    return response if response_is_valid(response) else None


def _asking_with_prepared_question(ask: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(ask)
    async def wrapper(self, domain, nlg, output_channel, slot_name, tracker) -> List[Any]:
        question = self._name_of_utterance(domain, slot_name)
        response = _prepared(self, slot_name, question)
        if response is None:
            return await ask(self, domain, nlg, output_channel, slot_name, tracker)
        from rasa.core.actions.action import RemoteAction
        from rasa.shared.core.events import deserialise_events

        # What RemoteAction.run does with the action server's answer.
        messages = await RemoteAction._utter_responses(response["responses"], output_channel, nlg, tracker)
        return messages + deserialise_events(response["events"])

    setattr(wrapper, _MARK, True)
    return wrapper


def install() -> None:
    """Patch once; safe to call again (after bot.rasa_patches' own validation patch)."""
    from rasa.core.actions.action import RemoteAction
    from rasa.core.actions.forms import FormAction

    for owner, name, wrap in ((FormAction, "do", _during_form_turn),
                              (FormAction, "_ask_for_slot", _asking_with_prepared_question),
                              (RemoteAction, "_validate_action_result", _keeping_prepared_question)):
        if not getattr(getattr(owner, name), _MARK, False):
            setattr(owner, name, wrap(getattr(owner, name)))


def is_installed() -> bool:
    from rasa.core.actions.action import RemoteAction
    from rasa.core.actions.forms import FormAction

    methods = (FormAction.do, FormAction._ask_for_slot, RemoteAction._validate_action_result)
    return all(getattr(method, _MARK, False) for method in methods)
