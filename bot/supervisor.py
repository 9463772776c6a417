"""Start Rasa, the action server and the gateway (honcho + Procfile); wait until all answer.

Scaled mode (CLAIMS_MODE=scaled, `python -m bot up --scaled`): the Procfile and Rasa's endpoints
files are generated from the settings into CLAIMS_VAR_DIR (bot.scale), for RASA_INSTANCES
Rasa + action-server pairs on PostgreSQL and Redis, and the gateway.
"""
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
    env["RASA_TOKEN"] = env.get("RASA_TOKEN") or secrets.token_hex(24)  # hex: a token starting with "-" would read as an option
    return env


def start(log_path: Path, procfile: Path = PROJECT_ROOT / "Procfile") -> subprocess.Popen:
    """honcho runs the Procfile; its output goes to a log file to keep the terminal for chatting."""
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with open(log_path, "ab") as log:  # the child keeps its own handle
        return subprocess.Popen(
            [sys.executable, "-m", "honcho", "start", "-f", str(procfile)],
            cwd=PROJECT_ROOT, env=service_env(), stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )


def prepare_scaled() -> Path:
    """Check PostgreSQL and Redis, create the databases if missing, migrate and seed the claims database,
    write the endpoints files and the Procfile of this run; returns the Procfile. Raises RuntimeError
    with a message for the user when something is missing."""
    from sqlalchemy.engine import make_url

    from bot.scale import check_redis, ensure_databases, procfile, write_endpoints
    from bot.store.db import migrate, reset_engines, session_scope
    from bot.store.seed import seed_demo, seed_demo_advisor

    settings = load_settings()
    for name, url in (("DATABASE_URL", settings.database_url), ("TRACKER_DB_URL", settings.tracker_db_url)):
        if make_url(url).get_backend_name() != "postgresql":
            raise RuntimeError(f"scaled mode needs PostgreSQL: {name} is {make_url(url).render_as_string()}")
    if not settings.redis_url:
        raise RuntimeError("scaled mode needs Redis for Rasa's lock store: set REDIS_URL")
    try:
        check_redis(settings.redis_url)
        created = ensure_databases([settings.database_url, settings.tracker_db_url])
    except Exception as error:  # noqa: BLE001 - said to the user as it is
        raise RuntimeError(f"{error}") from error
    for name in created:
        print(f"✓ PostgreSQL database {name} created")
    migrate(settings.database_url)
    with session_scope(settings.database_url) as session:
        seed_demo(session)
        seed_demo_advisor(session)
    reset_engines()
    log_dir = settings.var_dir / "log"
    log_dir.mkdir(parents=True, exist_ok=True)
    endpoints = write_endpoints(settings.var_dir, settings.action_server_urls, settings.tracker_db_url,
                                settings.redis_url)
    path = settings.var_dir / "Procfile.scaled"
    path.write_text(procfile(settings.rasa_urls, settings.action_server_urls, endpoints, log_dir), encoding="utf-8")
    return path


def prepare_embedded() -> Path:
    """The embedded mode's endpoints file and Procfile, written from the settings (RASA_URL's and
    ACTION_SERVER_URL's ports, CLAIMS_VAR_DIR, TRACKER_DB_URL), like the scaled mode's for one
    instance; returns the Procfile. The `Procfile` and `endpoints.yml` in the project root say the
    same for the defaults, for running honcho or Rasa by hand."""
    from bot.scale import procfile, write_endpoints

    settings = load_settings()
    log_dir = settings.var_dir / "log"
    log_dir.mkdir(parents=True, exist_ok=True)
    endpoints = write_endpoints(settings.var_dir, [settings.action_server_url], settings.tracker_db_url)
    path = settings.var_dir / "Procfile.embedded"
    path.write_text(procfile(settings.rasa_urls[:1], [settings.action_server_url], endpoints, log_dir),
                    encoding="utf-8")
    return path


def _answers(url: str) -> bool:
    try:
        return requests.get(url, timeout=2).status_code < 500
    except requests.RequestException:
        return False


def already_running() -> str | None:
    """The address of a Rasa server or gateway that already answers (a chat would reach stale servers)."""
    settings = load_settings()
    for url in [rasa + "/" for rasa in settings.rasa_urls] + [settings.gateway_url + "/health"]:
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
    urls = [rasa + "/" for rasa in settings.rasa_urls]
    urls += [action.rsplit("/", 1)[0] + "/health" for action in dict.fromkeys(settings.action_server_urls)]
    urls.append(settings.gateway_url + "/health")
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            return False
        if all(_answers(url) for url in urls):
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
