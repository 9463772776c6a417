"""No verified user sees or changes what is another customer's, and an unverified conversation gets nothing personal.

The actions run against the real seeded database (tests/test_actions fixtures): 王丽 owns C-1001 and C-1002,
李建国 C-1003, 张伟 reported C-1004 for his daughter. Guessed case numbers get exactly the answer that a case
number which does not exist gets, so nothing tells a guesser that a claim is there.
"""
from __future__ import annotations

import re
from datetime import datetime

import pytest
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy import select

from actions.callback import ActionManageCallback
from actions.claim_status import ActionClaimStatus
from actions.dispute import ActionAskDisputeCase
from actions.interpret import ActionAnswerCoverage, ActionExplainDecision
from actions.paper_policy import ActionPaperPolicyStatus
from actions.review import ActionReceiveDocument, ActionSubmitMaterials
from actions.service_centre import ActionManageAppointment
from bot.documents import staging
from bot.store import appointments, callbacks, mailings
from bot.store.appointments import free_slots
from bot.store.db import session_scope
from bot.store.models import Appointment, Callback, Claim, Customer, Document, MailingRequest, Policy
from tests.test_actions.conftest import database, frozen_clock, make_tracker, texts, verified_slots  # noqa: F401
from tests.test_actions.test_dispute import validate

GUESSES = [f"C-{n}" for n in range(1001, 1011)]
PEOPLE = ("王丽", "李建国", "张伟")
# Whatever identifies another customer: names, mobiles (whole or masked), policy numbers.
OTHERS = {
    "王丽": ["王丽", "13800138000", "138****8000", "P2022-0001", "P2022-0002"],
    "李建国": ["李建国", "13900139000", "139****9000", "P2025-0003"],
    "张伟": ["张伟", "13700137000", "137****7000", "P2026-0004", "QM-2026-0456"],
}


def entity(name, value):
    return {"entity": name, "value": value, "start": 0, "end": 1}


async def run(action, tracker) -> str:
    dispatcher = CollectingDispatcher()
    await action.run(dispatcher, tracker, {})
    return texts(dispatcher) + " " + " ".join(
        f"{b['title']} {b['payload']}" for m in dispatcher.messages for b in m.get("buttons") or [])


def owners() -> dict:
    """case number → the names of the customers who may see it (insured or reporter)."""
    with session_scope() as session:
        return {c.case_number: {c.insured.name, c.reporter.name if c.reporter else c.insured.name}
                for c in session.scalars(select(Claim))}


def assert_nothing_of_others(said: str, me: str):
    for person, marks in OTHERS.items():
        if person != me:
            for mark in marks:
                assert mark not in said, f"{me} was shown {mark!r} of {person}: {said}"


@pytest.mark.parametrize("me", PEOPLE)
@pytest.mark.parametrize("action", [ActionClaimStatus, ActionExplainDecision], ids=["status", "explain"])
async def test_guessed_case_numbers_are_indistinguishable_from_missing_ones(database, me, action):
    seen_by = owners()
    missing = await run(action(), make_tracker(slots=verified_slots(me), entities=[entity("case_number", "C-1010")]))
    assert "C-1010" not in seen_by and "没有找到这个案件" in missing
    for case in GUESSES:
        said = await run(action(), make_tracker(slots=verified_slots(me), entities=[entity("case_number", case)]))
        if case in seen_by and me in seen_by[case]:
            continue
        assert said == missing, f"{me} guessing {case}"


@pytest.mark.parametrize("me", PEOPLE)
async def test_lists_and_answers_show_only_ones_own(database, me):
    slots = verified_slots(me)
    for action, intent in ((ActionClaimStatus, "ask_claim_status"), (ActionExplainDecision, "explain_decision"),
                           (ActionAnswerCoverage, "ask_coverage"), (ActionPaperPolicyStatus, "paper_policy_status")):
        said = await run(action(), make_tracker(slots=slots, intent=intent, text="门诊能报吗"))
        assert_nothing_of_others(said, me)
        mine = {c for c, who in owners().items() if me in who}
        assert set(re.findall(r"C-\d{4}", said)) <= mine


async def test_no_upload_to_someone_elses_claim_nor_submission_of_it(database, tmp_path, monkeypatch):
    monkeypatch.setenv("CLAIMS_UPLOADS_DIR", str(tmp_path / "uploads"))
    token = staging.stage(b"%PDF-1.4\n%%EOF\n", "发票.pdf", "发票")
    missing = await run(ActionReceiveDocument(), make_tracker(
        slots=verified_slots("王丽"), intent="upload_document",
        entities=[entity("upload_token", token), entity("case_number", "C-1010")]))
    said = await run(ActionReceiveDocument(), make_tracker(
        slots=verified_slots("王丽"), intent="upload_document",
        entities=[entity("upload_token", token), entity("case_number", "C-1003")]))
    assert said == missing
    submitted = await run(ActionSubmitMaterials(), make_tracker(
        slots={**verified_slots("王丽"), "current_claim": "C-1003"}, intent="submit_materials",
        entities=[entity("case_number", "C-1003")]))
    assert_nothing_of_others(submitted, "王丽")
    with session_scope() as session:
        assert session.scalar(select(Document).where(Document.sha256 == token)) is None
        assert session.scalar(select(Claim.status).where(Claim.case_number == "C-1003")) == "materials_incomplete"


