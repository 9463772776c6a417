"""Gateway fixtures: the store fixtures of tests/test_bot (SQLite and PostgreSQL), a fake Rasa, a gateway client.

The fake Rasa is a small aiohttp app on loopback that records every call and
answers like Rasa's REST channel and its HTTP API's /conversations/{id}/execute.
"""
from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass, field
from typing import Callable, List, Optional

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer

from bot.gateway import create_app
from bot.settings import load_settings
from bot.store import migrate, reset_engines
from tests.test_bot.conftest import db_url, frozen_clock, pg_database_url, seeded_url  # noqa: F401 - fixtures

RASA_TOKEN = "test-token"
BACK_TO_BOT_TEXT = "您好，我回来了。还可以帮您：报案、查进度、解读理赔结果。"


@dataclass
class FakeRasa:
    """What the gateway asked; `delays` makes chosen messages slow (seconds by message text)."""

    url: str = ""
    messages: List[tuple] = field(default_factory=list)  # (sender, text) in arrival order
    executed: List[tuple] = field(default_factory=list)  # (conversation id, action, token)
    delays: dict = field(default_factory=dict)
    on_message: Optional[Callable[[str, str], None]] = None  # e.g. a hand-off, as the action server would record it
    silent: set = field(default_factory=set)  # texts answered with nothing, as when an action failed
    failing: set = field(default_factory=set)  # texts answered with a 500
    inside: int = 0  # messages being answered right now
    most_inside: int = 0  # the most ever answered at once

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_get("/", self.root)
        app.router.add_post("/webhooks/rest/webhook", self.webhook)
        app.router.add_post("/conversations/{sender}/execute", self.execute)
        return app

    async def root(self, request):
        return web.Response(text="Hello from Rasa: 3.6.21")

    async def webhook(self, request):
        body = await request.json()
        self.messages.append((body["sender"], body["message"]))
        if self.on_message:
            self.on_message(body["sender"], body["message"])
        self.inside += 1
        self.most_inside = max(self.most_inside, self.inside)
        try:
            await asyncio.sleep(self.delays.get(body["message"], 0))
        finally:
            self.inside -= 1
        if body["message"] in self.silent:
            return web.json_response([])
        if body["message"] in self.failing:
            return web.json_response({"error": "boom"}, status=500)
        return web.json_response([
            {"recipient_id": body["sender"], "text": f"收到：{body['message']}"},
            {"recipient_id": body["sender"], "text": "请选择：",
             "buttons": [{"title": "报案", "payload": "/report_claim", "type": "postback"}], "image": "https://x/1.png"},
        ])

    async def execute(self, request):
        name = (await request.json())["name"]
        self.executed.append((request.match_info["sender"], name, request.query.get("token")))
        messages = [{"recipient_id": request.match_info["sender"], "text": BACK_TO_BOT_TEXT}] if name == "action_back_to_bot" else []
        return web.json_response({"tracker": {}, "messages": messages})


@pytest.fixture
def gateway_db(tmp_path, frozen_clock):
    """A migrated SQLite database for the gateway's transcripts."""
    url = f"sqlite:///{tmp_path / 'claims.db'}"
    migrate(url)
    yield url
    reset_engines()


@pytest.fixture
async def fake_rasa():
    rasa = FakeRasa()
    server = TestServer(rasa.app(), host="127.0.0.1")
    await server.start_server()
    rasa.url = str(server.make_url("")).rstrip("/")
    yield rasa
    await server.close()


async def gateway_client(rasa_url: str, database_url: str, **options) -> TestClient:
    app = create_app(load_settings(), rasa_url=rasa_url, rasa_token=RASA_TOKEN, database_url=database_url,
                     keepalive_s=options.pop("keepalive_s", 0.3), **options)
    client = TestClient(TestServer(app, host="127.0.0.1"))
    await client.start_server()
    return client


@pytest.fixture
async def client(fake_rasa, gateway_db):
    client = await gateway_client(fake_rasa.url, gateway_db, mount_console=False)
    yield client
    await client.close()


async def read_events(response, count: int, timeout: float = 5.0) -> List[dict]:
    """The next `count` SSE message events of a stream, as dicts (with the SSE id checked)."""
    events, event_id = [], None

    async def read():
        nonlocal event_id
        while len(events) < count:
            line = (await response.content.readline()).decode("utf-8").rstrip("\n")
            if line.startswith("id: "):
                event_id = int(line[4:])
            elif line.startswith("data: "):
                data = json.loads(line[6:])
                assert data["id"] == event_id
                events.append(data)

    await asyncio.wait_for(read(), timeout)
    return events
