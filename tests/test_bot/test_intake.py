"""Attaching staged uploads to claims and submitting them, on SQLite and PostgreSQL."""
import pytest
from alembic import command
from sqlalchemy import inspect as inspect_db, select

from bot.claims.review import format_review
from bot.documents import attach, claim_review, stage, submit
from bot.documents import intake
from bot.store import Claim, Document, get_engine, get_visible_claim, session_scope, timeline
from bot.store.db import alembic_config, migrate


@pytest.fixture
def li(seeded_url, customer_ids, uploads):
    """李建国's id; the database and the uploads folder are ready."""
    return customer_ids["李建国"]


def documents(url, case_number="C-1003"):
    """(doc_type, status) of the claim's documents, oldest first."""
    with session_scope(url) as session:
        return [(d.doc_type, d.status) for d in session.scalars(
            select(Document).join(Claim).where(Claim.case_number == case_number).order_by(Document.id))]


def test_c1003_misses_exactly_the_itemised_list_and_discharge_summary(seeded_url, li, customer_ids):
    with session_scope(seeded_url) as session:
        review = claim_review(session, get_visible_claim(session, li, "C-1003"))
        assert sorted(review.outstanding) == ["discharge_summary", "itemised_list"]
        assert len(review.received) == 8 and not review.conditional and not review.complete
        for name, case in [("王丽", "C-1001"), ("王丽", "C-1002"), ("张伟", "C-1004")]:  # the others are complete
            assert claim_review(session, get_visible_claim(session, customer_ids[name], case)).complete, case


def test_c1003_completes_after_two_uploads_and_is_submitted_once(seeded_url, li, sample_files):
    with session_scope(seeded_url) as session:
        refused = submit(session, li, "C-1003")
    assert refused.outcome == intake.INCOMPLETE and "✗ 出院小结" in refused.message
    assert sorted(refused.review.outstanding) == ["discharge_summary", "itemised_list"]

    first = stage(sample_files["sharp.jpg"], filename="IMG_0001.jpg", caption="出院小结")
    second = stage(sample_files["sharp2.jpg"], filename="住院费用明细清单.jpg")
    with session_scope(seeded_url) as session:
        one = attach(session, li, "c1003", first)
        assert (one.outcome, one.doc_type, one.message) == (intake.ATTACHED, "discharge_summary", "已收到：出院小结。")
        assert one.review.outstanding == ("itemised_list",) and one.document_id
    with session_scope(seeded_url) as session:
        two = attach(session, li, "C-1003", second)
    assert two.outcome == intake.ATTACHED and two.doc_type == "itemised_list" and two.review.complete
    assert "必需材料已经齐全" in format_review(two.review)

    with session_scope(seeded_url) as session:
        done = submit(session, li, "C-1003")
    assert done.outcome == intake.SUBMITTED and "30天" in done.message
    with session_scope(seeded_url) as session:
        claim = get_visible_claim(session, li, "C-1003")
        assert claim.status == "submitted"
        last = timeline(session, claim)[-1]
        assert last.kind == "submitted" and "10项" in last.note
        stored = [d for d in claim.documents if d.doc_type == "itemised_list"][0]
        assert (stored.mime, stored.width, stored.height, stored.filename) == (
            "image/jpeg", 1200, 1600, "住院费用明细清单.jpg")
        assert stored.sha256 == second and stored.size_bytes == len(sample_files["sharp2.jpg"])
    with session_scope(seeded_url) as session:
        again = submit(session, li, "C-1003")
    assert again.outcome == intake.NOT_ALLOWED and "材料已提交保险公司" in again.message


def test_someone_elses_claim_looks_like_no_claim(seeded_url, customer_ids, uploads, sample_files):
    wang = customer_ids["王丽"]
    token = stage(sample_files["sharp.jpg"], caption="出院小结")
    with session_scope(seeded_url) as session:
        theirs = attach(session, wang, "C-1003", token)
        missing = attach(session, wang, "C-9999", token)
        submitted = submit(session, wang, "C-1003")
    assert theirs == missing and theirs.outcome == intake.NOT_FOUND and theirs.review is None
    assert submitted.outcome == intake.NOT_FOUND and submitted.message == theirs.message
    assert ("discharge_summary", "received") not in documents(seeded_url)


def test_the_same_file_twice_is_a_duplicate(seeded_url, li, sample_files):
    token = stage(sample_files["sharp.jpg"], caption="出院小结")
    with session_scope(seeded_url) as session:
        assert attach(session, li, "C-1003", token).outcome == intake.ATTACHED
    again_token = stage(sample_files["sharp.jpg"], caption="费用明细清单")  # same bytes, other caption
    with session_scope(seeded_url) as session:
        again = attach(session, li, "C-1003", again_token)
    assert again_token == token and again.outcome == intake.DUPLICATE and "出院小结" in again.message
    assert documents(seeded_url).count(("discharge_summary", "received")) == 1
    assert ("itemised_list", "received") not in documents(seeded_url)


