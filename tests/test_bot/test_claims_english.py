"""The claims renderers in English (lang="en"): every yuan, the clause, checklists, coverage, legal clocks.

English text has no Chinese characters except what the user or the policy
itself wrote: names (people, products, hospitals) and the policy's own
wording, which is quoted as the Chinese original (see `english_only`).
"""
import re
from datetime import date, datetime
from decimal import Decimal as D

import pytest
from test_coverage import ACCIDENT, CRITICAL, MEDICAL, TODAY
from test_payout import C1002
from test_rejections import C1001_FACTS, MEDICAL as MEDICAL_CLAUSES, c1001

from bot import clock
from bot.claims import coverage, family_policy as fp, labels, payout, rejection_reasons, rejections, report_rules
from bot.claims.claim_kinds import kind_from_text
from bot.claims.doc_types import guess_doc_type
from bot.claims.materials import ClaimFacts, checklist_for, claim_facts, format_checklist
from bot.claims.review import DocumentRecord, format_review, review
from bot.claims.status import TimelineEvent, claim_progress
from bot.claims.wording import day
from bot.i18n import EN

CJK = re.compile(r"[\u3400-\u9fff\uff00-\uffef“”（）：；，。]")
QUOTED = re.compile(r"\(Chinese original\): “[^”]*”")
NAMES = ("王丽", "张伟", "安康百万医疗险（2022版）", "青禾综合意外险", "安康守护重大疾病保险", "北京华康医院")


def english_only(text: str, *names: str) -> str:
    """The text with quoted policy wording and the given names removed; fails on any Chinese left."""
    rest = QUOTED.sub("", text)
    for name in NAMES + names:
        rest = rest.replace(name, "")
    assert not CJK.search(rest), CJK.search(rest).group() + " in: " + rest
    return text


def test_day_in_english():
    assert day(date(2026, 11, 6), EN) == "6 Nov 2026" and day(date(2026, 11, 6), None) == "2026年11月06日"


# --- payout: every yuan ------------------------------------------------------------------------------

def test_payout_in_english_adds_up_to_the_yuan():
    result = payout.explain(C1002, lang=EN)
    text = english_only(payout.format_explanation(result))
    assert result.consistent and "Case C-1002 (paid): the insurer decided to pay ¥3,418.00." in text
    assert "1. Total medical costs ¥16,250.00" in text
    assert "2. Minus Costs not covered ¥850.00, leaving ¥15,400.00" in text
    assert "3. Minus Paid by social insurance ¥1,982.00, leaving ¥13,418.00" in text
    assert "4. Minus Annual deductible ¥10,000.00, leaving ¥3,418.00" in text
    assert "5. Times the payout ratio of 100%: still ¥3,418.00" in text
    assert 'Why: items the policy does not pay for (clause 2.2 "Scope of costs")' in text
    assert "¥10,000.00 in all: ¥0.00 was used before this claim, ¥10,000.00 by this claim, ¥0.00 is left" in text
    assert "= Payout ¥3,418.00, the same as the amount the insurer decided." in text
    amounts = [D(a.replace(",", "")) for a in re.findall(r"(?:Minus .*?)¥([\d,]+\.\d\d)", text)]
    assert D("16250.00") - sum(amounts) == D("3418.00")


def test_payout_in_english_flags_figures_that_do_not_add_up():
    lines = tuple(line if line.kind != "not_covered" else line.__class__(2, "not_covered", "x", D("-851.00"), "2.2")
                  for line in C1002.lines)
    result = payout.explain(C1002.__class__(**{**C1002.__dict__, "lines": lines}), lang=EN)
    text = english_only(payout.format_explanation(result))
    assert not result.consistent and "a difference of ¥1.00" in text and "an advisor will check it" in text


# --- rejection: plain words and the clause ------------------------------------------------------------

