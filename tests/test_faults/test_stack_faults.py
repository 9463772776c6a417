"""Faults in a real multi-process run (Rasa server, action server, gateway, PostgreSQL claims database):
one process restarted mid-report, the action server down, Rasa frozen past RASA_TIMEOUT, the
database refusing connections, a message delivered twice, twenty messages at once.

One stack for the module (ports 5250/5255/5260); every test has its own conversation.
"""
from __future__ import annotations

import time
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests
from sqlalchemy import func, select, text

from bot.stack import MODEL
from bot.store.db import reset_engines, session_scope
from bot.store.models import Claim
from tests.test_bot.conftest import PG_HINT, _admin_engine

from .conftest import RASA_TIMEOUT_S, FaultStack, button, texts

APOLOGY = "没能及时回复您"
SLOW = "处理好会直接发到这里"
ACTION_FAILED = "系统刚才出了点问题"
MARGIN_S = 3.0  # what the apology may take beyond RASA_TIMEOUT on a busy 2-core machine
ACTION_TIMEOUT_S = 12.0  # how long Rasa waits for an action here (bot/action_timeout.py; 30 s by default)
LATE_FAILED = "没能处理完成"


@pytest.fixture(scope="module")
def admin():
    engine, errors = _admin_engine()
    if engine is None:
        message = f"PostgreSQL not reachable ({'; '.join(errors)}); {PG_HINT}"
        if __import__("os").environ.get("CI"):
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    yield engine
    engine.dispose()


@pytest.fixture(scope="module")
def claims_db(admin):
    name = f"claims_faults_{uuid.uuid4().hex[:10]}"
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield name, admin.url.set(database=name).render_as_string(hide_password=False)
    finally:
        reset_engines()
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@pytest.fixture(scope="module")
def stack(tmp_path_factory, claims_db):
    if not MODEL.is_file():
        pytest.fail(f"{MODEL} is missing: run `make train` first")
    running = FaultStack(tmp_path_factory.mktemp("faults"), 5250, database_url=claims_db[1], RATE_LIMIT_PER_MINUTE="0",
                         RATE_LIMIT_IP_PER_MINUTE="0", ACTION_TIMEOUT=str(ACTION_TIMEOUT_S))
    running.prepare_database()
    running.start()
    yield running
    running.stop()


@pytest.fixture
def sender() -> str:
    return f"fault-{uuid.uuid4().hex[:10]}"


def claims_count(stack, case_number: str | None = None) -> int:
    reset_engines()
    with session_scope(stack.database_url) as session:
        query = select(func.count()).select_from(Claim)
        if case_number:
            query = query.where(Claim.case_number == case_number)
        return session.scalar(query)


def finish_report(stack, sender) -> list:
    """From the hospital question to the summary."""
    assert "性质和等级" in texts(stack.say(sender, "北京朝阳医院"))
    stack.say(sender, "二级公立")
    stack.say(sender, "肺炎")
    reply = stack.say(sender, "八千")
    assert "请核对报案信息" in texts(reply), reply
    return reply


def apology_in_time(stack, sender, text: str, words: str) -> None:
    """`text` sent while part of the stack fails: a 503 within RASA_TIMEOUT (+ margin) with the apology
    (`words` in it) and the advisor button."""
    started = time.monotonic()
    response = stack.post(sender, text)
    took = time.monotonic() - started
    body = response.json()
    assert response.status_code == 503 and took < RASA_TIMEOUT_S + MARGIN_S, (response.status_code, took, body)
    assert words in texts(body["messages"]) and button(body["messages"], "人工") == "/request_human"


@pytest.mark.parametrize("role", ["rasa", "actions", "gateway"])
def test_a_restart_mid_report_loses_nothing(stack, sender, role):
    stack.verify_and_start_report(sender)
    assert "哪家医院" in texts(stack.say(sender, "11月3号"))
    stack.restart_one(role)
    summary = texts(finish_report(stack, sender))
    assert "出险日期：2026年11月03日" in summary and "北京朝阳医院" in summary and "¥8,000.00" in summary
    reply = stack.say(sender, "/affirm")
    assert "报案成功" in texts(reply)


