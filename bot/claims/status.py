"""Where a claim stands, what happens next, and whether the insurer is late.

Legal clocks (PRC Insurance Law; days are calendar days in the service's zone):
- art. 23: decide within 30 days of receiving complete materials (the last
  "submitted" event starts the clock), and pay within 10 days of agreeing;
- art. 24: a rejection comes with a written notice of reasons within 3 days;
- art. 25: still no amount 60 days after complete materials: pay the part
  that is already certain first.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Callable, Iterable, Optional, Sequence

from bot import clock
from bot.claims.wording import EN, day, pick

DECIDE_DAYS, PAY_DAYS, REJECTION_NOTICE_DAYS, ADVANCE_DAYS = 30, 10, 3, 60

ART_23_DECIDE = "《保险法》第二十三条：保险公司收到齐全的理赔材料后，应及时核定，情形复杂的应在30日内作出核定（合同另有约定的除外）"
ART_23_PAY = "《保险法》第二十三条：与被保险人或受益人达成赔付协议后10日内，保险公司应当履行赔付义务"
ART_24 = "《保险法》第二十四条：保险公司决定不予赔付的，应当自作出核定之日起3日内发出拒绝赔付通知书，并说明理由"
ART_25 = "《保险法》第二十五条：自收到理赔请求和有关材料之日起60日内仍不能确定赔付金额的，应当先按能确定的数额预先赔付"
MATERIALS_TIME = "准备材料一般需要1～2周；索赔时效为2年，从知道出险之日起算（《保险法》第二十六条）"

# Every phrase of a progress report, per language (the Chinese articles above are the "zh" ones).
WORDS = {
    "zh": {
        "art_23_decide": ART_23_DECIDE, "art_23_pay": ART_23_PAY, "art_24": ART_24, "art_25": ART_25,
        "materials_time": MATERIALS_TIME,
        "reported": "已报案，还没有把材料提交给保险公司", "materials_incomplete": "材料还不齐，等您补充",
        "ready": "材料已经齐全，确认后我们就帮您提交给保险公司",
        "send": "按清单把材料拍照发给我们，我们先帮您预审，齐了再一次提交给保险公司",
        "paid": "已赔付，赔款已转入您登记的银行卡", "partly_paid": "已部分赔付，赔款已转入您登记的银行卡",
        "paid_next": "对赔付金额有疑问的，可以让我们逐项帮您解读", "done": "已完成",
        "pay_overdue": "已超过10天仍未到账，我们可以帮您催保险公司打款",
        "pay_next": "保险公司会把赔款转到您登记的银行卡，到账后我们会通知您",
        "agreed": "保险公司已同意赔付，等待打款", "pay_time": "达成赔付协议后10日内到账",
        "rejected": "保险公司已拒赔", "rejected_next": "可以让我们帮您解读拒赔理由；有异议的，顾问可以帮您申诉或调解",
        "notice_time": "拒赔通知书应在作出决定后3日内发出",
        "closed": "已结案", "withdrawn": "已撤案", "closed_next": "如需重新理赔或有疑问，可以联系顾问",
        "submitted": "材料已提交保险公司，等待受理", "under_review": "保险公司正在审核",
        "decide_time": "一般在材料齐全后30天内作出核定",
        "decide_next_unknown": "保险公司审核后会通知结果；30天的核定期限从材料齐全之日起算",
        "advance": "已超过60天仍未定出金额，您可以要求保险公司先赔付能确定的部分，我们可以帮您提出",
        "decide_overdue": "已超过30天的法定核定期限，我们可以帮您催办，或请顾问协助",
        "decide_next": "保险公司审核后会通知结果，最晚应在{deadline}前作出核定",
    },
    EN: {
        "art_23_decide": "Insurance Law art. 23: once the insurer has complete claim materials it must decide promptly, "
                         "and in complex cases within 30 days (unless the contract says otherwise)",
        "art_23_pay": "Insurance Law art. 23: the insurer must pay within 10 days of agreeing the payment with the "
                      "insured or the beneficiary",
        "art_24": "Insurance Law art. 24: an insurer that decides not to pay must send a written rejection notice with "
                  "its reasons within 3 days of deciding",
        "art_25": "Insurance Law art. 25: if the amount still cannot be fixed 60 days after the claim and its materials "
                  "arrived, the insurer must first pay the amount that can be fixed",
        "materials_time": "gathering the materials usually takes 1-2 weeks; you have 2 years to claim, counted from "
                          "when you learned of the incident (Insurance Law art. 26)",
        "reported": "reported; the materials have not been sent to the insurer yet",
        "materials_incomplete": "materials incomplete, waiting for you to send the rest",
        "ready": "the materials are complete: once you confirm, we send them to the insurer",
        "send": "send us photos of the materials on the checklist; we check them first and send them to the insurer "
                "in one go once complete",
        "paid": "paid; the money has gone to your registered bank card",
        "partly_paid": "partly paid; the money has gone to your registered bank card",
        "paid_next": "if you have questions about the amount, we can explain it step by step", "done": "done",
        "pay_overdue": "more than 10 days and still not paid: we can chase the insurer for you",
        "pay_next": "the insurer pays into your registered bank card; we will tell you when it arrives",
        "agreed": "the insurer agreed to pay; waiting for the payment", "pay_time": "paid within 10 days of agreeing",
        "rejected": "the insurer rejected the claim",
        "rejected_next": "we can explain the reasons for the rejection; if you disagree, an advisor can help you "
                         "dispute it or seek mediation",
        "notice_time": "the rejection notice is due within 3 days of the decision",
        "closed": "closed", "withdrawn": "withdrawn",
        "closed_next": "to claim again or with any question, contact an advisor",
        "submitted": "sent to the insurer, waiting to be accepted", "under_review": "the insurer is reviewing it",
        "decide_time": "usually decided within 30 days of complete materials",
        "decide_next_unknown": "the insurer will tell you the result after its review; the 30 days to decide count "
                               "from when the materials are complete",
        "advance": "more than 60 days and still no amount: you can ask the insurer to pay the part that is certain "
                   "first, and we can help you ask",
        "decide_overdue": "the 30-day legal time limit to decide has passed: we can chase it, or ask an advisor to help",
        "decide_next": "the insurer will tell you the result after its review; it must decide by {deadline} at the latest",
    },
}


@dataclass(frozen=True)
class TimelineEvent:
    kind: str  # bot.store.models.EVENT_KINDS
    at: datetime


@dataclass(frozen=True)
class ClaimProgress:
    """A claim's stage in plain words, the next step, the usual time, and the legal clock."""

    status: str
    stage: str
    next_step: str
    usual_time: str
    overdue: bool = False
    legal_basis: Optional[str] = None  # the article behind the deadline (or the overdue flag)
    clock_started: Optional[date] = None  # day the legal clock started
    deadline: Optional[date] = None  # last day the insurer is within time
    days_waited: Optional[int] = None


