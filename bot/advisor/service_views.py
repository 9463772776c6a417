"""Plain dicts for the call-back panel, the paper-policy mailings and the appointments pages."""
from __future__ import annotations

from datetime import date
from typing import Dict, List

from bot import clock
from bot.advisor import labels
from bot.claims.service_centre import SLOT
from bot.claims.working_days import day_label, deadline_label
from bot.store.appointments import PURPOSE_LABELS
from bot.store.callbacks import WINDOW_LABELS, mask_phone
from bot.store.identity import mask_mobile
from bot.store.mailings import STATUS_LABELS, address_text
from bot.store.models import (
    CANCELLABLE_MAILING_STATUSES, MAILING_CANCELLED, MAILING_STATUSES, Appointment, Callback, MailingRequest,
)

CALLBACK_STATUSES = {"open": "待回电", "done": "已回电", "cancelled": "用户已取消"}


REVEAL_PHONE = "reveal_phone"  # the audit action of showing a call-back's whole number


def callback_target(callback: Callback) -> str:
    return f"callback:{callback.id}"


def callback_panel(callback: Callback, names: Dict[int, str], revealed: bool = False) -> dict:
    """The call-back item's panel: the only place the whole phone number is shown, once the advisor
    has asked for it (audited, bot.advisor.service.reveal_phone); masked until then."""
    return {
        "id": callback.id, "phone": callback.phone if revealed else mask_phone(callback.phone), "revealed": revealed,
        "window": WINDOW_LABELS[callback.call_window],
        "topic": callback.topic, "due": deadline_label(callback.due_at.astimezone(clock.tz())),
        "open": callback.status == "open", "status_label": CALLBACK_STATUSES[callback.status],
        "note": callback.note, "done_by": names.get(callback.done_by, "") if callback.done_by else "",
        "closed": labels.clock_time(callback.closed_at),
    }


_BY_USER = {MAILING_CANCELLED: "用户取消"}


def mailing_row(request: MailingRequest, names: Dict[int, str]) -> dict:
    later = (MAILING_STATUSES[MAILING_STATUSES.index(request.status) + 1:]
             if request.status in MAILING_STATUSES else ())  # cancelled: nothing more to do
    return {
        "id": request.id, "status": request.status, "status_label": STATUS_LABELS[request.status],
        "policy": f"{request.policy.product_name}（{request.policy.policy_number}）",
        "customer": request.customer.name, "address": address_text(request),  # masked mobile
        "tracking_number": request.tracking_number or "", "created": labels.clock_time(request.created_at),
        "next_statuses": [(status, STATUS_LABELS[status]) for status in later],
        "cancellable": request.status in CANCELLABLE_MAILING_STATUSES,
        "events": [{"time": labels.clock_time(e.at), "status": e.status, "status_label": STATUS_LABELS[e.status],
                    "by": names.get(e.advisor_id, "") if e.advisor_id else _BY_USER.get(e.status, "用户申请"),
                    "note": e.note}
                   for e in request.events],
    }


def appointment_days(by_day: Dict[date, List[Appointment]]) -> list[dict]:
    return [{"day": day.isoformat(), "label": day_label(day), "rows": [{
        "id": a.id, "slot": _times(a), "seat": a.seat_no,
        "customer": " · ".join(filter(None, [a.customer.name, mask_mobile(a.customer.mobile) if a.customer.mobile else ""])),
        "purpose": PURPOSE_LABELS[a.purpose], "case_number": a.claim.case_number if a.claim else "",
    } for a in rows]} for day, rows in by_day.items()]


def _times(appointment: Appointment) -> str:
    start = appointment.slot_start.astimezone(clock.tz())
    return f"{start:%H:%M}-{start + SLOT:%H:%M}"
