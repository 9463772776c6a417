"""Chat with the assistant in a terminal through Rasa's REST channel.

Buttons are shown numbered; typing the number sends the button's payload.
`/file PATH [说明]` sends a file (photo or PDF of a claim document).
The sender id is kept in var/ so a restart continues the same conversation.
"""
from __future__ import annotations

import shlex
import uuid
from pathlib import Path
from typing import Dict, List

import requests

from bot.settings import load_settings

PROMPT = "您 > "
FILE_COMMAND = "/file"


def sender_id(var_dir: Path, new: bool = False) -> str:
    path = var_dir / "terminal_sender"
    if path.is_file() and not new:
        return path.read_text().strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    value = f"terminal-{uuid.uuid4().hex[:12]}"
    path.write_text(value)
    return value


def send(rasa_url: str, sender: str, text: str, timeout: float = 30.0) -> List[Dict]:
    response = requests.post(f"{rasa_url}/webhooks/rest/webhook", json={"sender": sender, "message": text}, timeout=timeout)
    response.raise_for_status()
    return response.json()


def render(messages: List[Dict]) -> List[Dict]:
    """Print the bot's messages; return the buttons of the last message that had any."""
    buttons: List[Dict] = []
    for message in messages:
        if message.get("text"):
            print("助手 > " + message["text"].replace("\n", "\n       "))
        if message.get("buttons"):
            buttons = message["buttons"]
            for number, button in enumerate(buttons, start=1):
                print(f"       [{number}] {button['title']}")
    return buttons


def file_message(command: str) -> str:
    """`/file PATH [说明]` -> the upload message for the staged file; raises FileProblem."""
    from bot.channels.files import FileProblem, stage_path, upload_message

    try:
        words = shlex.split(command[len(FILE_COMMAND):])
    except ValueError:
        words = command[len(FILE_COMMAND):].split()
    if not words:
        raise FileProblem("请在 /file 后面写上文件路径，例如：/file ~/Pictures/发票.jpg 发票")
    caption = " ".join(words[1:]) or None
    return upload_message(stage_path(Path(words[0]).expanduser(), caption))


def chat(new: bool = False) -> None:
    from bot.channels.files import FileProblem

    settings = load_settings()
    sender = sender_id(settings.var_dir, new)
    print("已连接理赔小助手。输入文字聊天；有按钮时输入序号选择；/file 路径 发送材料照片或PDF；Ctrl-C 或 /quit 退出。")
    buttons = render(send(settings.rasa_url, sender, "/greet"))
    while True:
        try:
            text = input(PROMPT).strip()
        except EOFError:
            break
        if text in ("/quit", "/exit"):
            break
        if text.isdigit() and buttons and 1 <= int(text) <= len(buttons):
            text = buttons[int(text) - 1]["payload"]
        elif text.startswith(FILE_COMMAND):
            try:
                text = file_message(text)
            except FileProblem as problem:
                print(f"（{problem}）")
                continue
        try:
            buttons = render(send(settings.rasa_url, sender, text)) or buttons
        except requests.RequestException as error:
            print(f"（连接助手失败：{error}。服务可能正在重启，请稍后再试，已输入的内容不会丢失。）")
