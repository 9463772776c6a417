"""Advisor accounts, logins with lockout, sessions and the audit log, on SQLite and PostgreSQL."""
from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import select

from bot import clock
from bot.store.advisors import (
    LOGIN_FAILED, AdvisorError, AuditFilter, audit, audit_log, audit_search, authenticate, create_advisor,
    end_session, find_advisor, hash_token, session_for_token, start_session, unlock,
)
from bot.store.db import session_scope
from bot.store.models import AdvisorSession

PASSWORD = "correct horse battery"


@pytest.fixture
def advisor_url(seeded_url):
    with session_scope(seeded_url) as session:
        create_advisor(session, "Wang.Fang", "王芳", PASSWORD)
    return seeded_url


def test_password_is_stored_as_argon2id(advisor_url):
    with session_scope(advisor_url) as session:
        advisor = find_advisor(session, "wang.fang")
        assert advisor.display_name == "王芳"
        assert advisor.password_hash.startswith("$argon2id$")
        assert PASSWORD not in advisor.password_hash


@pytest.mark.parametrize("username, password, problem", [
    ("ab", PASSWORD, "username"),
    ("has space", PASSWORD, "username"),
    ("王芳", PASSWORD, "username"),
    ("valid_name", "short", "at least 10"),
    ("valid_name", "x" * 201, "at most 200"),
])
def test_bad_usernames_and_passwords_are_refused_with_a_reason(seeded_url, username, password, problem):
    with session_scope(seeded_url) as session, pytest.raises(AdvisorError, match=problem):
        create_advisor(session, username, "王芳", password)


def test_duplicate_username_is_refused(advisor_url):
    with session_scope(advisor_url) as session, pytest.raises(AdvisorError, match="already exists"):
        create_advisor(session, "wang.fang", "另一个", PASSWORD)


def test_login_succeeds_and_is_audited(advisor_url, frozen_clock):
    with session_scope(advisor_url) as session:
        result = authenticate(session, " WANG.FANG ", PASSWORD, frozen_clock)
        assert result.ok and result.advisor.username == "wang.fang"
        assert [(e.action, e.target) for e in audit_log(session)] == [("login", "advisor:wang.fang")]


def test_unknown_user_and_wrong_password_get_the_same_message(advisor_url, frozen_clock):
    with session_scope(advisor_url) as session:
        unknown = authenticate(session, "nobody", PASSWORD, frozen_clock)
        wrong = authenticate(session, "wang.fang", "wrong password!", frozen_clock)
        assert unknown.reason == wrong.reason == LOGIN_FAILED
        entries = audit_log(session)
        assert [e.action for e in entries] == ["login_failed", "login_failed"]
        assert all(PASSWORD not in e.detail and "wrong password!" not in e.detail for e in entries)


def test_lockout_after_max_failures_then_unlocks_with_time(advisor_url, frozen_clock):
    with session_scope(advisor_url) as session:
        for _ in range(4):
            assert authenticate(session, "wang.fang", "wrong password!", frozen_clock).reason == LOGIN_FAILED
        locked = authenticate(session, "wang.fang", "wrong password!", frozen_clock)
        assert "锁定" in locked.reason and "15分钟" in locked.reason
        # Even the right password is refused while locked.
        assert not authenticate(session, "wang.fang", PASSWORD, frozen_clock + timedelta(minutes=14)).ok
        assert authenticate(session, "wang.fang", PASSWORD, frozen_clock + timedelta(minutes=15)).ok
        actions = [e.action for e in reversed(audit_log(session))]
        assert actions == ["login_failed"] * 5 + ["lockout", "login_refused_locked", "login"]


def test_unlock_lifts_the_lock(advisor_url, frozen_clock):
    with session_scope(advisor_url) as session:
        for _ in range(5):
            authenticate(session, "wang.fang", "wrong password!", frozen_clock)
        unlock(session, find_advisor(session, "wang.fang"))
        assert authenticate(session, "wang.fang", PASSWORD, frozen_clock).ok


def test_sessions_store_only_the_token_hash_and_expire(advisor_url, frozen_clock):
    with session_scope(advisor_url) as session:
        token, info = start_session(session, find_advisor(session, "wang.fang"), frozen_clock)
        assert info.expires_at == frozen_clock + timedelta(hours=8)
        assert session.scalar(select(AdvisorSession.token_hash)) == hash_token(token) != token
        assert session_for_token(session, token, frozen_clock).display_name == "王芳"
        assert session_for_token(session, token + "x", frozen_clock) is None
        assert session_for_token(session, token, info.expires_at) is None  # expired, and deleted
        assert session.scalar(select(AdvisorSession)) is None


def test_logout_deletes_the_session(advisor_url, frozen_clock):
    with session_scope(advisor_url) as session:
        token, info = start_session(session, find_advisor(session, "wang.fang"), frozen_clock)
        other, _ = start_session(session, find_advisor(session, "wang.fang"), frozen_clock)
        assert info.csrf_token and len({token, other}) == 2
        end_session(session, token)
        assert session_for_token(session, token, frozen_clock) is None
        assert session_for_token(session, other, frozen_clock) is not None


# --- searching the audit log ---

