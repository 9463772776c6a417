"""The claims store on SQLite and PostgreSQL: schema, identity, visibility,
case numbers, demo data and exact money."""
from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import func, inspect, select
from sqlalchemy.exc import IntegrityError, StatementError

from bot import clock
from bot.store import (
    Base, Claim, ClaimEvent, Coverage, Customer, Policy, claims as claims_module,
    create_customer, deductible_used, family_of, find_by_mobile, get_engine, get_visible_claim,
    get_visible_policy, hash_id_number, id_checksum_ok, main_coverage, mask_id_number, mask_mobile,
    migrate, next_case_number, policy_year, seed_demo, session_scope, timeline, verify_identity,
    visible_claims, visible_policies,
)
from bot.store.db import alembic_config

WANG, LI, ZHANG = "13800138000", "13900139000", "13700137000"


def test_migration_matches_models(db_url):
    migrate(db_url)
    migrate(db_url)  # idempotent
    with get_engine(db_url).connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []
        inspector = inspect(connection)
        for table in Base.metadata.sorted_tables:  # alembic does not compare CHECK constraints
            reflected = {c["name"] for c in inspector.get_check_constraints(table.name)}
            declared = {c.name for c in table.constraints if c.__class__.__name__ == "CheckConstraint"}
            assert reflected == declared, table.name


def test_downgrade_and_upgrade_again(db_url):
    migrate(db_url)
    with get_engine(db_url).begin() as connection:
        command.downgrade(alembic_config(connection, db_url), "base")
    with get_engine(db_url).connect() as connection:
        assert set(inspect(connection).get_table_names()) <= {"alembic_version"}
    migrate(db_url)
    with get_engine(db_url).connect() as connection:
        assert "claims" in inspect(connection).get_table_names()


def test_constraints_are_enforced(seeded_url):
    with pytest.raises(IntegrityError):  # CHECK
        with session_scope(seeded_url) as session:
            session.scalars(select(Claim)).first().status = "lost"
    with pytest.raises(IntegrityError):  # FOREIGN KEY (SQLite needs the PRAGMA for this)
        with session_scope(seeded_url) as session:
            session.scalars(select(Claim)).first().policy_id = 999


def test_verify_identity(seeded_url):
    with session_scope(seeded_url) as session:
        assert verify_identity(session, WANG, "0026").name == "王丽"
        assert verify_identity(session, "+86 138 0013 8000", "0026").name == "王丽"
        assert verify_identity(session, WANG, "0027") is None
        assert verify_identity(session, WANG, "003X") is None  # someone else's last 4
        assert verify_identity(session, LI, "003x").name == "李建国"  # lower-case x
        assert verify_identity(session, LI, "003X").name == "李建国"
        assert verify_identity(session, "13000000000", "0026") is None
        assert verify_identity(session, WANG, "") is None


def test_id_number_is_stored_hashed_and_masked(seeded_url):
    assert mask_id_number("110105197903140026") == "1101**********0026"
    assert mask_mobile("13800138000") == "138****8000"
    with session_scope(seeded_url) as session:
        wang, li = find_by_mobile(session, WANG), find_by_mobile(session, LI)
        assert (wang.id_last4, wang.id_masked) == ("0026", "1101**********0026")
        assert wang.id_number_hash == hash_id_number("110105197903140026")
        assert (li.id_last4, li.id_masked) == ("003X", "1101**********003X")
        for customer in session.scalars(select(Customer)):
            stored = " ".join(str(getattr(customer, c.key)) for c in Customer.__table__.columns)
            assert "19790314" not in stored and "110105197903140026" not in stored


def test_id_checksum_and_create_customer(db_url, frozen_clock):
    for good in ("110105197903140026", "11010819560722003X", "11010819560722003x", "310115198806051018"):
        assert id_checksum_ok(good)
    for bad in ("110105197903140027", "11010519790314002", "1101051979031400AX", ""):
        assert not id_checksum_ok(bad)
    migrate(db_url)
    with session_scope(db_url) as session:
        def make(id_number="110105197903140026", born=date(1979, 3, 14), mobile="138 0013 8000"):
            return create_customer(session, name="王丽", gender="F", birth_date=born, mobile=mobile,
                                   id_number=id_number)

        for bad in ({"id_number": "110105197903140027"}, {"born": date(1979, 3, 15)}, {"mobile": "1380013"}):
            with pytest.raises(ValueError):
                make(**bad)
        assert make().mobile == "13800138000"
        with pytest.raises(ValueError):  # already registered
            make(mobile=None)


