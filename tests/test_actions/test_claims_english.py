"""The claims actions with slot language="en": report, materials, status, explanations, coverage, family policies.

What the user sees has no Chinese characters except names from the demo data
(people, products, hospitals, diagnoses the user typed) and the policy's own
wording quoted as the Chinese original.
"""
import re
from datetime import datetime

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.claim_report import ActionAskClaimConfirmed, ActionAskClaimPolicy, ActionCancelClaimReport, ActionSubmitClaim
from actions.claim_report_form import ValidateClaimReportForm
from actions.claim_status import ActionClaimStatus
from actions.family_policy import ActionAskFpConfirmed, ValidateFamilyPolicyForm
from actions.interpret import ActionAnswerCoverage, ActionExplainDecision
from actions.review import ActionReceiveDocument, ActionRequiredDocuments, ActionSubmitMaterials
from bot import clock

from .conftest import load_domain, make_tracker, texts, verified_slots
from .test_claim_report import complete_slots, events_as_slots
from .test_review import buttons, entity, run, slots_of, upload

FORM = ValidateClaimReportForm()
CJK = re.compile(r"[\u3400-\u9fff\uff00-\uffef“”（）：；，。]")
QUOTED = re.compile(r"\(Chinese original\): “[^”]*”")
# Proper names and the user's own words in the demo data.
NAMES = ("王丽", "李建国", "张伟", "张小雨", "安康百万医疗险（2022版）", "青禾综合意外险", "安康长者百万医疗险",
         "安康守护重大疾病保险", "启明少儿医疗险", "北京华康医院", "北京朝阳医院", "右手肌腱及神经断裂（修复术）",
         "急性阑尾炎", "社区获得性肺炎", "急性化脓性扁桃体炎", "右手割伤，缝了五针")


def english(**slots):
    return {"language": "en", **slots}


def english_only(dispatcher: CollectingDispatcher) -> str:
    """Everything the user sees (texts and button titles), checked for Chinese outside names and quotes."""
    seen = texts(dispatcher) + "\n" + "\n".join(b["title"] for b in buttons(dispatcher))
    rest = QUOTED.sub("", seen)
    for name in sorted(NAMES, key=len, reverse=True):
        rest = rest.replace(name, "")
    assert not CJK.search(rest), CJK.search(rest).group() + " in: " + rest
    return seen


# --- claim report -------------------------------------------------------------------------------------------

async def test_policy_question_and_summary_in_english(database):
    dispatcher = CollectingDispatcher()
    await ActionAskClaimPolicy().run(dispatcher, make_tracker(slots=english(**verified_slots("张伟"))), load_domain())
    said = english_only(dispatcher)
    assert "Which policy is this claim for?" in said and "(medical insurance, bought elsewhere)" in said

    dispatcher = CollectingDispatcher()
    await ActionAskClaimConfirmed().run(dispatcher, make_tracker(slots=english(**complete_slots())), load_domain())
    said = english_only(dispatcher)
    for part in ["Please check the claim report:", "Cause: accident", "Date: 20 Nov 2026",
                 "Hospital: 北京朝阳医院 (public grade 3A)", "Amount: about ¥3,200.00", "Confirm and submit"]:
        assert part in said
    assert [b["payload"] for b in dispatcher.messages[0]["buttons"]] == ["/affirm", "/deny", "/cancel"]


async def test_correction_buttons_in_english(database):
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(slots=english(**complete_slots(), claim_correcting=True))
    await ActionAskClaimConfirmed().run(dispatcher, tracker, load_domain())
    said = english_only(dispatcher)
    assert "Which item needs changing?" in said and "Change Hospital" in said
    assert '/inform{"form_field": "hospital"}' in [b["payload"] for b in buttons(dispatcher)]


async def test_submission_in_english_gives_the_case_number_and_the_checklist(database):
    dispatcher = CollectingDispatcher()
    events = await ActionSubmitClaim().run(dispatcher, make_tracker(slots=english(**complete_slots())), load_domain())
    said = english_only(dispatcher)
    assert "Your case number is C-1005" in said and "Proof of the accident" in said and "1. Claim form" in said
    assert events_as_slots(events)["current_claim"] == "C-1005"


