"""Advisor accounts, logins, server-side sessions and the audit log.

Passwords are argon2id hashes (argon2-cffi's defaults). A session cookie holds
a random token; the table keeps only its sha256, so a leaked table cannot be
replayed. Every login attempt, successful or not, is written to the audit log;
passwords never are.
"""
from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Optional

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, func, or_, select
from sqlalchemy.orm import Session

from bot import clock
from bot.settings import load_settings
from bot.store.models import Advisor, AdvisorSession, AuditEntry

USERNAME_RE = re.compile(r"^[a-z0-9][a-z0-9_.-]{2,49}$")
MIN_PASSWORD_LENGTH = 10
MAX_PASSWORD_LENGTH = 200  # argon2 takes any length; this only bounds the work per attempt
MAX_DISPLAY_NAME_LENGTH = 50

# One message for an unknown user and a wrong password: the form must not reveal who has an account.
LOGIN_FAILED = "用户名或密码不正确。"
LOGIN_LOCKED = "登录失败次数过多，账户已暂时锁定，请{minutes}分钟后再试，或请管理员解锁。"
LOGIN_INACTIVE = LOGIN_FAILED  # a disabled account looks like a wrong password

_hasher = PasswordHasher()  # argon2id, library defaults (RFC 9106 low-memory profile)
# Verified against for unknown usernames, so both failures take the same time.
_DUMMY_HASH = _hasher.hash("timing-equaliser-not-a-password")


class AdvisorError(ValueError):
    """A username, display name or password that cannot be used; the message says why."""


@dataclass(frozen=True)
class LoginResult:
    advisor: Optional[Advisor]
    reason: str = ""  # Chinese, for the login form; empty on success

    @property
    def ok(self) -> bool:
        return self.advisor is not None


# --- accounts ---

def normalize_username(username: str) -> str:
    return (username or "").strip().lower()


def validate_username(username: str) -> str:
    name = normalize_username(username)
    if not USERNAME_RE.match(name):
        raise AdvisorError("username must be 3-50 characters: lower-case letters, digits, '.', '_' or '-', "
                           "starting with a letter or digit")
    return name


def validate_password(password: str) -> None:
    if len(password or "") < MIN_PASSWORD_LENGTH:
        raise AdvisorError(f"password must have at least {MIN_PASSWORD_LENGTH} characters")
    if len(password) > MAX_PASSWORD_LENGTH:
        raise AdvisorError(f"password must have at most {MAX_PASSWORD_LENGTH} characters")


def create_advisor(session: Session, username: str, display_name: str, password: str) -> Advisor:
    """A new, active advisor; raises AdvisorError on a bad or taken username or a short password."""
    name = validate_username(username)
    display = (display_name or "").strip()
    if not display or len(display) > MAX_DISPLAY_NAME_LENGTH:
        raise AdvisorError(f"display name must have 1-{MAX_DISPLAY_NAME_LENGTH} characters")
    validate_password(password)
    if find_advisor(session, name) is not None:
        raise AdvisorError(f"an advisor named {name!r} already exists")
    advisor = Advisor(username=name, display_name=display, password_hash=_hasher.hash(password))
    session.add(advisor)
    session.flush()
    return advisor


def find_advisor(session: Session, username: str) -> Optional[Advisor]:
    return session.scalar(select(Advisor).where(Advisor.username == normalize_username(username)))


def list_advisors(session: Session) -> list[Advisor]:
    return list(session.scalars(select(Advisor).order_by(Advisor.username)))


def set_password(session: Session, advisor: Advisor, password: str) -> None:
    validate_password(password)
    advisor.password_hash = _hasher.hash(password)
    session.flush()


def unlock(session: Session, advisor: Advisor) -> None:
    """Lift a lockout and forget earlier failures (the CLI's `advisor unlock`)."""
    advisor.failed_logins = 0
    advisor.locked_until = None
    session.flush()


def is_locked(advisor: Advisor, now: datetime) -> bool:
    return advisor.locked_until is not None and advisor.locked_until > now


# --- logging in ---

def authenticate(session: Session, username: str, password: str, now: Optional[datetime] = None) -> LoginResult:
    """Check a login attempt, count failures, lock after too many; audit every outcome."""
    now = now or clock.now()
    settings = load_settings()
    advisor = find_advisor(session, username)
    target = f"advisor:{normalize_username(username)[:50]}"
    if advisor is None:
        _password_matches(_DUMMY_HASH, password)
        audit(session, None, "login_failed", target, "unknown username")
        return LoginResult(None, LOGIN_FAILED)
    if is_locked(advisor, now):
        audit(session, advisor.id, "login_refused_locked", target, f"locked until {advisor.locked_until.isoformat()}")
        return LoginResult(None, LOGIN_LOCKED.format(minutes=_minutes_left(advisor, now)))
    if not _password_matches(advisor.password_hash, password) or not advisor.active:
        return _count_failure(session, advisor, target, now, settings.advisor_max_failed_logins,
                              settings.advisor_lockout_minutes)
    if _hasher.check_needs_rehash(advisor.password_hash):  # parameters were raised since it was hashed
        advisor.password_hash = _hasher.hash(password)
    advisor.failed_logins = 0
    advisor.locked_until = None
    audit(session, advisor.id, "login", target)
    return LoginResult(advisor)


def _password_matches(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password or "")
    except (VerificationError, InvalidHashError):
        return False


