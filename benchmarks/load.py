"""Load benchmark: simulated users running whole claim reports through the gateway, beside a bare Rasa baseline.

Prints figures; asserts nothing. Run with `make bench-load` or, e.g.

    .venv/bin/python benchmarks/load.py --levels 1,10,20 --duration 30
    .venv/bin/python benchmarks/load.py --mode embedded --levels 1,10,50,100 --conversations 20

Each simulated user (asyncio + aiohttp, no think time: a closed loop) runs full claim-report
conversations through the gateway's chat API (POST /api/messages): verification 13800138000 /
0026, the medical policy's button, illness, date, hospital, grade, diagnosis, amount, /affirm,
checking the replies on the way; each conversation has a fresh sender id. The clock is frozen
(CLAIMS_NOW) so "上周五" stays a valid date. Every confirmed report creates a claim in the
stack's own throwaway database.

Per concurrency level it prints p50/p95/p99 latency per message, messages per second, errors
(non-200 answers, timeouts, unexpected replies), the resident memory (VmRSS from /proc,
each process plus its children) of every server process after the level, and the CPU time each
server process spent per answered message during the level (utime + stime from /proc).

Modes:
  embedded  the defaults: one Rasa + one action server + gateway on SQLite (bot.stack.Stack)
  scaled    several Rasa + action servers on PostgreSQL + Redis, built by the scale-out
            work (issue 9); used when bot/stack.py provides it (see `scaled_stack`)

The baseline, in the same run: an empty `rasa init` assistant (REST channel, in-memory tracker,
no action server) driven the same way with its moodbot dialogue through /webhooks/rest/webhook.
`rasa init --no-prompt` trains it once; the model is cached in var/bench/ for later runs.
Ours and the baseline are printed side by side with the ratio ours / baseline for p95 and throughput.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Dict, List, Optional, Tuple

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import aiohttp  # noqa: E402
import requests  # noqa: E402

from bot.settings import PROJECT_ROOT  # noqa: E402
from bot.stack import MODEL, Stack, stop_process  # noqa: E402
from benchmarks.procstats import cpu_s, percentile, rss_mb  # noqa: E402

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


@dataclass
class LevelResult:
    users: int
    latencies_ms: List[float] = field(default_factory=list)
    ok_messages: int = 0
    conversations: int = 0
    abandoned: int = 0
    non_200: int = 0
    timeouts: int = 0
    unexpected: int = 0
    other: int = 0
    elapsed_s: float = 0.0
    rss_mb: Dict[str, float] = field(default_factory=dict)
    cpu_ms_per_message: Dict[str, float] = field(default_factory=dict)
    load_before: Tuple[float, float, float] = (0, 0, 0)
    load_after: Tuple[float, float, float] = (0, 0, 0)
    samples: List[str] = field(default_factory=list)  # a few error details

    @property
    def errors(self) -> int:
        return self.non_200 + self.timeouts + self.unexpected + self.other

    @property
    def throughput(self) -> float:
        return self.ok_messages / self.elapsed_s if self.elapsed_s else 0.0

    def pct(self, q: float) -> float:
        return percentile(self.latencies_ms, q)

    def note(self, detail: str) -> None:
        if len(self.samples) < 3:
            self.samples.append(detail[:200])


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


# --------------------------------------------------------------------------- the simulated users
async def post(http: aiohttp.ClientSession, target: Target, sender: str, text: str, result: LevelResult,
               timeout: aiohttp.ClientTimeout) -> Optional[List[dict]]:
    start = time.perf_counter()
    try:
        async with http.post(target.url, json=target.body(sender, text), timeout=timeout) as response:
            raw = await response.read()
            elapsed = (time.perf_counter() - start) * 1000
            if response.status != 200:
                result.non_200 += 1
                try:
                    detail = json.loads(raw)
                    detail = f"{detail.get('error')}: {detail.get('message')}"
                except (ValueError, AttributeError):
                    detail = raw[:150].decode("utf-8", "replace")
                result.note(f"HTTP {response.status} on {text!r}: {detail}")
                return None
            replies = target.replies(json.loads(raw))
    except asyncio.TimeoutError:
        result.timeouts += 1
        result.note(f"timeout after {timeout.total:.0f} s on {text!r}")
        return None
    except (aiohttp.ClientError, ValueError) as error:
        result.other += 1
        result.note(f"{type(error).__name__}: {error}")
        return None
    result.latencies_ms.append(elapsed)
    result.ok_messages += 1
    return replies


async def one_user(http, target: Target, result: LevelResult, stop_at: float, quota: Optional[List[int]],
                   timeout: aiohttp.ClientTimeout, prefix: str) -> None:
    await asyncio.sleep(random.uniform(0, 0.5))  # users do not all arrive in the same millisecond
    while True:
        if quota is not None:
            if quota[0] <= 0:
                return
            quota[0] -= 1
        elif time.perf_counter() >= stop_at:
            return
        sender = f"{prefix}-{uuid.uuid4().hex[:12]}"
        reply: List[dict] = []
        for number, (send, expected) in enumerate(target.script):
            if quota is None and number and time.perf_counter() >= stop_at:
                result.abandoned += 1  # the measured window is over: stop mid-conversation
                return
            try:
                text = send(reply) if callable(send) else send
            except Unexpected as error:
                result.unexpected += 1
                result.note(f"step {number}: {error}; last reply {texts(reply)[:100]!r}")
                break
            reply = await post(http, target, sender, text, result, timeout)
            if reply is None:
                break
            if not texts(reply).strip() or (expected and expected not in texts(reply)):
                result.unexpected += 1
                result.note(f"step {number} {text!r}: expected {expected!r}, got {texts(reply)[:120]!r}")
                break
        else:
            result.conversations += 1


async def run_level(target: Target, users: int, duration: float, conversations: Optional[int],
                    timeout_s: float) -> LevelResult:
    result = LevelResult(users=users, load_before=os.getloadavg())
    timeout = aiohttp.ClientTimeout(total=timeout_s)
    quota = [max(conversations, users)] if conversations else None
    connector = aiohttp.TCPConnector(limit=0, force_close=False)
    cpu_before = {name: cpu_s(pid) for name, pid in target.pids.items()}
    async with aiohttp.ClientSession(connector=connector) as http:
        start = time.perf_counter()
        stop_at = start + duration
        await asyncio.gather(*(
            one_user(http, target, result, stop_at, quota, timeout, f"load{users}u{i}") for i in range(users)
        ))
        result.elapsed_s = time.perf_counter() - start
    result.load_after = os.getloadavg()
    result.rss_mb = {name: rss_mb(pid) for name, pid in target.pids.items()}
    if result.ok_messages:
        result.cpu_ms_per_message = {name: (cpu_s(pid) - cpu_before[name]) * 1000 / result.ok_messages
                                     for name, pid in target.pids.items()}
    return result


async def warm_up(target: Target, rounds: int = 2) -> None:
    result = LevelResult(users=1)
    async with aiohttp.ClientSession() as http:
        for _ in range(rounds):
            await one_user(http, target, result, time.perf_counter() + 3600, [1], aiohttp.ClientTimeout(total=120), "warm")
    if result.errors:
        print(f"  warm-up had {result.errors} error(s): {result.samples}", flush=True)


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


# --------------------------------------------------------------------------- printing
def describe(result: LevelResult) -> str:
    memory = ", ".join(f"{name} {mb:.0f}" for name, mb in result.rss_mb.items())
    cpu = ", ".join(f"{name} {ms:.0f}" for name, ms in result.cpu_ms_per_message.items())
    line = (
        f"{result.users:>3} users | p50 {result.pct(50):6.0f} ms | p95 {result.pct(95):6.0f} ms | "
        f"p99 {result.pct(99):6.0f} ms | {result.throughput:6.1f} msg/s | {result.ok_messages:>5} msgs in "
        f"{result.elapsed_s:4.0f} s, {result.conversations} conversations done, {result.abandoned} cut at the end | "
        f"errors {result.errors} (non-200 {result.non_200}, timeouts {result.timeouts}, unexpected {result.unexpected}, "
        f"other {result.other}) | RSS MB: {memory} | CPU ms per message: {cpu or '-'} | load {result.load_before[0]:.1f}→{result.load_after[0]:.1f}"
    )
    for sample in result.samples:
        line += f"\n        e.g. {sample}"
    return line


def summary(results: Dict[str, Dict[int, LevelResult]], baseline_name: str) -> str:
    lines = ["", "Summary (ratio = ours / baseline; p95 ratio < 1 and throughput ratio > 1 mean ahead of the baseline)",
             f"{'system':<24} {'users':>5} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7} {'msg/s':>7} {'errors':>6}"
             f" {'p95 ratio':>9} {'msg/s ratio':>11}"]
    base = results.get(baseline_name, {})
    for name, levels in results.items():
        for users, r in levels.items():
            b = base.get(users)
            ratios = ""
            if b is not None and name != baseline_name:
                p95_ratio = r.pct(95) / b.pct(95) if b.latencies_ms else float("nan")
                tput_ratio = r.throughput / b.throughput if b.throughput else float("nan")
                ratios = f" {p95_ratio:>9.2f} {tput_ratio:>11.2f}"
            lines.append(f"{name:<24} {users:>5} {r.pct(50):>7.0f} {r.pct(95):>7.0f} {r.pct(99):>7.0f} "
                         f"{r.throughput:>7.1f} {r.errors:>6}{ratios}")
    return "\n".join(lines)


# --------------------------------------------------------------------------- main
def start_profilers(target: Target, users: int, args) -> List[subprocess.Popen]:
    """--profile DIR: py-spy (not a requirement: `pip install py-spy`) records every server process
    during the --profile-level level, as collapsed stacks (DIR/<system>-<process>-<users>u.txt)."""
    if not args.profile or users != args.profile_level:
        return []
    py_spy = shutil.which("py-spy") or str(Path(sys.executable).parent / "py-spy")
    folder = Path(args.profile)
    folder.mkdir(parents=True, exist_ok=True)
    system = target.name.replace(" ", "").replace(",", "-").replace("(", "").replace(")", "")
    seconds = max(5, int(args.duration) - 2) if not args.conversations else 30
    profilers = []
    for name, pid in target.pids.items():
        out = folder / f"{system}-{name}-{users}u.txt"
        profilers.append(subprocess.Popen([py_spy, "record", "--pid", str(pid), "--duration", str(seconds), "--rate", "50",
                                           "--format", "raw", "--output", str(out), "--nonblocking"],
                                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
    print(f"  py-spy records {', '.join(target.pids)} for {seconds} s into {folder}", flush=True)
    return profilers


def run_one_level(target: Target, users: int, args) -> LevelResult:
    profilers = start_profilers(target, users, args)
    result = asyncio.run(run_level(target, users, args.duration, args.conversations, args.timeout))
    for profiler in profilers:
        try:
            profiler.wait(timeout=60)
        except subprocess.TimeoutExpired:
            profiler.kill()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mode", default="embedded", help="embedded, scaled, or both (comma-separated list)")
    parser.add_argument("--levels", default="1,10,20,50,100", help="concurrent users per level (default 1,10,20,50,100)")
    parser.add_argument("--duration", type=float, default=30, help="seconds per level (default 30)")
    parser.add_argument("--conversations", type=int, default=0,
                        help="instead of a duration: this many whole conversations per level (at least one per user)")
    parser.add_argument("--timeout", type=float, default=30, help="seconds before a message counts as a timeout")
    parser.add_argument("--pause", type=float, default=3, help="seconds of rest between levels")
    parser.add_argument("--no-baseline", action="store_true", help="skip the rasa init baseline")
    parser.add_argument("--baseline-only", action="store_true", help="only the baseline")
    parser.add_argument("--profile", metavar="DIR", help="record the servers with py-spy during one level (see --profile-level)")
    parser.add_argument("--profile-level", type=int, default=10, help="the level --profile records (default 10 users)")
    parser.add_argument("--env", action="append", default=[], metavar="KEY=VALUE",
                        help="an environment setting for our servers (repeatable), e.g. --env RASA_TIMEOUT=60")
    parser.add_argument("--keep", action="store_true", help="keep the stacks' working folders (logs, databases)")
    args = parser.parse_args()
    args.levels = [int(n) for n in args.levels.split(",") if n.strip()]
    modes = ["embedded", "scaled"] if args.mode == "both" else [m.strip() for m in args.mode.split(",") if m.strip()]
    if args.baseline_only:
        modes = []
    for mode in modes:
        if mode not in STACKS:
            parser.error(f"unknown mode {mode!r}: embedded, scaled or both")
    os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")
    for setting in args.env:
        key, sep, value = setting.partition("=")
        if not sep or not key.strip():
            parser.error(f"--env wants KEY=VALUE, not {setting!r}")
        BENCH_ENV[key.strip()] = value

    per_level = f"{args.conversations} conversations" if args.conversations else f"{args.duration:.0f} s"
    print(f"load benchmark {time.strftime('%Y-%m-%d %H:%M:%S')}: {os.cpu_count()} cores, load average "
          f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}; levels {args.levels} users, {per_level} per level, "
          f"no think time; model {MODEL.name}; server settings {BENCH_ENV}", flush=True)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # stop the servers on `kill` too
    results: Dict[str, Dict[int, LevelResult]] = {}
    workroot = Path(tempfile.mkdtemp(prefix="bench-load-"))
    baseline_name = "baseline (rasa init)"
    running = []  # (name, object with stop())
    targets: List[Target] = []
    try:
        # Every system is started first; then each level runs on each system back to back, so
        # ours and the baseline are measured minutes apart at most, under the same background load.
        for mode in modes:
            workdir = workroot / mode
            workdir.mkdir()
            try:
                stack = STACKS[mode](workdir)
            except (NotImplementedError, ConnectionError) as error:
                print(f"\n== {mode}: skipped: {error}", flush=True)
                continue
            running.append(stack)
            stack.prepare_database()
            started = time.perf_counter()
            stack.start()
            print(f"{mode}: servers ready in {time.perf_counter() - started:.0f} s (work folder {workdir})", flush=True)
            targets.append(our_target(f"ours, {mode}", stack.gateway_url, stack.processes))
        if not args.no_baseline:
            model, note = prepare_baseline_model()
            print(f"baseline model: {note}", flush=True)
            baseline = Baseline(workroot, model)
            running.append(baseline)
            started = time.perf_counter()
            baseline.start()
            print(f"baseline: server ready in {time.perf_counter() - started:.0f} s", flush=True)
            targets.append(baseline.target())
        for target in targets:
            asyncio.run(warm_up(target))
            print(f"{target.name}: processes {target.pids}; RSS after start + warm-up (MB): "
                  + ", ".join(f"{n} {rss_mb(p):.0f}" for n, p in target.pids.items()), flush=True)
        for users in args.levels:
            print(f"\n== {users} concurrent users", flush=True)
            for target in targets:
                result = run_one_level(target, users, args)
                results.setdefault(target.name, {})[users] = result
                print(f"  {target.name:<22} " + describe(result), flush=True)
                time.sleep(args.pause)
    finally:
        for system in running:
            try:
                system.stop()
            except Exception as error:  # noqa: BLE001 - stop the others anyway
                print(f"stopping failed: {error!r}", flush=True)
        if args.keep:
            print(f"\nwork folders kept in {workroot}")
        else:
            shutil.rmtree(workroot, ignore_errors=True)
    print(summary(results, baseline_name), flush=True)


if __name__ == "__main__":
    main()
