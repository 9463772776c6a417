"""Real Rasa server + action server on spare loopback ports, on a throwaway database.

Needs the trained model (models/claims.tar.gz): `make test` trains before pytest.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
import requests

from bot.settings import PROJECT_ROOT

MODEL = PROJECT_ROOT / "models" / "claims.tar.gz"
RASA_PORT = 5105
ACTIONS_PORT = 5155
FROZEN_NOW = "2026-11-24T10:00:00+08:00"


class Stack:
    """The two server processes; `restart()` stops and starts both, keeping all data."""

    def __init__(self, workdir: Path):
        self.workdir = workdir
        self.url = f"http://127.0.0.1:{RASA_PORT}"
        self.env = dict(
            os.environ,
            CLAIMS_VAR_DIR=str(workdir),
            DATABASE_URL=f"sqlite:///{workdir / 'claims.db'}",
            CLAIMS_NOW=FROZEN_NOW,
            SANIC_HOST="127.0.0.1",
            RASA_TELEMETRY_ENABLED="false",
            TF_CPP_MIN_LOG_LEVEL="2",
            PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        )
        self.endpoints = workdir / "endpoints.yml"
        self.endpoints.write_text(
            f"action_endpoint:\n  url: http://127.0.0.1:{ACTIONS_PORT}/webhook\n"
            f"tracker_store:\n  type: SQL\n  dialect: sqlite\n  db: {workdir / 'tracker.db'}\n"
        )
        self.processes: list[subprocess.Popen] = []

    def _spawn(self, args: list[str], log_name: str) -> subprocess.Popen:
        log = open(self.workdir / log_name, "ab")
        return subprocess.Popen(args, cwd=PROJECT_ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)

    def start(self) -> None:
        rasa = str(Path(sys.executable).parent / "rasa")
        self.processes = [
            self._spawn([rasa, "run", "actions", "--port", str(ACTIONS_PORT), "--actions", "actions"], "actions.log"),
            self._spawn(
                [rasa, "run", "--interface", "127.0.0.1", "--port", str(RASA_PORT), "--model", str(MODEL),
                 "--endpoints", str(self.endpoints), "--credentials", "credentials.yml"],
                "rasa.log",
            ),
        ]
        deadline = time.monotonic() + 240
        while time.monotonic() < deadline:
            if all(self._answers(u) for u in (self.url + "/", f"http://127.0.0.1:{ACTIONS_PORT}/health")):
                return
            if any(p.poll() is not None for p in self.processes):
                break
            time.sleep(1)
        logs = "\n".join((self.workdir / n).read_text(errors="replace")[-3000:] for n in ("rasa.log", "actions.log"))
        self.stop()
        raise RuntimeError(f"servers did not start:\n{logs}")

    @staticmethod
    def _answers(url: str) -> bool:
        try:
            return requests.get(url, timeout=2).ok
        except requests.RequestException:
            return False

    def stop(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in self.processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
        self.processes = []

    def restart(self) -> None:
        self.stop()
        self.start()

    def send(self, sender: str, text: str) -> list[dict]:
        response = requests.post(f"{self.url}/webhooks/rest/webhook", json={"sender": sender, "message": text}, timeout=60)
        response.raise_for_status()
        return response.json()


@pytest.fixture(scope="session")
def stack(tmp_path_factory):
    if not MODEL.is_file():
        pytest.fail(f"{MODEL} is missing: run `make train` (make test does it) before the end-to-end tests")
    from bot.store.db import migrate, reset_engines, session_scope
    from bot.store.seed import seed_demo

    workdir = tmp_path_factory.mktemp("stack")
    url = f"sqlite:///{workdir / 'claims.db'}"
    migrate(url)
    with session_scope(url) as session:
        seed_demo(session)
    reset_engines()
    running = Stack(workdir)
    running.start()
    yield running
    running.stop()


@pytest.fixture
def sender() -> str:
    return f"e2e-{uuid.uuid4().hex[:10]}"


def texts(messages: list[dict]) -> str:
    return "\n".join(m.get("text") or "" for m in messages)
