"""Disputes in the console: the follow-up list, "sent to the insurer" and the insurer's answer.

The user is told on their channel at both steps. A dispute's queue item usually
ends (returned to the bot) long before the insurer answers; the follow-up page
finds the dispute again and links to that item's page, where the outcome form
stays usable while the dispute is open.
"""
from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Optional, Tuple

from aiohttp import web

from bot.advisor.conversation import FLASH, call_gateway, respond, show_handoff
from bot.advisor.db import run_db
from bot.advisor.present import dispute_row, handoff_of_dispute, handoffs_of_disputes, notice_language
from bot.advisor.render import render
from bot.advisor.security import current_advisor, wants_json
from bot.i18n import to_script
from bot.store import disputes, handoffs
from bot.store.advisors import audit
from bot.store.db import row_id
from bot.store.models import OPEN_HANDOFF_STATUSES, Dispute

BAD_AMOUNT = "金额格式不对：请只填数字，最多两位小数，例如 3418.00。"


def parse_amount(text: str) -> Optional[Decimal]:
    """"¥3,418.00" / "3418元" → Decimal("3418.00"); "" → None; raises ValueError (Chinese) otherwise."""
    cleaned = re.sub(r"[¥￥,，元\s]", "", text or "")
    if not cleaned:
        return None
    try:
        amount = Decimal(cleaned)
    except InvalidOperation:
        raise ValueError(BAD_AMOUNT) from None
    if not amount.is_finite() or amount != amount.quantize(Decimal("0.01")):
        raise ValueError(BAD_AMOUNT)
    return amount.quantize(Decimal("0.01"))


async def disputes_page(request: web.Request) -> web.Response:
    """"申诉跟进": open disputes (opened / with the insurer) first, oldest first; then the decided ones."""
    def load(session):
        items = handoffs_of_disputes(session)
        return [dispute_row(dispute, items.get(dispute.id)) for dispute in disputes.all_disputes(session)]

    rows = await run_db(request, load)
    ok, flash = FLASH.get(request.query.get("msg", ""), (True, ""))
    return render(request, "disputes.html", {
        "nav": "disputes", "open_rows": [r for r in rows if r["open"]], "done_rows": [r for r in rows if not r["open"]],
        "flash": flash, "flash_ok": ok,
    })


async def mark_with_insurer(request: web.Request) -> web.Response:
    """The advisor sent the appeal letter: status "with_insurer" (history, audit); the user hears how long it
    takes, in the conversation's language."""
    dispute_id = row_id(request.match_info["id"])
    note = str((await request.post()).get("note", "")).strip()
    advisor = current_advisor(request)

    def mark(session):
        dispute, item_id = _dispute_and_item(session, dispute_id)
        lang = notice_language(session, dispute.sender_id)
        try:
            text = disputes.mark_with_insurer(session, dispute, advisor.advisor_id, note, lang=lang)
        except ValueError:
            return item_id, "not_opened", None, None
        audit(session, advisor.advisor_id, "with_insurer", f"dispute:{dispute.id}", dispute.claim.case_number)
        _worked_on(session, dispute.id, advisor.advisor_id)
        return item_id, "", dispute.sender_id, to_script(text, lang)

    item_id, refused, sender_id, text = await run_db(request, mark)
    if refused:
        return _back(request, refused, item_id)
    if not sender_id:
        return _back(request, "with_insurer_no_chat", item_id)
    told = await call_gateway(request, lambda gateway: gateway.deliver(sender_id, [{"text": text}], role="system"))
    return _back(request, "with_insurer" if told else "with_insurer_not_told", item_id)


def _worked_on(session, dispute_id: int, advisor_id: int) -> None:
    """Acting on a dispute answers its open queue item: taken by this advisor if still queued (audited), and
    answered, so it no longer counts against the response time."""
    handoff = handoff_of_dispute(session, dispute_id)
    if handoff is None or handoff.status not in OPEN_HANDOFF_STATUSES:
        return
    if handoff.status == "queued":
        handoffs.take_over(session, handoff, advisor_id)
        audit(session, advisor_id, "take", f"handoff:{handoff.id}")
    handoffs.mark_first_response(session, handoff)


def _dispute_and_item(session, dispute_id: int) -> Tuple[Dispute, Optional[int]]:
    """The route's dispute (404 when unknown) and its latest queue item's id, if any."""
    dispute = disputes.get_dispute(session, dispute_id)
    if dispute is None:
        raise web.HTTPNotFound(text="找不到这个申诉。")
    handoff = handoff_of_dispute(session, dispute_id)
    return dispute, handoff.id if handoff else None


def _back(request: web.Request, code: str, item_id: Optional[int]) -> web.Response:
    """To the dispute's item page with the message; to the follow-up page for a dispute without an item."""
    if item_id is None and not wants_json(request):
        raise web.HTTPSeeOther(request.app.router["disputes"].url_for().with_query(msg=code))
    return respond(request, code, item_id)


async def record_outcome(request: web.Request) -> web.Response:
    """The insurer's answer: recorded, and the user told in the conversation's language (errors stay Chinese:
    they are the advisor's)."""
    dispute_id = row_id(request.match_info["id"])
    form = await request.post()
    typed = {"outcome": str(form.get("outcome", "")), "amount": str(form.get("amount", "")),
             "note": str(form.get("note", ""))}
    advisor = current_advisor(request)

    def record(session):
        dispute, item_id = _dispute_and_item(session, dispute_id)
        lang = notice_language(session, dispute.sender_id)
        try:
            text = disputes.record_outcome(session, dispute, outcome=typed["outcome"],
                                           amount=parse_amount(typed["amount"]), advisor_id=advisor.advisor_id,
                                           note=typed["note"], lang=lang)
        except ValueError as problem:
            return item_id, str(problem), None, None
        amount = dispute.amount_recovered
        audit(session, advisor.advisor_id, "outcome", f"dispute:{dispute.id}",
              f"{dispute.outcome} {amount if amount is not None else ''}".strip())
        _worked_on(session, dispute.id, advisor.advisor_id)
        return item_id, "", dispute.sender_id, to_script(text, lang)

    handoff_id, error, sender_id, text = await run_db(request, record)
    if error:  # nothing was written: show the form again with what was typed
        if handoff_id is None:
            raise web.HTTPBadRequest(text=error)
        return await show_handoff(request, handoff_id, error=error, outcome_form=typed, status=400)
    delivered = not sender_id or await call_gateway(
        request, lambda gateway: gateway.deliver(sender_id, [{"text": text}], role="system"))
    return _back(request, "outcome" if delivered else "delivery_failed", handoff_id)
