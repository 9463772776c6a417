"""Speed-ups for Rasa Open Source 3.6 internals, behaviour unchanged.

Rasa checks every action-server response with `jsonschema.validate(result,
schema)`. That call first validates the *schema itself* against the draft
2020-12 meta-schema, every time: measured with py-spy, about 60% of the Rasa
server's time per form turn went there. Here the validator is built once;
a valid response is accepted at once, and an invalid one still goes through
Rasa's own method, so it fails exactly as before, with Rasa's message.

`install()` is called when Rasa imports our NLU components, i.e. in every
process that loads the model (`rasa run`, `rasa shell`, `rasa test`).
"""
from __future__ import annotations

import functools
from typing import Any, Callable, Dict

_PATCHED = "_claims_fast_validation"


@functools.lru_cache(maxsize=1)
def _response_validator():
    from jsonschema import validators
    from rasa.core.actions.action import RemoteAction

    schema = RemoteAction.action_response_format_spec()
    cls = validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def _fast(original: Callable[[Any, Dict[str, Any]], bool]) -> Callable[[Any, Dict[str, Any]], bool]:
    @functools.wraps(original)
    def validate_action_result(self, result: Dict[str, Any]) -> bool:
        if _response_validator().is_valid(result):
            return True
        return original(self, result)  # raises Rasa's ValidationError with its message

    setattr(validate_action_result, _PATCHED, True)
    return validate_action_result


def install() -> None:
    """Patch once; safe to call again."""
    from rasa.core.actions.action import RemoteAction

    current = RemoteAction._validate_action_result
    if not getattr(current, _PATCHED, False):
        RemoteAction._validate_action_result = _fast(current)


def is_installed() -> bool:
    from rasa.core.actions.action import RemoteAction

    return getattr(RemoteAction._validate_action_result, _PATCHED, False)
