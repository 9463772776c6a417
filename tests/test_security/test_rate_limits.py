"""Rate limits per sender and per client IP (bot/gateway/limits.py), and the size limits, from outside."""
from __future__ import annotations

import io

import pytest
from aiohttp import FormData

from bot.gateway.limits import Buckets, RateLimits
from tests.test_security.conftest import gateway_client


@pytest.fixture
async def limited(fake_rasa, gateway_db, monkeypatch):
    monkeypatch.setenv("RATE_LIMIT_PER_MINUTE", "3")
    monkeypatch.setenv("RATE_LIMIT_IP_PER_MINUTE", "5")
    client = await gateway_client(fake_rasa.url, gateway_db)
    yield client
    await client.close()


async def send(client, sender, text="你好", **kwargs):
    return await client.post("/api/messages", json={"sender": sender, "text": text}, **kwargs)


async def test_a_sender_over_the_limit_gets_429_json_with_retry_after(limited, fake_rasa):
    for _ in range(3):
        assert (await send(limited, "u-fast")).status == 200
    refused = await send(limited, "u-fast")
    assert refused.status == 429
    body = await refused.json()
    assert body["error"] == "rate_limited" and " / " in body["message"] and "秒后再试" in body["message"]
    assert 1 <= int(refused.headers["Retry-After"]) <= 20
    assert len(fake_rasa.messages) == 3  # the refused message never reached Rasa
    # another conversation from the same (local, unforwarded) address is not held back
    assert (await send(limited, "u-other")).status == 200


def upload_form(sender, file_first=False, data=b"\xff\xd8\xff photo") -> FormData:
    form = FormData()
    if not file_first:
        form.add_field("sender", sender)
    form.add_field("file", data, filename="发票.jpg", content_type="image/jpeg")
    if file_first:
        form.add_field("sender", sender)
    return form


async def test_uploads_count_for_the_sender_named_in_the_form(limited, fake_rasa, tmp_path, monkeypatch):
    """The web chat names the sender in the form, not the query string: its uploads count for it too,
    together with its texts, whichever field comes first."""
    uploads = tmp_path / "uploads"
    monkeypatch.setenv("CLAIMS_UPLOADS_DIR", str(uploads))
    assert (await send(limited, "u-photos")).status == 200
    assert (await limited.post("/api/upload", data=upload_form("u-photos"))).status == 200
    assert (await limited.post("/api/upload", data=upload_form("u-photos", file_first=True))).status == 200
    for form in (upload_form("u-photos", data=b"\xff\xd8\xff another"),
                 upload_form("u-photos", file_first=True, data=b"\xff\xd8\xff a third")):
        refused = await limited.post("/api/upload", data=form)
        assert refused.status == 429 and (await refused.json())["error"] == "rate_limited"
        assert 1 <= int(refused.headers["Retry-After"]) <= 20
    assert (await send(limited, "u-photos")).status == 429
    assert len(fake_rasa.messages) == 3  # nothing refused reached Rasa
    assert len(list(uploads.rglob("*.json"))) == 1  # nor staged: only the photo sent twice is there
    assert (await limited.post("/api/upload", data=upload_form("u-else"))).status == 200


async def test_the_limit_refills_with_time():
    now = [0.0]
    buckets = Buckets(3, now=lambda: now[0])
    assert [buckets.take("a") for _ in range(3)] == [0, 0, 0]
    assert buckets.take("a") == pytest.approx(20.0)
    now[0] = 20.0
    assert buckets.take("a") == 0 and buckets.take("a") > 0


async def test_per_ip_through_a_trusted_proxy(limited):
    headers = {"X-Forwarded-For": "203.0.113.9, 198.51.100.7"}  # the proxy added the last one
    for index in range(5):
        assert (await limited.get("/api/messages", params={"sender": f"p{index}"}, headers=headers)).status == 200
    refused = await send(limited, "p-new", headers=headers)
    assert refused.status == 429 and (await refused.json())["error"] == "rate_limited"
    # a different client behind the same proxy is counted on its own
    assert (await send(limited, "p-new", headers={"X-Forwarded-For": "198.51.100.8"})).status == 200


