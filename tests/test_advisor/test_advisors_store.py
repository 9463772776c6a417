"""Advisor accounts, logins with lockout, sessions and the audit log, on SQLite and PostgreSQL."""
from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from bot.store.advisors import (
    LOGIN_FAILED, AdvisorError, audit_log, authenticate, create_advisor, end_session, find_advisor, hash_token,
    session_for_token, start_session, unlock,
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
