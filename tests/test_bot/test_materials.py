"""Materials checklists by claim type and facts, and guessing a document's type."""
from datetime import date

import pytest

from bot.claims import materials
from bot.claims.doc_types import candidate_doc_types, guess_doc_type
from bot.claims.materials import CLAIM_TYPES, ClaimFacts, checklist_for, claim_facts, claim_type_for


def codes(items, required=None):
    return [i.code for i in items if required is None or i.required == required]


def test_every_claim_type_has_a_checklist_of_known_materials():
    assert set(materials.CHECKLISTS) == set(CLAIM_TYPES)
    for claim_type in CLAIM_TYPES:
        items = checklist_for(ClaimFacts(claim_type, inpatient=True, social_insurance_settled=True))
        assert codes(items)[:3] == ["claim_form", "id_card", "bank_card"]
        assert len(set(codes(items))) == len(items)
    for material in materials.CATALOGUE:
        assert material.name and material.description and material.keywords


@pytest.mark.parametrize("claim_type, must_have, must_not", [
    ("accident_outpatient", {"accident_proof", "invoice", "medical_record"}, {"discharge_summary", "pathology_report"}),
    ("accident_inpatient", {"accident_proof", "discharge_summary", "itemised_list"}, {"pathology_report"}),
    ("illness_outpatient", {"exam_report", "diagnosis_certificate"}, {"accident_proof", "itemised_list"}),
    ("illness_inpatient", {"discharge_summary", "itemised_list", "exam_report"}, {"accident_proof"}),
    ("critical_illness", {"diagnosis_certificate", "exam_report", "medical_record"}, {"invoice", "itemised_list"}),
    ("disability", {"disability_assessment", "diagnosis_certificate"}, {"death_certificate"}),
    ("death", {"death_certificate", "household_cancellation", "heirs_relationship"}, {"invoice"}),
])
def test_required_items_per_claim_type(claim_type, must_have, must_not):
    facts = ClaimFacts(claim_type, inpatient=True, social_insurance_settled=False, accident=False)
    required = set(codes(checklist_for(facts), required=True))
    assert must_have <= required and not must_not & required


def test_conditions_are_decided_from_the_facts_or_stated():
    unknown = checklist_for(ClaimFacts("illness_inpatient", inpatient=None, social_insurance_settled=None))
    conditional = {i.code: i.condition for i in unknown if not i.required}
    assert conditional == {
        "discharge_summary": "住院治疗时", "itemised_list": "住院治疗时",
        "social_insurance_statement": "费用经过社保（医保）结算时"}
    known = checklist_for(ClaimFacts("illness_inpatient", inpatient=True, social_insurance_settled=False))
    assert "social_insurance_statement" not in codes(known)
    assert {"discharge_summary", "itemised_list"} <= set(codes(known, required=True))
    settled = checklist_for(ClaimFacts("illness_inpatient", inpatient=True, social_insurance_settled=True))
    assert "social_insurance_statement" in codes(settled, required=True)


def test_guardian_proof_for_minors_and_pathology_for_tumours():
    assert "guardian_proof" not in codes(checklist_for(ClaimFacts("illness_outpatient")))
    assert "guardian_proof" in codes(checklist_for(ClaimFacts("illness_outpatient", insured_is_minor=True)), True)
    unknown_age = checklist_for(ClaimFacts("illness_outpatient", insured_is_minor=None))
    assert next(i for i in unknown_age if i.code == "guardian_proof").condition == "被保险人未满18周岁时"
    cancer = checklist_for(ClaimFacts("critical_illness", diagnosis="肺恶性肿瘤"))
    heart = checklist_for(ClaimFacts("critical_illness", diagnosis="急性心肌梗死"))
    assert "pathology_report" in codes(cancer, required=True)
    assert "pathology_report" in codes(heart, required=False)  # never ruled out, only stated
    death_by_accident = checklist_for(claim_facts("accident", "accident", event="death"))
    assert "accident_proof" in codes(death_by_accident, True) and "guardian_proof" not in codes(death_by_accident)


def test_claim_type_from_stored_facts():
    assert claim_type_for("critical_illness", "illness", True) == "critical_illness"
    assert claim_type_for("medical", "accident", True) == "accident_inpatient"
    assert claim_type_for("medical", "illness", False) == "illness_outpatient"
    assert claim_type_for("medical", "illness", None) == "illness_inpatient"  # the safe superset
    assert claim_type_for("accident", "accident", None, event="disability") == "disability"
    with pytest.raises(ValueError):
        ClaimFacts("dental")


def test_pre_report_checklist_text():
    text = materials.format_checklist(checklist_for(claim_facts("medical", "illness")))
    assert text.startswith("1. 理赔申请书：")
    assert "费用明细清单（住院治疗时需要）：出院时在住院处打印的费用明细清单，要有医院盖章" in text
    assert "监护关系证明" not in text


def test_age_on():
    assert materials.age_on(date(2008, 11, 25), date(2026, 11, 24)) == 17
    assert materials.age_on(date(2008, 11, 24), date(2026, 11, 24)) == 18


@pytest.mark.parametrize("text, expected", [
    ("住院发票", "invoice"),
    ("费用明细清单.jpg", "itemised_list"),
    ("出院小结", "discharge_summary"),
    ("诊断证明书", "diagnosis_certificate"),
    ("门诊病历第2页", "medical_record"),
    ("身份证反面", "id_card"),
    ("工资卡就是这张银行卡", "bank_card"),
    ("病理诊断报告", "pathology_report"),  # "诊断" inside "病理诊断" does not count
    ("120急救记录", "accident_proof"),
    ("120.jpg", "accident_proof"),
    ("医保结算单", "social_insurance_statement"),
    ("CT报告", "exam_report"),
    ("ＣＴ报告", "exam_report"),  # full-width letters
    ("C-1003_itemised_list.jpg", "itemised_list"),
    ("fapiao.png", "invoice"),
    ("IMG_120.jpg", None),  # a file number, not the ambulance
    ("IMG_20261101_0931.jpg", None),
    ("picture.jpg", None),  # "ct" only as a word
    ("发票和明细", None),  # two materials: ask
    ("户口本", None),  # guardian or heirs: ask
    ("", None),
    (None, None),
])
def test_guess_doc_type(text, expected):
    assert guess_doc_type(text) == expected


def test_candidates_of_an_ambiguous_caption():
    assert candidate_doc_types("发票和明细") == ["invoice", "itemised_list"]
    assert candidate_doc_types("结算清单和费用清单") == ["itemised_list", "social_insurance_statement"]


def test_hospital_label():
    from bot.claims.labels import hospital_label

    assert hospital_label("3A", "public") == "公立 三级甲等"
    assert hospital_label("unknown", "private") == "民营/私立"
    assert hospital_label("3A", None) == "三级甲等"
    assert hospital_label(None, None) == "等级不清楚"
