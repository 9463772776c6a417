"""The advisor verifies a user the bot could not (e.g. after three failed tries), for the bot to go on with.

The advisor checks who the user is (in the chat or on the phone) and types the
same two facts the bot asks for, the mobile number and the last 4 characters of
the ID number; they must match a customer. When the conversation goes back to
the bot, action_back_to_bot takes the user as that customer. Audited.
"""
from __future__ import annotations

from aiohttp import web

from bot.advisor.conversation import Refused, _on_item, _require_open, _target, action, respond
from bot.store import customers, handoffs
from bot.store.advisors import audit
from bot.store.identity import mask_mobile

VERIFY_CUSTOMER = "verify_customer"  # the audit action


@action
async def verify_user(request: web.Request) -> web.Response:
    form = await request.post()
    mobile, last4 = str(form.get("mobile", "")).strip()[:20], str(form.get("id_last4", "")).strip()[:8]

    def work(session, handoff, advisor):
        _require_open(handoff)
        if not handoff.sender_id or handoff.kind not in handoffs.CONVERSATION_KINDS:
            raise Refused("no_conversation")
        if handoff.customer_id is not None:
            raise Refused("already_verified")
        customer = customers.verify_identity(session, mobile, last4)
        if customer is None:  # audited too: returned, not raised, so the entry is committed
            audit(session, advisor.advisor_id, VERIFY_CUSTOMER, _target(handoff), "不匹配")
            return "verify_mismatch"
        shown = f"{customer.name} · {mask_mobile(customer.mobile)} · 由{advisor.display_name}核实"
        handoffs.verify_for_bot(session, handoff, customer.id, advisor.advisor_id, shown)
        audit(session, advisor.advisor_id, VERIFY_CUSTOMER, _target(handoff), f"customer:{customer.id}")
        return "user_verified"

    return respond(request, await _on_item(request, work))
