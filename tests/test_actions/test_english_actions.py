"""The English path of the general, hand-off, identity, dispute, call-back, service-centre, paper-policy and
elderly-mode actions: every message and button title the user sees is English (language="en").
The Chinese path is covered by the existing tests next to this file."""
from datetime import datetime

import pytest
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy import select

from actions import elderly
from actions.callback import ActionAskCbPhone, ActionManageCallback, ActionSubmitCallback, ValidateCallbackForm
from actions.choices import ActionPickNumber
from actions.common import friendly_failure
from actions.dispute import (
    ActionAskDisputeConfirmed, ActionAskDisputeEvidence, ActionAskDisputeGrounds, ActionCancelDispute,
    ActionSubmitDispute, ValidateDisputeForm,
)
from actions.elderly import ActionElderlyMode
from actions.form_questions import FormQuestion
from actions.general import ActionDefaultAskAffirmation, ActionDefaultFallback, ActionGreetMenu
from actions.handoff import ActionBackToBot, ActionHandoff
from actions.identity import ActionAfterIdentity, ActionRememberTask, ValidateIdentityForm
from actions.paper_policy import (
    ActionAskPpConfirmed, ActionAskPpPolicy, ActionAskPpRecipient, ActionPaperPolicyStatus, ActionSubmitPaperPolicy,
    ValidatePaperPolicyForm,
)
from actions.service_centre import ActionBookAppointment, ActionManageAppointment, ActionServiceCentre
from bot import clock
from bot.claims import service_centre, working_days, working_hours
from bot.store import Callback, mailings, session_scope
from bot.store.models import Handoff

from .conftest import make_tracker, verified_slots
from .test_texts_en import CJK

EN = {"language": "en"}


async def run(action, tracker):
    dispatcher = CollectingDispatcher()
    events = await action.run(dispatcher, tracker, {})
    return dispatcher, events


def seen(dispatcher: CollectingDispatcher, allowed=()) -> str:
    """Texts and button titles; fails on any Chinese apart from `allowed` (user data such as names)."""
    parts = []
    for message in dispatcher.messages:
        parts.append(message.get("text") or "")
        parts += [b.get("title", "") for b in message.get("buttons") or []]
    shown = "\n".join(parts)
    left = shown
    for value in allowed:
        left = left.replace(value, "")
    assert not CJK.search(left), shown
    return shown


def en_tracker(slots=None, **kwargs):
    return make_tracker(slots={**EN, **(slots or {})}, **kwargs)


# --- renderers ------------------------------------------------------------------------------

def test_days_slots_deadlines_and_waits_render_in_english():
    tz = clock.tz()
    day = datetime(2026, 11, 25, 21, 0, tzinfo=tz)
    assert working_days.day_label(day.date(), lang="en") == "Wed 25 Nov"
    assert working_days.deadline_label(day, lang="en") == "by 21:00 on Wed 25 Nov"
    assert working_days.day_label(day.date()) == "11月25日（周三）"  # Chinese unchanged
    slot = datetime(2026, 11, 25, 9, 30, tzinfo=tz)
    assert service_centre.slot_label(slot, lang="en") == "Wed 25 Nov 09:30-10:00"
    hours = working_hours.parse_hours("09:00-21:00", "Asia/Shanghai")
    assert working_hours.expected_wait(datetime(2026, 11, 24, 10, 0, tzinfo=tz), 2, 6, hours, lang="en") == \
        "about 12 minutes (2 people ahead of you)"
    night = working_hours.expected_wait(datetime(2026, 11, 24, 22, 0, tzinfo=tz), 0, 6, hours, lang="en")
    assert "tomorrow at 09:00" in night and not CJK.search(night)
    assert working_hours.expected_wait(datetime(2026, 11, 24, 10, 0, tzinfo=tz), 0, 6, hours) == "前面没有人排队，顾问很快就会回复您"
    info = service_centre.info_text(lang="en")
    assert "Opening hours" in info and not CJK.search(info)


