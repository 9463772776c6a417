"""Help review actions: checklists, uploads with checks, submission, claim status."""
import pytest
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy import select

from actions.claim_status import ActionClaimStatus
from actions.review import ActionDoAfterForm, ActionReceiveDocument, ActionRequiredDocuments, ActionSubmitMaterials
from bot.documents import staging
from bot.store.db import session_scope
from bot.store.models import Claim, ClaimEvent, Document

from .conftest import make_tracker, texts, verified_slots


def entity(name, value):
    return {"entity": name, "value": value, "start": 0, "end": 1}


def slots_of(events):
    return {e["name"]: e["value"] for e in events if e.get("event") == "slot"}


def buttons(dispatcher):
    return [b for m in dispatcher.messages for b in m.get("buttons") or []]


async def run(action, tracker):
    dispatcher = CollectingDispatcher()
    events = await action.run(dispatcher, tracker, {})
    return dispatcher, events


def upload(name, data, caption=None):
    return staging.stage(data, name, caption)


def li(**slots):
    return {**verified_slots("李建国"), **slots}


# --- checklists -------------------------------------------------------------------------


async def test_unverified_user_chooses_a_kind_of_claim(database):
    dispatcher, _ = await run(ActionRequiredDocuments(), make_tracker(text="理赔要准备哪些材料", intent="ask_required_documents"))
    titles = [b["title"] for b in buttons(dispatcher)]
    assert "生病 · 住院" in titles and "身故" in titles and "已报案，核对我的材料" in titles


async def test_kind_in_the_question_gives_that_checklist_at_once(database):
    tracker = make_tracker(text="住院理赔需要哪些材料", intent="ask_required_documents")
    dispatcher, _ = await run(ActionRequiredDocuments(), tracker)
    said = texts(dispatcher)
    assert "生病 · 住院理赔一般需要" in said and "费用明细清单" in said and "出院小结" in said
    assert "意外事故证明" not in said


async def test_kind_button_before_verification_shows_no_personal_data(database):
    tracker = make_tracker(intent="ask_required_documents", entities=[entity("claim_kind", "death")])
    said = texts((await run(ActionRequiredDocuments(), tracker))[0])
    assert "死亡证明" in said and "C-10" not in said


async def test_verified_user_gets_the_one_complete_list_for_their_claim(database):
    dispatcher, events = await run(ActionRequiredDocuments(), make_tracker(slots=li(), intent="ask_required_documents"))
    said = texts(dispatcher)
    assert "案件 C-1003" in said and "还需要补2项" in said
    assert "✗ 费用明细清单" in said and "✗ 出院小结" in said and "✓ 被保险人身份证" in said
    assert slots_of(events)["current_claim"] == "C-1003"


# --- uploads ----------------------------------------------------------------------------


async def test_upload_with_caption_is_checked_and_listed(database, uploads, sample_files):
    token = upload("IMG_001.jpg", sample_files["sharp.jpg"], caption="费用明细")
    tracker = make_tracker(slots=li(), intent="upload_document", entities=[entity("upload_token", token)])
    dispatcher, events = await run(ActionReceiveDocument(), tracker)
    said = texts(dispatcher)
    assert "已收到：费用明细清单" in said and "还需要补1项" in said and "✗ 出院小结" in said
    assert slots_of(events)["pending_upload"] is None


async def test_unknown_type_is_asked_with_buttons_and_the_file_kept(database, uploads, sample_files):
    token = upload("IMG_002.jpg", sample_files["sharp2.jpg"])
    tracker = make_tracker(slots=li(), intent="upload_document", entities=[entity("upload_token", token)])
    dispatcher, events = await run(ActionReceiveDocument(), tracker)
    assert "哪一种材料" in texts(dispatcher)
    assert {"title": "出院小结", "payload": '/upload_document{"doc_type": "discharge_summary"}'} in buttons(dispatcher)
    assert slots_of(events)["pending_upload"] == token

    answer = make_tracker(slots=li(pending_upload=token, current_claim="C-1003"), intent="upload_document",
                          entities=[entity("doc_type", "discharge_summary")])
    dispatcher, events = await run(ActionReceiveDocument(), answer)
    assert "已收到：出院小结" in texts(dispatcher)
    assert slots_of(events)["pending_upload"] is None


