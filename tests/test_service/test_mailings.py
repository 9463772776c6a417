"""Paper policies by post: address checks, one open request per policy, status history (SQLite + PostgreSQL)."""
from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from bot import clock
from bot.store import mailings
from bot.store.db import session_scope
from bot.store.mailings import MailingError, advance, request_paper_copy
from bot.store.models import MailingRequest, Policy

ADDRESS = dict(recipient="王丽", mobile="138 0013 8000", province="北京市", city="北京市", district="朝阳区",
               street="建国路88号院3号楼1单元502")


def _policy(session, number: str) -> Policy:
    return session.scalar(select(Policy).where(Policy.policy_number == number))


@pytest.mark.parametrize("field, value, words", [
    ("recipient", "", "请填写收件人姓名"), ("recipient", "王", "2到20个字"), ("recipient", "王丽2", "不能有数字"),
    ("mobile", "010-12345678", "11位手机号"), ("mobile", "", "11位手机号"), ("province", " ", "请填写省份"),
    ("city", "北" * 31, "2到30个字"), ("district", "", "请填写区县"), ("street", "88号", "5到120个字"),
    ("street", "12345 678", "街道"),
])
def test_address_problems_are_explained(field, value, words):
    with pytest.raises(MailingError, match=words):
        mailings.check_address(**{**ADDRESS, field: value})


def test_address_is_cleaned():
    fields = mailings.check_address(**{**ADDRESS, "street": "  建国路88号院　3号楼  "})
    assert fields["mobile"] == "13800138000" and fields["street"] == "建国路88号院 3号楼"
    assert mailings.address_text(fields) == "王丽 138****8000，北京市 北京市 朝阳区 建国路88号院 3号楼"


def test_request_then_repeat_says_where_the_first_one_is(seeded_url, people):
    with session_scope(seeded_url) as session:
        policy = _policy(session, "P2022-0001")
        first = request_paper_copy(session, people["王丽"], policy, sender_id="web-w", **ADDRESS)
        assert first.created and first.request.status == "requested"
        assert first.message == ("好的，已登记：免费把王丽 · 安康百万医疗险（2022版）（医疗险）的纸质保单寄给 "
                                 "王丽 138****8000，北京市 北京市 朝阳区 建国路88号院3号楼1单元502。"
                                 "一般3个工作日内打印寄出，寄出后可以随时问我快递单号。")
        assert [e.status for e in first.request.events] == ["requested"]
        repeat = request_paper_copy(session, people["王丽"], policy, **{**ADDRESS, "street": ""})
        assert not repeat.created and repeat.request.id == first.request.id
        assert repeat.message.startswith("这份保单的纸质版已经在办理了，不用重复申请。")
        assert "11月24日已登记" in repeat.message
        other = request_paper_copy(session, people["王丽"], _policy(session, "P2022-0002"), **ADDRESS)
        assert other.created  # one request per policy, not per customer


def test_only_visible_policies_bought_through_us(seeded_url, people):
    with session_scope(seeded_url) as session:
        with pytest.raises(MailingError, match="不在您的名下"):
            request_paper_copy(session, people["王丽"], _policy(session, "P2026-0004"), **ADDRESS)
        external = session.scalar(select(Policy).where(Policy.source == "external"))
        owner = external.holder_id
        with pytest.raises(MailingError, match="不是通过我们投保的"):
            request_paper_copy(session, owner, external, **ADDRESS)


