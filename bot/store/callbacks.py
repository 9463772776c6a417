"""Call-backs: a user leaves a phone number and an advisor calls within one working day.

Each call-back is a Callback row (the whole phone number, window, topic, status)
plus its queue item, a Handoff of kind "callback" (priority 3, due at the end of
the next working day: bot.claims.working_hours.callback_due). One open call-back
per customer (per conversation for users not verified): asking again updates it.
Every function returning text returns plain Chinese for the user; bad input
raises CallbackError (a ValueError) whose message is for the user too.
Nothing here commits: the caller's session_scope does.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Optional

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot import clock
from bot.claims import working_hours
from bot.claims.working_days import deadline_label
from bot.store import handoffs
from bot.store.db import lock_for_write
from bot.store.identity import mask_mobile, mask_personal_numbers, normalize_mobile
from bot.store.models import CALLBACK_WINDOWS, OPEN_HANDOFF_STATUSES, Callback, Customer

WINDOW_LABELS = {"morning": "上午", "afternoon": "下午", "any": "时间不限"}
WINDOW_PHRASES = {"morning": "会尽量在上午打给您", "afternoon": "会尽量在下午打给您", "any": "具体时间由顾问安排"}
MAX_TOPIC = 500
RECENT_DAYS = 14  # how long "什么时候打" still answers with a call-back already made or cancelled
BAD_PHONE = ("这个电话号码好像不对。手机号是11位数字，例如 13800138000；"
             "座机请带上区号，例如 010-12345678 或 0755-1234567。")
NO_PHONE = "请告诉我一个能联系到您的电话号码（手机或带区号的座机）。"
BAD_WINDOW = "请选择回电时段：上午、下午，或者时间不限。"
MOBILE_RE = re.compile(r"^1[3-9]\d{9}$")
# Area codes: 010 and 020-029 have three digits and 8-digit numbers; the others four digits and 7-8.
LANDLINE_RE = re.compile(r"^(?:(0(?:10|2\d))([1-9]\d{7})|(0[3-9]\d{2})([1-9]\d{6,7}))$")


class CallbackError(ValueError):
    """Input the call-back cannot take; the message is for the user."""


@dataclass(frozen=True)
class CallbackResult:
    callback: Callback
    updated: bool  # True: the customer's open call-back was updated instead of a new one
    message: str
    kept: bool = False  # True: asked for again in one step, the open one keeps its number and time of day


# --- phone numbers ---

def parse_phone(text: Optional[str]) -> str:
    """A Chinese mobile ("13800138000") or landline ("010-12345678"), normalised; CallbackError otherwise.

    Accepts spaces, hyphens, brackets, full-width digits and a +86 prefix:
    "021 1234 5678" -> "021-12345678", "(0755)1234567" -> "0755-1234567".
    """
    raw = unicodedata.normalize("NFKC", text or "").strip()
    if not raw:
        raise CallbackError(NO_PHONE)
    compact = re.sub(r"[\s\-()（）.]", "", raw)
    if not re.fullmatch(r"\+?\d+", compact):
        raise CallbackError(BAD_PHONE)
    digits = compact.lstrip("+")
    mobile = normalize_mobile(digits)
    if MOBILE_RE.match(mobile):
        return mobile
    if digits.startswith("86") and len(digits) > 11:  # +86 10 1234 5678: the area code loses its 0
        digits = "0" + digits[2:]
    match = LANDLINE_RE.match(digits)
    if not match:
        raise CallbackError(BAD_PHONE)
    area, number = (match.group(1), match.group(2)) if match.group(1) else (match.group(3), match.group(4))
    return f"{area}-{number}"


def check_mobile(text: Optional[str], error: str = BAD_PHONE) -> str:
    """A Chinese mobile number, normalised to 11 digits; CallbackError(error) for anything else."""
    try:
        phone = parse_phone(text)
    except CallbackError:
        raise CallbackError(error) from None
    if not MOBILE_RE.match(phone):
        raise CallbackError(error)
    return phone


def mask_phone(phone: str) -> str:
    """"138****8000", "010-****5678": what users, transcripts and the queue see."""
    if "-" not in phone:
        return mask_mobile(phone)
    area, number = phone.split("-", 1)
    return f"{area}-{'*' * (len(number) - 4)}{number[-4:]}"


# --- requests ---

def _window(window: Optional[str]) -> str:
    if window not in CALLBACK_WINDOWS:
        raise CallbackError(BAD_WINDOW)
    return window


def _topic(topic: Optional[str]) -> str:
    return re.sub(r"\s+", " ", topic or "").strip()[:MAX_TOPIC]


def current_callback(session: Session, *, customer_id: Optional[int] = None,
                     sender_id: Optional[str] = None) -> Optional[Callback]:
    """The open call-back of the customer, else of the conversation (a user not verified)."""
    if customer_id is not None:
        found = session.scalars(select(Callback).where(
            Callback.customer_id == customer_id, Callback.status == "open")).first()
        if found is not None:
            return found
    if sender_id:
        return session.scalars(select(Callback).where(
            Callback.sender_id == sender_id, Callback.customer_id.is_(None), Callback.status == "open")).first()
    return None


def recent_callback(session: Session, *, customer_id: Optional[int] = None,
                    sender_id: Optional[str] = None) -> Optional[Callback]:
    """The call-back of the customer (else of the conversation) closed last, within RECENT_DAYS: for "什么时候打"
    once the advisor has called (or the user cancelled), instead of "no call-back booked"."""
    mine = (Callback.customer_id == customer_id if customer_id is not None
            else (Callback.sender_id == sender_id) & Callback.customer_id.is_(None))
    return session.scalars(select(Callback).where(
        mine, Callback.status != "open", Callback.closed_at >= clock.now() - timedelta(days=RECENT_DAYS))
        .order_by(Callback.closed_at.desc(), Callback.id.desc())).first()


def for_handoff(session: Session, handoff_id: int) -> Optional[Callback]:
    return session.scalars(select(Callback).where(Callback.handoff_id == handoff_id)).first()


def _context(session: Session, callback: Callback) -> dict:
    """The queue item's summary: masked phone only (the full number is on the call-back panel)."""
    customer = session.get(Customer, callback.customer_id) if callback.customer_id else None
    who = customer.name if customer else "未核实身份的用户"
    lines = [f"电话：{mask_phone(callback.phone)}", f"时段：{WINDOW_LABELS[callback.call_window]}",
             f"事由：{mask_personal_numbers(callback.topic) or '（用户没有说明）'}",
             f"承诺：{deadline_label(callback.due_at)}回电"]
    return {"title": f"{who} · 预约回电", "sections": [{"heading": "回电", "lines": lines}]}


