"""The action-response validation speed-up accepts and rejects exactly what Rasa does."""
import pytest
from jsonschema import ValidationError
from rasa.core.actions.action import RemoteAction

import bot.nlu.components  # noqa: F401 - importing it installs the patches, as in the Rasa server
from bot import rasa_patches

VALID = [
    {"events": [], "responses": []},
    {"events": [{"event": "slot", "name": "verified", "value": True}], "responses": [{"text": "你好", "buttons": []}]},
    {"events": [{"event": "active_loop", "name": None}, {"event": "slot", "name": "requested_slot", "value": None}]},
    {},
]
INVALID = [
    {"events": "not a list"},
    {"events": [{"event": "slot"}]},  # a slot event needs a name
    {"responses": ["plain string"]},
    {"events": [{"event": "no_such_event"}]},
]


def test_installed_when_rasa_loads_our_components():
    assert rasa_patches.is_installed()
    rasa_patches.install()  # idempotent
    assert rasa_patches.is_installed()


@pytest.mark.parametrize("result", VALID)
def test_valid_responses_pass(result):
    assert RemoteAction("action_x", None)._validate_action_result(result) is True


@pytest.mark.parametrize("result", INVALID)
def test_invalid_responses_fail_with_rasas_message(result):
    with pytest.raises(ValidationError, match="Failed to validate Action server response"):
        RemoteAction("action_x", None)._validate_action_result(result)