async def test_cancel_in_english():
    dispatcher = CollectingDispatcher()
    await ActionCancelClaimReport().run(dispatcher, make_tracker(slots=english()), load_domain())
    assert "cancelled" in english_only(dispatcher)


def test_form_errors_in_english(database):
    slots = english(**verified_slots(), claim_policy=complete_slots()["claim_policy"])
    tracker = make_tracker(slots=slots, active_loop="claim_report_form")
    domain = load_domain()
    dispatcher = CollectingDispatcher()
    assert FORM.validate_incident_date("future", dispatcher, tracker, domain) == {"incident_date": None}
    assert FORM.validate_incident_date("2026-11-30", dispatcher, tracker, domain) == {"incident_date": None}
    assert FORM.validate_incident_date("someday", dispatcher, tracker, domain) == {"incident_date": None}
    assert FORM.validate_claim_amount("99999999", dispatcher, tracker, domain) == {"claim_amount": None}
    assert FORM.validate_claim_amount("abc", dispatcher, tracker, domain) == {"claim_amount": None}
    paid_in_dollars = make_tracker(slots=slots, text="about $800", active_loop="claim_report_form")
    assert FORM.validate_claim_amount("800.00", dispatcher, paid_in_dollars, domain) == {"claim_amount": None}
    assert "Please give the amount in yuan (RMB)" in english_only(dispatcher)
    assert FORM.validate_hospital("??", dispatcher, tracker, domain) == {"hospital": None}
    assert FORM.validate_diagnosis("x", dispatcher, tracker, domain) == {"diagnosis": None}
    assert FORM.validate_incident_type("?", dispatcher, tracker, domain) == {"incident_type": None}
    assert FORM.validate_hospital_grade("?", dispatcher, tracker, domain)["hospital_grade"] is None
    said = english_only(dispatcher)
    assert "The date cannot be later than today (24 Nov 2026)." in said
    assert "I could not read that date." in said
    assert "¥99,999,999.00 is more than this policy's sum insured of ¥2,000,000.00" in said
    assert "I could not read that amount." in said and "hospital's name" in said


def test_english_free_text_is_accepted(database):
    tracker = make_tracker(slots=english(**verified_slots()), active_loop="claim_report_form")
    dispatcher = CollectingDispatcher()
    assert FORM.validate_hospital("Beijing United Family Hospital.", dispatcher, tracker, load_domain()) == {
        "hospital": "Beijing United Family Hospital"}
    assert FORM.validate_diagnosis("broken wrist, put in a cast", dispatcher, tracker, load_domain()) == {
        "diagnosis": "broken wrist, put in a cast"}
    assert dispatcher.messages == []


async def test_english_ordinal_and_kind_pick_the_policy(database):
    for text in ("the second one", "the accident one"):
        tracker = make_tracker(slots=english(**verified_slots()), text=text, active_loop="claim_report_form",
                               requested_slot="claim_policy")
        result = await FORM.extract_claim_policy(CollectingDispatcher(), tracker, load_domain())
        assert result == {"claim_policy": "P2022-0002"}


async def test_only_policy_is_announced_in_english(database):
    tracker = make_tracker(slots=english(**verified_slots("李建国")), text="I want to make a claim", intent="report_claim",
                           active_loop="claim_report_form")
    dispatcher = CollectingDispatcher()
    await FORM.extract_claim_policy(dispatcher, tracker, load_domain())
    assert "Reporting the claim on your policy: 李建国 · 安康长者百万医疗险 (medical insurance)" in english_only(dispatcher)


# --- materials ---------------------------------------------------------------------------------------------

def li(**slots):
    return english(**verified_slots("李建国"), **slots)


async def test_checklist_for_a_kind_in_english(database):
    tracker = make_tracker(slots=english(), text="what documents do I need for a hospital stay after an accident",
                           intent="ask_required_documents")
    dispatcher, _ = await run(ActionRequiredDocuments(), tracker)
    said = english_only(dispatcher)
    assert "Accident · hospital stay: a claim usually needs these materials:" in said and "Discharge summary" in said

    dispatcher, _ = await run(ActionRequiredDocuments(), make_tracker(slots=english(), text="what do I need"))
    assert "Illness · outpatient" in [b["title"] for b in buttons(english_only(dispatcher) and dispatcher)]


