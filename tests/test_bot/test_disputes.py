"""Disputes on SQLite and PostgreSQL: opening with the letter draft, the insurer's answer, the timeline."""
from decimal import Decimal

import pytest

from bot.claims import appeal_letter
from bot.store import find_by_mobile, get_visible_claim, session_scope, timeline
from bot.store import disputes

STATEMENT = "当时手受伤流了很多血，是120急救车直接把我送到华康医院的，我自己没有选医院。"


def _c1001(session):
    wang = find_by_mobile(session, "13800138000")
    return wang.id, get_visible_claim(session, wang.id, "C-1001")


def test_create_dispute_with_history_timeline_and_letter(seeded_url):
    with session_scope(seeded_url) as session:
        wang_id, claim = _c1001(session)
        dispute = disputes.create_dispute(session, claim=claim, customer_id=wang_id, sender_id="s1",
                                          grounds=["emergency_admission", "misapplied_clause"], statement=STATEMENT)
        assert dispute.status == "opened" and [e.status for e in dispute.events] == ["opened"]
        assert timeline(session, claim)[-1].kind == "disputed"
        assert disputes.get_dispute(session, dispute.id) is dispute
        assert disputes.open_dispute_of(session, claim) is dispute
        letter = dispute.letter
        for expected in ("C-1001", "北京华康医院", "¥13,418.00", "第2.4条“医院范围”", "120急救车",
                         "第2.5条“紧急情况”", "《保险法》第三十条", "《保险法》第十七条", STATEMENT, "120急救出车记录"):
            assert expected in letter, expected


@pytest.mark.parametrize("grounds, statement", [([], "x"), (["bogus"], "x"), (["other"], "  ")])
def test_create_dispute_refuses_bad_input(seeded_url, grounds, statement):
    with session_scope(seeded_url) as session:
        wang_id, claim = _c1001(session)
        with pytest.raises(ValueError):
            disputes.create_dispute(session, claim=claim, customer_id=wang_id, sender_id=None,
                                    grounds=grounds, statement=statement)


def test_an_undecided_claim_cannot_be_disputed(seeded_url):
    with session_scope(seeded_url) as session:
        li = find_by_mobile(session, "13900139000")
        claim = get_visible_claim(session, li.id, "C-1003")
        with pytest.raises(ValueError):
            disputes.create_dispute(session, claim=claim, customer_id=li.id, sender_id=None,
                                    grounds=["other"], statement="不服")


def test_overturned_pays_the_claim_and_tells_the_user(seeded_url):
    with session_scope(seeded_url) as session:
        wang_id, claim = _c1001(session)
        dispute = disputes.create_dispute(session, claim=claim, customer_id=wang_id, sender_id="s1",
                                          grounds=["emergency_admission"], statement=STATEMENT)
        disputes.mark_with_insurer(session, dispute, None)
        message = disputes.record_outcome(session, dispute, outcome="overturned", amount=Decimal("3418"),
                                          advisor_id=None)
        assert "C-1001" in message and "¥3,418.00" in message and "申诉成功" in message
        assert (dispute.status, dispute.outcome, dispute.amount_recovered) == ("overturned", "overturned", Decimal("3418.00"))
        assert dispute.decided_at is not None
        assert [e.status for e in dispute.events] == ["opened", "with_insurer", "overturned"]
        assert claim.status == "paid"
        assert timeline(session, claim)[-1].kind == "dispute_result"
        assert disputes.open_dispute_of(session, claim) is None
        with pytest.raises(ValueError):
            disputes.record_outcome(session, dispute, outcome="upheld", amount=None, advisor_id=None)


def test_upheld_and_partly(seeded_url):
    with session_scope(seeded_url) as session:
        wang_id, claim = _c1001(session)
        first = disputes.create_dispute(session, claim=claim, customer_id=wang_id, sender_id=None,
                                        grounds=["other"], statement="不服")
        message = disputes.record_outcome(session, first, outcome="upheld", amount=Decimal("5"), advisor_id=None,
                                          note="保险公司坚持医院条款")
        assert "维持原来的决定" in message and "保险公司坚持医院条款。" in message and "12378" in message
        assert first.amount_recovered is None and claim.status == "rejected"
        second = disputes.create_dispute(session, claim=claim, customer_id=wang_id, sender_id=None,
                                         grounds=["wrong_amount"], statement="金额不对")
        message = disputes.record_outcome(session, second, outcome="partly_overturned", amount=Decimal("1000.5"),
                                          advisor_id=None)
        assert "¥1,000.50" in message and claim.status == "partly_paid"


@pytest.mark.parametrize("outcome, amount", [("won", Decimal("1")), ("overturned", None),
                                             ("overturned", Decimal("0")), ("partly_overturned", Decimal("-3")),
                                             ("overturned", 3418), ("overturned", Decimal("NaN"))])
def test_record_outcome_refuses_bad_input(seeded_url, outcome, amount):
    with session_scope(seeded_url) as session:
        wang_id, claim = _c1001(session)
        dispute = disputes.create_dispute(session, claim=claim, customer_id=wang_id, sender_id=None,
                                          grounds=["other"], statement="不服")
        with pytest.raises(ValueError) as error:
            disputes.record_outcome(session, dispute, outcome=outcome, amount=amount, advisor_id=None)
        assert any("\u4e00" <= ch <= "\u9fff" for ch in str(error.value))


def test_letter_without_an_emergency_clause_asks_the_advisor():
    from datetime import date

    inputs = appeal_letter.LetterInputs(
        case_number="C-9", insurer="某保险", product_name="某医疗险", policy_number="P1", insured_name="张三",
        incident_date=date(2026, 1, 2), hospital_name="某医院", hospital_label="民营/私立", diagnosis="骨折",
        amount_claimed=Decimal("100"), outcome="partly_paid", payout=Decimal("40"), reason_title="部分费用不予赔付",
        decision_summary="", grounds=("emergency_admission", "wrong_amount", "waiting_period", "pre_existing"),
        statement="我不服")
    letter = appeal_letter.draft_letter(inputs)
    assert "请顾问核对后补充" in letter and "仅赔付¥40.00" in letter and "《保险法》第十六条" in letter
    assert "2026年01月02日" in letter