def _promise(callback: Callback) -> str:
    return (f"顾问会在{deadline_label(callback.due_at)}拨打 {mask_phone(callback.phone)} 联系您，"
            f"{WINDOW_PHRASES[callback.call_window]}")


def request_callback(
    session: Session, *, customer_id: Optional[int] = None, sender_id: Optional[str] = None,
    phone: Optional[str] = None, window: str = "any", topic: str = "", now: Optional[datetime] = None,
    keep: bool = False,
) -> CallbackResult:
    """Book a call-back (or update the open one); `phone` defaults to the verified customer's mobile.

    `keep`: an open call-back keeps its number and time of day (a call-back asked for again in one
    step, from another form or the off-hours button, says neither); only the topic is added.
    """
    if customer_id is None and not sender_id:
        raise ValueError("a call-back needs a customer or a conversation")
    customer = session.get(Customer, customer_id) if customer_id is not None else None
    if customer_id is not None and customer is None:
        raise ValueError(f"no customer {customer_id}")
    if not (phone or "").strip() and customer is not None and customer.mobile:
        phone = customer.mobile
    number, window, topic = parse_phone(phone), _window(window), _topic(topic)
    now = now or clock.now()
    lock_for_write(session)  # SQLite: no second open call-back between the check and the insert
    existing = current_callback(session, customer_id=customer_id, sender_id=sender_id)
    if existing is not None:
        if not keep:
            existing.phone, existing.call_window = number, window
        existing.updated_at = now
        existing.topic = topic or existing.topic
        existing.customer_id = existing.customer_id or customer_id
        _refresh_item(session, existing)
        if keep:
            return CallbackResult(existing, True, f"您已经预约过回电了，还按原来的电话和时段：{_promise(existing)}。", kept=True)
        return CallbackResult(existing, True, f"您之前已经预约过回电，这次已按新的要求更新：{_promise(existing)}。")
    due = working_hours.callback_due(now)
    item = handoffs.open_handoff(session, sender_id=sender_id, reason="callback", kind="callback",
                                 customer_id=customer_id, user_words=topic)
    if for_handoff(session, item.id) is not None:  # the conversation's item belongs to another customer
        item = handoffs.open_handoff(session, sender_id=None, reason="callback", kind="callback",
                                     customer_id=customer_id, user_words=topic)
    item.due_at = due
    callback = Callback(handoff_id=item.id, customer_id=customer_id, sender_id=sender_id, phone=number,
                        call_window=window, topic=topic, status="open", due_at=due, created_at=now, updated_at=now,
                        note="")
    session.add(callback)
    session.flush()
    _refresh_item(session, callback)
    return CallbackResult(callback, False, f"好的，已为您预约回电。{_promise(callback)}。请留意接听。")


