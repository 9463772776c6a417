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

DECIDE_DAYS, PAY_DAYS, REJECTION_NOTICE_DAYS, ADVANCE_DAYS = 30, 10, 3, 60

ART_23_DECIDE = "《保险法》第二十三条：保险公司收到齐全的理赔材料后，应及时核定，情形复杂的应在30日内作出核定（合同另有约定的除外）"
ART_23_PAY = "《保险法》第二十三条：与被保险人或受益人达成赔付协议后10日内，保险公司应当履行赔付义务"
ART_24 = "《保险法》第二十四条：保险公司决定不予赔付的，应当自作出核定之日起3日内发出拒绝赔付通知书，并说明理由"
ART_25 = "《保险法》第二十五条：自收到理赔请求和有关材料之日起60日内仍不能确定赔付金额的，应当先按能确定的数额预先赔付"
MATERIALS_TIME = "准备材料一般需要1～2周；索赔时效为2年，从知道出险之日起算（《保险法》第二十六条）"


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
    status: str, events: Iterable[TimelineEvent], materials_complete: bool, now: Optional[datetime] = None
) -> ClaimProgress:
    """The progress report for a claim with `status` (bot.store.models.CLAIM_STATUSES)."""
    now = now or clock.now()
    events = list(events)
    today = now.date()

    def day_of(event: TimelineEvent) -> date:
        return event.at.astimezone(now.tzinfo).date() if now.tzinfo else event.at.date()

    if status in ("reported", "materials_incomplete"):
        stage = "已报案，还没有把材料提交给保险公司" if status == "reported" else "材料还不齐，等您补充"
        step = ("材料已经齐全，确认后我们就帮您提交给保险公司" if materials_complete
                else "按清单把材料拍照发给我们，我们先帮您预审，齐了再一次提交给保险公司")
        return ClaimProgress(status, stage, step, MATERIALS_TIME)
    if status in ("submitted", "under_review"):
        return _waiting_for_decision(status, _last(events, "submitted"), materials_complete, today, day_of)
    if status in ("paid", "partly_paid"):
        if _last(events, "paid") is not None:
            stage = "已赔付，赔款已转入您登记的银行卡" if status == "paid" else "已部分赔付，赔款已转入您登记的银行卡"
            return ClaimProgress(status, stage, "对赔付金额有疑问的，可以让我们逐项帮您解读", "已完成")
        # A decision changed after a dispute starts the 10 days to pay again.
        decided = _last(events, "decided", "dispute_result")
        start = day_of(decided) if decided else None
        deadline = start + timedelta(days=PAY_DAYS) if start else None
        overdue = deadline is not None and today > deadline
        step = ("已超过10天仍未到账，我们可以帮您催保险公司打款" if overdue
                else "保险公司会把赔款转到您登记的银行卡，到账后我们会通知您")
        return ClaimProgress(status, "保险公司已同意赔付，等待打款", step, "达成赔付协议后10日内到账",
                             overdue, ART_23_PAY, start, deadline, (today - start).days if start else None)
    if status == "rejected":
        decided = _last(events, "decided")
        start = day_of(decided) if decided else None
        return ClaimProgress(
            status, "保险公司已拒赔", "可以让我们帮您解读拒赔理由；有异议的，顾问可以帮您申诉或调解",
            "拒赔通知书应在作出决定后3日内发出", False, ART_24, start,
            start + timedelta(days=REJECTION_NOTICE_DAYS) if start else None)
    if status in ("closed", "withdrawn"):
        stage = "已结案" if status == "closed" else "已撤案"
        return ClaimProgress(status, stage, "如需重新理赔或有疑问，可以联系顾问", "已完成")
    raise ValueError(f"unknown claim status {status!r}")


def _waiting_for_decision(
    status: str, submitted: Optional[TimelineEvent], materials_complete: bool, today: date,
    day_of: Callable[[TimelineEvent], date],
) -> ClaimProgress:
    stage = "材料已提交保险公司，等待受理" if status == "submitted" else "保险公司正在审核"
    usual = "一般在材料齐全后30天内作出核定"
    if submitted is None or not materials_complete:
        step = "保险公司审核后会通知结果；30天的核定期限从材料齐全之日起算"
        return ClaimProgress(status, stage, step, usual, legal_basis=ART_23_DECIDE)
    start = day_of(submitted)
    waited = (today - start).days
    if waited > ADVANCE_DAYS:
        step = "已超过60天仍未定出金额，您可以要求保险公司先赔付能确定的部分，我们可以帮您提出"
        return ClaimProgress(status, stage, step, usual, True, ART_25, start,
                             start + timedelta(days=ADVANCE_DAYS), waited)
    deadline = start + timedelta(days=DECIDE_DAYS)
    overdue = today > deadline
    step = ("已超过30天的法定核定期限，我们可以帮您催办，或请顾问协助" if overdue
            else f"保险公司审核后会通知结果，最晚应在{deadline:%Y年%m月%d日}前作出核定")
    return ClaimProgress(status, stage, step, usual, overdue, ART_23_DECIDE, start, deadline, waited)
