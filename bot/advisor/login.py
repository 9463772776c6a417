"""Logging in and out."""
from __future__ import annotations

import secrets

from aiohttp import web

from bot.advisor.db import run_db
from bot.advisor.render import render
from bot.advisor.security import (
    CSRF_FIELD, LOGIN_CSRF_COOKIE, SESSION_COOKIE, clear_cookie, console_path, current_advisor, set_cookie,
    tokens_match,
)
from bot.settings import load_settings
from bot.store.advisors import audit, authenticate, end_session, start_session

EXPIRED_FORM = "登录页面已过期，请重新输入。"


async def login_page(request: web.Request) -> web.Response:
    return _login_form(request, next_url=request.query.get("next", ""))


async def login(request: web.Request) -> web.Response:
    form = await request.post()
    next_url = str(form.get("next", ""))
    if not tokens_match(form.get(CSRF_FIELD), request.cookies.get(LOGIN_CSRF_COOKIE, "")):
        return _login_form(request, next_url=next_url, error=EXPIRED_FORM, status=403)
    username, password = str(form.get("username", "")), str(form.get("password", ""))

    def check(session):
        result = authenticate(session, username, password)
        return (result.reason, None) if not result.ok else ("", start_session(session, result.advisor)[0])

    reason, token = await run_db(request, check)
    if token is None:
        return _login_form(request, next_url=next_url, error=reason, username=username, status=401)
    response = web.HTTPSeeOther(_safe_next(request, next_url))
    set_cookie(request, response, SESSION_COOKIE, token, max_age=load_settings().advisor_session_hours * 3600)
    clear_cookie(request, response, LOGIN_CSRF_COOKIE)
    raise response


async def logout(request: web.Request) -> web.Response:
    advisor = current_advisor(request)

    def forget(session):
        end_session(session, request.cookies.get(SESSION_COOKIE, ""))
        audit(session, advisor.advisor_id, "logout", f"advisor:{advisor.username}")

    await run_db(request, forget)
    response = web.HTTPSeeOther(request.app.router["login"].url_for())
    clear_cookie(request, response, SESSION_COOKIE)
    raise response


def _login_form(request: web.Request, *, next_url: str, error: str = "", username: str = "",
                status: int = 200) -> web.Response:
    """The form with a fresh double-submit token (cookie + hidden field)."""
    token = secrets.token_urlsafe(32)
    response = render(request, "login.html", {
        "csrf_token": token, "next": next_url, "error": error, "username": username,
        "max_failures": load_settings().advisor_max_failed_logins,
    }, status=status)
    set_cookie(request, response, LOGIN_CSRF_COOKIE, token)
    return response


def _safe_next(request: web.Request, next_url: str) -> str:
    """Only a path inside the console: never an open redirect to another site."""
    root = console_path(request)
    if next_url.startswith(root) and not next_url.startswith("//") and "\\" not in next_url:
        return next_url
    return root
