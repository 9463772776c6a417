"""Disputes of a claim decision: opened by the user, argued with the insurer by an advisor.

Each change of status is a DisputeEvent (the dispute's history) and shows on
the claim's own timeline ("disputed", "dispute_result"). The appeal-letter
draft is written when the dispute opens (bot.claims.appeal_letter). The notices
for the user take `lang` (English, else Simplified: the console converts for
Traditional readers); the history stays Chinese, for advisors. Nothing here
commits: the caller's session_scope does.
"""
from __future__ import annotations

from decimal import Decimal
from typing import List, Optional, Sequence

from sqlalchemy import case, select
from sqlalchemy.orm import Session

from bot import clock
from bot.claims import clauses, labels, rejection_reasons, rejections
from bot.claims.appeal_letter import GROUND_TITLES, LetterInputs, draft_letter
from bot.claims.money import yuan
from bot.claims.wording import EN, key, pick, stored
from bot.i18n import DEFAULT_LANGUAGE
from bot.store.claims import add_event
from bot.store.models import DISPUTE_GROUNDS, DISPUTE_OUTCOMES, Claim, Dispute, DisputeEvent
from bot.store.views import rejection_inputs

OPEN_STATUSES = ("opened", "with_insurer")
DISPUTABLE = ("rejected", "partly_paid", "paid")  # claim statuses with a decision to argue with
CLAIM_STATUS_AFTER = {"overturned": "paid", "partly_overturned": "partly_paid"}
# What the user is told, Chinese (Simplified; the console converts it for Traditional readers) and English.
OUTCOME_MESSAGES = {
    "upheld": {
        "zh": ("您对案件 {case} 的申诉有结果了：保险公司维持原来的决定。{note}"
               "顾问会跟您说明还能怎么做，比如向保险纠纷调解组织申请调解，或拨打金融监管投诉热线 12378。"),
        "en": ("There's news on your appeal for case {case}: the insurer has kept its original decision. {note}"
               "An advisor will explain what you can still do, such as asking an insurance dispute mediation body "
               "to mediate, or calling the financial regulator's complaints hotline, 12378."),
    },
    "overturned": {
        "zh": ("好消息！您对案件 {case} 的申诉成功了：保险公司改变了原来的决定，同意赔付 {amount}。{note}"
               "按《保险法》第二十三条，保险公司应在达成赔付协议后10日内付款，赔款会打到被保险人的银行卡。"),
        "en": ("Good news! Your appeal for case {case} has succeeded: the insurer has changed its decision and "
               "agreed to pay {amount}. {note}Under Article 23 of the Insurance Law, the insurer must pay within "
               "10 days of agreeing the payout; the money goes to the insured person's bank card."),
    },
    "partly_overturned": {
        "zh": ("您对案件 {case} 的申诉有结果了：保险公司部分改变了原来的决定，同意赔付 {amount}。{note}"
               "按《保险法》第二十三条，保险公司应在达成赔付协议后10日内付款。对其余部分有疑问的，顾问会继续帮您看。"),
        "en": ("There's news on your appeal for case {case}: the insurer has partly changed its decision and agreed "
               "to pay {amount}. {note}Under Article 23 of the Insurance Law, the insurer must pay within 10 days "
               "of agreeing the payout. If you have questions about the rest, an advisor will keep looking into it "
               "with you."),
    },
}
# When the appeal goes to the insurer. The time frame is the one the user was given when the dispute
# opened (actions/texts/disputes.py DISPUTE_SUBMITTED): a usual figure, not a legal deadline.
WITH_INSURER_MESSAGE = {
    "zh": ("您对案件 {case} 的申诉材料已由顾问提交给保险公司。保险公司通常在收到申诉后15～30天内答复，"
           "有结果我们会第一时间告诉您。"),
    "en": ("An advisor has sent the appeal for case {case} to the insurer. Insurers usually reply within 15-30 days "
           "of receiving an appeal, and we'll tell you as soon as there's a result."),
}
OUTCOME_NOTES = {"upheld": "保险公司维持原决定", "overturned": "保险公司改判，同意赔付{amount}",
                 "partly_overturned": "保险公司部分改判，同意赔付{amount}"}


