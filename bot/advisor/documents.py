"""Advisors open a claim's uploaded documents and the files users sent in a conversation; every opening
is audited.

Files live in the uploads folder by content (bot.documents.staging); only these routes serve them to
advisors (the console's login middleware), and `GET /api/files/{id}` to the user who sent them.
"""
from __future__ import annotations

from aiohttp import web

from bot.advisor.db import run_db
from bot.advisor.security import current_advisor
from bot.claims.materials import MATERIALS
from bot.documents.serving import file_response, sent_file, stored_file
from bot.store.advisors import audit
from bot.store.db import row_id
from bot.store.models import Document

VIEW_DOCUMENT = "view_document"
VIEW_UPLOAD = "view_upload"


async def document_file(request: web.Request) -> web.Response:
    """GET /advisor/documents/{id}: a claim document's bytes, audited."""
    advisor = current_advisor(request)
    document_id = row_id(request.match_info["id"])

    def load(session):
        document = session.get(Document, document_id)
        found = document and stored_file(document.sha256, document.mime, document.filename or f"document-{document.id}")
        if found:
            audit(session, advisor.advisor_id, VIEW_DOCUMENT, f"document:{document.id}", document.claim.case_number)
        return found

    found = await run_db(request, load)
    if not found:
        raise web.HTTPNotFound(text="找不到这份材料（可能是纸质材料，或文件已清理）。")
    return file_response(found)


async def upload_file(request: web.Request) -> web.Response:
    """GET /advisor/uploads/{id}: the file a user sent with transcript message `id` (also one sent while
    an advisor held the conversation, which the bot never saw), audited."""
    advisor = current_advisor(request)
    message_id = row_id(request.match_info["id"])

    def load(session):
        found = sent_file(session, message_id)
        if found:
            audit(session, advisor.advisor_id, VIEW_UPLOAD, f"message:{message_id}")
        return found

    found = await run_db(request, load)
    if not found:
        raise web.HTTPNotFound(text="找不到这个文件（可能已清理）。")
    return file_response(found)


def document_rows(documents) -> list:
    """The claim's documents for the conversation page (in arrival order), with what each is."""
    return [{
        "id": d.id, "type": MATERIALS[d.doc_type].name if d.doc_type in MATERIALS else d.doc_type,
        "filename": d.filename or "", "unusable": d.status == "unusable", "note": d.note or "",
        "viewable": stored_file(d.sha256, d.mime, "") is not None,
    } for d in documents]