def _last(events: Sequence[TimelineEvent], *kinds: str) -> Optional[TimelineEvent]:
    found = [e for e in events if e.kind in kinds]
    return max(found, key=lambda e: e.at) if found else None


def claim_progress(
    status: str, events: Iterable[TimelineEvent], materials_complete: bool, now: Optional[datetime] = None, *,
    lang: Optional[str] = None,
) -> ClaimProgress:
    """The progress report for a claim with `status` (bot.store.models.CLAIM_STATUSES), in `lang`."""
    w = pick(WORDS, lang)
    now = now or clock.now()
    events = list(events)
    today = now.date()

    def day_of(event: TimelineEvent) -> date:
        return event.at.astimezone(now.tzinfo).date() if now.tzinfo else event.at.date()

    if status in ("reported", "materials_incomplete"):
        return ClaimProgress(status, w[status], w["ready"] if materials_complete else w["send"], w["materials_time"])
    if status in ("submitted", "under_review"):
        return _waiting_for_decision(status, _last(events, "submitted"), materials_complete, today, day_of, lang)
    if status in ("paid", "partly_paid"):
        if _last(events, "paid") is not None:
            return ClaimProgress(status, w[status], w["paid_next"], w["done"])
        # A decision changed after a dispute starts the 10 days to pay again.
        decided = _last(events, "decided", "dispute_result")
        start = day_of(decided) if decided else None
        deadline = start + timedelta(days=PAY_DAYS) if start else None
        overdue = deadline is not None and today > deadline
        step = w["pay_overdue"] if overdue else w["pay_next"]
        return ClaimProgress(status, w["agreed"], step, w["pay_time"],
                             overdue, w["art_23_pay"], start, deadline, (today - start).days if start else None)
    if status == "rejected":
        decided = _last(events, "decided")
        start = day_of(decided) if decided else None
        return ClaimProgress(
            status, w["rejected"], w["rejected_next"], w["notice_time"], False, w["art_24"], start,
            start + timedelta(days=REJECTION_NOTICE_DAYS) if start else None)
    if status in ("closed", "withdrawn"):
        return ClaimProgress(status, w[status], w["closed_next"], w["done"])
    raise ValueError(f"unknown claim status {status!r}")


def _waiting_for_decision(
    status: str, submitted: Optional[TimelineEvent], materials_complete: bool, today: date,
    day_of: Callable[[TimelineEvent], date], lang: Optional[str],
) -> ClaimProgress:
    w = pick(WORDS, lang)
    stage, usual = w[status], w["decide_time"]
    if submitted is None or not materials_complete:
        return ClaimProgress(status, stage, w["decide_next_unknown"], usual, legal_basis=w["art_23_decide"])
    start = day_of(submitted)
    waited = (today - start).days
    if waited > ADVANCE_DAYS:
        return ClaimProgress(status, stage, w["advance"], usual, True, w["art_25"], start,
                             start + timedelta(days=ADVANCE_DAYS), waited)
    deadline = start + timedelta(days=DECIDE_DAYS)
    overdue = today > deadline
    step = w["decide_overdue"] if overdue else w["decide_next"].format(deadline=day(deadline, lang))
    return ClaimProgress(status, stage, step, usual, overdue, w["art_23_decide"], start, deadline, waited)