def test_rejection_in_english_has_the_reason_the_clause_and_the_emergency_argument():
    text = english_only(rejections.format_rejection(rejections.explain(c1001(), lang=EN)), "北京华康医院是民营医院")
    assert "Case C-1001 was not paid. The insurer's reason: the hospital is not one the policy accepts." in text
    assert 'The insurer relies on clause 2.4 "Hospital scope", in the policy\'s own words (Chinese original):' in text
    assert "北京华康医院, is a private grade 2 hospital, and a 120 ambulance took you there." in text
    assert 'clause 2.5 "Emergencies"' in text and "the ambulance chose the hospital" in text
    assert "Insurance Law art. 30" in text and "the 120 ambulance record" in text
    assert "What you can do next: a dispute" in text


@pytest.mark.parametrize("code", sorted(rejection_reasons.CATALOGUE) + ["no_such_code"])
def test_every_rejection_reason_has_english_wording(code):
    inputs = c1001(reason_code=code, clause_id="9.9", clause=None, related=(), summary="保险公司的说法")
    text = english_only(rejections.format_rejection(rejections.explain(inputs, lang=EN)))
    assert "Case C-1001 was not paid." in text and "clause 9.9" in text and "What you can do next:" in text


def test_waiting_period_rejection_in_english_cites_renewal():
    inputs = c1001(reason_code="waiting_period", clause_id="2.7", clause=MEDICAL_CLAUSES[-1],
                   related=rejections.related_clauses("waiting_period", MEDICAL_CLAUSES, "2.7", True))
    text = english_only(rejections.format_rejection(rejections.explain(inputs, lang=EN)))
    assert "The date of the incident is 6 Nov 2022." in text
    assert 'This was an accident, and the policy\'s clause 2.7 "Waiting period" says' in text
    assert 'If this policy is a renewal, see the policy\'s clause 1.2 "Policy period and renewal"' in text
    assert C1001_FACTS.hospital_name


# --- checklists: ✓ ✗ ⚠ with English names ---------------------------------------------------------------

def test_checklist_in_english_names_every_item_and_its_condition():
    text = english_only(format_checklist(checklist_for(ClaimFacts("accident_inpatient", insured_is_minor=None)), lang=EN))
    assert "1. Claim form: the insurer's claim form" in text
    assert "(needed if the insured person is under 18)" in text and "Discharge summary" in text
    assert "Proof of the accident: any one of: the 120 ambulance record" in text


def test_materials_review_in_english_marks_received_missing_and_unusable():
    items = checklist_for(claim_facts("medical", "illness", inpatient=True, social_insurance_settled=None))
    documents = [DocumentRecord("claim_form"), DocumentRecord("id_card"),
                 DocumentRecord("invoice", "unusable", "照片太模糊或太暗，上面的字看不清。")]
    text = english_only(format_review(review(items, documents), lang=EN))
    assert text.startswith("Materials check: 2 received, ")
    assert "✓ Claim form" in text and "✓ Insured person's ID card (both sides)" in text
    assert "✗ Insured person's own bank card: a photo of the front" in text
    assert "⚠ Medical invoices: this copy cannot be read" in text  # the stored Chinese reason is not shown
    assert "○ Social insurance settlement statement (needed if the bill was settled through social" in text
    assert "Please send everything marked ✗ and ⚠ in one go" in text


def test_complete_review_in_english():
    items = checklist_for(ClaimFacts("illness_outpatient", inpatient=False, social_insurance_settled=False))
    documents = [DocumentRecord(item.code) for item in items]
    text = english_only(format_review(review(items, documents), lang=EN))
    assert "all required materials are here, ready to send to the insurer" in text and "✗" not in text


@pytest.mark.parametrize("caption, code", [("invoice.jpg", "invoice"), ("discharge summary", "discharge_summary"),
                                           ("my ID card front", "id_card"), ("x-ray report", "exam_report"),
                                           ("police report of the accident", "accident_proof")])
def test_english_captions_name_the_material(caption, code):
    assert guess_doc_type(caption) == code


@pytest.mark.parametrize("text, kind", [("documents for a hospital stay after an accident", "accident_inpatient"),
                                        ("what do I need for an outpatient visit", "illness_outpatient"),
                                        ("cancer claim", "critical_illness"), ("my father passed away", "death"),
                                        ("what do I need", None)])