async def test_an_untrusted_peer_cannot_choose_its_address(fake_rasa, gateway_db, monkeypatch):
    monkeypatch.setenv("RATE_LIMIT_IP_PER_MINUTE", "2")
    monkeypatch.setenv("RATE_LIMIT_TRUSTED_PROXIES", "10.9.9.9")  # loopback is now an ordinary client
    client = await gateway_client(fake_rasa.url, gateway_db)
    try:
        statuses = [(await send(client, f"s{i}", headers={"X-Forwarded-For": f"192.0.2.{i}"})).status for i in range(3)]
        assert statuses == [200, 200, 429]
    finally:
        await client.close()


async def test_console_page_health_and_static_are_not_limited(limited):
    for _ in range(8):
        assert (await limited.get("/health")).status == 200
        assert (await limited.get("/", allow_redirects=False)).status in (200, 404)
        assert (await limited.get("/advisor/login")).status == 200


async def test_zero_turns_limits_off(fake_rasa, gateway_db, monkeypatch):
    monkeypatch.setenv("RATE_LIMIT_PER_MINUTE", "0")
    monkeypatch.setenv("RATE_LIMIT_IP_PER_MINUTE", "0")
    client = await gateway_client(fake_rasa.url, gateway_db, mount_console=False)
    try:
        for _ in range(40):
            assert (await send(client, "u-bench")).status == 200
    finally:
        await client.close()


def test_settings_from_the_environment(monkeypatch):
    monkeypatch.delenv("RATE_LIMIT_PER_MINUTE", raising=False)
    monkeypatch.delenv("RATE_LIMIT_IP_PER_MINUTE", raising=False)
    monkeypatch.delenv("RATE_LIMIT_TRUSTED_PROXIES", raising=False)
    assert RateLimits.from_env() == RateLimits(30, 300, frozenset({"127.0.0.1", "::1"}))
    monkeypatch.setenv("RATE_LIMIT_PER_MINUTE", "-1")
    with pytest.raises(ValueError):
        RateLimits.from_env()


# --- the size limits that already exist, from outside ---

async def test_text_over_5000_characters_is_refused_not_cut(limited, fake_rasa):
    response = await send(limited, "u-long", "字" * 5001)
    assert response.status == 413 and (await response.json())["error"] == "text_too_long"
    assert fake_rasa.messages == []


async def test_a_body_over_aiohttps_limit_is_json(limited):
    response = await limited.post("/api/messages", data=io.BytesIO(b'{"sender": "u", "text": "' + b"a" * (2 * 1024 * 1024) + b'"}'),
                                  headers={"Content-Type": "application/json"})
    assert response.status == 413 and (await response.json())["error"] in ("body_too_large", "text_too_long")


async def test_upload_over_20_mb_is_refused(fake_rasa, gateway_db, monkeypatch):
    monkeypatch.setenv("RATE_LIMIT_PER_MINUTE", "0")
    client = await gateway_client(fake_rasa.url, gateway_db, mount_console=False)
    try:
        form = FormData()
        form.add_field("sender", "u-big")
        form.add_field("file", io.BytesIO(b"\xff\xd8\xff" + b"0" * (20 * 1024 * 1024 + 10)), filename="big.jpg",
                       content_type="image/jpeg")
        response = await client.post("/api/upload", data=form)
        assert response.status == 413 and (await response.json())["error"] == "file_too_large"
        form = FormData()
        form.add_field("sender", "u-big")
        form.add_field("caption", "说" * 1001)
        form.add_field("file", io.BytesIO(b"%PDF-1.4"), filename="a.pdf", content_type="application/pdf")
        response = await client.post("/api/upload", data=form)
        assert response.status == 413 and (await response.json())["error"] == "caption_too_long"
        assert fake_rasa.messages == []
    finally:
        await client.close()


async def test_unknown_api_routes_and_methods_answer_json(limited):
    response = await limited.get("/api/nope")
    assert response.status == 404 and (await response.json())["error"] == "not_found"
    response = await limited.delete("/api/messages")
    assert response.status == 405 and (await response.json())["error"] == "method_not_allowed"