async def test_verified_review_in_english_marks_each_item(database):
    dispatcher, _ = await run(ActionRequiredDocuments(), make_tracker(slots=li(), intent="ask_required_documents"))
    said = english_only(dispatcher)
    assert "Case C-1003: Materials check:" in said and "✓ Claim form" in said and "✗ Discharge summary" in said


async def test_uploads_in_english(database, uploads, sample_files):
    token = upload("IMG_001.jpg", sample_files["sharp.jpg"], caption="itemised list")
    dispatcher, _ = await run(ActionReceiveDocument(), make_tracker(slots=li(), intent="upload_document",
                                                                   entities=[entity("upload_token", token)]))
    said = english_only(dispatcher)
    assert "Received: Itemised list of costs." in said and "1 still needed" in said

    token = upload("IMG_002.jpg", sample_files["sharp2.jpg"])
    dispatcher, _ = await run(ActionReceiveDocument(), make_tracker(slots=li(), intent="upload_document",
                                                                   entities=[entity("upload_token", token)]))
    assert "Which material is it?" in english_only(dispatcher)
    assert {"title": "Discharge summary", "payload": '/upload_document{"doc_type": "discharge_summary"}'} in buttons(dispatcher)

    bad = upload("x.jpg", sample_files["program.exe.jpg"])
    dispatcher, _ = await run(ActionReceiveDocument(), make_tracker(slots=li(), intent="upload_document",
                                                                   entities=[entity("upload_token", bad)]))
    assert "not a photo or a PDF" in english_only(dispatcher)

    blurry = upload("discharge summary.jpg", sample_files["blurry.jpg"])
    dispatcher, _ = await run(ActionReceiveDocument(), make_tracker(slots=li(), intent="upload_document",
                                                                   entities=[entity("upload_token", blurry)]))
    said = english_only(dispatcher)
    assert "Received Discharge summary, but the photo is too blurry" in said and "⚠ Discharge summary" in said


async def test_incomplete_submission_in_english(database):
    tracker = make_tracker(slots=li(), intent="submit_claim", entities=[entity("case_number", "C-1003")])
    dispatcher, _ = await run(ActionSubmitMaterials(), tracker)
    said = english_only(dispatcher)
    assert "Case C-1003: The materials are not complete yet" in said and "✗ Discharge summary" in said


# --- status --------------------------------------------------------------------------------------------------

async def test_status_in_english_with_timeline_and_legal_clock(database):
    tracker = make_tracker(slots=english(**verified_slots("张伟")), intent="ask_claim_status",
                           entities=[entity("case_number", "C-1004")])
    dispatcher, events = await run(ActionClaimStatus(), tracker)
    said = english_only(dispatcher)
    assert "Case C-1004 (张小雨 · 急性化脓性扁桃体炎 · incident on" in said
    assert "Stage: the insurer is reviewing it" in said and "6 Nov materials sent to the insurer" in said
    assert "it must decide by 6 Dec 2026 at the latest" in said and "Legal time limit: Insurance Law art. 23" in said
    assert slots_of(events)["current_claim"] == "C-1004"


async def test_overdue_status_in_english(database):
    with clock.freeze(datetime(2027, 1, 20, 10, 0)):
        tracker = make_tracker(slots=english(**verified_slots("张伟")), intent="ask_claim_status",
                               entities=[entity("case_number", "C-1004")])
        dispatcher, _ = await run(ActionClaimStatus(), tracker)
    said = english_only(dispatcher)
    assert "Insurance Law art. 25" in said and any(b["payload"] == "/request_human" for b in buttons(dispatcher))


@pytest.mark.parametrize("case", ["C-1003", "C-4242"])
async def test_unknown_case_in_english_reveals_nothing(database, case):
    tracker = make_tracker(slots=english(**verified_slots("张伟")), intent="ask_claim_status",
                           entities=[entity("case_number", case)])
    dispatcher, _ = await run(ActionClaimStatus(), tracker)
    assert english_only(dispatcher).startswith("I couldn't find that case") and "李建国" not in texts(dispatcher)


# --- decisions and coverage ------------------------------------------------------------------------------------

