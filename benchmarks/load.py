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
            work (issue 9); see `scaled_stack` in benchmarks/load_systems.py

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
from typing import Dict, List, Optional, Tuple

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import aiohttp  # noqa: E402

from benchmarks.load_systems import (  # noqa: E402
    BENCH_ENV, STACKS, Baseline, Target, Unexpected, our_target, prepare_baseline_model, texts,
)
from benchmarks.procstats import cpu_s, machine_busy_s, own_cpu_s, percentile, rss_mb  # noqa: E402
from bot.stack import MODEL  # noqa: E402

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
    machine_before, generator_before = machine_busy_s(), own_cpu_s()
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
        # Where the rest of the two cores went: this load generator, and everything (databases, Redis, kernel).
        result.cpu_ms_per_message["load generator"] = (own_cpu_s() - generator_before) * 1000 / result.ok_messages
        result.cpu_ms_per_message["whole machine"] = (machine_busy_s() - machine_before) * 1000 / result.ok_messages
    return result


async def warm_up(target: Target, rounds: int = 2) -> None:
    result = LevelResult(users=1)
    async with aiohttp.ClientSession() as http:
        for _ in range(rounds):
            await one_user(http, target, result, time.perf_counter() + 3600, [1], aiohttp.ClientTimeout(total=120), "warm")
    if result.errors:
        print(f"  warm-up had {result.errors} error(s): {result.samples}", flush=True)


# --------------------------------------------------------------------------- printing
def describe(result: LevelResult) -> str:
    memory = ", ".join(f"{name} {mb:.0f}" for name, mb in result.rss_mb.items())
    cpu = ", ".join(f"{name} {ms:.1f}" for name, ms in result.cpu_ms_per_message.items())
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