# --- general, fallbacks, form questions, failures -------------------------------------------

async def test_greeting_fallbacks_and_form_questions_in_english():
    dispatcher, _ = await run(ActionGreetMenu(), en_tracker())
    assert "claims assistant" in seen(dispatcher)
    tracker = en_tracker(text="umm status?", intent="nlu_fallback")
    tracker.latest_message["intent_ranking"] = [{"name": "ask_claim_status", "confidence": 0.4}]
    dispatcher, _ = await run(ActionDefaultAskAffirmation(), tracker)
    assert 'Did you mean "check how a claim is going"?' in seen(dispatcher)
    assert dispatcher.messages[0]["buttons"][0]["payload"] == "/ask_claim_status"
    dispatcher, _ = await run(ActionDefaultFallback(), en_tracker())
    assert "advisor" in seen(dispatcher)
    ask = type("Ask", (FormQuestion,), {"form": "claim_report_form", "slot": "incident_type"})()
    dispatcher, _ = await run(ask, en_tracker())
    assert "accident or an illness" in seen(dispatcher)
    assert dispatcher.messages[0]["buttons"][0]["payload"] == '/inform{"incident_type":"accident"}'


async def test_a_failed_action_apologises_in_english():
    class Broken:
        def name(self):
            return "action_broken"

        @friendly_failure
        async def run(self, dispatcher, tracker, domain):
            raise RuntimeError("boom")

    dispatcher, _ = await run(Broken(), en_tracker())
    assert "talk to a person" in seen(dispatcher)


async def test_a_number_out_of_range_in_english():
    tracker = en_tracker(text="5", intent="choose_number", entities=[{"entity": "number", "value": 5}])
    tracker.events = [{"event": "bot", "text": "Pick", "data": {"buttons": [{"title": "A", "payload": "/a"},
                                                                            {"title": "B", "payload": "/b"}]}},
                      {"event": "action", "name": "action_listen"}] + tracker.events
    dispatcher, _ = await run(ActionPickNumber(), tracker)
    assert "There's no option 5" in seen(dispatcher) and "1 or 2" in seen(dispatcher)


# --- hand-off --------------------------------------------------------------------------------

async def test_hand_off_and_back_in_english(database):
    dispatcher, events = await run(ActionHandoff(), en_tracker(slots=verified_slots("王丽"), text="talk to a person",
                                                               intent="request_human"))
    assert "real claims advisor" in seen(dispatcher) and "Expected wait" in seen(dispatcher)
    with session_scope() as session:
        item = session.scalars(select(Handoff)).one()
        assert "要求人工" in item.context["title"]  # the advisor's summary stays Chinese
    dispatcher, _ = await run(ActionBackToBot(), en_tracker(slots={"interrupted_form": "claim_report_form"}))
    assert "Continue my claim" in seen(dispatcher)


# --- identity ---------------------------------------------------------------------------------

async def test_identity_checks_in_english(database):
    form = ValidateIdentityForm()
    dispatcher = CollectingDispatcher()
    assert form.validate_mobile("12345", dispatcher, en_tracker(), {}) == {"mobile": None}
    assert form.validate_id_last4("12", dispatcher, en_tracker(), {}) == {"id_last4": None}
    form.validate_id_last4("9999", dispatcher, en_tracker(slots={"mobile": "13800138000"}), {})
    assert "2 more times" in seen(dispatcher)
    dispatcher, _ = await run(ActionRememberTask(), en_tracker(intent="ask_claim_status"))
    assert "check who you are" in seen(dispatcher)
    dispatcher, _ = await run(ActionAfterIdentity(), en_tracker(slots={**verified_slots("王丽"), "customer_name": "王丽"}))
    assert "you're verified" in seen(dispatcher, allowed=["王丽"])


# --- elderly (simple) mode --------------------------------------------------------------------

