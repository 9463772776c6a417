"""Who may use the console: the login-session middleware, CSRF checks and cookies.

Every route but the login page and static files needs a live server-side
session. Refusals: a page (GET) redirects to the login form, JSON and POST get
401 (no session) or 403 (a session, but no valid CSRF token).
"""
from __future__ import annotations

import hmac
from typing import Awaitable, Callable, Optional

from aiohttp import web

from bot.advisor.db import run_db
from bot.settings import load_settings
from bot.store.advisors import SessionInfo, session_for_token

SESSION_COOKIE = "advisor_session"
LOGIN_CSRF_COOKIE = "advisor_login_csrf"  # double-submit token of the login form (no session yet)
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "X-CSRF-Token"
PUBLIC_ROUTES = {"login", "static"}
JSON_ROUTES = {"messages"}

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def route_name(request: web.Request) -> Optional[str]:
    resource = request.match_info.route.resource
    return resource.name if resource is not None else None


def console_path(request: web.Request) -> str:
    """The console's root path ("/advisor/" when mounted there): the cookies' path."""
    return request.app.router["queue"].url_for().path


def wants_json(request: web.Request) -> bool:
    return route_name(request) in JSON_ROUTES or "application/json" in request.headers.get("Accept", "")


@web.middleware
async def require_login(request: web.Request, handler: Handler) -> web.StreamResponse:
    if route_name(request) in PUBLIC_ROUTES:
        return await handler(request)
    info = await run_db(request, session_for_token, request.cookies.get(SESSION_COOKIE, ""))
    if info is None:
        if request.method == "GET" and not wants_json(request):
            login = request.app.router["login"].url_for().with_query(next=request.path_qs)
            raise web.HTTPFound(login)
        return web.json_response({"error": "请先登录。"}, status=401)
    if request.method == "POST" and not await _csrf_ok(request, info.csrf_token):
        return web.json_response({"error": "页面已过期，请刷新后重试。"}, status=403)
    request["advisor"] = info
    return await handler(request)


def current_advisor(request: web.Request) -> SessionInfo:
    return request["advisor"]


async def _csrf_ok(request: web.Request, expected: str) -> bool:
    sent = request.headers.get(CSRF_HEADER)
    if sent is None:
        sent = (await request.post()).get(CSRF_FIELD, "")
    return tokens_match(sent, expected)


def tokens_match(sent: object, expected: str) -> bool:
    """Constant-time comparison; a missing or non-text token never matches."""
    return isinstance(sent, str) and bool(sent) and bool(expected) and hmac.compare_digest(sent, expected)


def set_cookie(request: web.Request, response: web.StreamResponse, name: str, value: str,
               max_age: Optional[int] = None) -> None:
    """HttpOnly, SameSite=Strict, Secure when settings.cookie_secure; limited to the console's path."""
    response.set_cookie(name, value, max_age=max_age, path=console_path(request), httponly=True,
                        samesite="Strict", secure=load_settings().cookie_secure)


def clear_cookie(request: web.Request, response: web.StreamResponse, name: str) -> None:
    response.del_cookie(name, path=console_path(request))
