"""The dispute form: which claim, grounds, the user's words, evidence, then the dispute and a priority-1 hand-off."""
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy import select

from actions.dispute import (
    ActionAskDisputeCase, ActionAskDisputeEvidence, ActionAskDisputeGrounds, ActionSubmitDispute, ValidateDisputeForm,
    grounds_in,
)
from actions.review import dispute_evidence
from bot.documents import intake
from bot.store import Dispute, Handoff, session_scope

from .conftest import load_domain, make_tracker, texts, verified_slots

FORM = ValidateDisputeForm()
STATEMENT = "我当时手流了很多血，是120急救车直接把我送到华康医院的，医院不是我选的。"


def choice(value):
    return [{"entity": "choice", "value": value, "start": 0, "end": 0}]


async def extract(slot, tracker):
    return await getattr(FORM, f"extract_{slot}")(CollectingDispatcher(), tracker, load_domain())


def validate(slot, value, tracker):
    dispatcher = CollectingDispatcher()
    return getattr(FORM, f"validate_{slot}")(value, dispatcher, tracker, load_domain()), dispatcher


async def test_the_case_comes_from_the_dispute_button(database):
    tracker = make_tracker(slots=verified_slots("王丽"), text='/dispute_decision{"case_number":"C-1001"}',
                           intent="dispute_decision", active_loop="dispute_form",
                           entities=[{"entity": "case_number", "value": "C-1001"}])
    assert await extract("dispute_case", tracker) == {"dispute_case": "C-1001"}
    result, _ = validate("dispute_case", "C-1001", tracker)
    assert result == {"dispute_case": "C-1001", "current_claim": "C-1001"}


async def test_the_only_rejected_claim_is_taken_and_last_claim_words_work(database):
    tracker = make_tracker(slots=verified_slots("王丽"), text="我要申诉", intent="dispute_decision",
                           active_loop="dispute_form")
    assert await extract("dispute_case", tracker) == {"dispute_case": "C-1001"}


async def test_buttons_list_the_disputable_claims_and_refuse_undecided_ones(database):
    dispatcher = CollectingDispatcher()
    await ActionAskDisputeCase().run(dispatcher, make_tracker(slots=verified_slots("王丽")), {})
    assert [b["payload"] for b in dispatcher.messages[0]["buttons"]] == ['/inform{"case_number": "C-1001"}']
    li = make_tracker(slots=verified_slots("李建国"), active_loop="dispute_form", requested_slot="dispute_case")
    result, dispatcher = validate("dispute_case", "C-1003", li)
    assert result == {"dispute_case": None} and "还没有作出决定" in texts(dispatcher)
    result, dispatcher = validate("dispute_case", "C-1001", li)  # someone else's claim: not found
    assert result == {"dispute_case": None} and "没有找到" in texts(dispatcher)


async def test_nothing_to_dispute_ends_the_form(database):
    dispatcher = CollectingDispatcher()
    events = await ActionAskDisputeCase().run(dispatcher, make_tracker(slots=verified_slots("张伟")), {})
    assert events[0]["name"] == "requested_slot" and events[0]["value"] is None
    assert "没有可以申诉" in texts(dispatcher)


async def test_grounds_by_buttons_then_done_or_in_words(database):
    slots = {**verified_slots("王丽"), "dispute_case": "C-1001"}
    click = make_tracker(slots=slots, intent="inform", entities=choice("emergency_admission"),
                         active_loop="dispute_form", requested_slot="dispute_grounds")
    assert await extract("dispute_grounds", click) == {"dispute_grounds_picked": ["emergency_admission"]}
    picked = {**slots, "dispute_grounds_picked": ["emergency_admission"]}
    dispatcher = CollectingDispatcher()
    await ActionAskDisputeGrounds().run(dispatcher, make_tracker(slots=picked), {})
    titles = [b["title"] for b in dispatcher.messages[0]["buttons"]]
    assert "急诊/120送医" not in titles and titles[-1] == "完成" and "已选：急诊/120送医" in texts(dispatcher)
    done = make_tracker(slots=picked, intent="inform", entities=choice("done"), active_loop="dispute_form",
                        requested_slot="dispute_grounds")
    assert await extract("dispute_grounds", done) == {"dispute_grounds": ["emergency_admission"]}
    words = make_tracker(slots=slots, text="是120送去的，而且条款他们根本没说明", active_loop="dispute_form",
                         requested_slot="dispute_grounds")
    assert await extract("dispute_grounds", words) == {"dispute_grounds": ["emergency_admission", "misapplied_clause"],
                                                        "dispute_statement": "是120送去的，而且条款他们根本没说明"}
    short = make_tracker(slots=slots, text="120送的", active_loop="dispute_form", requested_slot="dispute_grounds")
    assert await extract("dispute_grounds", short) == {"dispute_grounds": ["emergency_admission"]}  # the account is asked
    assert grounds_in("金额算错了") == ["wrong_amount"]
    result, dispatcher = validate("dispute_grounds", "?", words)
    assert result == {"dispute_grounds": None} and "按钮" in texts(dispatcher)


