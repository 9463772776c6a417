"""`python -m bot advisor ...` and the demo advisor of `python -m bot seed`."""
from __future__ import annotations

import io
from datetime import timedelta

import pytest

from bot.__main__ import main
from bot.store.advisors import authenticate, find_advisor
from bot.store.db import migrate, reset_engines, session_scope
from bot.store.seed import DEMO_ADVISOR


@pytest.fixture
def cli_db(tmp_path, monkeypatch, frozen_clock):
    url = f"sqlite:///{tmp_path / 'claims.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    reset_engines()
    migrate(url)
    yield url
    reset_engines()


def _stdin(monkeypatch, text: str) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(text))


def test_add_list_and_unlock(cli_db, monkeypatch, capsys, frozen_clock):
    _stdin(monkeypatch, "a long enough password\n")
    assert main(["advisor", "add", "wang.fang", "--name", "王芳", "--password-stdin"]) == 0
    assert "✓ advisor wang.fang (王芳) added" in capsys.readouterr().out
    with session_scope(cli_db) as session:
        assert authenticate(session, "wang.fang", "a long enough password").ok
        for _ in range(5):
            authenticate(session, "wang.fang", "wrong")
    main(["advisor", "list"])
    assert "locked until 2026-11-24 10:15" in capsys.readouterr().out
    assert main(["advisor", "unlock", "wang.fang"]) == 0
    with session_scope(cli_db) as session:
        assert find_advisor(session, "wang.fang").locked_until is None
    main(["advisor", "list"])
    assert "wang.fang" in (out := capsys.readouterr().out) and "active" in out


def test_add_refuses_a_short_password_and_a_duplicate(cli_db, monkeypatch, capsys):
    _stdin(monkeypatch, "short\n")
    assert main(["advisor", "add", "wang.fang", "--name", "王芳", "--password-stdin"]) == 1
    assert "at least 10 characters" in capsys.readouterr().err
    _stdin(monkeypatch, "a long enough password\n")
    main(["advisor", "add", "wang.fang", "--name", "王芳", "--password-stdin"])
    _stdin(monkeypatch, "a long enough password\n")
    assert main(["advisor", "add", "wang.fang", "--name", "王芳", "--password-stdin"]) == 1
    assert "already exists" in capsys.readouterr().err


def test_add_asks_twice_and_refuses_different_passwords(cli_db, monkeypatch, capsys):
    answers = iter(["first password 123", "other password 123"])
    monkeypatch.setattr("getpass.getpass", lambda prompt: next(answers))
    assert main(["advisor", "add", "wang.fang", "--name", "王芳"]) == 1
    assert "differ" in capsys.readouterr().err


def test_unlock_of_an_unknown_advisor(cli_db, capsys):
    assert main(["advisor", "unlock", "nobody"]) == 1


def test_seed_adds_the_demo_advisor_once_and_never_prints_its_password(cli_db, capsys, frozen_clock):
    assert main(["seed"]) == 0
    out = capsys.readouterr().out
    assert "demo advisor added" in out and DEMO_ADVISOR[2] not in out
    username, display_name, password = DEMO_ADVISOR
    with session_scope(cli_db) as session:
        assert authenticate(session, username, password, frozen_clock + timedelta(seconds=1)).advisor.display_name == "李顾问"
    assert main(["seed"]) == 0
    assert "demo advisor added" not in capsys.readouterr().out
