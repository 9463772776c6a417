"""Chat with the assistant in a terminal through Rasa's REST channel.

Buttons are shown numbered; typing the number sends the button's payload.
The sender id is kept in var/ so a restart continues the same conversation.
"""
from __future__ import annotations

import uuid
from pathlib import Path
from typing import Dict, List

import requests

from bot.settings import load_settings

PROMPT = "您 > "


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


def chat(new: bool = False) -> None:
    settings = load_settings()
    sender = sender_id(settings.var_dir, new)
    print("已连接理赔小助手。输入文字聊天；有按钮时输入序号选择；Ctrl-C 或 /quit 退出。")
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
        try:
            buttons = render(send(settings.rasa_url, sender, text)) or buttons
        except requests.RequestException as error:
            print(f"（连接助手失败：{error}。服务可能正在重启，请稍后再试，已输入的内容不会丢失。）")
