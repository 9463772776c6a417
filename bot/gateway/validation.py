"""Checks on what clients send, with errors in Chinese (for users) and English (for developers)."""
from __future__ import annotations

import math
import re
from urllib.parse import unquote
from typing import Callable, Dict, Optional, Tuple

from aiohttp import web

from bot.store.db import row_id

MAX_SENDER_LENGTH = 100  # conversations.sender_id is VARCHAR(100)
# Conversation ids the channels inside the gateway make from ids that are not secret (a Telegram
# chat id): the public API must not let anyone read or write those conversations.
TELEGRAM_SENDER_PREFIX = "tg-"
MAX_TEXT_LENGTH = 5000
MAX_MESSAGE_ID_LENGTH = 100  # client_messages.message_id is VARCHAR(100)
# Letters, digits and a few separators: safe in URLs, logs and Rasa's tracker store.
SENDER_PATTERN = re.compile(r"[A-Za-z0-9_.:@-]+")
# Set on a request by the rate-limit middleware when it could not count the sender itself (an upload
# form names it only in the body): called with the sender once the route has read the form.
COUNT_SENDER = "count_sender"


class BadRequest(Exception):
    """A client error: a code for programs, a message in Chinese for people then English for developers."""

    def __init__(self, code: str, chinese: str, english: str, status: int = 400,
                 headers: Optional[Dict[str, str]] = None):
        super().__init__(english)
        self.code, self.message, self.status = code, f"{chinese} / {english}", status
        self.headers = headers or {}

    def response(self) -> web.Response:
        response = error_response(self.code, self.message, self.status)
        response.headers.update(self.headers)
        return response


def error_response(code: str, message: str, status: int, **extra) -> web.Response:
    return web.json_response({"error": code, "message": message, **extra}, status=status)


def rate_limited(wait_s: float) -> BadRequest:
    seconds = max(1, math.ceil(wait_s))
    return BadRequest("rate_limited", f"您发得太快了，请 {seconds} 秒后再试。", f"Too many requests; retry in {seconds} s.",
                      status=429, headers={"Retry-After": str(seconds)})


def sender_of(value) -> str:
    if not isinstance(value, str) or not value.strip():
        raise BadRequest("sender_missing", "缺少会话编号 sender。", "'sender' is required: a non-empty string.")
    if len(value) > MAX_SENDER_LENGTH:
        raise BadRequest("sender_too_long", f"会话编号太长（最多 {MAX_SENDER_LENGTH} 个字符）。",
                         f"'sender' is longer than {MAX_SENDER_LENGTH} characters.")
    if not SENDER_PATTERN.fullmatch(value):
        raise BadRequest("sender_invalid", "会话编号只能包含字母、数字和 _ . : @ -。",
                         "'sender' may contain only letters, digits and _ . : @ -.")
    if value.lower().startswith(TELEGRAM_SENDER_PREFIX):
        raise BadRequest("sender_reserved", f"以 {TELEGRAM_SENDER_PREFIX} 开头的会话编号只供 Telegram 使用，请换一个。",
                         f"Conversation ids starting with {TELEGRAM_SENDER_PREFIX!r} belong to the Telegram channel.")
    return value


def text_of(value) -> str:
    """The message text; over 5,000 characters is refused, not cut, so nothing the user wrote is lost unseen."""
    if not isinstance(value, str):
        raise BadRequest("text_invalid", "消息内容 text 必须是文字。", "'text' must be a string.")
    if len(value) > MAX_TEXT_LENGTH:
        raise BadRequest("text_too_long", f"消息太长了（最多 {MAX_TEXT_LENGTH} 字），请分成几条发送。",
                         f"'text' is longer than {MAX_TEXT_LENGTH} characters; send it in parts.",
                         status=413)
    return value


def message_id_of(value) -> Optional[str]:
    """The client's optional id of a message (e.g. a UUID): a repeat with the same id is answered once."""
    if value is None or value == "":
        return None
    if not isinstance(value, str) or not value.strip():
        raise BadRequest("message_id_invalid", "message_id 必须是文字。", "'message_id' must be a non-empty string.")
    if len(value) > MAX_MESSAGE_ID_LENGTH:
        raise BadRequest("message_id_too_long", f"message_id 太长了（最多 {MAX_MESSAGE_ID_LENGTH} 个字符）。",
                         f"'message_id' is longer than {MAX_MESSAGE_ID_LENGTH} characters.")
    return value


def channel_of(value, allowed: Tuple[str, ...]) -> str:
    """The client's channel (default "api"); Telegram and others come through their own adapters."""
    if value is None:
        return "api"
    if value not in allowed:
        raise BadRequest("channel_invalid", f"channel 只能是 {'、'.join(allowed)}。", f"'channel' must be one of {', '.join(allowed)}.")
    return value


