"""`create_console()`: the console's routes, templates, static files and login middleware."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

from aiohttp import web

from bot.advisor import audit, conversation, disputes, documents, identity, login, queue, reports, service
from bot.advisor.db import DATABASE_URL
from bot.advisor.render import setup_templates
from bot.advisor.security import require_login

STATIC_DIR = Path(__file__).resolve().parent / "static"

# (method, path, handler, name): the names are what templates and redirects use (url_for).
ROUTES = [
    ("GET", "/login", login.login_page, "login"),
    ("POST", "/login", login.login, "login"),
    ("POST", "/logout", login.logout, "logout"),
    ("GET", "/", queue.queue_page, "queue"),
    ("GET", "/handoffs/{id:\\d+}", conversation.handoff_page, "handoff"),
    ("GET", "/handoffs/{id:\\d+}/messages", conversation.messages_json, "messages"),
    ("POST", "/handoffs/{id:\\d+}/take", conversation.take, "take"),
    ("POST", "/handoffs/{id:\\d+}/reply", conversation.reply, "reply"),
    ("POST", "/handoffs/{id:\\d+}/return", conversation.return_to_bot, "return_to_bot"),
    ("POST", "/handoffs/{id:\\d+}/close", conversation.close, "close"),
    ("POST", "/handoffs/{id:\\d+}/note", conversation.add_note, "note"),
    ("POST", "/handoffs/{id:\\d+}/assign", conversation.assign, "assign"),
    ("POST", "/handoffs/{id:\\d+}/verify", identity.verify_user, "verify_user"),
    ("POST", "/handoffs/{id:\\d+}/files/{message_id:\\d+}/attach", conversation.attach_file, "attach_file"),
    ("GET", "/disputes", disputes.disputes_page, "disputes"),
    ("POST", "/disputes/{id:\\d+}/with-insurer", disputes.mark_with_insurer, "with_insurer"),
    ("POST", "/disputes/{id:\\d+}/outcome", disputes.record_outcome, "outcome"),
    ("POST", "/handoffs/{id:\\d+}/callback-done", service.callback_done, "callback_done"),
    ("POST", "/handoffs/{id:\\d+}/reveal-phone", service.reveal_phone, "reveal_phone"),
    ("GET", "/mailings", service.mailings_page, "mailings"),
    ("POST", "/mailings/{id:\\d+}/status", service.mailing_status, "mailing_status"),
    ("POST", "/mailings/{id:\\d+}/cancel", service.mailing_cancel, "mailing_cancel"),
    ("GET", "/appointments", service.appointments_page, "appointments"),
    ("GET", "/metrics", reports.metrics_page, "metrics"),
    ("GET", "/audit", audit.audit_page, "audit"),
    ("GET", "/audit.csv", audit.audit_csv, "audit_csv"),
    ("GET", "/documents/{id:\\d+}", documents.document_file, "document"),
    ("GET", "/uploads/{id:\\d+}", documents.upload_file, "upload"),
]


def create_console(database_url: Optional[str] = None) -> web.Application:
    """The console app, to mount with `parent.add_subapp("/advisor", create_console())`.

    The parent app must hold the gateway as `app["gateway"]` (used for replies and
    returning conversations to the bot); `database_url` defaults to settings.database_url.
    """
    app = web.Application(middlewares=[require_login])
    app[DATABASE_URL] = database_url
    setup_templates(app)
    for method, path, handler, name in ROUTES:
        app.router.add_route(method, path, handler, name=name)
    app.router.add_static("/static", STATIC_DIR, name="static")
    return app