@pytest.fixture
def audited(advisor_url, frozen_clock):
    """Entries of two advisors and of an unknown username; returns the advisors' ids."""
    with session_scope(advisor_url) as session:
        wang = find_advisor(session, "wang.fang").id
        zhao = create_advisor(session, "zhao.lei", "赵磊", PASSWORD).id
        for advisor_id, action, target, detail in [
            (wang, "take", "handoff:3", ""),
            (wang, "note", "handoff:31", ""),
            (zhao, "with_insurer", "dispute:1", "C-1001"),
            (None, "login_failed", "advisor:nobody", "unknown username"),
            (zhao, "reply", "handoff:4", "about c-1001"),
        ]:
            audit(session, advisor_id, action, target, detail)
    return {"wang": wang, "zhao": zhao}


def _targets(url, where: AuditFilter, **paging) -> list[str]:
    with session_scope(url) as session:
        return [entry.target for entry in audit_search(session, where, **paging).entries]


@pytest.mark.parametrize("who, action, text, targets", [
    (None, "", "", ["handoff:4", "advisor:nobody", "dispute:1", "handoff:31", "handoff:3"]),
    ("wang", "", "", ["handoff:31", "handoff:3"]),
    (None, "take", "", ["handoff:3"]),
    (None, "", "HANDOFF:3", ["handoff:31", "handoff:3"]),  # any case, a part of the target
    (None, "", "C-1001", ["handoff:4", "dispute:1"]),  # or of the detail
    ("zhao", "reply", "c-1001", ["handoff:4"]),  # all at once
    (None, "logout", "", []),
], ids=["none", "advisor", "action", "target", "detail", "combined", "nothing"])
def test_audit_search_filters(advisor_url, audited, who, action, text, targets):
    where = AuditFilter(advisor_id=audited[who] if who else None, action=action, text=text)
    with session_scope(advisor_url) as session:
        page = audit_search(session, where)
    assert [entry.target for entry in page.entries] == targets
    assert page.total == len(targets) and not page.more


@pytest.mark.parametrize("text, details", [
    ("%", ["100% done"]),
    ("_", ["a_b"]),
    ("\\", ["x\\y"]),
    ("0%", ["100% done"]),
    ("a_", ["a_b"]),
    ("x\x00y", ["xy"]),  # a NUL (PostgreSQL refuses it in text) is dropped
])
def test_audit_search_matches_like_wildcards_literally(advisor_url, text, details):
    with session_scope(advisor_url) as session:
        for detail in ("100% done", "100 done", "a_b", "axb", "x\\y", "xy"):
            audit(session, None, "note", "handoff:1", detail)
        found = audit_search(session, AuditFilter(text=text)).entries
        assert [entry.detail for entry in found] == details


def _many(url, count: int, action: str = "reply") -> None:
    with session_scope(url) as session:
        for number in range(count):
            audit(session, None, action, f"handoff:{number}")


def test_exactly_one_page_has_no_older_page(advisor_url):
    _many(advisor_url, 50)
    with session_scope(advisor_url) as session:
        page = audit_search(session, AuditFilter())
        assert len(page.entries) == 50 and page.total == 50 and not page.more
        assert [entry.target for entry in page.entries[:2]] == ["handoff:49", "handoff:48"]  # newest first


def test_fifty_one_entries_make_two_pages(advisor_url):
    _many(advisor_url, 51)
    with session_scope(advisor_url) as session:
        first = audit_search(session, AuditFilter())
        assert len(first.entries) == 50 and first.total == 51 and first.more
        second = audit_search(session, AuditFilter(), before=first.entries[-1].id)
        assert [entry.target for entry in second.entries] == ["handoff:0"]
        assert second.total == 51 and not second.more


def test_paging_keeps_the_filter(advisor_url):
    with session_scope(advisor_url) as session:
        for number in range(6):
            audit(session, None, "take" if number % 2 else "note", f"handoff:{number}")
        first = audit_search(session, AuditFilter(action="take"), size=2)
        assert [e.target for e in first.entries] == ["handoff:5", "handoff:3"] and first.more and first.total == 3
        second = audit_search(session, AuditFilter(action="take"), before=first.entries[-1].id, size=2)
        assert [e.target for e in second.entries] == ["handoff:1"] and not second.more


def test_dates_are_whole_local_days_both_inclusive(advisor_url):
    """Midnight in Beijing is 16:00 UTC the day before: days must be cut in local time."""
    moments = [datetime(2026, 11, 22, 23, 59, 59), datetime(2026, 11, 23, 0, 0),
               datetime(2026, 11, 23, 23, 59, 59), datetime(2026, 11, 24, 0, 0)]
    with session_scope(advisor_url) as session:
        for moment in moments:
            with clock.freeze(moment):
                audit(session, None, "note", moment.strftime("%d %H:%M:%S"))

    def between(date_from, date_to):
        return _targets(advisor_url, AuditFilter(date_from=date_from, date_to=date_to))

    assert between(date(2026, 11, 23), date(2026, 11, 23)) == ["23 23:59:59", "23 00:00:00"]
    assert between(date(2026, 11, 24), None) == ["24 00:00:00"]
    assert between(None, date(2026, 11, 22)) == ["22 23:59:59"]
    assert between(date(2026, 11, 22), date(2026, 11, 24)) == ["24 00:00:00", "23 23:59:59", "23 00:00:00",
                                                                 "22 23:59:59"]