def _count_failure(session: Session, advisor: Advisor, target: str, now: datetime,
                   max_failures: int, lockout_minutes: int) -> LoginResult:
    advisor.failed_logins += 1
    audit(session, advisor.id, "login_failed", target, f"failure {advisor.failed_logins} of {max_failures}")
    if advisor.failed_logins < max_failures:
        return LoginResult(None, LOGIN_FAILED)
    advisor.failed_logins = 0  # the count starts again once the lock has passed
    advisor.locked_until = now + timedelta(minutes=lockout_minutes)
    audit(session, advisor.id, "lockout", target, f"locked for {lockout_minutes} minutes")
    return LoginResult(None, LOGIN_LOCKED.format(minutes=lockout_minutes))


def _minutes_left(advisor: Advisor, now: datetime) -> int:
    seconds = (advisor.locked_until - now).total_seconds()
    return max(1, -int(-seconds // 60))  # rounded up


# --- sessions ---

@dataclass(frozen=True)
class SessionInfo:
    """What a request needs to know about its logged-in advisor (detached from the ORM session)."""

    advisor_id: int
    username: str
    display_name: str
    csrf_token: str
    expires_at: datetime


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def start_session(session: Session, advisor: Advisor, now: Optional[datetime] = None) -> tuple[str, SessionInfo]:
    """A new login session: returns the cookie token (shown once, stored only hashed) and its info."""
    now = now or clock.now()
    session.execute(delete(AdvisorSession).where(AdvisorSession.advisor_id == advisor.id,
                                                 AdvisorSession.expires_at <= now))  # housekeeping
    token = secrets.token_urlsafe(32)
    row = AdvisorSession(token_hash=hash_token(token), advisor_id=advisor.id, csrf_token=secrets.token_urlsafe(32),
                         created_at=now, expires_at=now + timedelta(hours=load_settings().advisor_session_hours))
    session.add(row)
    session.flush()
    return token, _info(advisor, row)


def session_for_token(session: Session, token: str, now: Optional[datetime] = None) -> Optional[SessionInfo]:
    """The live session of a cookie token, or None (unknown, expired, or the advisor was disabled)."""
    if not token:
        return None
    now = now or clock.now()
    row = session.scalar(select(AdvisorSession).where(AdvisorSession.token_hash == hash_token(token)))
    if row is None:
        return None
    if row.expires_at <= now or not row.advisor.active:
        session.delete(row)
        return None
    return _info(row.advisor, row)


def end_session(session: Session, token: str) -> None:
    """Log out: the session row is deleted, so the cookie is worthless even if kept."""
    session.execute(delete(AdvisorSession).where(AdvisorSession.token_hash == hash_token(token or "")))


def _info(advisor: Advisor, row: AdvisorSession) -> SessionInfo:
    return SessionInfo(advisor.id, advisor.username, advisor.display_name, row.csrf_token, row.expires_at)


# --- audit log ---

def audit(session: Session, advisor_id: Optional[int], action: str, target: str = "", detail: str = "") -> AuditEntry:
    """Append one entry; entries are never changed or deleted."""
    entry = AuditEntry(advisor_id=advisor_id, action=action, target=target[:100], detail=detail, at=clock.now())
    session.add(entry)
    session.flush()
    return entry


def has_audited(session: Session, advisor_id: int, action: str, target: str) -> bool:
    """Whether this advisor's audit log holds `action` on `target` (e.g. revealed a phone number)."""
    return session.scalar(select(AuditEntry.id).where(
        AuditEntry.advisor_id == advisor_id, AuditEntry.action == action, AuditEntry.target == target[:100],
    ).limit(1)) is not None


def audit_log(session: Session, limit: int = 200) -> list[AuditEntry]:
    """The newest entries first."""
    return list(session.scalars(select(AuditEntry).order_by(AuditEntry.at.desc(), AuditEntry.id.desc()).limit(limit)))


@dataclass(frozen=True)
class AuditFilter:
    """What the audit page searches for; None or "" means any."""

    advisor_id: Optional[int] = None
    action: str = ""
    text: str = ""  # a part of the target or the detail, any case ("handoff:3", "C-1001")
    date_from: Optional[date] = None  # local days (clock.tz()), both inclusive
    date_to: Optional[date] = None


@dataclass(frozen=True)
class AuditPage:
    entries: list[AuditEntry]  # newest (highest id) first
    total: int  # entries matching the filter, on every page
    more: bool  # older entries match too (the next page starts below entries[-1].id)


def audit_search(session: Session, where: AuditFilter, before: Optional[int] = None, size: int = 50) -> AuditPage:
    """One page of the entries matching `where`, by id descending (keyset paging: ids below `before`)."""
    conditions = _audit_conditions(where)
    total = session.scalar(select(func.count(AuditEntry.id)).where(*conditions))
    if before is not None:
        conditions.append(AuditEntry.id < before)
    rows = list(session.scalars(select(AuditEntry).where(*conditions).order_by(AuditEntry.id.desc()).limit(size + 1)))
    return AuditPage(rows[:size], total, len(rows) > size)


def _audit_conditions(where: AuditFilter) -> list:
    conditions = []
    if where.advisor_id is not None:
        conditions.append(AuditEntry.advisor_id == where.advisor_id)
    if where.action:
        conditions.append(AuditEntry.action == where.action)
    text = where.text.replace("\x00", "")  # PostgreSQL refuses NUL in text
    if text:
        pattern = f"%{like_escape(text)}%"
        conditions.append(or_(AuditEntry.target.ilike(pattern, escape="\\"),
                              AuditEntry.detail.ilike(pattern, escape="\\")))
    if where.date_from is not None:
        conditions.append(AuditEntry.at >= _local_midnight(where.date_from))
    if where.date_to is not None:
        conditions.append(AuditEntry.at < _local_midnight(where.date_to + timedelta(days=1)))
    return conditions


def like_escape(text: str) -> str:
    """`text` for a LIKE pattern with ESCAPE '\\': its %, _ and \\ match themselves."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _local_midnight(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=clock.tz())
