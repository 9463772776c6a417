"""Files a user sent while an advisor held the conversation, put on one of the user's claims from the console.

The bot is paused then and never sees them. The advisor picks the claim and,
when the caption and file name do not tell, the material; the bot's own checks
run (bot.documents.intake.attach: format, blur, duplicates), the user is told
in their language, and it is audited.
"""
from __future__ import annotations

from typing import Dict, List, Optional

from aiohttp import web
from sqlalchemy import select

from bot.claims.labels import CLAIM_STATUSES
from bot.claims.materials import MATERIALS
from bot.documents import intake, staging
from bot.i18n import EN, to_script
from bot.store.advisors import audit
from bot.store.claims import visible_claims
from bot.store.conversations import conversation_language
from bot.store.models import Claim, Document, Handoff, TranscriptMessage
from bot.store.transcripts import message_with_file

ATTACH_UPLOAD = "attach_upload"  # the audit action
# intake outcome → the console's message code (bot.advisor.conversation.FLASH)
CODES = {
    intake.ATTACHED: "file_attached", intake.UNUSABLE: "file_unusable", intake.DUPLICATE: "file_duplicate",
    intake.REFUSED: "file_refused", intake.TYPE_NEEDED: "file_type_needed", intake.UPLOAD_MISSING: "file_missing",
    intake.CLOSED: "file_claim_closed", intake.NOT_FOUND: "file_claim_not_found",
}
TOLD = {intake.ATTACHED, intake.UNUSABLE}  # outcomes the user hears about
USER_TEXT = {
    "zh": "顾问已把您发来的文件（{name}）收进案件 {case}：{result}",
    EN: "Your advisor has added the file you sent ({name}) to claim {case}.",
}
USER_TEXT_UNUSABLE_EN = " It can't be used as it is: please send a clearer copy."


def sent_files(session, handoff: Handoff) -> List[dict]:
    """The files the user sent since the item was opened, each with the claims already holding it."""
    if not handoff.sender_id:
        return []
    rows = session.scalars(select(TranscriptMessage).where(
        TranscriptMessage.sender_id == handoff.sender_id, TranscriptMessage.role == "user",
        TranscriptMessage.file_sha256.is_not(None), TranscriptMessage.created_at >= handoff.created_at,
    ).order_by(TranscriptMessage.id)).all()
    held = _cases_holding(session, handoff.customer_id, [row.file_sha256 for row in rows])
    return [{"id": row.id, "text": row.text, "cases": held.get(row.file_sha256, [])} for row in rows]


def _cases_holding(session, customer_id: Optional[int], tokens: List[str]) -> Dict[str, List[str]]:
    if customer_id is None or not tokens:
        return {}
    claim_ids = [claim.id for claim in visible_claims(session, customer_id)]
    found: Dict[str, List[str]] = {}
    for token, case in session.execute(select(Document.sha256, Claim.case_number).join(Claim).where(
            Claim.id.in_(claim_ids), Document.sha256.in_(tokens)).order_by(Claim.case_number)):
        found.setdefault(token, []).append(case)
    return found


def claim_choices(session, handoff: Handoff) -> List[dict]:
    """The customer's claims that still take materials, the item's own claim first."""
    if handoff.customer_id is None:
        return []
    claims = [c for c in visible_claims(session, handoff.customer_id) if c.status not in intake.NO_MORE_UPLOADS]
    claims.sort(key=lambda c: c.id != handoff.claim_id)
    return [{"case": c.case_number, "label": f"{c.case_number} · {CLAIM_STATUSES.get(c.status, c.status)}"}
            for c in claims]


MATERIAL_CHOICES = [{"code": code, "name": material.name} for code, material in MATERIALS.items()]


async def read_form(request: web.Request) -> tuple:
    """(case number, material code or None) of the attach form; unknown materials count as "let the checks tell"."""
    form = await request.post()
    case = str(form.get("case_number", "")).strip()[:20]
    code = str(form.get("doc_type", "")).strip()
    return case, code if code in MATERIALS else None


def attach(session, handoff: Handoff, advisor_id: int, message_id: int, case: str,
           code: Optional[str]) -> tuple:
    """(console message code, text for the user or "") after putting the file of `message_id` on claim `case`."""
    message = message_with_file(session, message_id, handoff.sender_id)
    if message is None or handoff.customer_id is None:
        return ("file_missing" if message is None else "file_no_customer"), ""
    result = intake.attach(session, handoff.customer_id, case, message.file_sha256, code)
    audit(session, advisor_id, ATTACH_UPLOAD, f"message:{message_id}",
          f"{case} · {result.doc_type or '-'} · {result.outcome}")
    if result.outcome not in TOLD:
        return CODES[result.outcome], ""
    staged = staging.load(message.file_sha256)
    name = staged.filename if staged is not None and staged.filename else message.text.removeprefix("📎").strip()
    return CODES[result.outcome], user_text(session, handoff.sender_id, name, case, result)


def user_text(session, sender_id: str, name: str, case: str, result: intake.IntakeResult) -> str:
    """What the user reads: which file went on which claim, and the checks' verdict (Chinese) or gist (English)."""
    language = conversation_language(session, sender_id)
    if language == EN:
        unusable = USER_TEXT_UNUSABLE_EN if result.outcome == intake.UNUSABLE else ""
        return USER_TEXT[EN].format(name=name, case=case) + unusable
    return to_script(USER_TEXT["zh"].format(name=name, case=case, result=result.message), language)
