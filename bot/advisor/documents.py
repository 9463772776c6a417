"""Advisors open a claim's uploaded documents; every opening is audited.

Files live in the uploads folder by content (bot.documents.staging); only this
route serves them, to logged-in advisors (the console's login middleware). The
type sent is the one detected from the content at upload, never the file
name's, and the browser is told not to guess (`nosniff`).
"""
from __future__ import annotations

from urllib.parse import quote

from aiohttp import web

from bot.advisor.db import run_db
from bot.advisor.security import current_advisor
from bot.claims.materials import MATERIALS
from bot.documents import staging
from bot.store.advisors import audit
from bot.store.models import Document

VIEW_DOCUMENT = "view_document"
# Shown in the browser; anything else is downloaded.
INLINE_TYPES = {"image/jpeg", "image/png", "application/pdf"}


async def document_file(request: web.Request) -> web.Response:
    """GET /advisor/documents/{id}: the document's bytes, audited."""
    advisor = current_advisor(request)
    document_id = int(request.match_info["id"])

    def load(session):
        document = session.get(Document, document_id)
        if document is None or not document.sha256:
            return None
        staged = staging.load(document.sha256)
        if staged is None:
            return None
        audit(session, advisor.advisor_id, VIEW_DOCUMENT, f"document:{document.id}", document.claim.case_number)
        return staged.path, document.mime, document.filename or f"document-{document.id}"

    found = await run_db(request, load)
    if found is None:
        raise web.HTTPNotFound(text="找不到这份材料（可能是纸质材料，或文件已清理）。")
    path, mime, filename = found
    inline = mime in INLINE_TYPES
    return web.FileResponse(path, headers={
        "Content-Type": mime if inline else "application/octet-stream",
        "Content-Disposition": f"{'inline' if inline else 'attachment'}; filename*=UTF-8''{quote(filename)}",
        "X-Content-Type-Options": "nosniff",
        "Cache-Control": "no-store",
    })


def document_rows(documents) -> list:
    """The claim's documents for the conversation page (in arrival order), with what each is."""
    return [{
        "id": d.id, "type": MATERIALS[d.doc_type].name if d.doc_type in MATERIALS else d.doc_type,
        "filename": d.filename or "", "unusable": d.status == "unusable", "note": d.note or "",
        "viewable": _stored(d.sha256),
    } for d in documents]


def _stored(sha256) -> bool:
    """Whether the file is in the uploads folder (paper copies and demo rows have none)."""
    try:
        return bool(sha256) and staging.path_for(sha256).is_file()
    except staging.InvalidToken:
        return False
