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

from bot.scale import TF_THREAD_VARS
from bot.settings import PROJECT_ROOT

MODEL = PROJECT_ROOT / "models" / "claims.tar.gz"



def wait_or_kill(process: subprocess.Popen, timeout: float = 20) -> None:
    """Wait for a process group asked to stop; kill it when it takes longer than `timeout` seconds."""
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def stop_process(process: subprocess.Popen, timeout: float = 20) -> None:
    """SIGTERM a server's process group (started with start_new_session) and wait for it."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
    wait_or_kill(process, timeout)

class Stack:
    """The server processes; `restart()` stops and starts them all, keeping all data.

    `url` is Rasa's (tests may talk to its REST channel directly), `gateway_url` the
    gateway's (default port: rasa_port + 1000). Rasa's HTTP API is on, with `rasa_token`.

    Scaled (instances > 1): Rasa instance n (from 1) listens on rasa_port + n - 1 with its own
    action server on actions_port + n - 1; pass PostgreSQL `database_url` / `tracker_db_url`
    (existing databases) and `redis_url` for the lock store. The gateway spreads conversations
    over the instances (bot.scale.instance_order). Defaults: one instance on SQLite files in workdir.
    """

    def __init__(
        self, workdir: Path, rasa_port: int, actions_port: int,
        extra_env: Optional[Dict[str, str]] = None, model: Path = MODEL, gateway_port: Optional[int] = None,
        instances: int = 1, database_url: Optional[str] = None, tracker_db_url: Optional[str] = None,
        redis_url: str = "",
    ):
        from bot.scale import tf_thread_env, write_endpoints

        self.workdir = workdir
        self.model = model
        self.instances = instances
        self.database_url = database_url or f"sqlite:///{workdir / 'claims.db'}"
        self.tracker_db_url = tracker_db_url or f"sqlite:///{workdir / 'tracker.db'}"
        self.redis_url = redis_url
        self.rasa_ports = [rasa_port + i for i in range(instances)]
        self.actions_ports = [actions_port + i for i in range(instances)]
        self.rasa_urls = [f"http://127.0.0.1:{port}" for port in self.rasa_ports]
        self.url = self.rasa_urls[0]
        self.rasa_port = rasa_port
        self.actions_port = actions_port
        self.gateway_port = gateway_port or rasa_port + 1000
        self.gateway_url = f"http://127.0.0.1:{self.gateway_port}"
        self.rasa_token = secrets.token_hex(16)  # hex: never starts with "-" (read as an option)
        # extra_env wins over everything here (a test may point a server elsewhere).
        self.env = {**os.environ, **dict(
            CLAIMS_VAR_DIR=str(workdir),
            DATABASE_URL=self.database_url,
            TRACKER_DB_URL=self.tracker_db_url,
            SANIC_HOST="127.0.0.1",
            RASA_TELEMETRY_ENABLED="false",
            TF_CPP_MIN_LOG_LEVEL="2",
            PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
            RASA_URL=self.url,
            RASA_URLS=",".join(self.rasa_urls),
            RASA_TOKEN=self.rasa_token,
            ACTION_SERVER_URL=f"http://127.0.0.1:{actions_port}/webhook",  # each Rasa's is port + i
            GATEWAY_HOST="127.0.0.1",
            GATEWAY_PORT=str(self.gateway_port),
            **({"REDIS_URL": redis_url} if redis_url else {}),
        ), **(extra_env or {})}
        # Each Rasa its share of the cores as TensorFlow threads (unless extra_env says), the action servers none.
        self.rasa_threads = {**tf_thread_env(instances),
                             **{k: v for k, v in (extra_env or {}).items() if k in TF_THREAD_VARS}}
        action_urls = [f"http://127.0.0.1:{port}/webhook" for port in self.actions_ports]
        self.endpoints_files = write_endpoints(workdir, action_urls, self.tracker_db_url, redis_url)
        self.endpoints = self.endpoints_files[0]
        self.processes: List[subprocess.Popen] = []
        self.named: Dict[str, subprocess.Popen] = {}

    def prepare_database(self) -> None:
        """Migrate and seed the stack's own database (demo data and the demo advisor)."""
        from bot.store.db import migrate, reset_engines, session_scope
        from bot.store.seed import seed_demo, seed_demo_advisor

        migrate(self.database_url)
        with session_scope(self.database_url) as session:
            seed_demo(session)
            seed_demo_advisor(session)
        reset_engines()

    def _spawn(self, args: List[str], log_name: str, env: Optional[dict] = None) -> subprocess.Popen:
        with open(self.workdir / log_name, "ab") as log:  # the child keeps its own handle
            return subprocess.Popen(args, cwd=PROJECT_ROOT, env=env or self.env, stdout=log, stderr=subprocess.STDOUT,
                                    start_new_session=True)

    def _suffix(self, number: int) -> str:
        """Process names and logs: "rasa"/"rasa.log" for one instance, "rasa-2"/"rasa-2.log" when scaled."""
        return "" if self.instances == 1 else f"-{number}"

    @property
    def rasa_pid(self) -> int:
        return self.named["rasa" + self._suffix(1)].pid

    def _spawn_rasa(self, number: int) -> subprocess.Popen:
        rasa = str(Path(sys.executable).parent / "rasa")
        name = "rasa" + self._suffix(number)
        return self._spawn(
            [rasa, "run", "--enable-api", "--auth-token", self.rasa_token, "--interface", "127.0.0.1",
             "--port", str(self.rasa_ports[number - 1]), "--model", str(self.model),
             "--endpoints", str(self.endpoints_files[number - 1]), "--credentials", "credentials.yml"],
            name + ".log", {**self.env, **self.rasa_threads},  # self.env as it is now (a test may change it)
        )

    def _spawn_actions(self, number: int) -> subprocess.Popen:
        rasa = str(Path(sys.executable).parent / "rasa")
        name = "actions" + self._suffix(number)
        return self._spawn([rasa, "run", "actions", "--port", str(self.actions_ports[number - 1]),
                            "--actions", "actions"], name + ".log",
                           {k: v for k, v in self.env.items() if k not in TF_THREAD_VARS})

    def start(self, timeout: float = 240) -> None:
        self.named = {}
        for number in range(1, self.instances + 1):
            self.named["actions" + self._suffix(number)] = self._spawn_actions(number)
            self.named["rasa" + self._suffix(number)] = self._spawn_rasa(number)
        self.named["gateway"] = self._spawn([sys.executable, "-m", "bot", "gateway"], "gateway.log")
        self.processes = list(self.named.values())
        ready = [url + "/" for url in self.rasa_urls]
        ready += [f"http://127.0.0.1:{port}/health" for port in self.actions_ports] + [self.gateway_url + "/health"]
        self._wait(ready, timeout)

    def _wait(self, ready: List[str], timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if all(self._answers(url) for url in ready):
                return
            if any(p.poll() is not None for p in self.processes):
                break
            time.sleep(1)
        logs = "\n".join(
            f"--- {path.name}\n" + path.read_text(errors="replace")[-3000:] for path in sorted(self.workdir.glob("*.log"))
        )
        self.stop()
        raise RuntimeError(f"servers did not start:\n{logs}")

    def kill_rasa(self, number: int) -> None:
        """SIGKILL Rasa instance `number` (from 1), as a crash would; its action server keeps running."""
        process = self.named["rasa" + self._suffix(number)]
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()

    def start_rasa(self, number: int, timeout: float = 240) -> None:
        """Start Rasa instance `number` again (after kill_rasa) and wait until it answers."""
        name = "rasa" + self._suffix(number)
        old = self.named[name]
        self.named[name] = self._spawn_rasa(number)
        self.processes = [self.named[name] if p is old else p for p in self.processes]
        self._wait([self.rasa_urls[number - 1] + "/"], timeout)

    @staticmethod
    def _answers(url: str) -> bool:
        try:
            return requests.get(url, timeout=2).ok
        except requests.RequestException:
            return False

    def stop(self) -> None:
        for process in self.processes:  # all asked first, so they shut down side by side
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in self.processes:
            wait_or_kill(process)
        self.processes = []
        self.named = {}

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
