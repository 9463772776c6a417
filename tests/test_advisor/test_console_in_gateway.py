"""The console mounted by the real gateway app: an advisor's reply reaches the user's transcript."""
from __future__ import annotations

from aiohttp.test_utils import TestClient, TestServer

from bot.gateway.app import create_app
from bot.settings import load_settings
from tests.test_advisor.conftest import LoggedIn, log_in


async def test_reply_through_the_real_gateway(console_url, queued):
    app = create_app(load_settings(), rasa_url="http://127.0.0.1:9", database_url=console_url)
    async with TestClient(TestServer(app)) as client:
        assert (await log_in(client)).status == 303
        page = await client.get(f"/advisor/handoffs/{queued['normal']}")
        csrf = (await page.text()).split('data-csrf-token="')[1].split('"')[0]
        advisor = LoggedIn(client, csrf)
        response = await advisor.post(f"/advisor/handoffs/{queued['normal']}/reply", {"text": "王女士您好"})
        assert response.headers["Location"].endswith("msg=replied")
        data = await (await client.get(f"/advisor/handoffs/{queued['normal']}/messages")).json()
        assert (data["messages"][-1]["role"], data["messages"][-1]["text"]) == ("advisor", "王女士您好")
        assert (await client.get("/advisor/audit", allow_redirects=False)).status == 200
