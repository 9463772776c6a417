"""Telegram fixtures: the fake Bot API server, the channel against a scripted gateway, and the
whole gateway app (in process) against the real Rasa + action server of the session `stack`."""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import List, Optional

import pytest
from aiohttp.test_utils import TestServer

from bot.channels.telegram import TELEGRAM, TelegramChannel
from bot.gateway import create_app
from bot.settings import load_settings
from bot.store import migrate, reset_engines

from .fake_bot_api import Call, FakeBotApi

TOKEN = "123456:TEST-token_for-the-fake-api"


def settings_for(fake: FakeBotApi, **changes):
    return replace(load_settings(), telegram_bot_token=TOKEN, telegram_api_base=fake.url, **changes)


@dataclass
class Harness:
    """Send an update through the fake server; get back what the bot sent (sendMessage calls)."""

    fake: FakeBotApi
    channel: TelegramChannel
    server: Optional[TestServer] = None

    async def send(self, update: dict, redeliver: bool = False) -> List[Call]:
        mark = len(self.fake.calls)
        self.fake.inject(update, redeliver=redeliver)
        await self.channel.wait_processed(update["update_id"], timeout=60)
        return self.fake.since(mark)

    @property
    def gateway(self):
        return self.channel.gateway


def said(calls: List[Call]) -> str:
    return "\n".join(call.text for call in calls)


@pytest.fixture
async def fake():
    api = await FakeBotApi(TOKEN).start()
    yield api
    await api.close()


@dataclass
class ScriptedGateway:
    """Stands in for bot.gateway.Gateway: records what the channel passes on, answers from a script."""

    database_url: str
    received: List[tuple] = field(default_factory=list)
    uploads: List[tuple] = field(default_factory=list)
    local: List[tuple] = field(default_factory=list)  # messages the channel answered itself
    replies: List[dict] = field(default_factory=lambda: [{"text": "收到", "buttons": []}])
    channels: dict = field(default_factory=dict)

    def register_channel(self, name, async_send) -> None:
        self.channels[name] = async_send

    async def handle_user_message(self, sender_id, text, channel="api", channel_ref=None):
        self.received.append((sender_id, text, channel, channel_ref))
        return self.replies

    async def handle_upload(self, sender_id, data, filename, caption=None, channel="web", channel_ref=None):
        self.uploads.append((sender_id, data, filename, caption, channel, channel_ref))
        return [{"text": "文件收到", "buttons": []}]

    async def answered_by_channel(self, sender_id, shown, replies, channel, channel_ref=None):
        self.local.append((sender_id, shown, channel, channel_ref))
        return replies


@pytest.fixture
async def scripted(fake, tmp_path):
    """The channel polling the fake server, in front of a scripted gateway on a fresh SQLite database."""
    url = f"sqlite:///{tmp_path / 'claims.db'}"
    migrate(url)
    gateway = ScriptedGateway(url)
    channel = TelegramChannel(settings_for(fake), gateway, poll_timeout=1)
    await channel.start()
    harness = Harness(fake, channel)
    yield harness
    await harness.channel.stop()  # a test may have replaced it
    reset_engines()


@pytest.fixture
async def telegram(stack, fake, monkeypatch):
    """The real gateway app with Telegram on (long polling the fake server), Rasa and actions of `stack`."""
    monkeypatch.setenv("CLAIMS_UPLOADS_DIR", str(stack.workdir / "uploads"))  # where the action server reads
    app = create_app(settings_for(fake), rasa_url=stack.url, rasa_token=stack.rasa_token,
                     database_url=stack.database_url, mount_console=False)
    server = TestServer(app)
    await server.start_server()
    yield Harness(fake, app[TELEGRAM], server)
    await server.close()
    reset_engines()
