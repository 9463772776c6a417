"""The materials pre-check and its one complete status list."""
from bot.claims.materials import ClaimFacts, checklist_for
from bot.claims.review import DocumentRecord, format_review, review

BLURRY = "照片太模糊或太暗，上面的字看不清。请重新拍一张。"
ILLNESS_INPATIENT = ClaimFacts("illness_inpatient", inpatient=True, social_insurance_settled=True)
C1003_RECEIVED = ["claim_form", "id_card", "bank_card", "medical_record", "invoice",
                  "diagnosis_certificate", "exam_report", "social_insurance_statement"]


def records(*doc_types, status="received", note=None):
    return [DocumentRecord(doc_type, status, note) for doc_type in doc_types]


def codes(items):
    return [item.code for item in items]


def test_received_missing_and_complete():
    items = checklist_for(ILLNESS_INPATIENT)
    result = review(items, records(*C1003_RECEIVED))
    assert codes(result.missing) == ["discharge_summary", "itemised_list"]
    assert len(result.received) == 8 and not result.unusable and not result.conditional
    assert result.complete is False and result.outstanding == ("discharge_summary", "itemised_list")
    done = review(items, records(*C1003_RECEIVED, "discharge_summary", "itemised_list", "a_stray_type"))
    assert done.complete and not done.missing and len(done.received) == 10


def test_unusable_until_a_good_copy_supersedes_it():
    items = checklist_for(ILLNESS_INPATIENT)
    docs = records(*C1003_RECEIVED, "discharge_summary") + records("itemised_list", status="unusable", note=BLURRY)
    result = review(items, docs)
    assert [(u.item.code, u.reason) for u in result.unusable] == [("itemised_list", BLURRY)]
    assert not result.complete and result.outstanding == ("itemised_list",)
    later_good = review(items, docs + records("itemised_list"))
    assert later_good.complete and not later_good.unusable
    # A blurry retake after a good copy does not undo the good one.
    assert review(items, records(*C1003_RECEIVED, "discharge_summary", "itemised_list")
                  + records("itemised_list", status="unusable", note=BLURRY)).complete
    # The latest reason is the one shown.
    twice = review(items, records("invoice", status="unusable", note="旧原因") + records("invoice", status="unusable"))
    assert twice.unusable[0].reason.startswith("这份材料看不清")


def test_conditional_items_are_listed_but_do_not_block():
    items = checklist_for(ClaimFacts("illness_inpatient", inpatient=True, social_insurance_settled=None))
    result = review(items, records(*[c for c in C1003_RECEIVED if c != "social_insurance_statement"],
                                   "discharge_summary", "itemised_list"))
    assert codes(result.conditional) == ["social_insurance_statement"]
    assert result.complete and result.outstanding == ()
    text = format_review(result)
    assert "必需材料已经齐全" in text
    assert "○ 社保结算单（费用经过社保（医保）结算时需要）：用医保卡结算后医院给的" in text
    # Sent anyway: a conditional item received counts as received.
    assert "social_insurance_statement" in codes(review(items, records("social_insurance_statement")).received)


def test_the_one_status_list_names_everything_with_how_to_fix_it():
    items = checklist_for(ILLNESS_INPATIENT)
    result = review(items, records(*C1003_RECEIVED[:-1]) + records("itemised_list", status="unusable", note=BLURRY))
    lines = format_review(result).splitlines()
    assert lines[0] == "材料预审结果：已收到7项，还需要补3项。"
    assert "✓ 理赔申请书" in lines
    assert "✗ 出院小结：出院时由主治医生开具，写明住院日期、诊断和治疗经过，可在住院部或病案室复印盖章" in lines
    assert f"⚠ 费用明细清单：{BLURRY}" in lines
    assert "✗ 社保结算单：用医保卡结算后医院给的医保（社保）结算单，写明医保报销了多少" in lines
    assert len(lines) == 1 + len(items) + 1  # head, every item once, what to do
    assert lines[-1].startswith("请一次补齐标✗和⚠的材料")