def test_action_server_down_apologises_at_once_and_recovers(stack, sender):
    stack.verify_and_start_report(sender)
    stopped = stack.stop_one("actions")
    try:
        apology_in_time(stack, sender, "11月3号", APOLOGY)
    finally:
        stack.start_one(stopped, "actions")
    transcript = stack.transcript(sender)
    assert [m["text"] for m in transcript[-2:]][0] == "11月3号"  # the user's message is kept
    # Recovered: the answer is taken again and the report goes on with everything given before.
    reply = stack.say(sender, "11月3号")
    assert "哪家医院" in texts(reply), reply
    summary = texts(finish_report(stack, sender))
    assert "出险日期：2026年11月03日" in summary and "医疗" in summary


def wait_for_text(stack, sender, part: str, seconds: float) -> str:
    """The conversation's last two messages once one of them has `part` (pushed without a user message)."""
    deadline = time.monotonic() + seconds
    while part not in texts(stack.transcript(sender)[-2:]) and time.monotonic() < deadline:
        time.sleep(0.3)
    return texts(stack.transcript(sender)[-2:])


@pytest.mark.parametrize("role", ["rasa", "actions"])
def test_frozen_past_the_timeout_apologises_then_answers(stack, sender, role):
    """Slow, not dead (Rasa, or the action server behind it): the apology in time; thawed, the answer
    to the message the gateway still waits for reaches the conversation without the user sending
    anything again, and the report goes on."""
    stack.verify_and_start_report(sender)
    stack.freeze(role)
    try:
        apology_in_time(stack, sender, "11月3号", SLOW)
    finally:
        stack.thaw(role)
    assert "哪家医院" in wait_for_text(stack, sender, "哪家医院", 30)
    summary = texts(finish_report(stack, sender))
    assert "出险日期：2026年11月03日" in summary


def test_action_server_frozen_past_the_action_timeout_asks_to_send_again(stack, sender):
    """Hung for good: Rasa gives the action up after ACTION_TIMEOUT instead of five minutes, the user
    is told to send the message again, and once the action server is back the report goes on."""
    stack.verify_and_start_report(sender)
    stack.freeze("actions")
    try:
        apology_in_time(stack, sender, "11月3号", SLOW)
        assert LATE_FAILED in wait_for_text(stack, sender, LATE_FAILED, ACTION_TIMEOUT_S + 15)
    finally:
        stack.thaw("actions")
    reply = stack.say(sender, "11月3号")
    assert "哪家医院" in texts(reply), reply
    summary = texts(finish_report(stack, sender))
    assert "出险日期：2026年11月03日" in summary and "医疗" in summary


def test_a_gateway_killed_while_rasa_is_slow_asks_to_send_again_when_it_is_back(stack, sender):
    """The answers a crashed gateway waited for die with it (Rasa drops a request whose client went
    away): a late answer after the apology, and a message still in flight. The restarted gateway
    asks both users to send again at once; a repeat of the lost message id gets that request; the
    reports go on with everything given before."""
    other = sender + "-b"
    stack.verify_and_start_report(sender)
    stack.verify_and_start_report(other)
    stack.freeze("rasa")
    try:
        apology_in_time(stack, sender, "11月3号", SLOW)
        with ThreadPoolExecutor(1) as pool:
            in_flight = pool.submit(stack.post, other, "11月3号", "lost-1")
            time.sleep(1)  # inside RASA_TIMEOUT: no apology yet
            killed = stack.kill_one("gateway")
            with pytest.raises(requests.ConnectionError):
                in_flight.result()
        stack.start_one(killed, "gateway")
    finally:
        stack.thaw("rasa")
    for who in (sender, other):
        assert LATE_FAILED in texts(stack.transcript(who)[-1:]), who  # asked before the first request
    repeated = stack.post(other, "11月3号", "lost-1")
    assert repeated.status_code == 503 and LATE_FAILED in texts(repeated.json()["messages"])
    for who in (sender, other):
        assert "哪家医院" in texts(stack.say(who, "11月3号")), who
    summary = texts(finish_report(stack, other))
    assert "出险日期：2026年11月03日" in summary and "医疗" in summary


