"""Issue-6 pages: the call-back's "已回电" action, paper-policy mailings and service-centre appointments.

Same rules as the rest of the console: login and CSRF by the middleware, one
database session per action, every change audited, forms redirect back with a
message code (no user text is reflected).
"""
from __future__ import annotations

from typing import Tuple

from aiohttp import web

from bot import clock
from bot.advisor.conversation import Refused, _on_item, action, call_gateway, respond
from bot.advisor.db import run_db
from bot.advisor.present import advisor_names, notice_language
from bot.advisor.render import render
from bot.advisor.security import current_advisor
from bot.advisor.service_views import REVEAL_PHONE, appointment_days, callback_target, mailing_row
from bot.claims import service_centre
from bot.i18n import to_script
from bot.store import appointments, callbacks, mailings
from bot.store.advisors import audit, has_audited
from bot.store.db import row_id
from bot.store.models import OPEN_MAILING_STATUSES

MAILING_FLASH = {"updated": "状态已更新。", "notified": "状态已更新，并已通知用户。",
                 "not_notified": "状态已更新，但没能通知到用户，请稍后电话告知。",
                 "cancelled": "申请已取消，并已把原因告诉用户。",
                 "cancelled_no_chat": "申请已取消。这份申请没有在线会话，请电话告知用户。",
                 "cancelled_not_notified": "申请已取消，但没能通知到用户，请稍后电话告知。"}


@action
async def callback_done(request: web.Request) -> web.Response:
    """The advisor has phoned the user: the note is required; the call-back and its queue item are closed."""
    note = str((await request.post()).get("note", "")).strip()
    if not note:
        raise Refused("empty_callback_note")

    def work(session, handoff, advisor):
        callback = callbacks.for_handoff(session, handoff.id)
        if callback is None:
            raise web.HTTPNotFound(text="这一项不是预约回电。")
        if callback.status != "open":
            raise Refused("finished")
        callbacks.mark_done(session, callback, advisor.advisor_id, note)
        audit(session, advisor.advisor_id, "callback_done", f"callback:{callback.id}", f"handoff:{handoff.id}")
        return "callback_done"

    return respond(request, await _on_item(request, work))


@action
async def reveal_phone(request: web.Request) -> web.Response:
    """Show the advisor the call-back's whole phone number, audited (the panel shows it masked until then)."""
    def work(session, handoff, advisor):
        callback = callbacks.for_handoff(session, handoff.id)
        if callback is None:
            raise web.HTTPNotFound(text="这一项不是预约回电。")
        if not has_audited(session, advisor.advisor_id, REVEAL_PHONE, callback_target(callback)):
            audit(session, advisor.advisor_id, REVEAL_PHONE, callback_target(callback), f"handoff:{handoff.id}")
        return "phone_revealed"

    return respond(request, await _on_item(request, work))


async def mailings_page(request: web.Request) -> web.Response:
    return await _show_mailings(request)


async def _show_mailings(request: web.Request, *, error: str = "", error_id: int = 0, status: int = 200) -> web.Response:
    def load(session):
        names = advisor_names(session)
        return [mailing_row(item, names) for item in mailings.all_requests(session)]

    rows = await run_db(request, load)
    flash = MAILING_FLASH.get(request.query.get("msg", ""), "") if not error else ""
    return render(request, "mailings.html", {
        "nav": "mailings", "rows": rows, "open_count": sum(r["status"] in OPEN_MAILING_STATUSES for r in rows),
        "flash": flash, "flash_ok": request.query.get("msg") not in ("not_notified", "cancelled_not_notified",
                                                                         "cancelled_no_chat"), "error": error, "error_id": error_id,
    }, status=status)


async def mailing_status(request: web.Request) -> web.Response:
    """Move a mailing request on (printed / posted with tracking number / delivered); the user hears of "posted"
    (in the conversation's language)."""
    form = await request.post()
    status, tracking = str(form.get("status", "")), str(form.get("tracking_number", ""))

    def change(session, item, advisor_id, lang):
        text = mailings.advance(session, item, status, advisor_id=advisor_id, tracking_number=tracking, lang=lang)
        detail = " ".join(filter(None, [status, item.tracking_number if status == "posted" else ""]))
        return (text if status == "posted" else ""), "mailing_status", detail

    return await _update_mailing(request, change, ("updated", "notified", "not_notified"))


async def mailing_cancel(request: web.Request) -> web.Response:
    """Stop a request before it is posted, with the reason the user is told (in the conversation's language)."""
    reason = str((await request.post()).get("reason", ""))

    def change(session, item, advisor_id, lang):
        text = mailings.cancel_by_advisor(session, item, advisor_id=advisor_id, reason=reason, lang=lang)
        return text, "mailing_cancel", item.events[-1].note

    return await _update_mailing(request, change, ("cancelled_no_chat", "cancelled", "cancelled_not_notified"))


async def _update_mailing(request: web.Request, change, codes: Tuple[str, str, str]) -> web.Response:
    """Apply `change(session, request, advisor_id, lang)` -> (the user's text or "", audit action, detail) to the
    route's mailing request, audited; tell the user when there is a text and a conversation. `codes`: the
    message when nobody is told, when told, when telling failed. A MailingError shows the page again with it."""
    request_id = row_id(request.match_info["id"])
    advisor = current_advisor(request)

    def update(session):
        item = mailings.get_request(session, request_id)
        if item is None:
            raise web.HTTPNotFound(text="找不到这个邮寄申请。")
        lang = notice_language(session, item.sender_id)
        try:
            text, action, detail = change(session, item, advisor.advisor_id, lang)
        except mailings.MailingError as problem:
            return str(problem), None, ""
        audit(session, advisor.advisor_id, action, f"mailing:{item.id}", detail)
        return "", item.sender_id if text else None, to_script(text, lang)

    error, sender_id, text = await run_db(request, update)
    if error:
        return await _show_mailings(request, error=error, error_id=request_id, status=400)
    silent, told, not_told = codes
    code = silent
    if sender_id:
        delivered = await call_gateway(request, lambda gateway: gateway.deliver(sender_id, [{"text": text}], role="system"))
        code = told if delivered else not_told
    raise web.HTTPSeeOther(request.app.router["mailings"].url_for().with_query(msg=code))


async def appointments_page(request: web.Request) -> web.Response:
    place = service_centre.centre()

    def load(session):
        return appointment_days(appointments.booked_by_day(session, clock.now(), place.booking_days))

    days = await run_db(request, load)
    return render(request, "appointments.html", {
        "nav": "appointments", "days": days, "place": place, "total": sum(len(d["rows"]) for d in days)})