async def test_wrong_format_and_duplicate_are_explained(database, uploads, sample_files):
    bad = upload("发票.jpg", sample_files["program.exe.jpg"])
    tracker = make_tracker(slots=li(), intent="upload_document", entities=[entity("upload_token", bad)])
    said = texts((await run(ActionReceiveDocument(), tracker))[0])
    assert "JPG" in said or "PDF" in said

    good = upload("明细.jpg", sample_files["sharp.jpg"])
    tracker = make_tracker(slots=li(), intent="upload_document", entities=[entity("upload_token", good)])
    await run(ActionReceiveDocument(), tracker)
    said = texts((await run(ActionReceiveDocument(), tracker))[0])
    assert "已经收到过了" in said


async def test_blurry_photo_is_marked_unusable_with_the_reason(database, uploads, sample_files):
    token = upload("出院小结.jpg", sample_files["blurry.jpg"])
    tracker = make_tracker(slots=li(), intent="upload_document", entities=[entity("upload_token", token)])
    said = texts((await run(ActionReceiveDocument(), tracker))[0])
    assert "⚠ 出院小结" in said


async def test_two_uploads_complete_c1003_and_it_can_be_submitted(database, uploads, sample_files):
    for name, data in (("费用明细.jpg", sample_files["sharp.jpg"]), ("出院小结.pdf", sample_files["doc.pdf"])):
        tracker = make_tracker(slots=li(), intent="upload_document", entities=[entity("upload_token", upload(name, data))])
        dispatcher, _ = await run(ActionReceiveDocument(), tracker)
    assert "必需材料已经齐全" in texts(dispatcher)
    assert any(b["payload"] == '/submit_claim{"case_number": "C-1003"}' for b in buttons(dispatcher))

    tracker = make_tracker(slots=li(), intent="submit_claim", entities=[entity("case_number", "C-1003")])
    dispatcher, _ = await run(ActionSubmitMaterials(), tracker)
    assert "已提交保险公司" in texts(dispatcher)
    with session_scope() as session:
        claim = session.execute(select(Claim).where(Claim.case_number == "C-1003")).scalar_one()
        assert claim.status == "submitted"
        kinds = session.execute(select(ClaimEvent.kind).where(ClaimEvent.claim_id == claim.id)).scalars().all()
        assert "submitted" in kinds


async def test_incomplete_submission_is_refused_with_the_list(database):
    tracker = make_tracker(slots=li(), intent="submit_claim")
    said = texts((await run(ActionSubmitMaterials(), tracker))[0])
    assert "暂时不能提交" in said and "✗ 费用明细清单" in said
    with session_scope() as session:
        assert session.execute(select(Claim.status).where(Claim.case_number == "C-1003")).scalar_one() == "materials_incomplete"


async def test_upload_to_someone_elses_claim_reveals_nothing(database, uploads, sample_files):
    token = upload("发票.jpg", sample_files["sharp.jpg"])
    for case in ("C-1003", "C-9999"):  # 李建国's claim, and no claim at all: the same answer for 王丽
        tracker = make_tracker(slots=verified_slots("王丽"), intent="upload_document",
                               entities=[entity("upload_token", token), entity("case_number", case)])
        dispatcher, _ = await run(ActionReceiveDocument(), tracker)
        assert texts(dispatcher) == "没有找到这个案件，或者它不在您的名下。请核对案件号（例如 C-1003）后再告诉我。"
    with session_scope() as session:
        assert not session.execute(select(Document).where(Document.sha256 == token)).first()


async def test_upload_before_verification_is_served_from_the_remembered_request(database, uploads, sample_files):
    token = upload("费用明细.jpg", sample_files["sharp.jpg"])
    tracker = make_tracker(slots=li(pending_task="upload_document", pending_facts={"upload_token": token}),
                           intent="inform", text="003X")
    dispatcher, events = await run(ActionReceiveDocument(), tracker)
    assert "已收到：费用明细清单" in texts(dispatcher)
    assert slots_of(events)["pending_facts"] is None