def _refresh_item(session: Session, callback: Callback) -> None:
    item = callback.handoff
    item.context = handoffs.merge_context(item.context, _context(session, callback))
    item.customer_id = item.customer_id or callback.customer_id
    session.flush()


def change_callback(session: Session, callback: Callback, *, phone: Optional[str] = None,
                    window: Optional[str] = None, topic: Optional[str] = None) -> str:
    """Change the phone, window or topic of an open call-back (None: keep); the due time stays."""
    _require_open(callback)
    if phone is not None:
        callback.phone = parse_phone(phone)
    if window is not None:
        callback.call_window = _window(window)
    if topic is not None:
        callback.topic = _topic(topic)
    callback.updated_at = clock.now()
    _refresh_item(session, callback)
    return f"已经改好了：{_promise(callback)}。"


def cancel_callback(session: Session, callback: Callback) -> str:
    """The user no longer wants the call: the call-back and its queue item are closed."""
    _require_open(callback)
    callback.status, callback.closed_at = "cancelled", clock.now()
    if callback.handoff.status in OPEN_HANDOFF_STATUSES:
        handoffs.finish(session, callback.handoff, "closed")
    session.flush()
    return "已经为您取消了回电预约。以后需要的话，随时说“预约回电”就可以。"


def mark_done(session: Session, callback: Callback, advisor_id: int, note: str) -> Callback:
    """An advisor has called: the note goes on the call-back and the queue item, which is closed.

    The caller audits (the console does). CallbackError (Chinese) without a note or when not open.
    """
    note = (note or "").strip()
    if not note:
        raise CallbackError("请填写回电情况，例如“已电话联系，指导补交材料”。")
    _require_open(callback)
    now = clock.now()
    callback.status, callback.closed_at, callback.done_by, callback.note = "done", now, advisor_id, note
    item = callback.handoff
    handoffs.add_note(session, item, advisor_id, f"已回电：{note}")
    if item.taken_by is None:
        item.taken_by, item.taken_at = advisor_id, now
    handoffs.mark_first_response(session, item)
    if item.status in OPEN_HANDOFF_STATUSES:
        handoffs.finish(session, item, "closed")
    session.flush()
    return callback


def _require_open(callback: Callback) -> None:
    if callback.status != "open":
        raise CallbackError("这个回电预约已经结束了。" if callback.status == "done" else "这个回电预约已经取消了。")


def status_text(callback: Optional[Callback]) -> str:
    """When the call will come, in plain words (for "什么时候给我打电话")."""
    if callback is None:
        return "您现在没有预约回电。需要的话，说“预约回电”，顾问会在一个工作日内给您打电话。"
    if callback.status == "open":
        topic = f"事由：{callback.topic}。" if callback.topic else ""
        return f"您预约的回电还在安排中：{_promise(callback)}。{topic}"
    if callback.status == "done":
        moment = callback.closed_at.astimezone(clock.tz())
        return f"顾问已经在{moment.month}月{moment.day}日 {moment:%H:%M} 给您回过电话了。还需要帮忙的话，可以再预约回电。"
    return "您之前的回电预约已经取消了。需要的话可以重新预约。"
