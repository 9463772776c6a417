"""HTTP routes of the gateway: the chat API, server-sent events, health."""
from __future__ import annotations

import asyncio
import logging
from pathlib import Path

from aiohttp import web

from bot.gateway.core import IN_PROGRESS, RASA_UNAVAILABLE, SSE_CHANNELS, Gateway
from bot.gateway.push import CLOSED, last_event_id, sse_event
from bot.gateway.rasa_client import RasaUnavailable
from bot.documents.inspect import MAX_BYTES
from bot.documents.serving import file_response
from bot.store.db import row_id
from bot.gateway.validation import (
    BadRequest, after_of, chat_message_id_of, chat_message_of, error_response, sender_of, upload_message_id_of, upload_of,
)

log = logging.getLogger(__name__)

RASA_DOWN = "抱歉，助手暂时无法回复（可能正在重启），请稍后再发一次。您的消息已保存。"
RASA_DOWN_EN = "The assistant (Rasa) is not answering; the message was saved. Try again shortly."
IN_PROGRESS_MESSAGE = ("这条消息还在处理中，请稍后刷新查看回复。 / A request with this message_id is still being "
                       "processed; fetch the replies with GET /api/messages shortly.")

FILE_NOT_FOUND = "找不到这个文件：它不在这个会话里，或已被清理。"
FILE_NOT_FOUND_EN = "No such file in this conversation (or it was cleaned up)."
INTERNAL = "抱歉，服务出了点问题，请稍后再试。 / Internal error; see the gateway's log."

REPLAY_PAGE = 500

STATIC_DIR = Path(__file__).resolve().parent / "static"
# The page loads only its own files; the browser always revalidates them, so an update shows at once.
PAGE_HEADERS = {
    "Cache-Control": "no-cache",
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data: blob:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}

routes = web.RouteTableDef()


def gateway_of(request: web.Request) -> Gateway:
    return request.config_dict["gateway"]


@web.middleware
async def json_errors(request: web.Request, handler):
    """Client errors and unexpected failures of the chat API become JSON, never an HTML page."""
    try:
        return await handler(request)
    except BadRequest as error:
        return error.response()
    except web.HTTPException:
        raise
    except Exception:
        if not request.path.startswith("/api/"):
            raise  # the console answers its own way
        log.exception("chat API %s %s failed", request.method, request.path)
        return error_response("internal_error", INTERNAL, 500)


@routes.get("/")
async def web_chat(request: web.Request) -> web.FileResponse:
    """The web chat page (static HTML, CSS and JavaScript; nothing built)."""
    return web.FileResponse(STATIC_DIR / "index.html", headers=PAGE_HEADERS)


@routes.get("/api")
async def describe(request: web.Request) -> web.Response:
    return web.json_response({
        "service": "理赔小助手 gateway",
        "web_chat": "/",
        "chat_api": {"send": "POST /api/messages", "upload": "POST /api/upload (multipart: sender, file, caption)",
                     "message_id": "optional on send and upload: a repeat with the same id gets the first answer",
                     "poll": "GET /api/messages?sender=ID&after=N", "events": "GET /api/events?sender=ID",
                     "file": "GET /api/files/{message id}?sender=ID: a file the user sent in this conversation",
                     "language": "send, upload and poll return the conversation's language: zh-Hans, zh-Hant, en or null"},
        "advisor_console": "/advisor/",
        "health": "/health",
    })


@routes.get("/health")
async def health(request: web.Request) -> web.Response:
    """Whether Rasa answers, and how many user messages wait for each Rasa instance (bot.gateway.slots)."""
    gateway = gateway_of(request)
    return web.json_response({"gateway": "ok", "rasa": await gateway.rasa.answers(), "waiting": gateway.slots.waiting()})


@routes.post("/api/messages")
async def post_message(request: web.Request) -> web.Response:
    sender, text, channel = await chat_message_of(request, SSE_CHANNELS)
    message_id = await chat_message_id_of(request)
    return await _turn_response(gateway_of(request).receive(sender, text, channel, message_id=message_id))


@routes.post("/api/upload")
async def post_upload(request: web.Request) -> web.Response:
    """A file (photo or PDF) for the conversation: multipart fields sender, file, optional caption and channel."""
    sender, data, filename, caption, channel = await upload_of(request, SSE_CHANNELS, MAX_BYTES)
    message_id = upload_message_id_of(request)
    return await _turn_response(
        gateway_of(request).receive_upload(sender, data, filename, caption, channel, message_id=message_id))