async def test_asking_how_to_upload_explains_and_shows_the_list(database):
    tracker = make_tracker(slots=li(), text="材料拍好了怎么发给你", intent="upload_document")
    said = texts((await run(ActionReceiveDocument(), tracker))[0])
    assert "/file" in said and "✗ 出院小结" in said


# --- status -----------------------------------------------------------------------------


async def test_several_claims_are_offered_as_buttons(database):
    dispatcher, _ = await run(ActionClaimStatus(), make_tracker(slots=verified_slots("王丽"), intent="ask_claim_status"))
    payloads = [b["payload"] for b in buttons(dispatcher)]
    assert '/ask_claim_status{"case_number": "C-1001"}' in payloads and '/ask_claim_status{"case_number": "C-1002"}' in payloads
    assert not any("C-1003" in p for p in payloads)


async def test_status_shows_timeline_stage_next_step_and_missing_items(database):
    dispatcher, events = await run(ActionClaimStatus(), make_tracker(slots=li(), intent="ask_claim_status"))
    said = texts(dispatcher)
    assert "案件 C-1003" in said and "当前阶段：材料还不齐" in said and "进展记录" in said and "下一步" in said
    assert "✗ 出院小结" in said
    assert slots_of(events)["current_claim"] == "C-1003"


@pytest.mark.parametrize("case", ["C-1003", "C-4242"])
async def test_status_of_a_claim_that_is_not_theirs_reveals_nothing(database, case):
    tracker = make_tracker(slots=verified_slots("张伟"), intent="ask_claim_status", entities=[entity("case_number", case)])
    dispatcher, _ = await run(ActionClaimStatus(), tracker)
    assert texts(dispatcher).startswith("没有找到这个案件") and "李建国" not in texts(dispatcher)


async def test_family_claim_under_review_has_a_deadline(database):
    tracker = make_tracker(slots=verified_slots("张伟"), intent="ask_claim_status", entities=[entity("case_number", "C-1004")])
    said = texts((await run(ActionClaimStatus(), tracker))[0])
    assert "张小雨" in said and "保险公司正在审核" in said


async def test_overdue_claim_offers_an_advisor(database):
    from datetime import datetime

    from bot import clock

    with clock.freeze(datetime(2027, 1, 20, 10, 0)):
        tracker = make_tracker(slots=verified_slots("张伟"), intent="ask_claim_status", entities=[entity("case_number", "C-1004")])
        dispatcher, _ = await run(ActionClaimStatus(), tracker)
    assert "超过" in texts(dispatcher)
    assert any(b["payload"] == "/request_human" for b in buttons(dispatcher))


async def test_request_during_verification_is_promised_for_after(database):
    tracker = make_tracker(text="我的理赔到哪了", intent="ask_claim_status", active_loop="identity_form")
    assert "核实后我马上帮您查理赔进度" in texts((await run(ActionDoAfterForm(), tracker))[0])


async def test_request_during_a_report_waits_for_the_report(database):
    tracker = make_tracker(slots=li(), intent="add_family_policy", active_loop="claim_report_form")
    assert "先把这次报案办完，然后我马上帮您添加家人保单" in texts((await run(ActionDoAfterForm(), tracker))[0])


async def test_a_timeline_dates_events_of_earlier_years_with_their_year(database):
    tracker = make_tracker(slots=verified_slots("王丽"), intent="ask_claim_status",
                           entities=[entity("case_number", "C-1001")])
    said = texts((await run(ActionClaimStatus(), tracker))[0])
    assert "2022年11月08日 报案" in said and "\n  11月08日" not in said  # the frozen clock is in 2026
    li_said = texts((await run(ActionClaimStatus(), make_tracker(slots=li(), intent="ask_claim_status")))[0])
    assert "2026年" not in li_said.split("进展记录")[1].split("下一步")[0]  # this year's events keep the short date
