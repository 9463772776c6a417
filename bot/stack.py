"""A throwaway Rasa server + action server + gateway on chosen loopback ports, on its own database.

Used by the end-to-end tests and the benchmark: they need the real processes,
but must not touch the developer's `var/` or a running `make run`.
"""
from __future__ import annotations

import os
import secrets
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Dict, List, Optional

import requests

from bot.settings import PROJECT_ROOT

MODEL = PROJECT_ROOT / "models" / "claims.tar.gz"


class Stack:
    """The three server processes; `restart()` stops and starts them all, keeping all data.

    `url` is Rasa's (tests may talk to its REST channel directly), `gateway_url` the
    gateway's (default port: rasa_port + 1000). Rasa's HTTP API is on, with `rasa_token`.
    """

    def __init__(
        self, workdir: Path, rasa_port: int, actions_port: int,
        extra_env: Optional[Dict[str, str]] = None, model: Path = MODEL, gateway_port: Optional[int] = None,
    ):
        self.workdir = workdir
        self.model = model
        self.database_url = f"sqlite:///{workdir / 'claims.db'}"
        self.url = f"http://127.0.0.1:{rasa_port}"
        self.rasa_port = rasa_port
        self.actions_port = actions_port
        self.gateway_port = gateway_port or rasa_port + 1000
        self.gateway_url = f"http://127.0.0.1:{self.gateway_port}"
        self.rasa_token = secrets.token_urlsafe(16)
        self.env = dict(
            os.environ,
            CLAIMS_VAR_DIR=str(workdir),
            DATABASE_URL=self.database_url,
            SANIC_HOST="127.0.0.1",
            RASA_TELEMETRY_ENABLED="false",
            TF_CPP_MIN_LOG_LEVEL="2",
            PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
            RASA_URL=self.url,
            RASA_TOKEN=self.rasa_token,
            GATEWAY_HOST="127.0.0.1",
            GATEWAY_PORT=str(self.gateway_port),
            **(extra_env or {}),
        )
        self.endpoints = workdir / "endpoints.yml"
        self.endpoints.write_text(
            f"action_endpoint:\n  url: http://127.0.0.1:{actions_port}/webhook\n  enable_selective_domain: true\n"
            f"tracker_store:\n  type: SQL\n  dialect: sqlite\n  db: {workdir / 'tracker.db'}\n"
        )
        self.processes: List[subprocess.Popen] = []

    def prepare_database(self) -> None:
        """Migrate and seed the stack's own database (demo data and the demo advisor)."""
        from bot.store.db import migrate, reset_engines, session_scope
        from bot.store.seed import seed_demo, seed_demo_advisor

        migrate(self.database_url)
        with session_scope(self.database_url) as session:
            seed_demo(session)
            seed_demo_advisor(session)
        reset_engines()

    def _spawn(self, args: List[str], log_name: str) -> subprocess.Popen:
        with open(self.workdir / log_name, "ab") as log:  # the child keeps its own handle
            return subprocess.Popen(args, cwd=PROJECT_ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)

    @property
    def rasa_pid(self) -> int:
        return self.processes[1].pid

    def start(self, timeout: float = 240) -> None:
        rasa = str(Path(sys.executable).parent / "rasa")
        self.processes = [
            self._spawn([rasa, "run", "actions", "--port", str(self.actions_port), "--actions", "actions"], "actions.log"),
            self._spawn(
                [rasa, "run", "--enable-api", "--auth-token", self.rasa_token, "--interface", "127.0.0.1",
                 "--port", str(self.rasa_port), "--model", str(self.model),
                 "--endpoints", str(self.endpoints), "--credentials", "credentials.yml"],
                "rasa.log",
            ),
            self._spawn([sys.executable, "-m", "bot", "gateway"], "gateway.log"),
        ]
        deadline = time.monotonic() + timeout
        ready = (self.url + "/", f"http://127.0.0.1:{self.actions_port}/health", self.gateway_url + "/health")
        while time.monotonic() < deadline:
            if all(self._answers(url) for url in ready):
                return
            if any(p.poll() is not None for p in self.processes):
                break
            time.sleep(1)
        logs = "\n".join(
            f"--- {name}\n" + (self.workdir / name).read_text(errors="replace")[-3000:]
            for name in ("rasa.log", "actions.log", "gateway.log") if (self.workdir / name).is_file()
        )
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
                process.wait()
        self.processes = []

    def restart(self) -> None:
        self.stop()
        self.start()

    def chat(self, sender: str, text: str) -> dict:
        """One message through the gateway's chat API: {"messages": [...], "mode": ...}."""
        response = requests.post(f"{self.gateway_url}/api/messages", json={"sender": sender, "text": text}, timeout=60)
        response.raise_for_status()
        return response.json()

    def send(self, sender: str, text: str) -> List[dict]:
        """One message straight to Rasa's REST channel."""
        response = requests.post(f"{self.url}/webhooks/rest/webhook", json={"sender": sender, "message": text}, timeout=60)
        response.raise_for_status()
        return response.json()
