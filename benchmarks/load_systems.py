"""The systems the load benchmark drives (benchmarks/load.py): our stacks, the bare baseline, the dialogues.

Our embedded stack (bot.stack.Stack), the scaled stack on fresh PostgreSQL databases and Redis, and a
bare `rasa init` assistant trained once and cached in var/bench/; each gives a `Target` that the simulated
users of load.py talk to, with the claim report (ours) or the moodbot dialogue (the baseline).
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Dict, List, Optional, Tuple

import requests

from bot.settings import PROJECT_ROOT
from bot.stack import Stack, stop_process

FROZEN_NOW = "2026-11-24T10:00:00+08:00"
CACHE_DIR = PROJECT_ROOT / "var" / "bench"
BASELINE_MODEL = CACHE_DIR / "baseline-moodbot.tar.gz"
BASELINE_META = CACHE_DIR / "baseline-moodbot.json"
RASA_BIN = str(Path(sys.executable).parent / "rasa")

# Ports of the BENCH part (5350-5399): embedded 5350-5352, scaled 5360-5379, baseline 5390.
EMBEDDED_PORTS = dict(rasa_port=5350, actions_port=5351, gateway_port=5352)
SCALED_BASE_PORT = 5360
BASELINE_PORT = 5390

# Environment for our servers during the benchmark: the frozen clock. The gateway's rate limits stay
# at their defaults: a conversation is 11 messages from a fresh sender (under the per-sender limit),
# and requests from loopback without X-Forwarded-For have no per-IP limit.
BENCH_ENV = {"CLAIMS_NOW": FROZEN_NOW}
PG_ADMIN_URLS = [os.environ.get("BENCH_POSTGRES_URL", ""), "postgresql://postgres@127.0.0.1:5432/test",
                 "postgresql://root@127.0.0.1:5432/test"]
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/3")


# --------------------------------------------------------------------------- dialogues
class Unexpected(Exception):
    """The reply was not what the dialogue expects at this step."""


def texts(messages: List[dict]) -> str:
    return "\n".join(m.get("text") or "" for m in messages)


def button(messages: List[dict], title_part: str) -> str:
    for message in messages:
        for b in message.get("buttons") or []:
            if title_part in (b.get("title") or ""):
                return b.get("payload") or ""
    raise Unexpected(f"no button with {title_part!r}")


# (text to send or a function of the last reply, a substring the reply must contain or None for "any text")
Step = Tuple[object, Optional[str]]

CLAIM_REPORT: List[Step] = [
    ("我要报案", None),
    ("13800138000", None),
    ("0026", "身份核实成功"),
    (lambda reply: button(reply, "医疗险"), "意外受伤，还是生病"),
    ("生病", "哪一天"),
    ("上周五", "哪家医院"),
    ("北京朝阳医院", None),
    ("三甲", None),
    ("急性阑尾炎，做了手术", "多少钱"),
    ("一万二", "¥12,000.00"),
    ("/affirm", "案件号"),
]

# The moodbot of `rasa init`: greet, mood, cheer-up, did that help, bot challenge, goodbye (10 messages; ours: 11).
MOODBOT: List[Step] = [
    ("hello", "How are you"),
    ("I am great", "carry on"),
    ("hi there", "How are you"),
    ("I am very sad", "Did that help"),
    ("yes", "carry on"),
    ("hey", "How are you"),
    ("not good", "Did that help"),
    ("yes", "carry on"),  # not "no": after two sad paths the moodbot's policies answer a deny with nothing
    ("are you a bot?", "bot"),
    ("goodbye", "Bye"),
]


@dataclass
class Target:
    """Where and how a simulated user talks to a running assistant."""

    name: str
    url: str  # POST endpoint
    body: Callable[[str, str], dict]
    replies: Callable[[object], List[dict]]  # response JSON -> list of messages
    script: List[Step]
    pids: Dict[str, int]  # label -> pid, for the memory figures


def label_processes(processes) -> Dict[str, int]:
    """{"gateway": pid, "rasa": pid, "actions": pid} (numbered when there are several) from Popen args."""
    kinds = []
    for process in processes:
        args = " ".join(map(str, process.args))
        if " run actions" in args:
            kinds.append("actions")
        elif "-m bot gateway" in args or args.endswith(" gateway"):
            kinds.append("gateway")
        elif " run" in args:
            kinds.append("rasa")
        else:
            kinds.append(Path(str(process.args[0])).name)
    labels: Dict[str, int] = {}
    for kind, process in zip(kinds, processes):
        name = kind if kinds.count(kind) == 1 else f"{kind}{sum(1 for k in labels if k.startswith(kind)) + 1}"
        labels[name] = process.pid
    return dict(sorted(labels.items()))


# --------------------------------------------------------------------------- the systems under test
def our_target(name: str, gateway_url: str, processes) -> Target:
    return Target(
        name=name,
        url=f"{gateway_url}/api/messages",
        body=lambda sender, text: {"sender": sender, "text": text},
        replies=lambda data: data.get("messages") or [],
        script=CLAIM_REPORT,
        pids=label_processes(processes),
    )


def embedded_stack(workdir: Path) -> Stack:
    return Stack(workdir, extra_env=dict(BENCH_ENV), **EMBEDDED_PORTS)


class ScaledStack:
    """The scale-out mode: two Rasa + two action servers + gateway on PostgreSQL + Redis (bot.stack.Stack
    with `instances`), on fresh databases `bench_<random>` and `bench_<random>_tracker`, dropped by stop().

    Ports: Rasa 5360-5361, action servers 5370-5371, gateway 5380. Redis: BENCH_REDIS_URL (db 3).
    """

    def __init__(self, workdir: Path, instances: int = 2):
        import inspect

        if "instances" not in inspect.signature(Stack.__init__).parameters:
            raise NotImplementedError("bot.stack.Stack has no `instances` yet (the scale-out mode of issue 9)")
        from sqlalchemy import create_engine, text

        from bot.scale import check_redis, ensure_databases

        check_redis(REDIS_URL)
        self.admin = None
        for url in filter(None, PG_ADMIN_URLS):
            engine = create_engine(url, future=True, isolation_level="AUTOCOMMIT", connect_args={"connect_timeout": 3})
            try:
                with engine.connect() as connection:
                    connection.execute(text("SELECT 1"))
                self.admin = engine
                break
            except Exception:  # noqa: BLE001 - try the next candidate
                engine.dispose()
        if self.admin is None:
            raise ConnectionError("PostgreSQL is not reachable on 127.0.0.1:5432 (BENCH_POSTGRES_URL to choose)")
        name = f"bench_{uuid.uuid4().hex[:10]}"
        self.databases = [name, f"{name}_tracker"]
        urls = [self.admin.url.set(database=db).render_as_string(hide_password=False) for db in self.databases]
        ensure_databases(urls)
        self.stack = Stack(workdir, rasa_port=SCALED_BASE_PORT, actions_port=SCALED_BASE_PORT + 10,
                           gateway_port=SCALED_BASE_PORT + 20, instances=instances, database_url=urls[0],
                           tracker_db_url=urls[1], redis_url=REDIS_URL, extra_env=dict(BENCH_ENV))
        self.gateway_url = self.stack.gateway_url

    @property
    def processes(self):
        return self.stack.processes

    def prepare_database(self) -> None:
        self.stack.prepare_database()

    def start(self) -> None:
        self.stack.start(timeout=400)

    def stop(self) -> None:
        from sqlalchemy import text

        from bot.store.db import reset_engines

        self.stack.stop()
        reset_engines()
        with self.admin.connect() as connection:
            for db in self.databases:
                connection.execute(text(f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)'))
        self.admin.dispose()


def scaled_stack(workdir: Path) -> ScaledStack:
    return ScaledStack(workdir)


STACKS = {"embedded": embedded_stack, "scaled": scaled_stack}


def prepare_baseline_model() -> Tuple[Path, str]:
    """The trained `rasa init` model, from var/bench/ or trained now (and cached). Returns (path, note)."""
    if BASELINE_MODEL.is_file():
        meta = json.loads(BASELINE_META.read_text()) if BASELINE_META.is_file() else {}
        return BASELINE_MODEL, (f"cached {BASELINE_MODEL.relative_to(PROJECT_ROOT)} (rasa init + training took "
                                f"{meta.get('seconds', '?')} s on {meta.get('date', '?')})")
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="rasa-init-") as tmp:
        init_dir = Path(tmp) / "moodbot"
        init_dir.mkdir()  # rasa init wants the folder to exist
        print("  training the baseline: rasa init --no-prompt (a few minutes on 2 cores) …", flush=True)
        started = time.perf_counter()
        subprocess.run([RASA_BIN, "init", "--no-prompt", "--init-dir", str(init_dir)], cwd=tmp, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=dict(os.environ, RASA_TELEMETRY_ENABLED="false"))
        seconds = time.perf_counter() - started
        models = sorted((init_dir / "models").glob("*.tar.gz"), key=lambda p: p.stat().st_mtime)
        if not models:
            raise RuntimeError("rasa init did not produce a model")
        shutil.copyfile(models[-1], BASELINE_MODEL)
    BASELINE_META.write_text(json.dumps({"seconds": round(seconds), "date": time.strftime("%Y-%m-%d %H:%M")}))
    return BASELINE_MODEL, f"trained now: rasa init + training took {seconds:.0f} s; cached in {BASELINE_MODEL.relative_to(PROJECT_ROOT)}"


class Baseline:
    """`rasa run` of the moodbot: REST channel, in-memory tracker store, no action server."""

    def __init__(self, workdir: Path, model: Path, port: int = BASELINE_PORT):
        self.workdir, self.model, self.port = workdir, model, port
        self.url = f"http://127.0.0.1:{port}"
        self.processes: List[subprocess.Popen] = []

    def start(self, timeout: float = 240) -> None:
        credentials = self.workdir / "credentials.yml"
        credentials.write_text("rest:\n")
        endpoints = self.workdir / "endpoints.yml"
        endpoints.write_text("{}\n")
        env = dict(os.environ, RASA_TELEMETRY_ENABLED="false", TF_CPP_MIN_LOG_LEVEL="2")
        with open(self.workdir / "baseline.log", "ab") as log:
            self.processes = [subprocess.Popen(
                [RASA_BIN, "run", "--interface", "127.0.0.1", "--port", str(self.port), "--model", str(self.model),
                 "--credentials", str(credentials), "--endpoints", str(endpoints)],
                cwd=self.workdir, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)]
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                if requests.get(self.url + "/", timeout=2).ok:
                    return
            except requests.RequestException:
                pass
            if self.processes[0].poll() is not None:
                break
            time.sleep(1)
        log = (self.workdir / "baseline.log").read_text(errors="replace")[-3000:]
        self.stop()
        raise RuntimeError(f"the baseline did not start:\n{log}")

    def stop(self) -> None:
        for process in self.processes:
            stop_process(process)
        self.processes = []

    def target(self) -> Target:
        return Target(
            name="baseline (rasa init)",
            url=f"{self.url}/webhooks/rest/webhook",
            body=lambda sender, text: {"sender": sender, "message": text},
            replies=lambda data: data if isinstance(data, list) else [],
            script=MOODBOT,
            pids={"rasa": self.processes[0].pid},
        )
