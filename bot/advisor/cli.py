"""`python -m bot advisor add|list|unlock`: advisor accounts from the command line.

    python -m bot advisor add wang.fang --name 王芳          # asks for the password twice
    echo "$PASSWORD" | python -m bot advisor add ci --name 测试 --password-stdin
    python -m bot advisor list
    python -m bot advisor unlock wang.fang
"""
from __future__ import annotations

import argparse
import getpass
import sys

from bot.store.advisors import AdvisorError, audit, create_advisor, find_advisor, is_locked, list_advisors, unlock
from bot.store.db import session_scope
from bot import clock


def add_advisor_parser(sub: argparse._SubParsersAction) -> None:
    """The `advisor` subcommand with its own subcommands (wired into bot/__main__.py)."""
    parser = sub.add_parser("advisor", help="add, list or unlock advisor accounts of the console")
    commands = parser.add_subparsers(dest="advisor_command", required=True)
    add = commands.add_parser("add", help="create an advisor (asks for the password twice)")
    add.add_argument("username", help="login name: 3-50 lower-case letters, digits, '.', '_' or '-'")
    add.add_argument("--name", required=True, help="display name shown to colleagues, e.g. 王芳")
    add.add_argument("--password-stdin", action="store_true", help="read the password from the first line of stdin")
    add.set_defaults(func=cmd_add)
    commands.add_parser("list", help="list advisors and their lock state").set_defaults(func=cmd_list)
    unlock_parser = commands.add_parser("unlock", help="lift a lockout after too many failed logins")
    unlock_parser.add_argument("username")
    unlock_parser.set_defaults(func=cmd_unlock)


def read_password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("password: ")
    if getpass.getpass("again: ") != first:
        raise AdvisorError("the two passwords differ")
    return first


def cmd_add(args) -> int:
    try:
        password = read_password(args.password_stdin)
        with session_scope() as session:
            advisor = create_advisor(session, args.username, args.name, password)
            audit(session, None, "advisor_created", f"advisor:{advisor.username}", "command line")
    except AdvisorError as problem:
        print(f"✗ {problem}", file=sys.stderr)
        return 1
    print(f"✓ advisor {advisor.username} ({advisor.display_name}) added")
    return 0


def cmd_list(args) -> int:
    now = clock.now()
    with session_scope() as session:
        advisors = list_advisors(session)
        for advisor in advisors:
            state = "active" if advisor.active else "disabled"
            if is_locked(advisor, now):
                state = f"locked until {advisor.locked_until:%Y-%m-%d %H:%M}"
            print(f"{advisor.username:<24} {advisor.display_name:<12} {state}")
    if not advisors:
        print("no advisors yet: python -m bot advisor add USERNAME --name 显示名")
    return 0


def cmd_unlock(args) -> int:
    with session_scope() as session:
        advisor = find_advisor(session, args.username)
        if advisor is None:
            print(f"✗ no advisor named {args.username!r}", file=sys.stderr)
            return 1
        unlock(session, advisor)
        audit(session, None, "unlock", f"advisor:{advisor.username}", "command line")
    print(f"✓ {advisor.username} unlocked")
    return 0