def test_status_history_and_plain_words(seeded_url, people, frozen_clock):
    with session_scope(seeded_url) as session:
        request = request_paper_copy(session, people["李建国"], _policy(session, "P2025-0003"),
                                     **{**ADDRESS, "recipient": "李建国"}).request
        with pytest.raises(MailingError, match="快递单号"):
            advance(session, request, "posted", advisor_id=None, tracking_number="12")
        with pytest.raises(MailingError, match="请选择新的状态"):
            advance(session, request, "requested", advisor_id=None)
        assert advance(session, request, "printed", advisor_id=None).endswith("已经打印好，马上就寄出。")
        with clock.freeze(frozen_clock + timedelta(days=1)):
            text = advance(session, request, "posted", advisor_id=None, tracking_number="sf 1234 5678 9012 3")
        assert text == ("李建国 · 安康长者百万医疗险（医疗险）的纸质保单：11月25日已经寄出，快递单号 SF1234567890123，"
                        "寄往北京市朝阳区，一般2到4天送到。")
        with pytest.raises(MailingError, match="只能往后"):
            advance(session, request, "printed", advisor_id=None)
        assert "已经签收" in advance(session, request, "delivered", advisor_id=None)
        assert [e.status for e in request.events] == ["requested", "printed", "posted", "delivered"]
        # delivered: a new request for the same policy is a new one
        again = request_paper_copy(session, people["李建国"], request.policy, **{**ADDRESS, "recipient": "李建国"})
        assert again.created and [r.status for r in mailings.all_requests(session)] == ["requested", "delivered"]
        assert [r.id for r in mailings.requests_of(session, people["李建国"])] == [again.request.id, request.id]


def test_the_database_allows_one_open_request_per_policy(seeded_url, people):
    with session_scope(seeded_url) as session:
        first = request_paper_copy(session, people["王丽"], _policy(session, "P2022-0001"), **ADDRESS).request
        fields = mailings.check_address(**ADDRESS)
        session.add(MailingRequest(customer_id=first.customer_id, policy_id=first.policy_id, status="printed",
                                   **fields))
        with pytest.raises(IntegrityError):
            session.flush()
        session.rollback()


def test_the_user_cancels_until_it_is_posted(seeded_url, people):
    with session_scope(seeded_url) as session:
        request = request_paper_copy(session, people["王丽"], _policy(session, "P2022-0001"), **ADDRESS).request
        advance(session, request, "printed", advisor_id=None)
        assert mailings.cancel(session, request).endswith("已取消，不会寄出。需要的话可以重新申请。")
        assert [e.status for e in request.events] == ["requested", "printed", "cancelled"]
        assert "已取消" in mailings.cancel(session, request)  # asked twice: the same answer, no second event
        assert len(request.events) == 3
        with pytest.raises(MailingError, match="这份申请已经取消了"):
            advance(session, request, "posted", advisor_id=None, tracking_number="SF1234567890123")
        # cancelled is not open: the same policy can be asked for again, and that one is posted
        again = request_paper_copy(session, people["王丽"], request.policy, **ADDRESS)
        assert again.created
        advance(session, again.request, "posted", advisor_id=None, tracking_number="SF1234567890123")
        refused = mailings.cancel(session, again.request, lang="en")
        assert refused.startswith("The paper copy of") and "already been posted" in refused
        assert again.request.status == "posted"
        assert [r.status for r in mailings.all_requests(session)] == ["posted", "cancelled"]



def test_an_advisor_cancels_with_a_reason_until_it_is_posted(seeded_url, people):
    with session_scope(seeded_url) as session:
        request = request_paper_copy(session, people["王丽"], _policy(session, "P2022-0001"), **ADDRESS).request
        with pytest.raises(MailingError, match="请填写取消原因"):
            mailings.cancel_by_advisor(session, request, advisor_id=None, reason=" ")
        told = mailings.cancel_by_advisor(session, request, advisor_id=None, reason="address not  served", lang="en")
        assert told.startswith("An advisor has cancelled the request to post the paper copy of")
        assert "Reason: address not served." in told
        assert (request.status, request.events[-1].note) == ("cancelled", "address not served")
        with pytest.raises(MailingError, match="不能再取消"):
            mailings.cancel_by_advisor(session, request, advisor_id=None, reason="again")


def test_the_status_check_survives_the_migration(seeded_url, people):
    with session_scope(seeded_url) as session:
        fields = mailings.check_address(**ADDRESS)
        policy = _policy(session, "P2022-0001")
        session.add(MailingRequest(customer_id=people["王丽"], policy_id=policy.id, status="lost", **fields))
        with pytest.raises(IntegrityError):
            session.flush()
        session.rollback()