def test_unknown_type_is_asked_for_with_buttons(seeded_url, li, sample_files):
    token = stage(sample_files["sharp.jpg"], filename="IMG_20261112_0931.jpg")
    with session_scope(seeded_url) as session:
        result = attach(session, li, "C-1003", token)
    assert result.outcome == intake.TYPE_NEEDED and result.document_id is None
    assert set(result.candidates) == {"discharge_summary", "itemised_list"}  # what the claim still needs
    both = stage(sample_files["sharp2.jpg"], caption="发票和明细")
    with session_scope(seeded_url) as session:
        assert attach(session, li, "C-1003", both).candidates == ("invoice", "itemised_list")
    before = documents(seeded_url)
    with session_scope(seeded_url) as session:
        chosen = attach(session, li, "C-1003", token, doc_type="itemised_list")
    assert chosen.outcome == intake.ATTACHED and documents(seeded_url) == before + [("itemised_list", "received")]
    with pytest.raises(ValueError):
        with session_scope(seeded_url) as session:
            attach(session, li, "C-1003", token, doc_type="selfie")


def test_a_blurry_photo_is_recorded_as_unusable_then_superseded(seeded_url, li, sample_files):
    blurry = stage(sample_files["blurry.jpg"], caption="费用明细清单")
    with session_scope(seeded_url) as session:
        result = attach(session, li, "C-1003", blurry)
    assert result.outcome == intake.UNUSABLE and result.message.startswith("收到费用明细清单，不过照片太模糊")
    assert [(u.item.code, u.reason) for u in result.review.unusable] == [("itemised_list", result.inspection.message)]
    assert "⚠ 费用明细清单：照片太模糊" in format_review(result.review)
    with session_scope(seeded_url) as session:
        small = attach(session, li, "C-1003", stage(sample_files["small.jpg"], caption="出院小结"))
    assert small.outcome == intake.UNUSABLE and small.inspection.problem == "too_small"
    with session_scope(seeded_url) as session:  # the same blurry photo again
        again = attach(session, li, "C-1003", stage(sample_files["blurry.jpg"]))
    assert again.outcome == intake.DUPLICATE and "没法用：照片太模糊" in again.message
    with session_scope(seeded_url) as session:
        good = attach(session, li, "C-1003", stage(sample_files["sharp.png"], caption="费用明细清单"))
    assert good.outcome == intake.ATTACHED and not [u for u in good.review.unusable if u.item.code == "itemised_list"]
    assert documents(seeded_url)[-3:] == [
        ("itemised_list", "unusable"), ("discharge_summary", "unusable"), ("itemised_list", "received")]


def test_refused_files_are_not_attached(seeded_url, li, sample_files, big_file):
    before = documents(seeded_url)
    files = {name: sample_files[name] for name in
             ["empty.jpg", "program.exe.jpg", "program.elf.jpg", "truncated.jpg", "truncated.pdf", "locked.pdf"]}
    files["huge.jpg"] = big_file
    for name, data in files.items():
        with session_scope(seeded_url) as session:
            result = attach(session, li, "C-1003", stage(data, filename=name, caption="出院小结"))
        assert result.outcome == intake.REFUSED and result.message == result.inspection.message, name
    assert documents(seeded_url) == before


def test_missing_or_forged_tokens_and_closed_claims(seeded_url, li, sample_files):
    with session_scope(seeded_url) as session:
        assert attach(session, li, "C-1003", "0" * 64).outcome == intake.UPLOAD_MISSING
        assert attach(session, li, "C-1003", "../../claims.db").outcome == intake.UPLOAD_MISSING
        get_visible_claim(session, li, "C-1003").status = "withdrawn"
    with session_scope(seeded_url) as session:
        closed = attach(session, li, "C-1003", stage(sample_files["sharp.jpg"], caption="出院小结"))
    assert closed.outcome == intake.CLOSED and "已撤案" in closed.message


def test_migration_0002_goes_down_and_up(db_url):
    migrate(db_url)
    with get_engine(db_url).begin() as connection:
        command.downgrade(alembic_config(connection, db_url), "0001")
    with get_engine(db_url).connect() as connection:
        columns = {c["name"] for c in inspect_db(connection).get_columns("documents")}
        assert "mime" not in columns and "sha256" in columns
        assert {c["name"] for c in inspect_db(connection).get_check_constraints("documents")} == {"ck_documents_status"}
    migrate(db_url)
    with get_engine(db_url).connect() as connection:
        indexes = {i["name"]: i["unique"] for i in inspect_db(connection).get_indexes("documents")}
        assert indexes["ix_documents_claim_id_sha256"]
