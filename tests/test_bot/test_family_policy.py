"""Adding a family policy bought elsewhere: the form's validators (pure) and the store
function (SQLite and PostgreSQL, on the demo data)."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select

from bot.claims import family_policy as fp
from bot.store import Customer, Policy, family_of, session_scope, visible_policies
from bot.store.customers import UNKNOWN_BIRTH_DATE, verify_identity
from bot.store.external_policies import DuplicatePolicy, add_external_policy
from bot.store.identity import is_placeholder_id_hash

TODAY = date(2026, 11, 24)


# --- validators ------------------------------------------------------------------------

@pytest.mark.parametrize("validate", [fp.validate_insurer, fp.validate_product_name])
def test_insurer_and_product(validate):
    assert validate("  安康人壽保险股份有限公司。").value == "安康人寿保险股份有限公司"
    assert validate("AIA 友邦").value == "AIA 友邦"
    for bad in ("", "安", "12345678", "？？！", "不知道", "字" * 51):
        check = validate(bad)
        assert not check.ok and check.value is None and "例如" in check.error


def test_policy_number_is_normalised():
    assert fp.validate_policy_number(" p2022 - 0001 ").value == "P2022-0001"
    assert fp.validate_policy_number("保单号：QM—2026—0456").value == "QM-2026-0456"
    assert fp.validate_policy_number("ＡＢ１２３４５６").value == "AB123456"
    assert fp.validate_policy_number("8" * 32).ok
    for bad in ("12345", "ABCDEFGH", "P2022/0001", "8" * 33, "保单号不知道"):
        check = fp.validate_policy_number(bad)
        assert not check.ok and "6到32位" in check.error


def test_insured_name():
    for text, name in [("王秀英", "王秀英"), ("她叫王秀英", "王秀英"), ("我妈的名字是王秀英", "王秀英"),
                       ("李 雷", "李雷"), ("阿卜杜·热合曼", "阿卜杜·热合曼"), ("Anna  Li", "Anna Li"),
                       ("張小雨", "张小雨")]:
        assert fp.validate_insured_name(text).value == name
    assert "不是称呼" in fp.validate_insured_name("我妈").error
    for bad in ("王", "王" * 11, "13800138000", "Wang2", "🙂🙂"):
        assert "2到10个汉字" in fp.validate_insured_name(bad).error


@pytest.mark.parametrize("text, code, gender", [
    ("本人", "self", None), ("我自己", "self", None), ("是我", "self", None), ("self", "self", None),
    ("老婆", "spouse", "F"), ("我老公", "spouse", "M"), ("爱人", "spouse", None), ("孩子他妈", "spouse", "F"),
    ("我妈", "parent", "F"), ("爸", "parent", "M"), ("父母", "parent", None), ("婆婆", "parent", "F"),
    ("儿子", "child", "M"), ("闺女", "child", "F"), ("女儿", "child", "F"), ("子女", "child", None),
])
def test_relationship_words(text, code, gender):
    assert fp.validate_relationship(text).value == code
    assert fp.relative_gender(text) == gender


def test_relationship_refusals():
    assert "本人、配偶、父母或子女" in fp.validate_relationship("我爷爷").error
    assert "转人工" in fp.validate_relationship("表哥").error
    for unclear in ("我妈和我老婆", "邻居", ""):
        assert "“本人”“配偶”“父母”或“子女”" in fp.validate_relationship(unclear).error


@pytest.mark.parametrize("text, kind", [
    ("医疗险", "medical"), ("百万醫療", "medical"), ("防癌医疗险", "medical"), ("意外险", "accident"),
    ("意外医疗", "accident"), ("重疾", "critical_illness"), ("重大疾病保险", "critical_illness"),
    ("寿险", "other"), ("其他", "other"), ("critical_illness", "critical_illness"),
])
def test_policy_type(text, kind):
    assert fp.validate_policy_type(text).value == kind


def test_policy_type_unknown_is_explained():
    assert "带“医疗”的是医疗险" in fp.validate_policy_type("不知道").error


def test_start_date():
    assert fp.validate_start_date("2025-03-01", TODAY).value == date(2025, 3, 1)
    assert fp.validate_start_date("2025年3月1日", TODAY).value == date(2025, 3, 1)
    assert fp.validate_start_date(date(2026, 11, 24), TODAY).ok
    assert "不能晚于今天（2026年11月24日）" in fp.validate_start_date("2026-11-25", TODAY).error
    for bad in ("1975-01-01", "不知道", "", None):
        assert "例如“2025年3月1日”" in fp.validate_start_date(bad, TODAY).error


def test_start_date_uses_the_service_clock(frozen_clock):
    assert fp.validate_start_date("2026-11-24").ok
    assert not fp.validate_start_date("2026-11-25").ok


@pytest.mark.parametrize("answer, end", [
    ("2027-02-28", date(2027, 2, 28)), ("2027年2月28日", date(2027, 2, 28)), ("1年", date(2026, 2, 28)),
    ("一年期", date(2026, 2, 28)), ("保30年", date(2055, 2, 28)), ("终身", fp.LIFETIME_END),
])
def test_end_date(answer, end):
    assert fp.validate_end_date(answer, "2025-03-01", TODAY).value == end


def test_end_date_refusals_and_ended_policy():
    assert "要晚于生效日期（2025年03月01日）" in fp.validate_end_date("2025-03-01", "2025-03-01", TODAY).error
    assert "超过了100年" in fp.validate_end_date("2150-01-01", "2025-03-01", TODAY).error
    assert "“终身”" in fp.validate_end_date("明年", "2025-03-01", TODAY).error
    assert not fp.validate_end_date("1年", None, TODAY).ok
    ended = fp.validate_end_date("2026-02-28", date(2025, 3, 1), TODAY)
    assert ended.ok and ended.value == date(2026, 2, 28)
    assert "已于2026年02月28日到期" in ended.note and "第二十六条" in ended.note
    assert fp.validate_end_date("2026-11-24", "2025-11-25", TODAY).note is None  # ends today: still covered


@pytest.mark.parametrize("answer, amount", [
    ("0", "0.00"), ("没有免赔", "0.00"), ("无免赔额", "0.00"), ("免赔额为零", "0.00"), ("1万", "10000.00"),
    ("一万元", "10000.00"), ("10,000", "10000.00"), ("5千块", "5000.00"), ("100000", "100000.00"),
])
def test_deductible(answer, amount):
    check = fp.validate_deductible(answer)
    assert check.value == Decimal(amount) and check.note is None
    assert check.slot_value() == amount


def test_deductible_refusals_skip_and_approximate():
    assert "太大了" in fp.validate_deductible("20万").error
    assert "例如“1万”" in fp.validate_deductible("看情况").error
    assert "以保单条款为准" in fp.validate_deductible("1万左右").note
    for skip in ("不知道", "不清楚", "跳过", "忘了", fp.SKIP):
        assert fp.validate_deductible(skip).value == fp.SKIP


@pytest.mark.parametrize("answer, ratio", [
    ("100%", "1.00"), ("百分之六十", "0.60"), ("0.6", "0.60"), ("60", "0.60"), ("60％", "0.60"),
    ("六成", "0.60"), ("八成五", "0.85"), ("全额报销", "1.00"), ("用医保结算的话赔百分之100", "1.00"),
])
def test_ratio(answer, ratio):
    assert fp.validate_ratio(answer).value == Decimal(ratio)


def test_ratio_refusals_and_skip():
    for bad in ("0", "150%", "有社保100%，没社保60%", "很多"):
        assert "例如“100%”" in fp.validate_ratio(bad).error
    assert fp.validate_ratio("不清楚").value == fp.SKIP


@pytest.mark.parametrize("answer, code", [
    ("二级及以上公立", "public_grade2_plus"), ("要三甲医院", "public_grade2_plus"), ("公立医院就行", "public_grade2_plus"),
    ("不限", "any"), ("没有要求", "any"), ("私立也可以", "any"), ("any", "any"), ("跳过", fp.SKIP),
])
def test_hospital_requirement(answer, code):
    assert fp.validate_hospital_requirement(answer).value == code


def test_hospital_requirement_unclear():
    for bad in ("嗯", "公立私立都可以"):
        assert "“二级及以上公立”或“不限”" in fp.validate_hospital_requirement(bad).error


# --- store -------------------------------------------------------------------------------

def _facts(**overrides):
    facts = dict(
        insurer="平安健康保险股份有限公司", product_name="e生保长期医疗", policy_number="pa-2025 778899",
        insured_name="刘桂兰", relationship="parent", insured_gender="F", policy_type="medical",
        start_date="2025-03-01", end_date="2026-02-28", annual_deductible="10000.00", ratio_with_social="1.00",
        hospital_requirement="public_grade2_plus",
    )
    facts.update(overrides)
    return facts


def test_mothers_policy_becomes_visible(seeded_url, customer_ids):
    wang = customer_ids["王丽"]
    with session_scope(seeded_url) as session:
        policy = add_external_policy(session, wang, _facts(end_date="2027-02-28"))
        assert (policy.policy_number, policy.source, policy.holder_id) == ("PA-2025778899", "external", wang)
        # The form's terms alone cannot fill a Coverage row without inventing others: none is stored.
        assert policy.coverages == []
    with session_scope(seeded_url) as session:
        titles = [(p.product_name, p.insured.name) for p in visible_policies(session, wang)]
        assert ("e生保长期医疗", "刘桂兰") in titles
        mother, relationship = family_of(session, wang)[0]
        assert (mother.name, mother.gender, relationship) == ("刘桂兰", "F", "parent")
        assert mother.birth_date == UNKNOWN_BIRTH_DATE and mother.mobile is None
        assert is_placeholder_id_hash(mother.id_number_hash) and mother.id_last4 == ""
        assert verify_identity(session, "13800138000", "0026").name == "王丽"
        # A second policy for the same mother reuses her; nobody else sees her.
        add_external_policy(session, wang, _facts(policy_number="PA-2025-000111", policy_type="意外险"))
        assert session.scalars(select(Customer).where(Customer.name == "刘桂兰")).all() == [mother]
        assert all(p.insured_id != mother.id for p in visible_policies(session, customer_ids["李建国"]))


def test_duplicate_policy_number_is_refused(seeded_url, customer_ids):
    with session_scope(seeded_url) as session:
        add_external_policy(session, customer_ids["王丽"], _facts())
    with session_scope(seeded_url) as session:
        with pytest.raises(DuplicatePolicy) as own:
            add_external_policy(session, customer_ids["王丽"], _facts(policy_number="pa - 2025 778899"))
        assert own.value.title == "刘桂兰 · e生保长期医疗（医疗险，其他平台购买）"
        with pytest.raises(DuplicatePolicy) as theirs:  # 张伟's daughter's policy: not 王丽's to see
            add_external_policy(session, customer_ids["王丽"], _facts(policy_number="qm-2026-0456"))
        assert theirs.value.title is None and "张小雨" not in str(theirs.value)
        with pytest.raises(DuplicatePolicy) as mine:
            add_external_policy(session, customer_ids["王丽"], _facts(policy_number="P2022-0001"))
        assert mine.value.title == "王丽 · 安康百万医疗险（2022版）（医疗险）"
        assert session.scalars(select(Customer).where(Customer.name == "刘桂兰")).all() != []


def test_adding_for_self_and_for_an_existing_relative(seeded_url, customer_ids):
    zhang = customer_ids["张伟"]
    with session_scope(seeded_url) as session:
        own = add_external_policy(session, zhang, _facts(
            insured_name="张伟", relationship="本人", policy_number="ZA-880001", end_date="终身",
            policy_type="重疾险", annual_deductible=fp.SKIP, ratio_with_social=fp.SKIP, hospital_requirement=None))
        assert own.insured_id == own.holder_id == zhang and own.end_date == fp.LIFETIME_END
        child = add_external_policy(session, zhang, _facts(insured_name="张小雨", relationship="女儿",
                                                           policy_number="ZA-880002", insured_gender=None))
        assert child.insured_id == customer_ids["张小雨"]
        assert [(c.name, rel) for c, rel in family_of(session, zhang)] == [("张小雨", "child")]
        numbers = {p.policy_number for p in visible_policies(session, zhang)}
        assert {"ZA-880001", "ZA-880002", "QM-2026-0456"} <= numbers
        with pytest.raises(ValueError, match="relationship is self"):
            add_external_policy(session, zhang, _facts(insured_name="王五", relationship="self"))


def test_spouse_gender_and_complete_terms(seeded_url, customer_ids):
    with session_scope(seeded_url) as session:
        policy = add_external_policy(session, customer_ids["王丽"], _facts(
            insured_name="陈建华", relationship="spouse", insured_gender=None, sum_insured="3000000",
            ratio_without_social="0.6", waiting_days_illness=30, hospital_requirement="不限"))
        assert policy.insured.gender == "M"
        [coverage] = policy.coverages
        assert (coverage.code, coverage.sum_insured, coverage.annual_deductible) == (
            "general_medical", Decimal("3000000.00"), Decimal("10000.00"))
        assert (coverage.ratio_with_social, coverage.ratio_without_social, coverage.hospital_requirement,
                coverage.waiting_days_illness) == (Decimal("1.00"), Decimal("0.60"), "any", 30)


def test_invalid_facts_write_nothing(seeded_url, customer_ids):
    wang = customer_ids["王丽"]
    with session_scope(seeded_url) as session:
        before = session.scalars(select(Policy.id)).all()
        for bad in (_facts(end_date="2024-01-01"), _facts(relationship="表哥"), _facts(start_date="2027-01-01"),
                    _facts(ratio_with_social="150%"), _facts(insurer="?")):
            with pytest.raises(ValueError):
                add_external_policy(session, wang, bad)
        assert session.scalars(select(Policy.id)).all() == before
        assert family_of(session, wang) == []
        with pytest.raises(LookupError):
            add_external_policy(session, 999_999, _facts())
