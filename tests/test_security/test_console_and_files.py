"""Every advisor console route refuses anonymous and expired sessions; uploaded documents are never served publicly."""
from __future__ import annotations

from datetime import timedelta

import pytest

from bot import clock
from bot.advisor.app import ROUTES
from bot.settings import load_settings
from tests.test_advisor.conftest import advisor, client, console_url, gateway, log_in, queued  # noqa: F401
from tests.test_security.conftest import gateway_client

PROTECTED = [(method, path.replace("{id:\\d+}", "1"), name) for method, path, _, name in ROUTES if name != "login"]
JSON_ROUTES = {"messages"}


def refused(response, method, name) -> bool:
    if method == "GET" and name not in JSON_ROUTES:
        return response.status == 302 and response.headers["Location"].startswith("/advisor/login?next=")
    return response.status == 401


@pytest.mark.parametrize("method, path, name", PROTECTED, ids=[f"{m} {n}" for m, _, n in PROTECTED])
async def test_an_expired_session_is_refused_on_every_route(advisor, gateway, queued, frozen_clock, method, path, name):
    hours = load_settings().advisor_session_hours
    headers = {"X-CSRF-Token": advisor.csrf}  # a valid CSRF token: only the session's age refuses it
    with clock.freeze(frozen_clock + timedelta(hours=hours - 1)):  # still valid just before: the test is not vacuous
        page = await advisor.client.get("/advisor/", allow_redirects=False)
        assert page.status == 200
    with clock.freeze(frozen_clock + timedelta(hours=hours, seconds=1)):
        response = await advisor.client.request(method, f"/advisor{path}", allow_redirects=False, headers=headers,
                                                data={"text": "hi", "outcome": "overturned", "amount": "1"})
    assert refused(response, method, name), (response.status, await response.text())
    assert gateway.delivered == [] and gateway.returned == []


@pytest.mark.parametrize("method, path, name", PROTECTED, ids=[f"{m} {n}" for m, _, n in PROTECTED])
async def test_anonymous_requests_are_refused_on_every_route(client, gateway, method, path, name):
    response = await client.request(method, f"/advisor{path}", allow_redirects=False, data={"text": "hi"})
    assert refused(response, method, name)
    assert gateway.delivered == [] and gateway.returned == []


async def test_no_route_serves_the_uploads_folder(fake_rasa, gateway_db, tmp_path, monkeypatch):
    """Documents are staged under var/uploads by content hash; no gateway route maps to that folder."""
    uploads = tmp_path / "uploads"
    monkeypatch.setenv("CLAIMS_UPLOADS_DIR", str(uploads))
    monkeypatch.setenv("RATE_LIMIT_PER_MINUTE", "0")
    client = await gateway_client(fake_rasa.url, gateway_db)
    try:
        from aiohttp import FormData
        import io

        form = FormData()
        form.add_field("sender", "u-file")
        form.add_field("file", io.BytesIO(b"%PDF-1.4 secret medical record"), filename="病历.pdf",
                       content_type="application/pdf")
        assert (await client.post("/api/upload", data=form)).status == 200
        stored = [p for p in uploads.rglob("*") if p.is_file()]
        assert stored, "the upload was staged"
        for path in stored:
            relative = path.relative_to(uploads).as_posix()
            for url in (f"/uploads/{relative}", f"/static/{relative}", f"/static/../../uploads/{relative}",
                        f"/var/uploads/{relative}", f"/advisor/static/{relative}", f"/{relative}",
                        f"/static/%2e%2e/%2e%2e/%2e%2e/var/uploads/{relative}"):
                response = await client.get(url, allow_redirects=False)
                assert response.status in (302, 400, 403, 404), url
                assert b"secret medical record" not in await response.read()
        # every static route of the app and the console points at a folder of code, never at the uploads
        settings = load_settings()
        app = client.server.app
        folders = [r.get_info().get("directory") for r in app.router.resources() if "directory" in r.get_info()]
        for sub in (r.get_info().get("app") for r in app.router.resources() if "app" in r.get_info()):
            folders += [r.get_info().get("directory") for r in sub.router.resources() if "directory" in r.get_info()]
        assert folders and all(uploads.resolve() not in [f.resolve(), *f.resolve().parents] and
                               f.resolve() not in uploads.resolve().parents and
                               settings.var_dir.resolve() not in [f.resolve(), *f.resolve().parents] for f in folders)
    finally:
        await client.close()