async def test_paid_claim_explained_in_english_to_the_yuan(database):
    tracker = make_tracker(slots=english(**verified_slots("王丽")), intent="explain_decision",
                           entities=[entity("case_number", "C-1002")])
    dispatcher, _ = await run(ActionExplainDecision(), tracker)
    said = english_only(dispatcher)
    assert "1. Total medical costs ¥16,250.00" in said and "Minus Annual deductible ¥10,000.00, leaving ¥3,418.00" in said
    assert "= Payout ¥3,418.00, the same as the amount the insurer decided." in said
    assert any(b["payload"].startswith("/dispute_decision") for b in buttons(dispatcher))


async def test_rejection_explained_in_english_with_the_clause(database):
    tracker = make_tracker(slots=english(**verified_slots("王丽")), text="why was my last claim rejected",
                           intent="explain_decision", entities=[entity("case_number", "C-1001")])
    said = english_only((await run(ActionExplainDecision(), tracker))[0])
    assert 'clause 2.4 "Hospital scope"' in said and 'clause 2.5 "Emergencies"' in said and "120" in said


async def test_undecided_claim_in_english(database):
    tracker = make_tracker(slots=english(**verified_slots("李建国")), intent="explain_decision",
                           entities=[entity("case_number", "C-1003")])
    dispatcher, _ = await run(ActionExplainDecision(), tracker)
    english_only(dispatcher)
    assert [b["title"] for b in buttons(dispatcher)] == ["Check progress"]


@pytest.mark.parametrize("customer, question, expected", [
    ("王丽", "Can I claim at a private hospital?", "· Private hospitals: Not paid — Treatment at private hospitals"),
    ("王丽", "How much of my deductible is left?", "· Deductible: This policy's deductible is ¥10,000.00 per policy year."),
    ("张伟", "Is the waiting period over?", "Today is still inside it, 36 days to go; illness is covered from 30 Dec 2026."),
    ("王丽", "What does my insurance cover for a hospital stay?", "· Period of cover: This policy is in force"),
    ("王丽", "The ambulance took me to a private hospital, can I claim?", "You mentioned an emergency: when an ambulance"),
])
async def test_coverage_answers_in_english(database, customer, question, expected):
    tracker = make_tracker(slots=english(**verified_slots(customer)), text=question, intent="ask_coverage")
    said = english_only((await run(ActionAnswerCoverage(), tracker))[0])
    assert expected in said


# --- family policy -------------------------------------------------------------------------------------------------

async def test_family_policy_form_in_english(database):
    tracker = make_tracker(slots=english(**verified_slots(), requested_slot="fp_relationship"), text="my grandmother",
                           active_loop="family_policy_form")
    dispatcher = CollectingDispatcher()
    events = await ValidateFamilyPolicyForm().run(dispatcher, tracker, load_domain())
    assert "For now I can only add" in english_only(dispatcher)
    assert slots_of(events).get("fp_relationship", "unset") is None

    tracker = make_tracker(slots=english(**verified_slots(), requested_slot="fp_relationship"), text="my mum",
                           active_loop="family_policy_form")
    events = await ValidateFamilyPolicyForm().run(CollectingDispatcher(), tracker, load_domain())
    assert slots_of(events)["fp_relationship"] == "parent" and slots_of(events)["fp_insured_gender"] == "F"

    summary = dict(fp_insurer="AIA", fp_product="Health Plus", fp_policy_number="AIA-2025-001", fp_insured_name="Anna Li",
                   fp_relationship="parent", fp_policy_type="medical", fp_start_date="2025-03-01",
                   fp_end_date="9999-12-31", fp_deductible="10000.00", fp_ratio="0.6", fp_hospital_requirement="__skipped__")
    dispatcher = CollectingDispatcher()
    await ActionAskFpConfirmed().run(dispatcher, make_tracker(slots=english(**verified_slots(), **summary)), load_domain())
    said = english_only(dispatcher)
    for part in ["Relationship to you: parent", "Start date: 1 Mar 2025", "End date: lifetime",
                 "Annual deductible: ¥10,000.00", "Share paid after social insurance: 60%", "Hospital rules: not known"]:
        assert part in said

