"""Start Rasa, the action server and the gateway (honcho + Procfile); wait until all answer."""
from __future__ import annotations

import os
import secrets
import signal
import subprocess
import sys
import time
from pathlib import Path

import requests

from bot.settings import PROJECT_ROOT, load_settings

READY_TIMEOUT_S = 300


def service_env() -> dict:
    env = dict(os.environ)
    env.setdefault("RASA_TELEMETRY_ENABLED", "false")
    env.setdefault("SQLALCHEMY_SILENCE_UBER_WARNING", "1")
    env.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    env.setdefault("TF_INTER_OP_PARALLELISM_THREADS", "2")
    env.setdefault("TF_INTRA_OP_PARALLELISM_THREADS", "2")
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    # Rasa's HTTP API (the gateway resumes conversations with it) always needs a token;
    # without a configured one, each run makes its own and hands it to the children.
    env["RASA_TOKEN"] = env.get("RASA_TOKEN") or secrets.token_urlsafe(24)
    return env


def start(log_path: Path) -> subprocess.Popen:
    """honcho runs the Procfile; its output goes to a log file to keep the terminal for chatting."""
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with open(log_path, "ab") as log:  # the child keeps its own handle
        return subprocess.Popen(
            [sys.executable, "-m", "honcho", "start", "-f", str(PROJECT_ROOT / "Procfile")],
            cwd=PROJECT_ROOT, env=service_env(), stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )


def _answers(url: str) -> bool:
    try:
        return requests.get(url, timeout=2).status_code < 500
    except requests.RequestException:
        return False


def already_running() -> str | None:
    """The address of a Rasa server or gateway that already answers (a chat would reach stale servers)."""
    settings = load_settings()
    for url in (settings.rasa_url + "/", settings.gateway_url + "/health"):
        if _answers(url):
            return url.rsplit("/", 1)[0]
    return None


def stop_on_hangup() -> None:
    """Closing the terminal (SIGHUP) or `kill` (SIGTERM) stops the servers like Ctrl-C does."""

    def interrupt(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGHUP, interrupt)
    signal.signal(signal.SIGTERM, interrupt)


def wait_ready(process: subprocess.Popen, timeout: float = READY_TIMEOUT_S) -> bool:
    settings = load_settings()
    health = settings.action_server_url.rsplit("/", 1)[0] + "/health"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            return False
        if all(_answers(url) for url in (settings.rasa_url + "/", health, settings.gateway_url + "/health")):
            return True
        time.sleep(1)
    return False


def stop(process: subprocess.Popen) -> None:
    """SIGTERM to the whole group, then SIGKILL if anything lingers."""
    if process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    except ProcessLookupError:
        pass
