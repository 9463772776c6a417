"""Who gets in: every route refuses anonymous requests; login, lockout, CSRF, cookies, logout."""
from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from bot import clock
from bot.advisor.app import ROUTES
from bot.store.advisors import audit_log
from bot.store.db import session_scope
from bot.store.models import AdvisorSession
from tests.test_advisor.conftest import CSRF_RE, PASSWORD, log_in

PROTECTED = [(method, path.replace("{id:\\d+}", "1").replace("{message_id:\\d+}", "1"), name)
             for method, path, _, name in ROUTES if name != "login"]
JSON_ROUTES = {"messages"}


def test_every_route_but_login_is_protected():
    assert {name for _, _, name in PROTECTED} == {
        "logout", "queue", "handoff", "messages", "take", "reply", "return_to_bot", "close", "note", "outcome",
        "disputes", "with_insurer", "metrics", "audit", "audit_csv", "attach_file", "assign", "verify_user", "mailing_cancel",
        "callback_done", "reveal_phone", "document", "upload", "mailings", "mailing_status", "appointments"}


@pytest.mark.parametrize("method, path, name", PROTECTED, ids=[f"{m} {n}" for m, _, n in PROTECTED])
async def test_anonymous_requests_are_refused(client, gateway, method, path, name):
    response = await client.request(method, f"/advisor{path}", allow_redirects=False, data={"text": "hi"})
    if method == "GET" and name not in JSON_ROUTES:
        assert response.status == 302
        assert response.headers["Location"].startswith("/advisor/login?next=")
    else:
        assert response.status == 401
        assert (await response.json())["error"] == "请先登录。"
    assert gateway.delivered == [] and gateway.returned == []


@pytest.mark.parametrize("method, path, name", [r for r in PROTECTED if r[0] == "POST"],
                         ids=[n for m, _, n in PROTECTED if m == "POST"])
async def test_a_forged_session_cookie_is_refused(client, method, path, name):
    client.session.cookie_jar.update_cookies({"advisor_session": "forged-token"})
    response = await client.post(f"/advisor{path}", data={"csrf_token": "x"}, allow_redirects=False)
    assert response.status == 401


@pytest.mark.parametrize("path", [p for m, p, n in PROTECTED if m == "GET" and "/1" in p])
async def test_ids_past_the_databases_range_are_not_found(advisor, path):
    response = await advisor.client.get("/advisor" + path.replace("/1", "/" + "9" * 30), allow_redirects=False)
    assert response.status == 404


async def test_static_files_need_no_login(client):
    response = await client.get("/advisor/static/console.css")
    assert response.status == 200 and "text/css" in response.headers["Content-Type"]


async def test_login_sets_a_strict_http_only_session_cookie(client, console_url):
    response = await log_in(client)
    assert response.status == 303 and response.headers["Location"] == "/advisor/"
    cookie = next(v for v in response.headers.getall("Set-Cookie") if v.startswith("advisor_session="))
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie and "Path=/advisor/" in cookie
    assert "Secure" not in cookie  # settings.cookie_secure is false here
    token = re.match(r"advisor_session=([^;]+)", cookie).group(1)
    with session_scope(console_url) as session:
        assert session.scalar(select(AdvisorSession.token_hash)) != token  # only the hash is stored
        assert [e.action for e in audit_log(session)] == ["login"]


async def test_secure_cookie_when_configured(client, monkeypatch):
    monkeypatch.setenv("COOKIE_SECURE", "true")
    response = await log_in(client)
    assert all("Secure" in v for v in response.headers.getall("Set-Cookie"))


async def test_login_goes_back_to_the_page_asked_for_but_never_off_site(client):
    page = await client.get("/advisor/metrics")
    assert str(page.url).endswith("/advisor/login?next=/advisor/metrics")
    token = CSRF_RE.search(await page.text()).group(1)
    form = {"csrf_token": token, "username": "wang.fang", "password": PASSWORD}
    response = await client.post("/advisor/login", data={**form, "next": "/advisor/metrics"}, allow_redirects=False)
    assert response.headers["Location"] == "/advisor/metrics"
    await client.post("/advisor/logout", allow_redirects=False)
    token = CSRF_RE.search(await (await client.get("/advisor/login")).text()).group(1)
    response = await client.post("/advisor/login", data={**form, "csrf_token": token, "next": "//evil.example/"},
                                 allow_redirects=False)
    assert response.headers["Location"] == "/advisor/"


async def test_wrong_password_and_unknown_user_look_the_same(client, console_url):
    wrong = await log_in(client, password="not the password")
    unknown = await log_in(client, username="nobody")
    assert wrong.status == unknown.status == 401
    for response in (wrong, unknown):
        assert "用户名或密码不正确。" in await response.text()
        assert not any(v.startswith("advisor_session=") for v in response.headers.getall("Set-Cookie", []))
    with session_scope(console_url) as session:
        entries = audit_log(session)
    assert [(e.action, e.target) for e in entries] == [("login_failed", "advisor:nobody"),
                                                       ("login_failed", "advisor:wang.fang")]
    assert not any("not the password" in e.detail for e in entries)


async def test_lockout_after_five_failures_for_fifteen_minutes(client, console_url, frozen_clock):
    for _ in range(4):
        assert (await log_in(client, password="not the password")).status == 401
    locked = await log_in(client, password="not the password")
    assert "已暂时锁定" in await locked.text()
    assert (await log_in(client)).status == 401  # the right password is refused while locked
    with clock.freeze(frozen_clock + timedelta(minutes=15)):
        assert (await log_in(client)).status == 303
    with session_scope(console_url) as session:
        actions = [e.action for e in audit_log(session)]
    assert actions[:4] == ["login", "login_refused_locked", "lockout", "login_failed"]


async def test_login_form_without_its_csrf_token_is_refused(client):
    await client.get("/advisor/login")
    response = await client.post("/advisor/login", data={"username": "wang.fang", "password": PASSWORD},
                                 allow_redirects=False)
    assert response.status == 403 and "已过期" in await response.text()


@pytest.mark.parametrize("token", [None, "wrong-token"])
async def test_posts_without_the_session_csrf_token_are_refused(advisor, gateway, queued, token):
    data = {"text": "您好"} if token is None else {"text": "您好", "csrf_token": token}
    response = await advisor.client.post(f"/advisor/handoffs/{queued['normal']}/reply", data=data,
                                         allow_redirects=False)
    assert response.status == 403
    header = await advisor.client.post(f"/advisor/handoffs/{queued['normal']}/take",
                                       headers={"X-CSRF-Token": "wrong-token"}, allow_redirects=False)
    assert header.status == 403
    assert gateway.delivered == []


async def test_csrf_token_in_a_header_is_accepted(advisor, queued):
    response = await advisor.client.post(f"/advisor/handoffs/{queued['normal']}/take",
                                         headers={"X-CSRF-Token": advisor.csrf, "Accept": "application/json"})
    assert response.status == 200 and (await response.json())["code"] == "taken"


async def test_logout_ends_the_session(advisor, console_url):
    response = await advisor.post("/advisor/logout")
    assert response.status == 303 and response.headers["Location"] == "/advisor/login"
    page = await advisor.client.get("/advisor/", allow_redirects=False)
    assert page.status == 302
    with session_scope(console_url) as session:
        assert session.scalar(select(AdvisorSession)) is None
        assert audit_log(session)[0].action == "logout"


async def test_an_expired_session_sends_back_to_login(advisor, frozen_clock):
    with clock.freeze(frozen_clock + timedelta(hours=8)):
        page = await advisor.client.get("/advisor/", allow_redirects=False)
    assert page.status == 302
