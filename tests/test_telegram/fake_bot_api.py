"""A fake Telegram Bot API server on loopback, for driving python-telegram-bot unchanged.

The bot's base_url points here (`TELEGRAM_API_BASE`). Tests inject updates
(served by getUpdates with long polling and offsets, as Telegram does), put
files behind getFile with real bytes, and read every call the bot made.
"""
from __future__ import annotations

import asyncio
import itertools
import json
import random
import time
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional

from aiohttp import web

BOT_ID = 7000001
BOT_USER = {"id": BOT_ID, "is_bot": True, "first_name": "理赔小助手", "username": "claims_helper_test_bot",
            "can_join_groups": False, "can_read_all_group_messages": False, "supports_inline_queries": False}
JSON_FIELDS = ("reply_markup", "commands", "allowed_updates", "entities")


@dataclass
class Call:
    method: str
    params: Dict[str, Any]

    @property
    def text(self) -> str:
        return self.params.get("text", "")

    @property
    def markup(self) -> Optional[dict]:
        return self.params.get("reply_markup")

    def button_titles(self) -> List[str]:
        rows = (self.markup or {}).get("inline_keyboard", [])
        return [button["text"] for row in rows for button in row]

    def button_data(self, title_part: str) -> str:
        rows = (self.markup or {}).get("inline_keyboard", [])
        for button in (b for row in rows for b in row):
            if title_part in button["text"]:
                return button["callback_data"]
        raise AssertionError(f"no button with {title_part!r} in {rows}")


