"""Paper policies by post: a printed copy of a policy, mailed for free.

A request goes requested → printed → posted (with a tracking number) →
delivered; advisors move it on from the console, each step a MailingEvent.
One open request per policy (enforced by a partial unique index): a repeat
says where the first one is. Only policies bought through us can be printed.
Bad input raises MailingError (a ValueError) whose message is for the user (Chinese).
Texts for the user take `lang`: English, else Simplified Chinese (Traditional is converted
where the text leaves: the action server's hook, the console's notice).
Nothing here commits: the caller's session_scope does.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Dict, List, Optional

from sqlalchemy import case, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot import clock
from bot.claims.labels import policy_title
from bot.claims.wording import EN, key, pick
from bot.i18n import DEFAULT_LANGUAGE
from bot.store.callbacks import CallbackError, check_mobile
from bot.store.db import lock_for_write
from bot.store.identity import mask_mobile
from bot.store.models import (
    CANCELLABLE_MAILING_STATUSES,
    MAILING_CANCELLED,
    MAILING_STATUSES,
    OPEN_MAILING_STATUSES,
    MailingEvent,
    MailingRequest,
    Policy,
)
from bot.store.policies import get_visible_policy

STATUS_LABELS = {"requested": "已登记", "printed": "已打印", "posted": "已寄出", "delivered": "已签收",
                 MAILING_CANCELLED: "已取消"}
# field: (label, shortest, longest)
FIELDS = {
    "recipient": ("收件人姓名", 2, 20),
    "province": ("省份", 2, 20),
    "city": ("城市", 2, 30),
    "district": ("区县", 2, 30),
    "street": ("详细地址", 5, 120),
}
BAD_MOBILE = "收件人手机号好像不对，请输入11位手机号，例如 13800138000。"
TRACKING_RE = re.compile(r"^[A-Z0-9]{8,30}$")
# What the user reads: Chinese (Simplified; Traditional is converted on the way out) and English.
STATUS_TEXTS = {
    "requested": {"zh": "{policy}的纸质保单：{day}已登记，正在安排打印，一般3个工作日内寄出。",
                  "en": "Paper policy for {policy}: registered on {day}, being printed, usually sent within 3 working days."},
    "printed": {"zh": "{policy}的纸质保单：{day}已经打印好，马上就寄出。",
                "en": "Paper policy for {policy}: printed on {day} and about to be posted."},
    "posted": {"zh": "{policy}的纸质保单：{day}已经寄出，快递单号 {tracking}，寄往{city}{district}，一般2到4天送到。",
               "en": ("Paper policy for {policy}: posted on {day}, tracking number {tracking}, going to {city}, "
                      "{district}; it usually arrives in 2 to 4 days.")},
    "delivered": {"zh": "{policy}的纸质保单：{day}已经签收。如果没收到，请告诉我，我们帮您查。",
                  "en": "Paper policy for {policy}: delivered on {day}. If you didn't get it, tell me and we'll look into it."},
    MAILING_CANCELLED: {"zh": "{policy}的纸质保单：{day}已取消，不会寄出。需要的话可以重新申请。",
                        "en": ("Paper policy for {policy}: cancelled on {day}, so it won't be posted. "
                               "You can ask again any time.")},
}
CANCEL_REFUSED = {
    "zh": "{policy}的纸质保单已经寄出，没法取消了。{status}",
    "en": "The paper copy of {policy} has already been posted, so it can't be cancelled. {status}",
}
ADVISOR_CANCELLED = {
    "zh": "{policy}的纸质保单邮寄申请已由顾问取消，原因：{reason}。需要的话，说“我要纸质保单”就可以重新申请。",
    "en": ("An advisor has cancelled the request to post the paper copy of {policy}. Reason: {reason}. "
           "To ask again, just say “I want a paper policy”."),
}
REQUESTED_TEXT = {
    "zh": "好的，已登记：免费把{policy}的纸质保单寄给 {address}。一般3个工作日内打印寄出，寄出后可以随时问我快递单号。",
    "en": ("Done: we'll post a paper copy of {policy} free of charge to {address}. It's usually printed and sent "
           "within 3 working days; once it's on its way, ask me for the tracking number any time."),
}
REPEAT_TEXT = {"zh": "这份保单的纸质版已经在办理了，不用重复申请。{status}",
               "en": "A paper copy of this policy is already on its way, so there's no need to ask again. {status}"}


class MailingError(ValueError):
    """A request that cannot be made or updated; the message is for the user (or advisor)."""


@dataclass(frozen=True)
class MailingResult:
    request: MailingRequest
    created: bool  # False: the policy already had an open request, which is returned
    message: str


def check_field(name: str, value: Optional[str]) -> str:
    """One address field, cleaned (spaces collapsed, full-width normalised); MailingError (Chinese) if unusable."""
    if name == "mobile":
        try:
            return check_mobile(value, BAD_MOBILE)
        except CallbackError as problem:
            raise MailingError(str(problem)) from None
    label, shortest, longest = FIELDS[name]
    text = re.sub(r"\s+", " ", unicodedata.normalize("NFKC", value or "")).strip()
    if not text:
        raise MailingError(f"请填写{label}。")
    if not shortest <= len(text) <= longest:
        raise MailingError(f"{label}请填{shortest}到{longest}个字。")
    if name == "recipient" and re.search(r"\d", text):
        raise MailingError("收件人姓名里不能有数字，请填写真实姓名，例如 王丽。")
    if name == "street" and not re.search(r"[\u4e00-\u9fffA-Za-z]", text):
        raise MailingError("详细地址请写清楚街道、小区、楼号和门牌号。")
    return text


def check_address(**fields: Optional[str]) -> Dict[str, str]:
    """recipient, mobile, province, city, district, street, cleaned; the first problem raises MailingError."""
    return {name: check_field(name, fields.get(name)) for name in ("recipient", "mobile", *list(FIELDS)[1:])}


def address_text(fields, masked: bool = True, *, lang: str = DEFAULT_LANGUAGE) -> str:
    """"王丽 138****8000，北京市 北京市 朝阳区 建国路88号": for the user's confirmation (a dict or a request).

    English only changes the comma: the address is written as the user typed it."""
    get = fields.get if isinstance(fields, dict) else lambda name: getattr(fields, name)
    mobile = mask_mobile(get("mobile")) if masked else get("mobile")
    comma = ", " if key(lang) == EN else "，"
    return f"{get('recipient')} {mobile}{comma}{get('province')} {get('city')} {get('district')} {get('street')}"


def open_request(session: Session, policy_id: int) -> Optional[MailingRequest]:
    return session.scalars(select(MailingRequest).where(
        MailingRequest.policy_id == policy_id, MailingRequest.status.in_(OPEN_MAILING_STATUSES))).first()


def title(policy: Policy, lang: str = DEFAULT_LANGUAGE) -> str:
    return policy_title(policy.insured.name, policy.product_name, policy.policy_type, policy.source, lang=lang)


def request_paper_copy(session: Session, customer_id: int, policy: Policy, *, recipient: str, mobile: str,
                       province: str, city: str, district: str, street: str,
                       sender_id: Optional[str] = None, lang: str = DEFAULT_LANGUAGE) -> MailingResult:
    """Ask for a printed copy of a policy the customer may see; a repeat returns the open request.

    The result's message is in `lang` (English, else Simplified); MailingError messages are Chinese."""
    if get_visible_policy(session, customer_id, policy.policy_number) is None:
        raise MailingError("没有找到这份保单，或者它不在您的名下。")
    if policy.source != "ours":
        raise MailingError(f"{title(policy)}不是通过我们投保的，我们没法打印。纸质保单请向{policy.insurer}申请。")
    existing = open_request(session, policy.id)
    if existing is not None:
        return MailingResult(existing, False, _repeat(existing, lang))
    fields = check_address(recipient=recipient, mobile=mobile, province=province, city=city,
                           district=district, street=street)
    now = clock.now()
    request = MailingRequest(customer_id=customer_id, policy_id=policy.id, sender_id=sender_id, status="requested",
                             created_at=now, updated_at=now, **fields)
    request.events.append(MailingEvent(status="requested", at=now, note=""))
    savepoint = session.begin_nested()
    try:
        session.add(request)
        session.flush()
    except IntegrityError:  # a concurrent request for the same policy won
        savepoint.rollback()
        existing = open_request(session, policy.id)
        if existing is None:
            raise
        return MailingResult(existing, False, _repeat(existing, lang))
    savepoint.commit()
    return MailingResult(request, True, pick(REQUESTED_TEXT, lang).format(
        policy=title(policy, lang), address=address_text(request, lang=lang)))