async def _turn_response(turn_coroutine) -> web.Response:
    """{"messages", "mode", "language"} of a user's turn.

    `language`: the conversation's reply language after the turn ("zh-Hans", "zh-Hant", "en"), null while
    the user has written nothing that shows one; the web page follows it.

    503 JSON when Rasa did not answer in time: the user's message is kept and `messages` holds the
    gateway's apology with an advisor button (also in the transcript). 409 while another request with
    the same message_id is still being processed.
    """
    try:
        turn = await turn_coroutine
    except RasaUnavailable as error:  # the gateway answers it itself; kept for other Gateway-like objects
        log.warning("Rasa unavailable: %s", error)
        return error_response(RASA_UNAVAILABLE, f"{RASA_DOWN} / {RASA_DOWN_EN}", 503, mode="bot", messages=[])
    if turn.error == RASA_UNAVAILABLE:
        return error_response(RASA_UNAVAILABLE, f"{RASA_DOWN} / {RASA_DOWN_EN}", 503, mode=turn.mode,
                              messages=turn.messages, language=turn.language)
    if turn.error == IN_PROGRESS:
        return error_response(IN_PROGRESS, IN_PROGRESS_MESSAGE, 409, mode=turn.mode, messages=[])
    return web.json_response({"messages": turn.messages, "mode": turn.mode, "language": turn.language})


@routes.get("/api/messages")
async def get_messages(request: web.Request) -> web.Response:
    """The transcript after message id `after` (every role), the mode and the conversation's `language`
    (null until known): the polling fallback of the event stream."""
    gateway = gateway_of(request)
    sender = sender_of(request.query.get("sender"))
    messages = await gateway.messages_after(sender, after_of(request.query.get("after")))
    return web.json_response({"messages": messages, "mode": await gateway.mode_of(sender),
                              "language": await gateway.language_of(sender)})


@routes.get(r"/api/files/{id:\d+}")
async def get_file(request: web.Request) -> web.Response:
    """A file the user sent in this conversation, to show it again (the `file.url` of their message).
    Any other id, another conversation's included, is the same 404."""
    sender = sender_of(request.query.get("sender"))
    found = await gateway_of(request).sent_file(sender, row_id(request.match_info["id"]))
    if found is None:
        return error_response("file_not_found", f"{FILE_NOT_FOUND} / {FILE_NOT_FOUND_EN}", 404)
    return file_response(found)


@routes.get("/api/events")
async def events(request: web.Request) -> web.StreamResponse:
    """Server-sent events: everything newer than Last-Event-ID (or ?after=) not written by the user, then live pushes."""
    gateway = gateway_of(request)
    sender = sender_of(request.query.get("sender"))
    newest = last_event_id(request.headers.get("Last-Event-ID"), request.query.get("after"))
    stream = web.StreamResponse(headers={
        "Content-Type": "text/event-stream; charset=utf-8", "Cache-Control": "no-cache",
        "X-Accel-Buffering": "no",  # a reverse proxy must not hold events back
    })
    queue = gateway.sse.subscribe(sender)  # before the replay, so nothing falls between the two
    try:
        await stream.prepare(request)
        await stream.write(b"retry: 3000\n\n")
        async for message in _missed(gateway, sender, newest):
            await stream.write(sse_event(message))
            newest = message["id"]
        while True:
            try:
                message = await asyncio.wait_for(queue.get(), request.app["keepalive_s"])
            except asyncio.TimeoutError:
                await stream.write(b": keep-alive\n\n")  # proxies and browsers drop silent connections
                continue
            if message is CLOSED:
                break
            if message["id"] > newest:  # the replay may already have sent it
                await stream.write(sse_event(message))
                newest = message["id"]
    except ConnectionResetError:
        pass  # the client went away
    finally:
        gateway.sse.unsubscribe(sender, queue)
    return stream


routes.static("/static", STATIC_DIR, append_version=False)


async def _missed(gateway: Gateway, sender: str, after: int):
    """Messages not written by the user with id > `after`, page by page (a long absence may miss many)."""
    while True:
        page = await gateway.messages_after(sender, after, REPLAY_PAGE)
        for message in page:
            if message["role"] != "user":
                yield message
        if len(page) < REPLAY_PAGE:
            return
        after = page[-1]["id"]