def test_claim_kind_from_english(text, kind):
    assert kind_from_text(text) == kind


# --- coverage ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, topics", [
    ("Can I claim at a private hospital?", ["private_hospital"]),
    ("How much of my deductible is left?", ["deductible"]),
    ("Is the waiting period over?", ["waiting_period"]),
    ("Are outpatient visits covered?", ["outpatient"]),
    ("Is dental covered? And imported drugs?", ["dental", "self_paid_drugs"]),
    ("When does my policy expire", ["policy_period"]),
    ("What's the weather like", []),
])
def test_topics_in_english_questions(text, topics):
    assert coverage.topics_in(text) == topics


def test_private_hospital_deductible_and_waiting_period_in_english():
    results = coverage.answer_all([MEDICAL, ACCIDENT], ["private_hospital", "deductible"], TODAY, lang=EN)
    order = coverage.claim_order([MEDICAL, ACCIDENT], lang=EN)
    text = english_only(coverage.format_answers(results, order, lang=EN))
    assert "[王丽 · 安康百万医疗险（2022版） (medical insurance)]" in text
    assert ("· Private hospitals: Not paid — Treatment at private hospitals is not paid: this policy only accepts "
            "public hospitals of grade 2 or above (general wards).") in text
    assert "Exception: in an emergency" in text and '(see clause 2.4 "Hospital scope")' in text
    assert ("· Deductible: This policy's deductible is ¥10,000.00 per policy year. This policy year (1 Jan 2026 to "
            "31 Dec 2026) ¥10,000.00 has been used and ¥0.00 is left.") in text
    assert "Order of claims: Settle through social (medical) insurance first" in text
    waiting = coverage.answer(CRITICAL, "waiting_period", TODAY, lang=EN)
    assert waiting.verdict == "not_covered" and english_only(waiting.text) == (
        "This policy's waiting period for illness is 90 days, from the start on 1 Oct 2026 up to and including "
        "29 Dec 2026. Today is still inside it, 36 days to go; illness is covered from 30 Dec 2026. "
        "Accidents are not subject to the waiting period.")


@pytest.mark.parametrize("topic", sorted(coverage.RULES))
def test_every_topic_answers_in_english(topic):
    for policy in (MEDICAL, ACCIDENT, CRITICAL):
        answer = coverage.answer(policy, topic, TODAY, lang=EN)
        text = coverage.format_answers([coverage.PolicyAnswers(policy, (answer,))], lang=EN)
        if topic == "exclusions" and answer.verdict != "unknown":  # the policy's own list, quoted
            assert "(the policy's own words, Chinese original)" in text
            continue
        english_only(text, "安康百万医疗险（2022版）")


# --- status: legal clocks ----------------------------------------------------------------------------------

def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=clock.tz())


def test_status_in_english_with_the_legal_clock():
    events = [TimelineEvent("reported", at("2026-10-01 09:00")), TimelineEvent("submitted", at("2026-11-06 11:00"))]
    progress = claim_progress("under_review", events, True, now=at("2026-11-24 10:00"), lang=EN)
    assert progress.stage == "the insurer is reviewing it" and progress.deadline == date(2026, 12, 6)
    assert progress.next_step.endswith("it must decide by 6 Dec 2026 at the latest")
    assert progress.legal_basis.startswith("Insurance Law art. 23:") and not progress.overdue
    late = claim_progress("under_review", events, True, now=at("2026-12-08 10:00"), lang=EN)
    assert late.overdue and "30-day legal time limit" in late.next_step
    advance = claim_progress("submitted", events, True, now=at("2027-01-10 10:00"), lang=EN)
    assert advance.overdue and advance.legal_basis.startswith("Insurance Law art. 25:")


@pytest.mark.parametrize("status", list(labels.CLAIM_STATUSES))
def test_every_status_in_english(status):
    events = [TimelineEvent("submitted", at("2026-11-06 11:00")), TimelineEvent("decided", at("2026-11-20 10:00"))]
    progress = claim_progress(status, events, True, now=at("2026-11-24 10:00"), lang=EN)
    for text in (progress.stage, progress.next_step, progress.usual_time, progress.legal_basis or ""):
        english_only(text)
    assert labels.label(labels.CLAIM_STATUSES, status, EN) and labels.label(labels.CLAIM_STATUSES, status, EN).isascii()