async def test_the_statement_is_free_text_and_an_empty_one_is_refused_kindly(database):
    tracker = make_tracker(slots=verified_slots("王丽"), text=STATEMENT, intent="explain_decision",
                           active_loop="dispute_form", requested_slot="dispute_statement")
    assert await extract("dispute_statement", tracker) == {"dispute_statement": STATEMENT}
    result, dispatcher = validate("dispute_statement", "不服", tracker)
    assert result == {"dispute_statement": None} and "多说几句" in texts(dispatcher)
    result, _ = validate("dispute_statement", "x" * 600, tracker)
    assert result == {"dispute_statement": None}


async def test_evidence_can_be_skipped_or_finished(database):
    slots = {**verified_slots("王丽"), "dispute_case": "C-1001"}
    skip = make_tracker(slots=slots, intent="inform", entities=choice("skip"), active_loop="dispute_form",
                        requested_slot="dispute_evidence_done")
    assert await extract("dispute_evidence_done", skip) == {"dispute_evidence_done": "skip"}
    typed = make_tracker(slots=slots, text="发完了", active_loop="dispute_form", requested_slot="dispute_evidence_done")
    assert await extract("dispute_evidence_done", typed) == {"dispute_evidence_done": "done"}
    dispatcher = CollectingDispatcher()
    await ActionAskDisputeEvidence().run(dispatcher, make_tracker(slots={"dispute_evidence": ["意外事故证明"]}), {})
    assert "已收到：意外事故证明" in texts(dispatcher) and dispatcher.messages[0]["buttons"][0]["title"] == "证据发完了"


def test_an_uploaded_evidence_file_is_remembered_once():
    tracker = make_tracker(slots={"dispute_evidence": ["病历"]})
    result = intake.IntakeResult(intake.ATTACHED, "已收到：意外事故证明。", doc_type="accident_proof")
    assert dispute_evidence(tracker, result)[0]["value"][-1] != "病历"
    refused = intake.IntakeResult(intake.REFUSED, "不是照片")
    assert dispute_evidence(tracker, refused) == []


async def test_submit_creates_the_dispute_and_hands_off_with_priority_one(database):
    slots = {**verified_slots("王丽"), "dispute_case": "C-1001", "dispute_grounds": ["emergency_admission"],
             "dispute_statement": STATEMENT, "dispute_evidence": [], "dispute_evidence_done": "skip",
             "dispute_confirmed": True}
    dispatcher = CollectingDispatcher()
    events = await ActionSubmitDispute().run(dispatcher, make_tracker(slots=slots, text="/affirm", intent="affirm"), {})
    assert events[-1]["event"] == "pause"
    assert {"event": "slot", "timestamp": None, "name": "dispute_case", "value": None} in events
    said = texts(dispatcher)
    assert "申诉已登记（案件 C-1001）" in said and "15～30天" in said and "预计等待" in said
    with session_scope() as session:
        dispute = session.scalars(select(Dispute)).one()
        item = session.scalars(select(Handoff)).one()
        assert "第2.5条“紧急情况”" in dispute.letter and STATEMENT in dispute.letter
        assert (item.kind, item.reason, item.priority, item.dispute_id) == ("dispute", "dispute", 1, dispute.id)
        found = {s["heading"]: "\n".join(s["lines"]) for s in item.context["sections"]}
        assert "申诉书草稿已生成" in found["申诉"] and "急诊/120送医" in found["申诉"]
        assert "C-1001" in found["本次理赔"] and "申诉（未提交）" not in found.get("机器人已收集", "")
