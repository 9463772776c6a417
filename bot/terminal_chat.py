"""Chat with the assistant in a terminal through the gateway's chat API.

Buttons are shown numbered; typing the number sends the button's payload.
`/file PATH [说明]` sends a file (photo or PDF of a claim document); `/lang en` (zh, zh-hant) goes to the
assistant like any message, and the terminal's own words follow the conversation's language.
Messages pushed later (an advisor's reply, the bot after the advisor hands back)
are fetched by a background thread from `GET /api/messages?after=` and printed
as they come. The sender id is kept in var/ so a restart continues the same conversation.
"""
from __future__ import annotations

import shlex
import threading
import uuid
from pathlib import Path
from typing import Dict, List, Optional, Tuple

import requests

from bot.i18n import DEFAULT_LANGUAGE, EN, to_script
from bot.settings import load_settings

FILE_COMMAND = "/file"
POLL_INTERVAL_S = 2.0
# The terminal's own words (Simplified; Traditional converted); the conversation's language picks them.
TEXTS = {
    "zh": {"prompt": "您 > ", "bot": "助手", "advisor": "顾问", "system": "通知",
           "welcome": "已连接理赔小助手。输入文字聊天；有按钮时输入序号选择；/file 路径 发送材料照片或PDF；"
                      "/lang en 用英文（English）；Ctrl-C 或 /quit 退出。",
           "to_advisor": "（您的消息已转给人工顾问，顾问的回复会显示在这里。）",
           "advisor_holds": "（人工顾问正在处理这个会话，顾问的回复会显示在这里。）",
           "no_path": "请在 /file 后面写上文件路径，例如：/file ~/Pictures/发票.jpg 发票",
           "unreachable": "连接助手失败：{error}。服务可能正在重启，请稍后再试。",
           "status": "网关返回 {status}"},
    "en": {"prompt": "You > ", "bot": "Assistant", "advisor": "Advisor", "system": "Notice",
           "welcome": "Connected to the claims assistant. Type to chat; type a number to choose a button; "
                      "/file PATH sends a photo or PDF; /lang zh for Chinese; Ctrl-C or /quit to leave.",
           "to_advisor": "(Your message went to an advisor; the advisor's reply will appear here.)",
           "advisor_holds": "(An advisor is handling this conversation; the advisor's reply will appear here.)",
           "no_path": "Write the file's path after /file, for example: /file ~/Pictures/invoice.jpg invoice",
           "unreachable": "Could not reach the assistant: {error}. It may be restarting; please try again shortly.",
           "status": "The gateway answered {status}"},
}


def say(key: str, language: Optional[str] = DEFAULT_LANGUAGE, **values) -> str:
    """The terminal's text `key` in `language` ("zh-Hans", "zh-Hant", "en"; None: the default)."""
    if language == EN:
        return TEXTS["en"][key].format(**values)
    return to_script(TEXTS["zh"][key], language).format(**values)


class GatewayError(Exception):
    """The gateway answered with an error; the message is its friendly text."""


def sender_id(var_dir: Path, new: bool = False) -> str:
    path = var_dir / "terminal_sender"
    if path.is_file() and not new:
        return path.read_text().strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    value = f"terminal-{uuid.uuid4().hex[:12]}"
    path.write_text(value)
    return value


def post(gateway_url: str, sender: str, text: str, timeout: float = 60.0, language: Optional[str] = None) -> dict:
    """One message through the gateway: {"messages": [...], "mode": "bot" | "advisor", "language": ...}."""
    response = requests.post(f"{gateway_url}/api/messages", json={"sender": sender, "text": text, "channel": "terminal"},
                             timeout=timeout)
    if response.status_code != 200:
        raise GatewayError(_error_text(response, language))
    return response.json()


def _error_text(response: requests.Response, language: Optional[str] = None) -> str:
    """The gateway's error for people: its message reads "中文 / English"."""
    try:
        chinese, _, english = response.json()["message"].partition(" / ")
        return english if language == EN and english else to_script(chinese, language)
    except (ValueError, KeyError, AttributeError):
        return say("status", language, status=response.status_code)


def render(messages: List[Dict], language: Optional[str] = None) -> List[Dict]:
    """Print the messages; return the buttons of the last message that had any."""
    buttons: List[Dict] = []
    for message in messages:
        role = message.get("role", "bot")
        speaker = say(role if role in ("bot", "advisor", "system") else "bot", language)
        if message.get("text"):
            print(f"{speaker} > " + message["text"].replace("\n", "\n       "))
        if message.get("buttons"):
            buttons = message["buttons"]
            for number, button in enumerate(buttons, start=1):
                print(f"       [{number}] {button['title']}")
    return buttons


def upload(gateway_url: str, sender: str, path: Path, caption: Optional[str] = None, timeout: float = 120.0,
           language: Optional[str] = None) -> dict:
    """A file through the gateway's upload API: {"messages": [...], "mode": ...}; raises FileProblem, GatewayError."""
    from bot.channels.files import read_path

    data = read_path(path)
    response = requests.post(f"{gateway_url}/api/upload", data={"sender": sender, "caption": caption or "", "channel": "terminal"},
                             files={"file": (path.name, data)}, timeout=timeout)
    if response.status_code != 200:
        raise GatewayError(_error_text(response, language))
    return response.json()


