"""Checks made while a claim is reported: dates, waiting period, hospital, amount."""
from datetime import date
from decimal import Decimal

import pytest

from bot.claims import report_rules as rules

TODAY = date(2026, 11, 24)


def terms(**overrides) -> rules.PolicyTerms:
    values = dict(
        policy_type="medical",
        start_date=date(2026, 10, 1),
        end_date=date(2027, 9, 30),
        sum_insured=Decimal("2000000.00"),
        remaining_deductible=Decimal("10000.00"),
        waiting_days_illness=30,
        waiting_days_accident=0,
        hospital_requirement="public_grade2_plus",
        emergency_exception=True,
    )
    values.update(overrides)
    return rules.PolicyTerms(**values)


def test_future_date_is_refused_with_today_named():
    check = rules.check_incident_date(date(2026, 11, 25), "illness", terms(), TODAY)
    assert not check.ok and "2026年11月24日" in check.error


def test_date_before_policy_start_is_refused():
    check = rules.check_incident_date(date(2026, 9, 30), "accident", terms(), TODAY)
    assert not check.ok and "2026年10月01日" in check.error


def test_date_after_policy_end_is_refused():
    check = rules.check_incident_date(date(2026, 11, 1), "illness", terms(end_date=date(2026, 10, 31)), TODAY)
    assert not check.ok and "到期" in check.error


def test_illness_inside_waiting_period_is_accepted_with_a_warning():
    check = rules.check_incident_date(date(2026, 10, 20), "illness", terms(), TODAY)
    assert check.ok
    assert any("等待期为30天" in note and "2026年10月30日" in note for note in check.notes)


def test_accident_inside_waiting_period_gets_no_warning():
    check = rules.check_incident_date(date(2026, 10, 20), "accident", terms(), TODAY)
    assert check.ok and check.notes == []


def test_last_day_of_waiting_period_warns_and_the_next_day_does_not():
    assert rules.check_incident_date(date(2026, 10, 30), "illness", terms(), TODAY).notes
    assert rules.check_incident_date(date(2026, 10, 31), "illness", terms(), TODAY).notes == []


def test_claim_older_than_two_years_mentions_the_limitation_period():
    check = rules.check_incident_date(date(2022, 11, 6), "accident", terms(start_date=date(2022, 1, 1)), TODAY)
    assert check.ok and any("第二十六条" in note for note in check.notes)


def test_accident_policy_refuses_illness():
    assert not rules.check_incident_type("illness", terms(policy_type="accident")).ok
    assert rules.check_incident_type("accident", terms(policy_type="accident")).ok
    assert rules.check_incident_type("illness", terms()).ok


@pytest.mark.parametrize(
    "grade, ownership, expected",
    [
        ("3A", "public", True),
        ("2", "public", True),
        ("1", "public", False),
        ("unrated", None, False),
        ("3A", "private", False),
        ("unknown", "private", False),
        ("unknown", None, None),
        ("3A", None, None),
    ],
)
def test_hospital_requirement(grade, ownership, expected):
    assert rules.hospital_meets_requirement("public_grade2_plus", grade, ownership) is expected


def test_any_hospital_requirement_accepts_private():
    assert rules.hospital_meets_requirement("any", "unknown", "private") is True


def test_private_hospital_warns_and_mentions_the_emergency_argument():
    check = rules.check_hospital("unknown", "private", terms())
    assert check.ok and "120" in check.notes[0] and "二级及以上公立医院" in check.notes[0]


def test_private_hospital_without_emergency_exception_does_not_promise_it():
    check = rules.check_hospital("unknown", "private", terms(emergency_exception=False))
    assert "120" not in check.notes[0]


def test_qualifying_hospital_has_no_note():
    assert rules.check_hospital("3A", "public", terms()).notes == []


@pytest.mark.parametrize("amount", ["0", "-500"])
def test_amount_must_be_positive(amount):
    assert not rules.check_amount(Decimal(amount), False, terms()).ok


def test_amount_above_sum_insured_is_refused():
    check = rules.check_amount(Decimal("2000000.01"), False, terms())
    assert not check.ok and "¥2,000,000.00" in check.error


def test_amount_within_remaining_deductible_is_explained():
    check = rules.check_amount(Decimal("8000.00"), False, terms())
    assert check.ok and any("免赔额还剩¥10,000.00" in note for note in check.notes)


def test_amount_above_deductible_has_no_deductible_note_and_approximate_is_noted():
    check = rules.check_amount(Decimal("13418.00"), True, terms())
    assert check.ok and len(check.notes) == 1 and "约¥13,418.00" in check.notes[0]


def test_money_parsing_and_formatting():
    from bot.claims.money import to_money, yuan

    assert to_money("13,418") == Decimal("13418.00") and to_money(None) is None and to_money("abc") is None
    assert to_money("0.005") == Decimal("0.01")
    assert yuan(Decimal("3418")) == "¥3,418.00"


def test_a_qualifying_grade_of_unknown_ownership_asks_only_about_ownership():
    note = rules.check_hospital("3A", None, terms()).notes[0]
    assert "大多是公立的" in note and "等级可以在" not in note
    assert "官网或挂号单" in rules.check_hospital("unknown", None, terms()).notes[0]
    assert "Most hospitals of this grade are public" in rules.check_hospital("2", None, terms(), lang="en").notes[0]