def _repeat(request: MailingRequest, lang: str) -> str:
    return pick(REPEAT_TEXT, lang).format(status=status_text(request, lang=lang))


def status_text(request: MailingRequest, *, lang: str = DEFAULT_LANGUAGE) -> str:
    """Where the printed copy is, in plain words (English, else Simplified Chinese)."""
    events = {event.status: event.at.astimezone(clock.tz()) for event in request.events}
    day = events.get(request.status, request.updated_at.astimezone(clock.tz()))
    when = f"{day.day} {day:%b}" if key(lang) == EN else f"{day.month}月{day.day}日"
    return pick(STATUS_TEXTS[request.status], lang).format(
        policy=title(request.policy, lang), day=when, tracking=request.tracking_number,
        city=request.city, district=request.district)


def requests_of(session: Session, customer_id: int) -> List[MailingRequest]:
    """The customer's requests, newest first."""
    return list(session.scalars(select(MailingRequest).where(MailingRequest.customer_id == customer_id)
                                .order_by(MailingRequest.id.desc())))


def get_request(session: Session, request_id: int) -> Optional[MailingRequest]:
    return session.get(MailingRequest, request_id)


def all_requests(session: Session, limit: int = 200) -> List[MailingRequest]:
    """The console's list: open requests first (oldest first), then the delivered and cancelled ones."""
    done = case((MailingRequest.status.in_(("delivered", MAILING_CANCELLED)), 1), else_=0)
    return list(session.scalars(select(MailingRequest).order_by(done, MailingRequest.id).limit(limit)))