async def test_no_dispute_of_someone_elses_claim(database):
    li = make_tracker(slots=verified_slots("李建国"), active_loop="dispute_form", requested_slot="dispute_case")
    other, dispatcher = validate("dispute_case", "C-1001", li)
    missing, dispatcher_missing = validate("dispute_case", "C-1010", li)
    assert other == missing == {"dispute_case": None}
    assert texts(dispatcher) == texts(dispatcher_missing)
    said = await run(ActionAskDisputeCase(), make_tracker(slots=verified_slots("李建国")))
    assert "C-1001" not in said and "C-1002" not in said


@pytest.fixture
def li_services(database):
    """李建国 has a counter appointment, an open call-back and a paper-policy request."""
    with session_scope() as session:
        li = session.scalar(select(Customer).where(Customer.name == "李建国"))
        slot = free_slots(session)[0].start
        booked = appointments.book(session, li.id, slot, sender_id="web-li").appointment
        callback = callbacks.request_callback(session, customer_id=li.id, sender_id="web-li", window="afternoon").callback
        policy = session.scalar(select(Policy).where(Policy.policy_number == "P2025-0003"))
        mailings.request_paper_copy(session, li.id, policy, recipient="李建国", mobile="13900139000", province="北京市",
                                    city="北京市", district="朝阳区", street="建国路1号院2号楼301", sender_id="web-li")
        return {"appointment": booked.id, "callback": callback.id, "slot": slot}


async def test_another_users_appointment_cannot_be_seen_changed_or_cancelled(li_services):
    for choice in (None, "cancel", "change"):
        entities = [entity("appointment_id", str(li_services["appointment"]))]
        if choice:
            entities.append(entity("choice", choice))
        said = await run(ActionManageAppointment(), make_tracker(slots=verified_slots("王丽"), intent="manage_appointment",
                                                                 text="取消预约", entities=entities))
        assert_nothing_of_others(said, "王丽")
        assert str(li_services["slot"].day) not in said or "预约" not in said.split("没有")[0]
    with session_scope() as session:
        assert session.get(Appointment, li_services["appointment"]).status == "booked"


async def test_another_users_call_back_and_mailing_are_not_theirs(li_services):
    for text, choice in (("取消回电", "cancel"), ("改成上午", "morning"), ("顾问什么时候打电话", None)):
        entities = [entity("choice", choice)] if choice else []
        said = await run(ActionManageCallback(), make_tracker(slots=verified_slots("王丽"), intent="manage_callback",
                                                              text=text, entities=entities, ))
        assert_nothing_of_others(said, "王丽")
    said = await run(ActionPaperPolicyStatus(), make_tracker(slots=verified_slots("王丽"), intent="paper_policy_status"))
    assert "P2025-0003" not in said and "建国路" not in said
    with session_scope() as session:
        callback = session.get(Callback, li_services["callback"])
        assert callback.status == "open" and callback.call_window == "afternoon"
        assert session.scalar(select(MailingRequest)).status == "requested"


async def test_an_unverified_conversation_gets_nothing_personal(li_services):
    everyone = [mark for marks in OTHERS.values() for mark in marks]
    for action, intent, entities in (
        (ActionClaimStatus, "ask_claim_status", [entity("case_number", "C-1003")]),
        (ActionClaimStatus, "ask_claim_status", []),
        (ActionExplainDecision, "explain_decision", [entity("case_number", "C-1001")]),
        (ActionAnswerCoverage, "ask_coverage", []),
        (ActionPaperPolicyStatus, "paper_policy_status", []),
        (ActionManageAppointment, "manage_appointment", [entity("appointment_id", str(li_services["appointment"]))]),
        (ActionManageCallback, "manage_callback", []),
    ):
        # even a tracker that carries a customer id without `verified` is treated as a stranger
        for slots in ({}, {"customer_id": verified_slots("李建国")["customer_id"]}):
            said = await run(action(), make_tracker(slots=slots, intent=intent, text="我的", entities=entities))
            for mark in everyone:
                assert mark not in said, f"{action.__name__} told a stranger {mark!r}: {said}"
            assert not re.search(r"C-\d{4}", said.replace("C-1003）", "")), said  # the example in NOT_FOUND