# --- report checks and family policies ---------------------------------------------------------------------

TERMS = report_rules.PolicyTerms("medical", date(2026, 10, 1), date(2027, 9, 30), D("20000.00"), D("10000.00"),
                                 30, 0, "public_grade2_plus", True)


def test_report_checks_in_english():
    future = report_rules.check_incident_date(date(2026, 11, 25), "illness", TERMS, TODAY, lang=EN)
    assert english_only(future.error).startswith("The date cannot be later than today (24 Nov 2026).")
    early = report_rules.check_incident_date(date(2026, 10, 5), "illness", TERMS, TODAY, lang=EN)
    assert early.ok and "waiting period for illness is 30 days (up to and including 30 Oct 2026)" in early.notes[0]
    over = report_rules.check_amount(D("200000"), False, TERMS, lang=EN)
    assert english_only(over.error) == ("¥200,000.00 is more than this policy's sum insured of ¥20,000.00: please check "
                                        "the amount (an extra 0?).")
    assert "more than 0" in report_rules.check_amount(D("0"), False, TERMS, lang=EN).error
    notes = report_rules.check_amount(D("8000"), True, TERMS, lang=EN).notes
    assert notes[0] == "Registered as about ¥8,000.00 for now; the invoices decide the final amount."
    assert "deductible is left" in notes[1]
    assert "may not qualify" in english_only(report_rules.check_hospital("2", "private", TERMS, lang=EN).notes[0])
    accident = report_rules.PolicyTerms(**{**TERMS.__dict__, "policy_type": "accident"})
    assert "covers accidents only" in report_rules.check_incident_type("illness", accident, lang=EN).error


@pytest.mark.parametrize("validate, answer, value", [
    (fp.validate_relationship, "my mum", "parent"), (fp.validate_relationship, "My husband", "spouse"),
    (fp.validate_relationship, "our son", "child"), (fp.validate_relationship, "myself", "self"),
    (fp.validate_insured_name, "her name is Anna Li", "Anna Li"), (fp.validate_policy_type, "critical illness cover",
                                                                   "critical_illness"),
    (fp.validate_policy_type, "health insurance", "medical"), (fp.validate_deductible, "none", D("0.00")),
    (fp.validate_deductible, "10,000 yuan", D("10000.00")), (fp.validate_deductible, "not sure", fp.SKIP),
    (fp.validate_ratio, "60%", D("0.60")), (fp.validate_ratio, "in full", D("1.00")),
    (fp.validate_hospital_requirement, "any hospital", "any"),
    (fp.validate_hospital_requirement, "public grade 2 or above", "public_grade2_plus"),
    (fp.validate_policy_number, "policy number is P2025-0099", "P2025-0099"),
])
def test_family_policy_answers_in_english(validate, answer, value):
    assert validate(answer, lang=EN).value == value


def test_family_policy_messages_in_english():
    assert english_only(fp.validate_relationship("my grandmother", lang=EN).error).startswith("For now I can only add")
    assert "not how you call them" in fp.validate_insured_name("my mum", lang=EN).error
    assert fp.validate_end_date("lifetime", "2025-01-01", TODAY).value == fp.LIFETIME_END
    ended = fp.validate_end_date("1 year", "2025-03-01", TODAY, lang=EN)
    assert ended.value == date(2026, 2, 28) and english_only(ended.note).startswith("Note: this policy ended on 28 Feb 2026.")
    future = fp.validate_start_date("2026-12-01", TODAY, lang=EN)
    assert english_only(future.error).startswith("The start date cannot be later than today (24 Nov 2026).")
    for validate in (fp.validate_insurer, fp.validate_product_name, fp.validate_policy_number, fp.validate_policy_type,
                     fp.validate_deductible, fp.validate_ratio, fp.validate_hospital_requirement):
        english_only(validate("?", lang=EN).error)