def advance(session: Session, request: MailingRequest, status: str, *, advisor_id: Optional[int],
            tracking_number: Optional[str] = None, note: str = "", lang: str = DEFAULT_LANGUAGE) -> str:
    """Move the request forward (a step may be skipped, never undone); returns the user's status text in `lang`.

    "posted" needs the tracking number. MailingError (Chinese, for the advisor) otherwise.
    """
    if status not in MAILING_STATUSES or status == "requested":
        raise MailingError("请选择新的状态：已打印、已寄出或已签收。")
    _lock(session, request)
    if request.status == MAILING_CANCELLED:
        raise MailingError("这份申请已经取消了，不用再寄。")
    order = MAILING_STATUSES.index
    if order(status) <= order(request.status):
        raise MailingError(f"这份申请已经是“{STATUS_LABELS[request.status]}”，状态只能往后更新。")
    if status == "posted" or (status == "delivered" and not request.tracking_number):
        number = re.sub(r"[\s-]", "", unicodedata.normalize("NFKC", tracking_number or "")).upper()
        if not TRACKING_RE.match(number):
            raise MailingError("请填写快递单号（8到30位字母或数字），例如 SF1234567890123。")
        request.tracking_number = number
    _record(session, request, status, advisor_id, note)
    return status_text(request, lang=lang)


def cancel(session: Session, request: MailingRequest, *, lang: str = DEFAULT_LANGUAGE) -> str:
    """The user's "不用寄了": cancelled until it is posted (then refused, with where it is); the user's text."""
    _lock(session, request)
    if request.status in CANCELLABLE_MAILING_STATUSES:
        _record(session, request, MAILING_CANCELLED, None, "用户取消")
        return status_text(request, lang=lang)
    if request.status == MAILING_CANCELLED:
        return status_text(request, lang=lang)
    return pick(CANCEL_REFUSED, lang).format(policy=title(request.policy, lang), status=status_text(request, lang=lang))


def cancel_by_advisor(session: Session, request: MailingRequest, *, advisor_id: int, reason: str,
                      lang: str = DEFAULT_LANGUAGE) -> str:
    """An advisor stops a request before it is posted (an address the courier cannot reach, the user asked
    on the phone); the reason is required and told to the user. Returns the user's text; MailingError
    (Chinese, for the advisor) otherwise."""
    reason = " ".join((reason or "").split())[:200]
    if not reason:
        raise MailingError("请填写取消原因，会转告用户。")
    _lock(session, request)
    if request.status not in CANCELLABLE_MAILING_STATUSES:
        raise MailingError(f"这份申请已经是“{STATUS_LABELS[request.status]}”，不能再取消。")
    _record(session, request, MAILING_CANCELLED, advisor_id, reason)
    return pick(ADVISOR_CANCELLED, lang).format(policy=title(request.policy, lang), reason=reason)


def _lock(session: Session, request: MailingRequest) -> None:
    """Read the request again under a write lock: an advisor posting it and the user cancelling it never cross."""
    lock_for_write(session)
    session.refresh(request, with_for_update=True)


def _record(session: Session, request: MailingRequest, status: str, advisor_id: Optional[int], note: str) -> None:
    now = clock.now()
    request.status, request.updated_at = status, now
    request.events.append(MailingEvent(status=status, at=now, advisor_id=advisor_id, note=(note or "").strip()))
    session.flush()
