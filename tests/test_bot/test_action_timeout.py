"""Rasa's wait for the action server: ACTION_TIMEOUT (default 30 s) instead of Rasa's five minutes.
The behaviour in a real run (a frozen action server) is in tests/test_faults/test_stack_faults.py."""
import asyncio

import pytest
from aiohttp import web
from aiohttp.test_utils import TestServer
from rasa.core.actions import action
from rasa.core.actions.action import RemoteAction
from rasa.shared.core.domain import Domain
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig

from bot import action_timeout


@pytest.fixture(autouse=True)
def restore_rasa_constant():
    before = action.DEFAULT_REQUEST_TIMEOUT
    yield
    action.DEFAULT_REQUEST_TIMEOUT = before


@pytest.mark.parametrize("raw, seconds", [("", 30.0), ("12", 12.0), ("0.5", 0.5), ("0", 30.0), ("-3", 30.0),
                                          ("abc", 30.0), ("inf", 30.0), ("nan", 30.0)])
def test_the_setting_is_a_positive_number_of_seconds(monkeypatch, raw, seconds):
    monkeypatch.setenv("ACTION_TIMEOUT", raw)
    assert action_timeout.action_timeout_s() == seconds


def test_installed_with_the_other_rasa_patches(monkeypatch):
    from bot import rasa_patches

    monkeypatch.setenv("ACTION_TIMEOUT", "7")
    assert not rasa_patches.is_installed()
    rasa_patches.install()
    assert action.DEFAULT_REQUEST_TIMEOUT == 7.0 and rasa_patches.is_installed()


async def test_a_hung_action_server_is_given_up_after_the_timeout(monkeypatch):
    """Rasa's own RemoteAction against a server that never answers: it fails after ACTION_TIMEOUT."""
    hang = asyncio.Event()

    async def webhook(request):
        await hang.wait()
        return web.json_response({"events": [], "responses": []})

    app = web.Application()
    app.router.add_post("/webhook", webhook)
    server = TestServer(app, host="127.0.0.1")
    await server.start_server()
    monkeypatch.setenv("ACTION_TIMEOUT", "0.5")
    action_timeout.install()
    try:
        remote = RemoteAction("action_hangs", EndpointConfig(str(server.make_url("/webhook"))))
        tracker = DialogueStateTracker("hung", [])
        loop = asyncio.get_running_loop()
        started = loop.time()
        with pytest.raises(asyncio.TimeoutError):
            await remote.run(None, None, tracker, Domain.empty())
        assert loop.time() - started < 3
    finally:
        hang.set()
        await server.close()