def get_dispute(session: Session, dispute_id: int) -> Optional[Dispute]:
    return session.get(Dispute, dispute_id)


def all_disputes(session: Session, limit: int = 200) -> List[Dispute]:
    """The console's follow-up list: open disputes first (oldest first), then the most recently decided."""
    done = case((Dispute.status.in_(OPEN_STATUSES), 0), else_=1)
    order = (done, Dispute.decided_at.desc(), Dispute.created_at, Dispute.id)
    return list(session.scalars(select(Dispute).order_by(*order).limit(limit)))


def open_dispute_of(session: Session, claim: Claim) -> Optional[Dispute]:
    """The claim's dispute still in progress, if any."""
    return session.scalars(
        select(Dispute).where(Dispute.claim_id == claim.id, Dispute.status.in_(OPEN_STATUSES))
        .order_by(Dispute.id.desc()).limit(1)
    ).first()


def letter_inputs(session: Session, claim: Claim, grounds: Sequence[str], statement: str, evidence: Sequence[str] = ()) -> LetterInputs:
    """The letter's facts from the stored claim, its decision and the policy's clauses."""
    decision = claim.decision
    rejection = rejection_inputs(session, claim) if decision is not None and decision.outcome == "rejected" else None
    if rejection is not None:
        reason_title = rejection_reasons.CATALOGUE.get(rejection.reason_code or "", rejection_reasons.UNKNOWN).title
        clause = rejection.clause
        emergency = clauses.find(rejection.related, title="紧急|急救", text="紧急|急救")
        if emergency is None and clause is not None and rejections.AMBULANCE.search(clause.text):
            emergency = clause
        by_ambulance = rejection.facts.by_ambulance
    else:
        reason_title = decision.summary[:60] if decision is not None and decision.summary else "部分费用不予赔付"
        clause = emergency = None
        by_ambulance = bool(rejections.AMBULANCE.search(claim.description or ""))
    policy = claim.policy
    return LetterInputs(
        case_number=claim.case_number, insurer=policy.insurer, product_name=policy.product_name,
        policy_number=policy.policy_number, insured_name=claim.insured.name, incident_date=claim.incident_date,
        hospital_name=claim.hospital_name or "医院", hospital_label=labels.hospital_label(claim.hospital_grade, claim.hospital_ownership),
        diagnosis=claim.diagnosis or labels.INCIDENT_TYPES.get(claim.incident_type, ""),
        amount_claimed=claim.amount_claimed, outcome=decision.outcome if decision else "rejected",
        payout=decision.payout if decision else Decimal("0"), reason_title=reason_title,
        decision_summary=decision.summary if decision else "", grounds=tuple(grounds), statement=statement,
        clause=clause, emergency_clause=emergency, by_ambulance=by_ambulance, evidence_received=tuple(evidence),
    )


def create_dispute(
    session: Session, *, claim: Claim, customer_id: int, sender_id: Optional[str], grounds: list,
    statement: str, evidence: Sequence[str] = (),
) -> Dispute:
    """Open a dispute: status "opened", its first event, the claim's "disputed" event and the letter draft.

    `evidence`: names of the documents the user sent for it (listed in the letter).
    """
    grounds = list(dict.fromkeys(grounds))
    if not grounds or any(code not in DISPUTE_GROUNDS for code in grounds):
        raise ValueError(f"grounds must be one or more of {DISPUTE_GROUNDS}")
    statement = (statement or "").strip()
    if not statement:
        raise ValueError("statement must not be empty")
    if claim.status not in DISPUTABLE:
        raise ValueError("只有保险公司已经作出决定的案件才能申诉。")
    now = clock.now()
    dispute = Dispute(
        claim_id=claim.id, customer_id=customer_id, sender_id=sender_id, grounds=grounds, statement=statement,
        letter=draft_letter(letter_inputs(session, claim, grounds, statement, evidence)), status="opened", created_at=now,
    )
    session.add(dispute)
    session.flush()
    titles = "、".join(GROUND_TITLES[code] for code in grounds)
    session.add(DisputeEvent(dispute_id=dispute.id, at=now, status="opened", note=f"用户提出申诉：{titles}"))
    add_event(session, claim, "disputed", f"已提出申诉（{titles}），理赔顾问将代为向保险公司申诉", at=now)
    return dispute


