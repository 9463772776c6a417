"""Materials lists by claim type."""
from bot.claims import materials


def codes(items):
    return [item.code for item in items]


def test_accident_claim_needs_accident_proof_and_not_pathology():
    items = codes(materials.materials_for("accident"))
    assert "accident_proof" in items and "pathology_report" not in items
    assert items[:3] == ["claim_form", "id_card", "bank_card"]


def test_critical_illness_policy_uses_its_own_list():
    assert materials.claim_type("critical_illness", "illness") == "critical_illness"
    assert "pathology_report" in codes(materials.materials_for("critical_illness"))


def test_guardian_proof_only_for_minors():
    assert "guardian_proof" not in codes(materials.materials_for("illness"))
    assert "guardian_proof" in codes(materials.materials_for("illness", insured_is_minor=True))


def test_checklist_states_conditions_and_where_to_get_items():
    text = materials.format_checklist(materials.materials_for("illness"))
    assert "1. 理赔申请书" in text
    assert "费用明细清单（住院治疗时需要）：出院时在住院处打印的费用明细清单，要有医院盖章" in text


def test_hospital_label():
    from bot.claims.labels import hospital_label

    assert hospital_label("3A", "public") == "公立 三级甲等"
    assert hospital_label("unknown", "private") == "民营/私立"
    assert hospital_label("3A", None) == "三级甲等"
    assert hospital_label(None, None) == "等级不清楚"