@dataclass
class FakeBotApi:
    token: str
    calls: List[Call] = field(default_factory=list)
    files: Dict[str, bytes] = field(default_factory=dict)
    pending: List[dict] = field(default_factory=list)
    failures: Dict[str, List[dict]] = field(default_factory=dict)
    url: str = ""
    closed: bool = False

    def __post_init__(self) -> None:
        # Update ids are unique per bot, and the processed ones are kept in the database across tests.
        self._update_ids = itertools.count(random.randrange(10**6, 2**31 - 10**6, 10**5))
        self._message_ids = itertools.count(1)
        self._arrived = asyncio.Event()
        self._called = asyncio.Event()
        app = web.Application(client_max_size=30 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._api)
        app.router.add_get("/file/bot{token}/{path:.+}", self._file)
        self._runner = web.AppRunner(app)

    # --- server ---

    async def start(self) -> "FakeBotApi":
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]
        self.url = f"http://127.0.0.1:{port}"
        return self

    async def close(self) -> None:
        self.closed = True
        self._arrived.set()
        await asyncio.sleep(0.05)  # let a pending long poll answer before the server goes
        await self._runner.cleanup()

    async def _params(self, request: web.Request) -> Dict[str, Any]:
        if request.content_type == "application/json":
            params = await request.json()
        else:
            params = {key: value for key, value in (await request.post()).items() if isinstance(value, str)}
            params.update(request.query)
        for key in JSON_FIELDS:
            if isinstance(params.get(key), str):
                params[key] = json.loads(params[key])
        return params

    async def _api(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return web.json_response({"ok": False, "error_code": 401, "description": "Unauthorized"}, status=401)
        method = request.match_info["method"]
        params = await self._params(request)
        if method != "getUpdates":
            self.calls.append(Call(method, params))
            self._called.set()
        queued = self.failures.get(method)
        if queued:
            failure = queued.pop(0)
            return web.json_response(failure, status=failure["error_code"])
        handler = getattr(self, "_" + method, None)
        result = await handler(params) if handler else True
        return web.json_response({"ok": True, "result": result})

    async def _file(self, request: web.Request) -> web.Response:
        data = self.files.get(request.match_info["path"])
        if data is None or request.match_info["token"] != self.token:
            return web.Response(status=404)
        return web.Response(body=data, content_type="application/octet-stream")

    # --- methods ---

    async def _getMe(self, params):
        return BOT_USER

    async def _getUpdates(self, params):
        offset = int(params.get("offset") or 0)
        timeout = float(params.get("timeout") or 0)
        deadline = time.monotonic() + timeout
        while True:
            # Telegram forgets updates below the offset: they are confirmed.
            self.pending = [u for u in self.pending if u.pop("_redeliver", False) or u["update_id"] >= offset]
            if self.pending:
                batch, self.pending = self.pending[:100], self.pending[100:]
                return batch
            remaining = deadline - time.monotonic()
            if remaining <= 0 or self.closed:
                return []
            self._arrived.clear()
            try:
                await asyncio.wait_for(self._arrived.wait(), remaining)
            except asyncio.TimeoutError:
                return []

    async def _sendMessage(self, params):
        return {"message_id": next(self._message_ids), "date": int(time.time()),
                "chat": {"id": int(params["chat_id"]), "type": "private"}, "text": params.get("text", "")}

    async def _getFile(self, params):
        file_id = params["file_id"]
        path = f"documents/{file_id}"
        if path not in self.files:
            return None
        return {"file_id": file_id, "file_unique_id": "u" + file_id, "file_size": len(self.files[path]), "file_path": path}

    # --- for tests ---

    def fail_next(self, method: str, error_code: int = 429, retry_after: int = 1) -> None:
        """The next call of `method` fails like Telegram's flood control (429 with retry_after)."""
        self.failures.setdefault(method, []).append({
            "ok": False, "error_code": error_code, "description": f"Too Many Requests: retry after {retry_after}",
            "parameters": {"retry_after": retry_after}})

    def inject(self, update: dict, redeliver: bool = False) -> dict:
        """Queue an update for getUpdates; `redeliver` sends it even below the offset (as after a crash)."""
        self.pending.append(dict(update, _redeliver=True) if redeliver else update)
        self._arrived.set()
        return update

    def add_file(self, data: bytes) -> str:
        file_id = f"file{len(self.files) + 1}"
        self.files[f"documents/{file_id}"] = data
        return file_id

    def since(self, mark: int, method: str = "sendMessage") -> List[Call]:
        return [call for call in self.calls[mark:] if call.method == method]

    def of(self, method: str) -> List[Call]:
        return self.since(0, method)

    # --- updates as Telegram sends them ---

    def _update(self, kind: str, body: dict) -> dict:
        return {"update_id": next(self._update_ids), kind: body}

    @staticmethod
    def user(user_id: int, first_name: str = "丽") -> dict:
        return {"id": user_id, "is_bot": False, "first_name": first_name, "language_code": "zh-hans"}

    def message(self, chat_id: int, extra: dict, user_id: Optional[int] = None) -> dict:
        return self._update("message", {
            "message_id": next(self._message_ids), "date": int(time.time()),
            "chat": {"id": chat_id, "type": "private", "first_name": "丽"},
            "from": self.user(user_id or chat_id), **extra})

    def text(self, chat_id: int, text: str) -> dict:
        extra: Dict[str, Any] = {"text": text}
        if text.startswith("/"):
            extra["entities"] = [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}]
        return self.message(chat_id, extra)

    def press(self, chat_id: int, data: str) -> dict:
        return self._update("callback_query", {
            "id": f"cq{next(self._message_ids)}", "from": self.user(chat_id), "chat_instance": f"ci{chat_id}",
            "data": data,
            "message": {"message_id": next(self._message_ids), "date": int(time.time()),
                        "chat": {"id": chat_id, "type": "private"}, "text": "…"}})

    def contact(self, chat_id: int, phone_number: str, user_id: Optional[int]) -> dict:
        contact = {"phone_number": phone_number, "first_name": "丽"}
        if user_id is not None:
            contact["user_id"] = user_id
        return self.message(chat_id, {"contact": contact})

    def photo(self, chat_id: int, data: bytes, caption: Optional[str] = None) -> dict:
        file_id = self.add_file(data)
        sizes = [{"file_id": f"thumb-{file_id}", "file_unique_id": f"t{file_id}", "width": 90, "height": 120, "file_size": 2000},
                 {"file_id": file_id, "file_unique_id": f"u{file_id}", "width": 1240, "height": 1754, "file_size": len(data)}]
        extra: Dict[str, Any] = {"photo": sizes}
        if caption:
            extra["caption"] = caption
        return self.message(chat_id, extra)

    def document(self, chat_id: int, data_or_size, file_name: str, caption: Optional[str] = None) -> dict:
        if isinstance(data_or_size, int):  # announced size only: Telegram would refuse the download
            file_id, size = "bigfile", data_or_size
        else:
            file_id, size = self.add_file(data_or_size), len(data_or_size)
        extra: Dict[str, Any] = {"document": {"file_id": file_id, "file_unique_id": f"u{file_id}",
                                              "file_name": file_name, "file_size": size}}
        if caption:
            extra["caption"] = caption
        return self.message(chat_id, extra)

    def voice(self, chat_id: int) -> dict:
        return self.message(chat_id, {"voice": {"file_id": "voice1", "file_unique_id": "v1", "duration": 4}})

    def sticker(self, chat_id: int) -> dict:
        return self.message(chat_id, {"sticker": {"file_id": "st1", "file_unique_id": "s1", "type": "regular",
                                                  "width": 512, "height": 512, "is_animated": False, "is_video": False}})

    def location(self, chat_id: int) -> dict:
        return self.message(chat_id, {"location": {"latitude": 39.9, "longitude": 116.4}})
