"""Rendering pages: the console's own Jinja environment and the context every page gets."""
from __future__ import annotations

from typing import Any, Optional

import aiohttp_jinja2
import jinja2
from aiohttp import web

from bot import clock

JINJA = web.AppKey("advisor_jinja", jinja2.Environment)  # own key: the gateway may set up Jinja too


def setup_templates(app: web.Application) -> None:
    aiohttp_jinja2.setup(app, app_key=JINJA, loader=jinja2.PackageLoader("bot.advisor", "templates"),
                         autoescape=True, undefined=jinja2.StrictUndefined)


def render(request: web.Request, template: str, context: Optional[dict[str, Any]] = None,
           status: int = 200) -> web.Response:
    """A page with the logged-in advisor, the CSRF token and the server's clock (for the JS timers)."""
    advisor = request.get("advisor")
    page = {"me": advisor, "csrf_token": advisor.csrf_token if advisor else "", "nav": "",
            "server_now": clock.now().isoformat(), **(context or {})}
    response = aiohttp_jinja2.render_template(template, request, page, app_key=JINJA, status=status)
    response.headers["Cache-Control"] = "no-store"  # pages show personal data
    return response