def mark_with_insurer(session: Session, dispute: Dispute, advisor_id: Optional[int], note: str = "", *,
                      lang: str = DEFAULT_LANGUAGE) -> str:
    """The advisor sent the appeal to the insurer; returns the message for the user in `lang`
    (English, else Simplified Chinese: the caller converts it for Traditional readers).

    Raises ValueError (Chinese message) unless the dispute is still "opened".
    """
    if dispute.status != "opened":
        raise ValueError("只有刚提出的申诉可以标记为已提交保险公司。")
    dispute.status = "with_insurer"
    session.add(DisputeEvent(dispute_id=dispute.id, status="with_insurer", note=note.strip() or "顾问已向保险公司提交申诉",
                             advisor_id=advisor_id, at=clock.now()))
    session.flush()
    return pick(WITH_INSURER_MESSAGE, lang).format(case=dispute.claim.case_number)


def record_outcome(
    session: Session, dispute: Dispute, *, outcome: str, amount: Optional[Decimal], advisor_id: Optional[int],
    note: str = "", lang: str = DEFAULT_LANGUAGE,
) -> str:
    """Record the insurer's answer; returns the message for the user in `lang` (as mark_with_insurer).

    The advisor's `note` is passed on as typed; English users do not get a note written in Chinese.

    Raises ValueError (Chinese message) for an unknown outcome, a missing or
    non-positive amount where money was won, or a dispute already decided.
    """
    if outcome not in DISPUTE_OUTCOMES:
        raise ValueError("结果只能是：维持原决定、改判或部分改判。")
    if dispute.status not in OPEN_STATUSES:
        raise ValueError("这个申诉已经有结果了，不能重复登记。")
    if outcome == "upheld":
        amount = None
    else:
        if not isinstance(amount, Decimal) or not amount.is_finite() or amount <= 0:
            raise ValueError("改判或部分改判时，请填写保险公司同意赔付的金额（大于0）。")
        amount = amount.quantize(Decimal("0.01"))
    now = clock.now()
    dispute.status = outcome
    dispute.outcome = outcome
    dispute.amount_recovered = amount
    dispute.decided_at = now
    money = yuan(amount) if amount is not None else ""
    summary = OUTCOME_NOTES[outcome].format(amount=money)
    session.add(DisputeEvent(dispute_id=dispute.id, at=now, status=outcome, note=note.strip() or summary,
                             advisor_id=advisor_id))
    claim = dispute.claim
    add_event(session, claim, "dispute_result", f"申诉结果：{summary}", at=now)
    if outcome in CLAIM_STATUS_AFTER:
        claim.status = CLAIM_STATUS_AFTER[outcome]
    session.flush()
    return pick(OUTCOME_MESSAGES[outcome], lang).format(case=claim.case_number, amount=money,
                                                        note=_sentence(note, lang))


def _sentence(note: str, lang: str) -> str:
    """The advisor's note as a sentence inside the notice ("" for none, or a Chinese note to an English user)."""
    note = stored(note.strip(), lang)
    if not note:
        return ""
    if key(lang) == EN:
        return note + ("" if note.endswith((".", "!", "?")) else ".") + " "
    return note if note.endswith(("。", "！", "？")) else f"{note}。"
