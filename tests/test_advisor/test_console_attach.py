"""Files a user sent while an advisor held the conversation, put on one of the user's claims from the console."""
from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from bot.documents import staging
from bot.store import customers, handoffs
from bot.store.conversations import set_conversation_language
from bot.store.db import session_scope
from bot.store.models import AuditEntry, Claim, Document
from bot.store.transcripts import SentFile, add_message, ensure_conversation

SENDER = "web-li"


def send(url, name, data, caption=None, sender=SENDER) -> int:
    """The user's upload as the gateway notes it while an advisor holds the conversation; its message id."""
    token = staging.stage(data, name, caption)
    shown = f"📎 {name}" + (f"（说明：{caption}）" if caption else "")
    with session_scope(url) as session:
        return add_message(session, sender, "user", shown, file=SentFile(token, "image/jpeg")).id


@pytest.fixture
def held(console_url, tmp_path, monkeypatch):
    """李建国 (verified) talks to an advisor about C-1003, which still waits for materials."""
    monkeypatch.setenv("CLAIMS_UPLOADS_DIR", str(tmp_path / "uploads"))
    with session_scope(console_url) as session:
        li = customers.find_by_mobile(session, "13900139000")
        claim = session.scalar(select(Claim).where(Claim.case_number == "C-1003"))
        ensure_conversation(session, SENDER)
        item = handoffs.open_handoff(session, sender_id=SENDER, reason="request_human", claim_id=claim.id,
                                     customer_id=li.id)
        session.flush()
        return item.id


def documents_of(url, case="C-1003") -> list:
    with session_scope(url) as session:
        claim = session.scalar(select(Claim).where(Claim.case_number == case))
        return [(d.doc_type, d.status, d.filename) for d in session.scalars(
            select(Document).where(Document.claim_id == claim.id).order_by(Document.id))]


async def attach(advisor, item_id, message_id, case="C-1003", doc_type=""):
    response = await advisor.post(f"/advisor/handoffs/{item_id}/files/{message_id}/attach",
                                  {"case_number": case, "doc_type": doc_type})
    assert response.status == 303
    return re.search(r"msg=(\w+)", response.headers["Location"]).group(1)


async def test_a_file_sent_to_the_advisor_goes_on_the_claim_with_the_bots_checks(
        advisor, held, console_url, gateway, sample_files):
    before = documents_of(console_url)
    invoice = send(console_url, "住院发票.jpg", sample_files["sharp.jpg"], caption="住院发票")
    page = await (await advisor.client.get(f"/advisor/handoffs/{held}")).text()
    assert 'data-testid="files-panel"' in page and "📎 住院发票.jpg（说明：住院发票）" in page
    cases = re.findall(r'<option value="(C-\d+)"', page)
    assert cases and cases[0] == "C-1003" and "C-1001" not in cases  # only 李建国's, the item's own first

    assert await attach(advisor, held, invoice) == "file_attached"
    assert documents_of(console_url) == before + [("invoice", "received", "住院发票.jpg")]
    [(sender, [told], role, advisor_id)] = gateway.delivered
    assert sender == SENDER and role == "advisor" and advisor_id is not None
    assert told.startswith("顾问已把您发来的文件（住院发票.jpg）收进案件 C-1003：已收到：")
    page = await (await advisor.client.get(f"/advisor/handoffs/{held}")).text()
    assert "已收进 C-1003" in page
    with session_scope(console_url) as session:
        entry = session.scalar(select(AuditEntry).where(AuditEntry.action == "attach_upload"))
        assert (entry.target, entry.detail) == (f"message:{invoice}", "C-1003 · invoice · attached")

    assert await attach(advisor, held, invoice) == "file_duplicate"  # once is enough
    assert len(gateway.delivered) == 1 and len(documents_of(console_url)) == len(before) + 1


async def test_an_unclear_type_is_asked_for_and_a_blurry_photo_is_kept_as_unusable(
        advisor, held, console_url, gateway, sample_files):
    unnamed = send(console_url, "IMG_0001.jpg", sample_files["sharp2.jpg"])
    assert await attach(advisor, held, unnamed) == "file_type_needed"
    assert await attach(advisor, held, unnamed, doc_type="medical_record") == "file_attached"
    assert documents_of(console_url)[-1] == ("medical_record", "received", "IMG_0001.jpg")
    blurry = send(console_url, "费用清单.jpg", sample_files["blurry.jpg"], caption="费用清单")
    assert await attach(advisor, held, blurry) == "file_unusable"
    assert documents_of(console_url)[-1][1] == "unusable"
    assert "不过" in gateway.delivered[-1][1][0]  # the user hears why, to send a clearer one
    broken = send(console_url, "发票.jpg", sample_files["truncated.jpg"], caption="发票")
    assert await attach(advisor, held, broken) == "file_refused"


async def test_wrong_claims_files_and_users_are_refused(advisor, held, console_url, gateway, sample_files):
    mine = send(console_url, "住院发票.jpg", sample_files["sharp.jpg"], caption="住院发票")
    theirs = send(console_url, "发票.jpg", sample_files["sharp.png"], sender="web-someone-else")
    with session_scope(console_url) as session:
        text = add_message(session, SENDER, "user", "发了").id
    assert await attach(advisor, held, mine, case="C-1001") == "file_claim_not_found"  # 王丽's claim
    for message_id in (theirs, text, 999999):
        assert await attach(advisor, held, message_id) == "file_missing"
    assert gateway.delivered == []
    with session_scope(console_url) as session:  # not verified: nobody's claims to offer
        ensure_conversation(session, "web-anon")
        anonymous = handoffs.open_handoff(session, sender_id="web-anon", reason="request_human")
        session.flush()
        anonymous_id = anonymous.id
    photo = send(console_url, "发票.jpg", sample_files["sharp.jpg"], sender="web-anon")
    page = await (await advisor.client.get(f"/advisor/handoffs/{anonymous_id}")).text()
    assert "用户还没有核实身份" in page and 'data-testid="attach-form"' not in page
    assert await attach(advisor, anonymous_id, photo) == "file_no_customer"


async def test_english_users_are_told_in_english_and_a_failed_delivery_says_so(
        advisor, held, console_url, gateway, sample_files):
    with session_scope(console_url) as session:
        set_conversation_language(session, SENDER, "en")
    bill = send(console_url, "bill.jpg", sample_files["sharp.jpg"], caption="invoice")
    assert await attach(advisor, held, bill, doc_type="invoice") == "file_attached"
    assert gateway.delivered[-1][1] == ["Your advisor has added the file you sent (bill.jpg) to claim C-1003."]
    gateway.fail = True
    other = send(console_url, "清单.jpg", sample_files["sharp2.jpg"], caption="费用清单")
    assert await attach(advisor, held, other) == "file_attached_not_told"
    with session_scope(console_url) as session:  # a finished item takes nothing
        handoffs.finish(session, handoffs.get_handoff(session, held), "closed")
    assert await attach(advisor, held, other) == "finished"
