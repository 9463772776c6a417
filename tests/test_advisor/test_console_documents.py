"""Advisors open a claim's uploaded documents from the conversation page; every opening is audited."""
from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from bot.documents import staging
from bot.store import handoffs
from bot.store.db import session_scope
from bot.store.models import AuditEntry, Claim, Document
from bot.store.transcripts import SentFile, add_message, ensure_conversation

from .conftest import log_in

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64  # what the bytes are does not matter here: the stored type does


@pytest.fixture
def claim_item(console_url, tmp_path, monkeypatch):
    """A hand-off about C-1002 whose claim has an uploaded invoice (image), a PDF and a paper copy."""
    monkeypatch.setenv("CLAIMS_UPLOADS_DIR", str(tmp_path / "uploads"))
    token = staging.stage(PNG, "发票 1.png")
    pdf = staging.stage(b"%PDF-1.4 demo", "出院小结.pdf")
    with session_scope(console_url) as session:
        claim = session.scalar(select(Claim).where(Claim.case_number == "C-1002"))
        rows = [Document(claim_id=claim.id, doc_type="invoice", filename="发票 1.png", sha256=token, mime="image/png"),
                Document(claim_id=claim.id, doc_type="discharge_summary", filename="出院小结.pdf", sha256=pdf,
                         mime="application/pdf"),
                Document(claim_id=claim.id, doc_type="id_card", status="unusable", note="太模糊")]
        session.add_all(rows)
        ensure_conversation(session, "web-docs")
        item = handoffs.open_handoff(session, sender_id="web-docs", reason="request_human", claim_id=claim.id,
                                     customer_id=claim.reporter_id)
        session.flush()
        return item.id, [row.id for row in rows]


async def test_the_page_lists_the_claims_documents_and_opens_them_audited(advisor, claim_item, console_url):
    item_id, (image_id, pdf_id, paper_id) = claim_item
    page = await (await advisor.client.get(f"/advisor/handoffs/{item_id}")).text()
    assert "已收材料 · C-1002" in page and "发票 1.png" in page and "太模糊" in page
    links = re.findall(r'href="(/advisor/documents/\d+)"[^>]*data-testid="document-link"', page)
    assert links == [f"/advisor/documents/{image_id}", f"/advisor/documents/{pdf_id}"]  # paper: nothing to open

    image = await advisor.client.get(f"/advisor/documents/{image_id}")
    assert image.status == 200 and await image.read() == PNG
    assert image.headers["Content-Type"] == "image/png" and image.headers["X-Content-Type-Options"] == "nosniff"
    assert image.headers["Content-Disposition"].startswith("inline; filename*=UTF-8''%E5%8F%91%E7%A5%A8")
    assert image.headers["Cache-Control"] == "no-store"
    assert (await advisor.client.get(f"/advisor/documents/{pdf_id}")).headers["Content-Type"] == "application/pdf"
    with session_scope(console_url) as session:
        entries = session.scalars(select(AuditEntry).where(AuditEntry.action == "view_document")).all()
        assert [(e.target, e.detail) for e in entries] == [(f"document:{image_id}", "C-1002"),
                                                           (f"document:{pdf_id}", "C-1002")]


async def test_missing_files_and_unknown_documents_are_404(advisor, claim_item):
    _, (_, _, paper_id) = claim_item
    assert (await advisor.client.get(f"/advisor/documents/{paper_id}")).status == 404
    assert (await advisor.client.get("/advisor/documents/999999")).status == 404


async def test_documents_need_a_login(client, claim_item):
    _, (image_id, _, _) = claim_item
    anonymous = await client.get(f"/advisor/documents/{image_id}", allow_redirects=False)
    assert anonymous.status in (302, 303, 401) and PNG not in await anonymous.read()
    await log_in(client)
    assert (await client.get(f"/advisor/documents/{image_id}")).status == 200


@pytest.fixture
def sent_files(console_url, claim_item):
    """In the hand-off's conversation: a photo the user sent (e.g. while an advisor held it, so no claim
    has it), a text message and a bot message; another conversation's photo."""
    token = staging.stage(PNG, "化验单.png")
    with session_scope(console_url) as session:
        photo = add_message(session, "web-docs", "user", "📎 化验单.png", file=SentFile(token, "image/png"))
        text = add_message(session, "web-docs", "user", "照片发您了")
        bot = add_message(session, "web-docs", "bot", "收到")
        elsewhere = add_message(session, "web-other", "user", "📎 x.png", file=SentFile(token, "image/png"))
        return claim_item[0], photo.id, text.id, bot.id, elsewhere.id


async def test_a_file_the_user_sent_opens_from_the_transcript_audited(advisor, sent_files, console_url):
    item_id, photo_id, text_id, bot_id, _ = sent_files
    page = await (await advisor.client.get(f"/advisor/handoffs/{item_id}")).text()
    links = re.findall(r'href="(/advisor/uploads/\d+)"[^>]*data-testid="sent-file"', page)
    assert links == [f"/advisor/uploads/{photo_id}"]  # only the message a file came with

    polled = await (await advisor.client.get(f"/advisor/handoffs/{item_id}/messages")).json()
    assert [m.get("file_url") for m in polled["messages"]] == [f"/advisor/uploads/{photo_id}", None, None]

    photo = await advisor.client.get(f"/advisor/uploads/{photo_id}")
    assert photo.status == 200 and await photo.read() == PNG
    assert photo.headers["Content-Type"] == "image/png" and photo.headers["X-Content-Type-Options"] == "nosniff"
    assert photo.headers["Content-Disposition"] == "inline; filename*=UTF-8''%E5%8C%96%E9%AA%8C%E5%8D%95.png"
    for missing in (text_id, bot_id, 999999):
        assert (await advisor.client.get(f"/advisor/uploads/{missing}")).status == 404
    with session_scope(console_url) as session:
        entries = session.scalars(select(AuditEntry).where(AuditEntry.action == "view_upload")).all()
        assert [e.target for e in entries] == [f"message:{photo_id}"] and entries[0].advisor_id is not None


async def test_a_sent_file_needs_a_login(client, sent_files):
    photo_id = sent_files[1]
    anonymous = await client.get(f"/advisor/uploads/{photo_id}", allow_redirects=False)
    assert anonymous.status in (302, 303, 401) and PNG not in await anonymous.read()
