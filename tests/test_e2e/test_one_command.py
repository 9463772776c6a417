"""`python -m bot serve`, the README's one command, on its embedded defaults but other ports and folders.

The embedded mode writes its own endpoints file and Procfile from the settings, so
RASA_URL, ACTION_SERVER_URL, GATEWAY_PORT and CLAIMS_VAR_DIR all take effect.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import requests

from bot.settings import PROJECT_ROOT

RASA, ACTIONS, GATEWAY = 5405, 5455, 5480
STARTUP_SECONDS = 240


def test_serve_starts_on_the_configured_ports_and_folders_then_stops(tmp_path):
    var = tmp_path / "var"
    env = {**os.environ, "CLAIMS_VAR_DIR": str(var), "RASA_URL": f"http://127.0.0.1:{RASA}",
           "ACTION_SERVER_URL": f"http://127.0.0.1:{ACTIONS}/webhook", "GATEWAY_PORT": str(GATEWAY),
           "CLAIMS_MODE": "embedded", "DATABASE_URL": "", "TRACKER_DB_URL": "", "RASA_TOKEN": ""}
    for command in ("migrate", "seed"):
        subprocess.run([sys.executable, "-m", "bot", command], cwd=PROJECT_ROOT, env=env, check=True,
                       capture_output=True, timeout=120)
    output = open(tmp_path / "serve.out", "w", encoding="utf-8")  # noqa: SIM115 - closed below
    process = subprocess.Popen([sys.executable, "-m", "bot", "serve"], cwd=PROJECT_ROOT, env=env,
                               stdout=output, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        gateway = f"http://127.0.0.1:{GATEWAY}"
        deadline = time.monotonic() + STARTUP_SECONDS
        while time.monotonic() < deadline and process.poll() is None:
            try:
                if requests.get(f"{gateway}/health", timeout=2).ok and requests.get(
                        f"http://127.0.0.1:{RASA}/", timeout=2).ok:
                    break
            except requests.RequestException:
                pass
            time.sleep(1)
        assert process.poll() is None, (tmp_path / "serve.out").read_text(encoding="utf-8")
        reply = requests.post(f"{gateway}/api/messages", json={"sender": "one-command", "text": "你好"}, timeout=60)
        said = " ".join(m.get("text") or "" for m in reply.json()["messages"])
        assert reply.ok and "理赔小助手" in said, said
        assert (var / "Procfile.embedded").is_file() and (var / "endpoints.generated.1.yml").is_file()
        assert f"--port {RASA}" in (var / "Procfile.embedded").read_text(encoding="utf-8")
        assert (var / "tracker.db").is_file() and (var / "log" / "rasa-1.log").is_file()
    finally:
        os.killpg(process.pid, signal.SIGINT)
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        output.close()
    for port in (RASA, ACTIONS, GATEWAY):  # everything stopped with it
        try:
            requests.get(f"http://127.0.0.1:{port}/", timeout=2)
            raise AssertionError(f"port {port} still answers after the stop")
        except requests.ConnectionError:
            pass