async def test_simple_mode_in_english():
    dispatcher, events = await run(ActionElderlyMode(), en_tracker(intent="elderly_assistance"))
    assert "simple mode" in seen(dispatcher)
    adapted = elderly.adapt([{"text": "Your deductible is 10,000 yuan.", "buttons": [
        {"title": "Yes", "payload": "/affirm"}, {"title": "No", "payload": "/deny"}]}])
    assert adapted[-1]["text"] == ("Your amount you pay yourself first (deductible) is 10,000 yuan.\n"
                                   "Please reply 1 or 2, or tap your choice.")
    assert adapted[-1]["buttons"][0]["title"] == "1. Yes"


# --- dispute ----------------------------------------------------------------------------------

async def test_dispute_in_english(database):
    slots = {**verified_slots("王丽"), "dispute_grounds_picked": ["emergency_admission"]}
    dispatcher, _ = await run(ActionAskDisputeGrounds(), en_tracker(slots=slots))
    assert "Emergency / ambulance" in seen(dispatcher) and dispatcher.messages[0]["buttons"][-1]["title"] == "Done"
    tracker = en_tracker(slots={**slots, "requested_slot": "dispute_grounds"},
                         text="the amount is wrong and it was an emergency")
    assert await ValidateDisputeForm().extract_dispute_grounds(CollectingDispatcher(), tracker, {}) == {
        "dispute_grounds": ["emergency_admission", "wrong_amount"]}
    dispatcher, _ = await run(ActionAskDisputeEvidence(), en_tracker())
    assert "Skip" in seen(dispatcher)
    summary_slots = {"dispute_case": "C-1002", "dispute_grounds": ["emergency_admission"],
                     "dispute_statement": "The ambulance took me there, I could not choose."}
    dispatcher, _ = await run(ActionAskDisputeConfirmed(), en_tracker(slots=summary_slots))
    assert "Please check your appeal" in seen(dispatcher)
    dispatcher, _ = await run(ActionCancelDispute(), en_tracker())
    assert "I want to appeal" in seen(dispatcher)


# --- call-backs -------------------------------------------------------------------------------

async def test_call_back_in_english(database):
    dispatcher, _ = await run(ActionAskCbPhone(), en_tracker(slots=verified_slots("王丽")))
    assert "138****8000" in seen(dispatcher)
    slots = {**verified_slots("王丽"), "cb_phone": "verified", "cb_window": "morning", "cb_topic": "理赔进度"}
    dispatcher, _ = await run(ActionSubmitCallback(), en_tracker(slots=slots))
    said = seen(dispatcher)
    assert "by 21:00 on Wed 25 Nov" in said and "in the morning" in said and "change my call-back" in said
    dispatcher, _ = await run(ActionManageCallback(), en_tracker(slots=verified_slots("王丽"), text="when will you call me",
                                                                 intent="manage_callback"))
    assert "being arranged" in seen(dispatcher, allowed=["理赔进度"])
    dispatcher, _ = await run(ActionManageCallback(), en_tracker(slots=verified_slots("王丽"),
                                                                 text="change it to the afternoon", intent="manage_callback"))
    assert "in the afternoon" in seen(dispatcher)
    dispatcher, _ = await run(ActionManageCallback(), en_tracker(slots=verified_slots("王丽"), text="cancel my call-back",
                                                                 intent="manage_callback"))
    assert "cancelled your call-back" in seen(dispatcher)
    with session_scope() as session:
        assert [c.status for c in session.scalars(select(Callback))] == ["cancelled"]
    dispatcher = CollectingDispatcher()
    assert ValidateCallbackForm().validate_cb_phone("12345", dispatcher, en_tracker(), {}) == {"cb_phone": None}
    assert "area code" in seen(dispatcher)


# --- service centre ---------------------------------------------------------------------------

