"""Recording the insurer's answer to a dispute; the user is told on their channel."""
from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Optional

from aiohttp import web

from bot.advisor.conversation import call_gateway, respond, show_handoff
from bot.advisor.db import run_db
from bot.advisor.present import handoff_of_dispute
from bot.advisor.security import current_advisor
from bot.store import disputes
from bot.store.advisors import audit

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


async def record_outcome(request: web.Request) -> web.Response:
    dispute_id = int(request.match_info["id"])
    form = await request.post()
    typed = {"outcome": str(form.get("outcome", "")), "amount": str(form.get("amount", "")),
             "note": str(form.get("note", ""))}
    advisor = current_advisor(request)

    def record(session):
        dispute = disputes.get_dispute(session, dispute_id)
        if dispute is None:
            raise web.HTTPNotFound(text="找不到这个申诉。")
        handoff = handoff_of_dispute(session, dispute_id)
        try:
            text = disputes.record_outcome(session, dispute, outcome=typed["outcome"],
                                           amount=parse_amount(typed["amount"]), advisor_id=advisor.advisor_id,
                                           note=typed["note"])
        except ValueError as problem:
            return handoff.id if handoff else None, str(problem), None, None
        amount = dispute.amount_recovered
        audit(session, advisor.advisor_id, "outcome", f"dispute:{dispute.id}",
              f"{dispute.outcome} {amount if amount is not None else ''}".strip())
        return handoff.id if handoff else None, "", dispute.sender_id, text

    handoff_id, error, sender_id, text = await run_db(request, record)
    if error:  # nothing was written: show the form again with what was typed
        if handoff_id is None:
            raise web.HTTPBadRequest(text=error)
        return await show_handoff(request, handoff_id, error=error, outcome_form=typed, status=400)
    delivered = not sender_id or await call_gateway(
        request, lambda gateway: gateway.deliver(sender_id, [{"text": text}], role="system"))
    if handoff_id is None:  # a dispute queued without an item: nothing to go back to
        raise web.HTTPSeeOther(request.app.router["queue"].url_for())
    return respond(request, "outcome" if delivered else "delivery_failed", handoff_id)
