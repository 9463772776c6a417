"""Advisor tests.

Store tests reuse the SQLite + PostgreSQL fixtures of tests/test_bot. Console
tests run the console mounted at /advisor in a parent app holding a fake
gateway, on a migrated and seeded SQLite database, with the demo clock.
"""
from __future__ import annotations

import re
import warnings
from dataclasses import dataclass, field

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer

from bot.advisor import create_console
from bot.store import handoffs
from bot.store.advisors import create_advisor
from bot.store.db import migrate, reset_engines, session_scope
from bot.store.disputes import create_dispute
from bot.store.models import Claim, Customer
from sqlalchemy import select
from bot.store.seed import seed_demo
from bot.store.transcripts import add_message
from tests.test_bot.conftest import db_url, frozen_clock, pg_database_url, seeded_url  # noqa: F401 - fixtures

PASSWORD = "correct horse battery"
CSRF_RE = re.compile(r'name="csrf_token" value="([^"]+)"')


class FakeGateway:
    """Records what the console asks of the gateway; deliver() also writes the transcript, as the real one does."""

    def __init__(self, url: str):
        self.url = url
        self.delivered: list[tuple] = []
        self.returned: list[str] = []
        self.fail = False

    async def deliver(self, sender_id, messages, role="advisor", advisor_id=None):
        if self.fail:
            raise ConnectionError("channel down")
        self.delivered.append((sender_id, [m["text"] for m in messages], role, advisor_id))
        with session_scope(self.url) as session:
            for message in messages:
                add_message(session, sender_id, role, message["text"], advisor_id=advisor_id)

    async def return_to_bot(self, sender_id):
        if self.fail:
            raise ConnectionError("Rasa down")
        self.returned.append(sender_id)
        return []


@pytest.fixture
def console_url(tmp_path, frozen_clock):  # noqa: F811 - the imported fixture
    url = f"sqlite:///{tmp_path / 'claims.db'}"
    migrate(url)
    with session_scope(url) as session:
        seed_demo(session)
        create_advisor(session, "wang.fang", "王芳", PASSWORD)
        create_advisor(session, "zhao.lei", "赵磊", PASSWORD)
    yield url
    reset_engines()


@pytest.fixture
def gateway(console_url):
    return FakeGateway(console_url)


@pytest.fixture
async def client(console_url, gateway):
    parent = web.Application()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", web.NotAppKeyWarning)  # the real gateway uses the same plain key
        parent["gateway"] = gateway
    parent.add_subapp("/advisor", create_console(console_url))
    async with TestClient(TestServer(parent)) as test_client:
        yield test_client


@dataclass
class LoggedIn:
    client: TestClient
    csrf: str
    posted: list = field(default_factory=list)

    async def post(self, path: str, data: dict | None = None, **kwargs):
        """POST a console form with the session's CSRF token, not following the redirect."""
        return await self.client.post(path, data={"csrf_token": self.csrf, **(data or {})},
                                      allow_redirects=False, **kwargs)


async def log_in(client: TestClient, username: str = "wang.fang", password: str = PASSWORD):
    page = await client.get("/advisor/login")
    token = CSRF_RE.search(await page.text()).group(1)
    return await client.post("/advisor/login", data={"csrf_token": token, "username": username, "password": password},
                             allow_redirects=False)


@pytest.fixture
async def advisor(client) -> LoggedIn:
    response = await log_in(client)
    assert response.status == 303, await response.text()
    page = await client.get("/advisor/")
    return LoggedIn(client, re.search(r'data-csrf-token="([^"]+)"', await page.text()).group(1))


def _context(title: str) -> dict:
    return {"title": title, "sections": [{"heading": "客户", "lines": [f"{title.split(' · ')[0]} · 已验证身份"]},
                                         {"heading": "用户原话", "lines": ["我要找人工"]}]}


@pytest.fixture
def queued(console_url) -> dict:
    """Queue items as the dialogue opens them: a plain hand-off, an elderly user, a call-back, a dispute."""
    with session_scope(console_url) as session:
        people = {c.name: c for c in session.scalars(select(Customer))}
        normal = handoffs.open_handoff(session, sender_id="web-wang", reason="request_human",
                                       customer_id=people["王丽"].id, context=_context("王丽 · 要求人工"),
                                       user_words="我要找人工")
        add_message(session, "web-wang", "user", "我要找人工")
        add_message(session, "web-wang", "bot", "好的，正在为您转接人工顾问。",
                    buttons=[{"title": "取消", "payload": "/cancel"}])
        callback = handoffs.open_handoff(session, sender_id=None, reason="callback", kind="callback",
                                         customer_id=people["张伟"].id, context=_context("张伟 · 预约回电"))
        elderly = handoffs.open_handoff(session, sender_id="web-li", reason="elderly",
                                        customer_id=people["李建国"].id, context=_context("李建国 · 老年用户"))
        claim = session.scalar(select(Claim).where(Claim.case_number == "C-1001"))
        dispute = create_dispute(session, claim=claim, customer_id=people["王丽"].id, sender_id="web-dispute",
                                 grounds=["emergency_admission"], statement="是120送去的，最近的医院就是这家。")
        disputed = handoffs.open_handoff(session, sender_id="web-dispute", reason="dispute", kind="dispute",
                                         customer_id=people["王丽"].id, claim_id=claim.id, dispute_id=dispute.id,
                                         context=_context("王丽 · 申诉 · C-1001"))
        return {"normal": normal.id, "callback": callback.id, "elderly": elderly.id, "dispute_item": disputed.id,
                "dispute": dispute.id}
