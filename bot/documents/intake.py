"""Attach a staged upload to a verified customer's claim; submit a complete claim.

Called by the Rasa actions, which know the verified customer and the claim:
the channel has only staged the bytes (bot.documents.staging). Every result
carries a short Chinese `message` and, where it helps the dialogue, the fresh
Review of the claim (bot.claims.review.format_review prints the one list).
Nothing here commits: the caller's session_scope does.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import List, Optional, Tuple

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot import clock
from bot.claims.doc_types import candidate_doc_types, guess_doc_type
from bot.claims.labels import CLAIM_STATUSES
from bot.claims.materials import MATERIALS, ClaimFacts, age_on, checklist_for, claim_facts
from bot.claims.review import DocumentRecord, Review, format_review, review
from bot.documents import staging
from bot.documents.inspect import Inspection, inspect_file
from bot.store.claims import add_document, add_event, documents_of, find_document, get_visible_claim
from bot.store.db import lock_for_write
from bot.store.models import Claim

ATTACHED, UNUSABLE, REFUSED, DUPLICATE = "attached", "unusable", "refused", "duplicate"
TYPE_NEEDED, NOT_FOUND, UPLOAD_MISSING, CLOSED = "type_needed", "not_found", "upload_missing", "closed"
SUBMITTED, INCOMPLETE, NOT_ALLOWED = "submitted", "incomplete", "not_allowed"

NO_MORE_UPLOADS = ("closed", "withdrawn")
SUBMITTABLE = ("reported", "materials_incomplete")
MESSAGES = {
    NOT_FOUND: "没有找到这个案件，或者它不在您的名下。请核对案件号（例如 C-1003）后再告诉我。",
    UPLOAD_MISSING: "这个文件我们没有收完整，请重新发送一次。",
    CLOSED: "这个案件{status}，不能再补充材料了。如有需要，请联系顾问。",
    DUPLICATE: "这个文件之前已经收到过了（{name}），不用重复发送。",
    TYPE_NEEDED: "文件收到了。请告诉我这是哪一种材料？",
    ATTACHED: "已收到：{name}。",
    UNUSABLE: "收到{name}，不过{reason}",
    SUBMITTED: "材料已经齐全，已提交保险公司。保险公司应在材料齐全后30天内作出核定，有进展我们会通知您。",
    INCOMPLETE: "材料还不齐，暂时不能提交，以免保险公司来回要材料。",
    NOT_ALLOWED: "这个案件现在的状态是“{status}”，不需要再提交材料。",
}
NOT_ON_CHECKLIST = "这份材料不在本案的必需清单上，我们也一并保存了。"
DUPLICATE_UNUSABLE = "这个文件之前已经收到过了（{name}），但它没法用：{reason}"


@dataclass(frozen=True)
class IntakeResult:
    """What happened to one upload. `candidates`: material codes to offer when the type is needed."""

    outcome: str  # ATTACHED, UNUSABLE, REFUSED, DUPLICATE, TYPE_NEEDED, NOT_FOUND, UPLOAD_MISSING, CLOSED
    message: str
    doc_type: Optional[str] = None
    inspection: Optional[Inspection] = None
    candidates: Tuple[str, ...] = ()
    review: Optional[Review] = None
    document_id: Optional[int] = None


@dataclass(frozen=True)
class SubmitResult:
    outcome: str  # SUBMITTED, INCOMPLETE, NOT_ALLOWED, NOT_FOUND
    message: str
    review: Optional[Review] = None


def facts_of(claim: Claim) -> ClaimFacts:
    """The checklist facts of a stored claim (insured's age as of today)."""
    return claim_facts(
        claim.policy.policy_type, claim.incident_type, inpatient=claim.inpatient,
        social_insurance_settled=claim.social_insurance_settled, diagnosis=claim.diagnosis,
        insured_is_minor=age_on(claim.insured.birth_date, clock.today()) < 18,
    )


def claim_review(session: Session, claim: Claim) -> Review:
    """The claim's documents against its checklist."""
    records = [DocumentRecord(d.doc_type, d.status, d.note) for d in documents_of(session, claim)]
    return review(checklist_for(facts_of(claim)), records)


def _candidates(named: List[str], current: Review) -> Tuple[str, ...]:
    """Buttons to offer: the types the caption named if on the checklist, else what is still needed."""
    on_list = [item.code for item in current.items]
    named_on_list = tuple(code for code in named if code in on_list)
    still_needed = current.outstanding + tuple(item.code for item in current.conditional)
    return named_on_list or still_needed or tuple(on_list)


def attach(
    session: Session, customer_id: int, case_number: str, token: str, doc_type: Optional[str] = None
) -> IntakeResult:
    """Inspect the staged upload `token` and record it on the customer's claim.

    Refused files are not recorded; a too small or blurry image is recorded as
    "unusable" with the reason; without `doc_type` the type is guessed from the
    caption, then the file name, and asked for (TYPE_NEEDED) when unclear.
    """
    if doc_type is not None and doc_type not in MATERIALS:
        raise ValueError(f"unknown material code {doc_type!r}")
    claim = get_visible_claim(session, customer_id, case_number)
    if claim is None:  # someone else's claim and no claim at all look the same
        return IntakeResult(NOT_FOUND, MESSAGES[NOT_FOUND])
    if claim.status in NO_MORE_UPLOADS:
        return IntakeResult(CLOSED, MESSAGES[CLOSED].format(status=CLAIM_STATUSES[claim.status]))
    try:
        staged = staging.load(token)
    except staging.InvalidToken:  # tokens can arrive in user-typed payloads: never trust them
        staged = None
    if staged is None:
        return IntakeResult(UPLOAD_MISSING, MESSAGES[UPLOAD_MISSING])
    inspection = inspect_file(staged.read())
    if inspection.refused:
        return IntakeResult(REFUSED, inspection.message or "", inspection=inspection)
    lock_for_write(session)  # SQLite: no other writer between the duplicate check and the insert
    existing = find_document(session, claim, staged.token)
    if existing is not None:
        name = MATERIALS[existing.doc_type].name if existing.doc_type in MATERIALS else existing.doc_type
        if existing.status == "unusable":
            message = DUPLICATE_UNUSABLE.format(name=name, reason=existing.note or "")
        else:
            message = MESSAGES[DUPLICATE].format(name=name)
        return IntakeResult(DUPLICATE, message, existing.doc_type, inspection,
                            review=claim_review(session, claim), document_id=existing.id)
    code = doc_type or guess_doc_type(staged.caption) or guess_doc_type(staged.filename)
    if code is None:
        named = candidate_doc_types(staged.caption) or candidate_doc_types(staged.filename)
        current = claim_review(session, claim)
        return IntakeResult(TYPE_NEEDED, MESSAGES[TYPE_NEEDED], inspection=inspection,
                            candidates=_candidates(named, current), review=current)
    status = "unusable" if inspection.poor else "received"
    try:
        with session.begin_nested():
            document = add_document(
                session, claim, code, status=status, filename=staged.filename, sha256=staged.token,
                size_bytes=staged.size_bytes, mime=inspection.mime, width=inspection.width,
                height=inspection.height, pages=inspection.pages, note=inspection.message if inspection.poor else None,
            )
    except IntegrityError:  # PostgreSQL: the same file attached by a concurrent request
        return IntakeResult(DUPLICATE, MESSAGES[DUPLICATE].format(name=MATERIALS[code].name), code, inspection)
    fresh = claim_review(session, claim)
    name = MATERIALS[code].name
    if inspection.poor:
        message = MESSAGES[UNUSABLE].format(name=name, reason=inspection.message)
    else:
        message = MESSAGES[ATTACHED].format(name=name)
    if code not in {item.code for item in fresh.items}:
        message += NOT_ON_CHECKLIST
    return IntakeResult(UNUSABLE if inspection.poor else ATTACHED, message, code, inspection,
                        review=fresh, document_id=document.id)


def submit(session: Session, customer_id: int, case_number: str) -> SubmitResult:
    """Move a claim whose required materials are complete to "submitted", with a timeline event."""
    claim = get_visible_claim(session, customer_id, case_number)
    if claim is None:
        return SubmitResult(NOT_FOUND, MESSAGES[NOT_FOUND])
    if claim.status not in SUBMITTABLE:
        return SubmitResult(NOT_ALLOWED, MESSAGES[NOT_ALLOWED].format(status=CLAIM_STATUSES[claim.status]))
    current = claim_review(session, claim)
    if not current.complete:
        return SubmitResult(INCOMPLETE, MESSAGES[INCOMPLETE] + "\n" + format_review(current), current)
    lock_for_write(session)
    claim.status = "submitted"
    add_event(session, claim, "submitted", f"材料预审齐全（已收到{len(current.received)}项），已提交保险公司")
    return SubmitResult(SUBMITTED, MESSAGES[SUBMITTED], current)