def test_the_same_confirmation_twice_creates_one_claim(stack, sender):
    stack.verify_and_start_report(sender)
    stack.say(sender, "11月3号")
    finish_report(stack, sender)
    before = claims_count(stack)
    message_id = uuid.uuid4().hex
    with ThreadPoolExecutor(3) as pool:  # a client retrying while the first delivery is still on its way
        responses = list(pool.map(lambda _: stack.post(sender, "/affirm", message_id), range(3)))
    again = stack.post(sender, "/affirm", message_id)  # and once more later
    bodies = [r.json() for r in responses + [again]]
    assert all(r.status_code == 200 for r in responses + [again]) and all(b == bodies[0] for b in bodies)
    assert "报案成功" in texts(bodies[0]["messages"])
    assert claims_count(stack) == before + 1
    assert [m["text"] for m in stack.transcript(sender) if m["role"] == "user"].count("/affirm") == 1


def test_database_refusing_connections_fails_kindly_and_creates_no_half_claim(stack, sender, admin, claims_db):
    name = claims_db[0]
    stack.verify_and_start_report(sender)
    stack.say(sender, "11月3号")
    finish_report(stack, sender)
    before = claims_count(stack)
    reset_engines()
    with admin.connect() as connection:
        connection.execute(text(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS false'))
        connection.execute(text(f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                                f"WHERE datname = '{name}' AND pid <> pg_backend_pid()"))
    try:
        # Straight to Rasa (the gateway's own transcript writes need the database too): the action apologises.
        started = time.monotonic()
        reply = stack.send(sender, "/affirm")
        assert time.monotonic() - started < 15
        assert ACTION_FAILED in texts(reply), reply
        # ... and the summary again, to confirm once the database is back (the policy shown by its number).
        assert "请核对报案信息" in texts(reply) and button(reply, "确认提交") == "/affirm"
        # Through the gateway: a JSON error at once, never a hang.
        response = stack.post(sender, "/affirm", timeout=30)
        assert response.status_code >= 500 and response.json()["error"], response.text
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS true'))
    assert claims_count(stack) == before  # nothing half-made
    # Afterwards 确认提交 files the report, once.
    assert "报案成功" in texts(stack.say(sender, "/affirm"))
    assert claims_count(stack) == before + 1


def test_twenty_messages_at_once_are_all_answered_in_order(stack, sender):
    words = [f"第{i}个问题：理赔需要哪些材料" for i in range(20)]  # each one a clear question: two unclear ones hand over to an advisor

    def post(word):
        return stack.post(sender, word, message_id=f"burst-{word}")

    with ThreadPoolExecutor(20) as pool:
        responses = list(pool.map(post, words))
    assert [r.status_code for r in responses] == [200] * 20
    assert all(r.json()["messages"] for r in responses)
    transcript = stack.transcript(sender)
    users = [m for m in transcript if m["role"] == "user"]
    assert sorted(m["text"] for m in users) == sorted(words)  # none dropped, none twice
    # Each message's answer follows it, before the next message: processed one at a time, in arrival order.
    for response in responses:
        body = response.json()
        mine = next(i for i, m in enumerate(transcript) if m["role"] == "user" and m["text"] == words[responses.index(response)])
        replies = [m["id"] for m in transcript[mine + 1: mine + 1 + len(body["messages"])]]
        assert replies == [m["id"] for m in body["messages"]]
