"""Pure helpers: splitting at Telegram's limit, button data, contacts, secrets, masking, settings."""
from dataclasses import replace

import pytest

from bot.channels.telegram import config_problems
from bot.channels.telegram.formatting import (
    MAX_CALLBACK_BYTES, CallbackData, contact_mobile, keyboard_rows, mask_mobiles, secret_ok, short_id, split_text,
    utf16_len,
)
from bot.gateway.rasa_client import fold_custom, normalise
from bot.settings import load_settings


def test_short_text_is_one_message():
    assert split_text("你好") == ["你好"]
    assert split_text("x" * 4096) == ["x" * 4096]


def test_long_text_splits_on_line_breaks():
    lines = [f"{i}. " + "材料说明" * 40 for i in range(100)]
    text = "\n".join(lines)
    pieces = split_text(text)
    assert len(pieces) > 1 and all(utf16_len(p) <= 4096 for p in pieces)
    assert "\n".join(pieces) == text  # nothing lost: the pieces end exactly at line breaks
    assert all(p.splitlines()[-1] in lines for p in pieces)


def test_text_without_line_breaks_splits_at_the_limit_counting_utf16():
    text = "😀" * 3000  # each emoji is 2 UTF-16 units: 6000 units
    pieces = split_text(text)
    assert [utf16_len(p) for p in pieces] == [4096, 1904]
    assert "".join(pieces) == text
    assert "".join(split_text("啊" * 9000)) == "啊" * 9000


def test_callback_data_short_payloads_travel_as_they_are():
    data = CallbackData()
    assert data.encode("/report_claim") == "/report_claim"
    assert data.decode("/report_claim") == "/report_claim"


def test_callback_data_long_payloads_go_through_a_short_id():
    data = CallbackData()
    payload = '/dispute_decision{"case_number":"C-1001","reason":"医院范围，急诊送往最近的医院"}'
    assert len(payload.encode()) > MAX_CALLBACK_BYTES
    key = data.encode(payload)
    assert key.startswith("#") and len(key.encode()) <= MAX_CALLBACK_BYTES
    assert data.decode(key) == payload
    # After a restart the memory is empty: the payload is found again among the conversation's buttons.
    fresh = CallbackData()
    assert fresh.decode(key) is None
    assert fresh.lookup(key, ["/affirm", payload]) == payload
    assert fresh.decode(key) == payload
    assert fresh.lookup(short_id("/other"), ["/affirm"]) is None


def test_callback_data_memory_is_bounded():
    data = CallbackData(capacity=2)
    keys = [data.encode("/inform" + "x" * 80 + str(i)) for i in range(3)]
    assert data.decode(keys[0]) is None and data.decode(keys[2])


@pytest.mark.parametrize("raw, mobile", [
    ("13800138000", "13800138000"), ("+8613800138000", "13800138000"), ("8613800138000", "13800138000"),
    ("+86 138-0013-8000", "13800138000"), ("0086 13800138000", "13800138000"), ("", ""), (None, ""),
])
def test_contact_numbers_are_normalised_to_11_digits(raw, mobile):
    assert contact_mobile(raw) == mobile


def test_mobiles_are_masked_in_log_text():
    assert mask_mobiles("verify 13800138000 and +86 139 0013 9000 failed") == "verify 138****8000 and 139****9000 failed"
    assert mask_mobiles("update 123456789012345") == "update 123456789012345"


def test_webhook_secret_check():
    assert secret_ok("s3cret_-X", "s3cret_-X")
    assert not secret_ok("wrong", "s3cret_-X")
    assert not secret_ok(None, "s3cret_-X")
    assert not secret_ok("", "")  # no secret configured: nothing is accepted


def test_keyboard_rows():
    short = [{"title": t, "payload": t} for t in ("是", "否", "不清楚")]
    assert [len(row) for row in keyboard_rows(short)] == [2, 1]
    long = [{"title": "1. 王丽 · 安康百万医疗险（2022版）（医疗险）", "payload": "/a"}, {"title": "否", "payload": "/b"}]
    assert [len(row) for row in keyboard_rows(long)] == [1, 1]


def test_settings_problems():
    settings = replace(load_settings(), telegram_bot_token="1:x")
    assert config_problems(settings) == []
    assert config_problems(replace(settings, telegram_mode="push"))
    webhook = replace(settings, telegram_mode="webhook", telegram_webhook_url="https://bot.example.org/telegram/webhook")
    assert config_problems(replace(webhook, telegram_webhook_secret="ok_secret-1")) == []
    assert config_problems(replace(webhook, telegram_webhook_secret="")) != []
    assert config_problems(replace(webhook, telegram_webhook_secret="has space")) != []
    assert config_problems(replace(webhook, telegram_webhook_url="http://x", telegram_webhook_secret="ok")) != []


def test_the_gateway_folds_a_custom_only_message_into_the_question():
    raw = [{"text": "请输入您在投保时留的手机号码（11位）。"}, {"custom": {"request_contact": True}}, {"text": "下一条"}]
    folded = fold_custom([normalise(m) for m in raw])
    assert folded == [
        {"text": "请输入您在投保时留的手机号码（11位）。", "buttons": [], "custom": {"request_contact": True}},
        {"text": "下一条", "buttons": []},
    ]
    alone = fold_custom([normalise({"custom": {"x": 1}})])
    assert alone == [{"text": "", "buttons": [], "custom": {"x": 1}}]
