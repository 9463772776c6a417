"""Fault tests: the gateway's fixtures (fake Rasa, migrated database) for the fast tests, and
`FaultStack`, a real multi-process stack on the FAULTS ports (5250-5299) that can stop, freeze
and restart one process at a time."""
from __future__ import annotations

import os
import signal
import subprocess
import time
from typing import List, Optional

import requests

from bot.stack import Stack, stop_process
from tests.test_gateway.conftest import (  # noqa: F401 - fixtures
    FakeRasa, client, db_url, fake_rasa, frozen_clock, gateway_client, gateway_db, pg_database_url, seeded_url,
)

FROZEN_NOW = "2026-11-24T10:00:00+08:00"
RASA_TIMEOUT_S = 3.0  # the stacks' gateway timeout (RASA_TIMEOUT): short, so the tests are quick


def texts(messages: List[dict]) -> str:
    return "\n".join(m.get("text") or "" for m in messages)


def button(messages: List[dict], title_part: str) -> str:
    for message in messages:
        for b in message.get("buttons") or []:
            if title_part in b["title"]:
                return b["payload"]
    raise AssertionError(f"no button with {title_part!r} in {messages}")


class FaultStack(Stack):
    """A Stack whose processes can be stopped, frozen and restarted one by one.

    A process is found by its command line (works with one or several instances of bot.stack):
    "actions" (rasa run actions), "rasa" (rasa run), "gateway" (python -m bot gateway).
    """

    def __init__(self, workdir, port_base: int, database_url: Optional[str] = None, **env):
        extra = {"CLAIMS_NOW": FROZEN_NOW, "RASA_TIMEOUT": str(RASA_TIMEOUT_S),
                 "ACTION_SERVER_URL": f"http://127.0.0.1:{port_base + 5}/webhook", **env}
        super().__init__(workdir, rasa_port=port_base, actions_port=port_base + 5, gateway_port=port_base + 10,
                         extra_env=extra)
        if database_url:  # after __init__: Stack sets DATABASE_URL itself (a second keyword would clash)
            self.database_url = self.env["DATABASE_URL"] = database_url

    # --- one process at a time ---

    def process(self, role: str) -> subprocess.Popen:
        for process in self.processes:
            args = [str(a) for a in process.args]
            kind = ("gateway" if args[-2:] == ["bot", "gateway"] else
                    "actions" if "actions" in args[:3] else "rasa")
            if kind == role and process.poll() is None:
                return process
        raise LookupError(f"no running {role} process")

    def _ready_url(self, role: str) -> str:
        return {"rasa": self.url + "/", "actions": f"http://127.0.0.1:{self.actions_port}/health",
                "gateway": self.gateway_url + "/health"}[role]

    def stop_one(self, role: str) -> subprocess.Popen:
        """SIGTERM one process and wait for it; returns it (start_one takes its command line)."""
        process = self.process(role)
        stop_process(process)
        return process

    def kill_one(self, role: str) -> subprocess.Popen:
        """SIGKILL one process (a crash: no graceful shutdown) and wait for it; returns it, as stop_one."""
        process = self.process(role)
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=20)
        return process

    def start_one(self, stopped: subprocess.Popen, role: str, timeout: float = 240) -> None:
        log_name = {"rasa": "rasa.log", "actions": "actions.log", "gateway": "gateway.log"}[role]
        fresh = self._spawn([str(a) for a in stopped.args], log_name)
        self.processes[self.processes.index(stopped)] = fresh
        named = getattr(self, "named", None)
        if isinstance(named, dict):
            for name, process in named.items():
                if process is stopped:
                    named[name] = fresh
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self._answers(self._ready_url(role)):
                return
            if fresh.poll() is not None:
                break
            time.sleep(0.5)
        raise RuntimeError(f"{role} did not come back:\n" + (self.workdir / log_name).read_text(errors="replace")[-3000:])

    def restart_one(self, role: str) -> None:
        self.start_one(self.stop_one(role), role)

    def freeze(self, role: str) -> None:
        os.killpg(self.process(role).pid, signal.SIGSTOP)

    def thaw(self, role: str) -> None:
        os.killpg(self.process(role).pid, signal.SIGCONT)

    # --- the chat API ---

    def post(self, sender: str, text: str, message_id: Optional[str] = None, timeout: float = 60) -> requests.Response:
        body = {"sender": sender, "text": text, **({"message_id": message_id} if message_id else {})}
        return requests.post(f"{self.gateway_url}/api/messages", json=body, timeout=timeout)

    def say(self, sender: str, text: str) -> List[dict]:
        """The bot's replies to one message, which must be answered normally (200)."""
        response = self.post(sender, text)
        assert response.status_code == 200, (response.status_code, response.text)
        return response.json()["messages"]

    def slot(self, sender: str, name: str):
        """A slot of the conversation in Rasa's tracker (HTTP API)."""
        response = requests.get(f"{self.url}/conversations/{sender}/tracker", params={"token": self.rasa_token}, timeout=30)
        response.raise_for_status()
        return response.json()["slots"].get(name)

    def transcript(self, sender: str) -> List[dict]:
        response = requests.get(f"{self.gateway_url}/api/messages", params={"sender": sender}, timeout=30)
        response.raise_for_status()
        return response.json()["messages"]

    def verify_and_start_report(self, sender: str) -> None:
        """Verified as 王丽, medical policy, illness: the form asks for the date next."""
        self.say(sender, "我要报案")
        self.say(sender, "13800138000")
        reply = self.say(sender, "0026")
        assert "身份核实成功" in texts(reply), reply
        reply = self.say(sender, button(reply, "医疗险"))
        assert "意外受伤，还是生病" in texts(reply), reply
        assert "哪一天" in texts(self.say(sender, "生病"))