def test_visible_policies(seeded_url):
    with session_scope(seeded_url) as session:
        def numbers(mobile):
            return [p.policy_number for p in visible_policies(session, find_by_mobile(session, mobile).id)]

        assert numbers(WANG) == ["P2022-0001", "P2022-0002"]
        assert numbers(LI) == ["P2025-0003"]
        assert numbers(ZHANG) == ["QM-2026-0456", "P2026-0004"]  # sorted by start date
        daughters = get_visible_policy(session, find_by_mobile(session, ZHANG).id, "qm-2026-0456")
        assert daughters.source == "external" and daughters.insured.name == "张小雨"
        assert [(c.name, r) for c, r in family_of(session, find_by_mobile(session, ZHANG).id)] == [("张小雨", "child")]
        assert visible_policies(session, 999) == []

        wang, li = find_by_mobile(session, WANG).id, find_by_mobile(session, LI).id
        assert get_visible_policy(session, wang, "P2022-0001") is not None
        assert get_visible_policy(session, li, "P2022-0001") is None
        assert get_visible_policy(session, wang, "QM-2026-0456") is None
        assert get_visible_policy(session, wang, "P9999-0000") is None
        daughter = session.scalars(select(Customer).where(Customer.name == "张小雨")).one()
        assert [p.policy_number for p in visible_policies(session, daughter.id)] == ["QM-2026-0456"]