async def test_service_centre_visit_in_english(database):
    slots = {**verified_slots("李建国"), "current_claim": "C-1003"}
    dispatcher, _ = await run(ActionServiceCentre(), en_tracker(slots=slots, intent="service_center"))
    assert "seniors' priority counter" in seen(dispatcher)
    dispatcher, _ = await run(ActionBookAppointment(), en_tracker(slots=slots, intent="book_appointment"))
    assert "places left" in seen(dispatcher)
    slot = datetime(2026, 11, 25, 9, 0, tzinfo=clock.tz())
    tracker = en_tracker(slots=slots, intent="book_appointment", entities=[{"entity": "slot_time", "value": slot.isoformat()}])
    dispatcher, _ = await run(ActionBookAppointment(), tracker)
    said = seen(dispatcher)
    assert "Booked! Wed 25 Nov 09:00-09:30" in said and "C-1003" in said and "seniors'" in said
    dispatcher, _ = await run(ActionManageAppointment(), en_tracker(slots=slots, text="when is my visit",
                                                                    intent="manage_appointment"))
    assert "Change the time" in seen(dispatcher)
    dispatcher, _ = await run(ActionManageAppointment(), en_tracker(slots=slots, text="cancel my visit",
                                                                    intent="manage_appointment"))
    assert "cancelled your Wed 25 Nov 09:00-09:30 visit" in seen(dispatcher)


# --- paper policy -----------------------------------------------------------------------------

@pytest.mark.parametrize("field, value", [("pp_recipient", "Wang 2"), ("pp_street", "1")])
async def test_paper_policy_field_problems_in_english(database, field, value):
    dispatcher = CollectingDispatcher()
    result = getattr(ValidatePaperPolicyForm(), f"validate_{field}")(value, dispatcher, en_tracker(), {})
    assert result == {field: None} and seen(dispatcher)


def policy_data(cid: int) -> list:
    """Names in the customer's policies (product and insured person): data, shown as stored."""
    from bot.store import policies

    with session_scope() as session:
        return [value for p in policies.visible_policies(session, cid) for value in (p.product_name, p.insured.name)]


async def test_paper_policy_in_english(database):
    me = verified_slots("王丽")
    data = policy_data(int(me["customer_id"]))
    dispatcher, _ = await run(ActionAskPpPolicy(), en_tracker(slots=me))
    seen(dispatcher, allowed=data)
    dispatcher, _ = await run(ActionAskPpRecipient(), en_tracker(slots={**me, "customer_name": "王丽"}))
    assert "Send it to me (王丽)" in seen(dispatcher, allowed=["王丽"])
    slots = {**me, "pp_policy": "P2022-0001", "pp_recipient": "self", "pp_mobile": "self",
             "pp_province": "北京市", "pp_city": "北京市", "pp_district": "朝阳区", "pp_street": "建国路88号3号楼201"}
    address = ["王丽", "北京市", "朝阳区", "建国路88号3号楼201"] + data
    dispatcher, _ = await run(ActionAskPpConfirmed(), en_tracker(slots=slots))
    assert "Please check the delivery details" in seen(dispatcher, allowed=address)
    dispatcher, _ = await run(ActionSubmitPaperPolicy(), en_tracker(slots={**slots, "pp_confirmed": "yes"}))
    assert "free of charge" in seen(dispatcher, allowed=address)
    with session_scope() as session:
        request = mailings.requests_of(session, int(me["customer_id"]))[0]
        mailings.advance(session, request, "posted", advisor_id=None, tracking_number="SF1234567890123")
    dispatcher, _ = await run(ActionPaperPolicyStatus(), en_tracker(slots=me, intent="paper_policy_status"))
    assert "tracking number SF1234567890123" in seen(dispatcher, allowed=address)


async def test_english_grounds_told_at_length_are_the_account_too(database):
    text = "the ambulance took me to the nearest hospital, I did not choose it, it was an emergency"
    tracker = en_tracker(slots={**verified_slots("王丽"), "requested_slot": "dispute_grounds"}, text=text)
    assert await ValidateDisputeForm().extract_dispute_grounds(CollectingDispatcher(), tracker, {}) == {
        "dispute_grounds": ["emergency_admission"], "dispute_statement": text}