async def chat_message_of(request: web.Request, channels: Tuple[str, ...]) -> Tuple[str, str, str]:
    """(sender, text, channel) of a `POST /api/messages` body."""
    try:
        body = await request.json()
    except ValueError:
        body = None
    if not isinstance(body, dict):
        raise BadRequest("body_invalid", '请求内容须为 JSON 对象，例如 {"sender": "u1", "text": "你好"}。',
                         'The body must be a JSON object like {"sender": "u1", "text": "你好"}.')
    return sender_of(body.get("sender")), text_of(body.get("text")), channel_of(body.get("channel"), channels)


async def chat_message_id_of(request: web.Request) -> Optional[str]:
    """The optional `message_id` of a `POST /api/messages` body (call after chat_message_of checked the body)."""
    return message_id_of((await request.json()).get("message_id"))


def after_of(value: Optional[str]) -> int:
    if value is None or value == "":
        return 0
    if not (value.isascii() and value.isdigit()):  # "²" is a digit to str.isdigit, not to int()
        raise BadRequest("after_invalid", "after 必须是非负整数（消息编号）。", "'after' must be a message id (integer ≥ 0).")
    return row_id(value)  # past every id there is nothing newer


# --- POST /api/upload (multipart/form-data) ---

MAX_CAPTION_LENGTH = 1000
FORM_OVERHEAD = 64 * 1024  # the other fields and multipart boundaries around the file
CHUNK = 256 * 1024


def file_too_large(limit: int) -> BadRequest:
    megabytes = limit // (1024 * 1024)
    return BadRequest("file_too_large", f"文件太大了（最多 {megabytes}MB）。请压缩照片，或分页拍照后一张一张发送。",
                      f"The file is larger than {megabytes} MB.", status=413)


async def _read_part(part, limit: int, too_big: BadRequest) -> bytes:
    """A multipart part's bytes, refusing (not cutting) more than `limit`."""
    data = bytearray()
    while True:
        chunk = await part.read_chunk(CHUNK)
        if not chunk:
            return bytes(data)
        data.extend(chunk)
        if len(data) > limit:
            raise too_big


async def upload_of(request: web.Request, channels: Tuple[str, ...], max_bytes: int):
    """(sender, data, filename, caption, channel) of a `POST /api/upload` multipart form.

    An empty file is passed on: the dialogue tells the user kindly that it arrived empty.
    The optional `message_id` field is kept in request["message_id"] (see upload_message_id_of).
    """
    too_big = file_too_large(max_bytes)
    if request.content_length is not None and request.content_length > max_bytes + FORM_OVERHEAD:
        raise too_big
    try:
        reader = await request.multipart()
    except (AssertionError, ValueError, KeyError):
        reader = None
    not_a_form = BadRequest("body_invalid", "请用表单上传（multipart/form-data），字段：sender、file，可选 caption。",
                            "The body must be multipart/form-data with the fields sender, file and optionally caption.")
    if reader is None or not request.content_type.startswith("multipart/form-data"):
        raise not_a_form
    fields, data, filename = {}, None, None
    field_too_long = BadRequest("field_too_long", "表单内容太长了。", "A form field is too long.", status=413)
    while True:
        try:
            part = await reader.next()
        except (AssertionError, ValueError):  # a broken form (no boundary, bad headers) is the client's error
            raise not_a_form from None
        if part is None:
            break
        if part.name == "file" and part.filename is not None:
            # aiohttp's own client percent-encodes non-ASCII names; browsers and curl send UTF-8 as is.
            data, filename = await _read_part(part, max_bytes, too_big), unquote(part.filename)
        elif part.name in ("sender", "caption", "channel", "message_id"):
            raw = await _read_part(part, 4 * MAX_CAPTION_LENGTH, field_too_long)
            fields[part.name] = raw.decode("utf-8", errors="replace")
        else:
            await part.release()
    sender = sender_of(fields.get("sender"))
    # Counted once the whole form is read: answering in the middle of a request body would leave the
    # rest of it on a kept-alive connection (seen under fuzzing as the next request misread).
    _count_sender(request.get(COUNT_SENDER), sender)
    request["message_id"] = message_id_of(fields.get("message_id"))
    if data is None:
        raise BadRequest("file_missing", "没有收到文件，请选择照片或PDF后再上传。", "The form has no 'file' part.")
    caption = fields.get("caption", "").strip() or None
    if caption is not None and len(caption) > MAX_CAPTION_LENGTH:
        raise BadRequest("caption_too_long", f"说明太长了（最多 {MAX_CAPTION_LENGTH} 字）。",
                         f"'caption' is longer than {MAX_CAPTION_LENGTH} characters.", status=413)
    return sender, data, filename, caption, channel_of(fields.get("channel"), channels)


def _count_sender(count: Optional[Callable[[str], float]], sender: str) -> None:
    wait = count(sender) if count is not None else 0.0
    if wait:
        raise rate_limited(wait)


def upload_message_id_of(request: web.Request) -> Optional[str]:
    """The optional `message_id` field of the upload form upload_of read."""
    return request.get("message_id")