def test_visible_claims(seeded_url):
    with session_scope(seeded_url) as session:
        wang, li, zhang = (find_by_mobile(session, m).id for m in (WANG, LI, ZHANG))
        assert [c.case_number for c in visible_claims(session, wang)] == ["C-1002", "C-1001"]
        assert [c.case_number for c in visible_claims(session, li)] == ["C-1003"]
        assert [c.case_number for c in visible_claims(session, zhang)] == ["C-1004"]
        assert get_visible_claim(session, wang, "c1001").case_number == "C-1001"
        assert get_visible_claim(session, li, "C-1001") is None
        assert get_visible_claim(session, wang, "C-1004") is None
        c1004 = get_visible_claim(session, zhang, "1004")
        assert (c1004.insured.name, c1004.reporter.name, c1004.status) == ("张小雨", "张伟", "under_review")
        last = timeline(session, c1004)[-1]
        assert (last.kind, last.at) == ("under_review", datetime(2026, 11, 10, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai")))
        assert c1004.updated_at == last.at


def test_create_claim(seeded_url, make_claim, customer_ids):
    with session_scope(seeded_url) as session:
        assert next_case_number(session) == "C-1005"
        claim = make_claim(session)
        assert (claim.case_number, claim.status) == ("C-1005", "reported")
        assert claim.coverage_id == main_coverage(session, claim.policy).id
        assert claim.created_at == clock.now()
    with session_scope(seeded_url) as session:
        claim = get_visible_claim(session, customer_ids["王丽"], "C-1005")
        assert [(e.kind, e.note) for e in timeline(session, claim)] == [("reported", "已登记报案")]
        assert claim.amount_claimed == Decimal("3200.50")


def test_create_claim_retries_when_the_number_was_taken(seeded_url, monkeypatch, make_claim):
    """Simulates another writer taking the number between our read and our insert."""
    real = claims_module.next_case_number
    answers = iter(["C-1003", "C-1004"])
    monkeypatch.setattr(claims_module, "next_case_number", lambda session: next(answers, None) or real(session))
    with session_scope(seeded_url) as session:
        claim = make_claim(session)
        assert claim.case_number == "C-1005"
        assert len(timeline(session, claim)) == 1
    with session_scope(seeded_url) as session:
        assert session.scalar(select(func.count()).select_from(Claim)) == 5


def test_a_failed_block_leaves_no_claim_behind(seeded_url, make_claim):
    with pytest.raises(RuntimeError):
        with session_scope(seeded_url) as session:
            make_claim(session)
            raise RuntimeError("the action failed after reporting")
    with session_scope(seeded_url) as session:
        assert session.scalar(select(func.count()).select_from(Claim)) == 4


def test_concurrent_claims_get_unique_numbers(seeded_url, make_claim):
    workers = 5
    barrier = threading.Barrier(workers)  # all read the same "next" number, then race to insert

    def report(_):
        barrier.wait(timeout=10)
        with session_scope(seeded_url) as session:
            return make_claim(session).case_number

    with ThreadPoolExecutor(workers) as pool:
        numbers = list(pool.map(report, range(workers), timeout=60))  # re-raises any worker's error
    assert sorted(numbers) == [f"C-{n}" for n in range(1005, 1005 + workers)]


def test_c1002_decision_adds_up(seeded_url, customer_ids):
    with session_scope(seeded_url) as session:
        claim = get_visible_claim(session, customer_ids["王丽"], "C-1002")
        decision = claim.decision
        assert decision.outcome == "paid" and decision.payout == Decimal("3418.00")
        lines = decision.lines
        assert [(line.kind, str(line.amount)) for line in lines] == [
            ("billed", "16250.00"), ("not_covered", "-850.00"), ("social_insurance", "-1982.00"),
            ("deductible", "-10000.00"), ("ratio", "0.00"), ("payout", "3418.00")]
        assert sum(line.amount for line in lines if line.kind != "payout") == decision.payout
        assert lines[-1].amount == decision.payout
        assert lines[0].amount == claim.amount_claimed


def test_c1001_rejection_and_c1003_missing_materials(seeded_url, customer_ids):
    with session_scope(seeded_url) as session:
        claim = get_visible_claim(session, customer_ids["王丽"], "C-1001")
        decision = claim.decision
        assert (claim.status, decision.outcome, decision.payout) == ("rejected", "rejected", Decimal("0.00"))
        assert decision.reason_code == "hospital_not_qualified"
        clause = next(c for c in claim.policy.clauses if c.clause_id == decision.clause_id)
        assert "二级及以上公立医院" in clause.text
        assert sum(line.amount for line in decision.lines if line.kind != "payout") == Decimal("0.00")
        assert [e.kind for e in timeline(session, claim)] == [
            "reported", "materials_requested", "submitted", "under_review", "decided"]

        claim = get_visible_claim(session, customer_ids["李建国"], "C-1003")
        assert claim.status == "materials_incomplete"
        received = {d.doc_type for d in claim.documents if d.status == "received"}
        assert {"itemised_list", "discharge_summary"}.isdisjoint(received)
        assert {"claim_form", "id_card", "bank_card", "medical_record", "invoice",
                "diagnosis_certificate"} <= received
        request = [e for e in timeline(session, claim) if e.kind == "materials_requested"][-1]
        assert "费用明细清单" in request.note and "出院小结" in request.note


def test_deductible_used(seeded_url, customer_ids):
    with session_scope(seeded_url) as session:
        wang = customer_ids["王丽"]
        medical = get_visible_policy(session, wang, "P2022-0001")
        assert deductible_used(session, medical, clock.today()) == Decimal("10000.00")
        assert deductible_used(session, medical, date(2026, 1, 1)) == Decimal("10000.00")
        assert deductible_used(session, medical, date(2025, 12, 31)) == Decimal("0.00")
        assert deductible_used(session, medical, date(2022, 11, 6)) == Decimal("0.00")  # C-1001 was rejected
        accident = get_visible_policy(session, wang, "P2022-0002")
        assert deductible_used(session, accident, clock.today()) == Decimal("0.00")


def test_policy_year_starts_on_the_anniversary():
    policy = Policy(start_date=date(2024, 2, 29))
    assert policy_year(policy, date(2025, 2, 27)) == (date(2024, 2, 29), date(2025, 2, 28))
    assert policy_year(policy, date(2025, 3, 1)) == (date(2025, 2, 28), date(2026, 2, 28))
    assert policy_year(Policy(start_date=date(2026, 10, 1)), date(2026, 11, 24)) == (
        date(2026, 10, 1), date(2027, 10, 1))


def test_seed_is_idempotent(seeded_url):
    def counts():
        with session_scope(seeded_url) as session:
            return [session.scalar(select(func.count()).select_from(m)) for m in (Customer, Policy, Claim, ClaimEvent)]

    before = counts()
    with session_scope(seeded_url) as session:
        assert seed_demo(session) is False
    assert counts() == before == [4, 5, 4, before[3]]


def test_decimal_round_trips_exactly(seeded_url, make_claim):
    values = [Decimal("9999999999.99"), Decimal("0.01"), Decimal("1234567.89"), Decimal("-0.10")]
    with session_scope(seeded_url) as session:
        claim = make_claim(session, amount_claimed=values[0])
        coverage = session.scalars(select(Coverage)).first()
        coverage.sum_insured, coverage.annual_deductible, coverage.ratio_with_social = values[2], values[1], Decimal("0.85")
        ids = claim.id, coverage.id
    with session_scope(seeded_url) as session:
        claim, coverage = session.get(Claim, ids[0]), session.get(Coverage, ids[1])
        for got, want in [(claim.amount_claimed, values[0]), (coverage.sum_insured, values[2]),
                          (coverage.annual_deductible, values[1]), (coverage.ratio_with_social, Decimal("0.85"))]:
            assert isinstance(got, Decimal) and str(got) == str(want)
        claim.amount_claimed = values[3]  # negative values survive too (decision lines)
    with session_scope(seeded_url) as session:
        assert str(session.get(Claim, ids[0]).amount_claimed) == "-0.10"


def test_money_refuses_float_and_sub_cent_values(seeded_url, make_claim):
    for bad, error in [(3200.5, TypeError), (Decimal("1.005"), ValueError)]:
        with pytest.raises(StatementError) as raised:  # SQLAlchemy wraps the type's error
            with session_scope(seeded_url) as session:
                make_claim(session, amount_claimed=bad)
        assert isinstance(raised.value.orig, error)


def test_timezone_aware_datetimes_round_trip(seeded_url, make_claim):
    moment = datetime(2026, 11, 24, 23, 59, 58, 123456, tzinfo=timezone(timedelta(hours=-5)))
    with session_scope(seeded_url) as session:
        claim = make_claim(session)
        claims_module.add_event(session, claim, "note", "测试时区", at=moment)
        claim_id = claim.id
    with session_scope(seeded_url) as session:
        events = timeline(session, session.get(Claim, claim_id))
        assert events[0].at == datetime(2026, 11, 24, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
        assert events[-1].at == moment and events[-1].at.tzinfo is not None
        assert events[-1].at.utcoffset() == timedelta(hours=8)  # returned in the service zone
        assert all(e.at.tzinfo is not None for e in events)
        assert session.get(Claim, claim_id).updated_at == moment