def file_command(command: str, language: Optional[str] = None) -> Tuple[Path, Optional[str]]:
    """`/file PATH [说明]` -> (path, caption); raises FileProblem when the path is missing."""
    from bot.channels.files import FileProblem

    try:
        words = shlex.split(command[len(FILE_COMMAND):])
    except ValueError:
        words = command[len(FILE_COMMAND):].split()
    if not words:
        raise FileProblem(say("no_path", language))
    return Path(words[0]).expanduser(), " ".join(words[1:]) or None


class Conversation:
    """The terminal's side of one conversation: what was shown, the current buttons, the mode.

    `turn` (main thread) and `poll` (background thread) share one lock, so a reply is
    printed once, by whoever fetched it, and never overtaken by the poller.
    """

    def __init__(self, gateway_url: str, sender: str):
        self.gateway_url, self.sender = gateway_url, sender
        self.buttons: List[Dict] = []
        self.mode = "bot"
        self.language: Optional[str] = None  # the conversation's, as the gateway reports it (None: not yet known)
        self.after = 0  # the poller's position in the transcript
        self.shown: set = set()
        self.lock = threading.Lock()
        self.stopped = threading.Event()

    def turn(self, text: str) -> None:
        self._reply(lambda: post(self.gateway_url, self.sender, text, language=self.language))

    def send_file(self, path: Path, caption: Optional[str] = None) -> None:
        self._reply(lambda: upload(self.gateway_url, self.sender, path, caption, language=self.language))

    def say(self, key: str, **values) -> str:
        return say(key, self.language, **values)

    def _reply(self, request) -> None:
        with self.lock:
            reply = request()
            self.language = reply.get("language") or self.language
            self._show(reply["messages"])
            if reply["mode"] == "advisor" and self.mode != "advisor":
                print(self.say("to_advisor"))
            self.mode = reply["mode"]

    def choose(self, text: str) -> str:
        """A button number becomes the button's payload."""
        if text.isdigit() and self.buttons and 1 <= int(text) <= len(self.buttons):
            return self.buttons[int(text) - 1]["payload"]
        return text

    def poll_forever(self) -> None:
        while not self.stopped.wait(POLL_INTERVAL_S):
            try:
                self.poll()
            except (requests.RequestException, ValueError):
                pass  # the gateway may be restarting; the next poll catches up

    def catch_up(self) -> None:
        """Start polling after the existing transcript (a continued conversation is not printed again)."""
        with self.lock:
            while self._fetch():
                pass

    def poll(self) -> List[Dict]:
        with self.lock:
            new = [m for m in self._fetch() if m["role"] != "user" and m["id"] not in self.shown]
            if new:
                print()
                self._show(new)
                print(self.say("prompt"), end="", flush=True)
            return new

    def _fetch(self) -> List[Dict]:
        """The transcript's next page after `after` (advancing it); also updates the mode."""
        response = requests.get(f"{self.gateway_url}/api/messages",
                                params={"sender": self.sender, "after": self.after}, timeout=10)
        response.raise_for_status()
        body = response.json()
        if body["messages"]:
            self.after = body["messages"][-1]["id"]
        self.mode = body.get("mode", self.mode)
        self.language = body.get("language") or self.language
        return body["messages"]

    def _show(self, messages: List[Dict]) -> None:
        self.shown.update(m["id"] for m in messages if "id" in m)
        self.buttons = render(messages, self.language) or self.buttons


def chat(new: bool = False) -> None:
    from bot.channels.files import FileProblem

    settings = load_settings()
    conversation = Conversation(settings.gateway_url, sender_id(settings.var_dir, new))
    conversation.catch_up()
    print(conversation.say("welcome"))
    if conversation.mode == "advisor":  # a greeting would land in the advisor's transcript
        print(conversation.say("advisor_holds"))
    else:
        _say(conversation, "/greet")
    threading.Thread(target=conversation.poll_forever, name="terminal-poll", daemon=True).start()
    try:
        while True:
            try:
                text = input(conversation.say("prompt")).strip()
            except EOFError:
                break
            if text in ("/quit", "/exit"):
                break
            text = conversation.choose(text)
            if text.startswith(FILE_COMMAND):
                try:
                    _say(conversation, *file_command(text, conversation.language))
                except FileProblem as problem:
                    print(f"（{problem}）")
                continue
            _say(conversation, text)
    finally:
        conversation.stopped.set()


def _say(conversation: Conversation, text_or_path, caption: Optional[str] = None) -> None:
    """Send text, or the file at a Path, and show the replies; connection problems are said kindly."""
    try:
        if isinstance(text_or_path, Path):
            conversation.send_file(text_or_path, caption)
        else:
            conversation.turn(text_or_path)
    except GatewayError as error:
        print(f"（{error}）")
    except requests.RequestException as error:
        print(conversation.say("unreachable", error=error))
